/**
 * Scratch projects for the DeepL tests and benchmark: generated articles,
 * a few of the repository's locales, and the CLI run in-process against
 * the fake DeepL server.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import type { FakeDeepL } from './fake-deepl.js';
import { tempDir } from './temp.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ArticleSpec {
  slug: string;
  title: string;
  summary?: string;
  paragraphs: string[];
}

export function articleMarkdown(spec: ArticleSpec): string {
  return [
    '---',
    `title: ${JSON.stringify(spec.title)}`,
    ...(spec.summary ? [`summary: ${JSON.stringify(spec.summary)}`] : []),
    'date: "2024-06-27"',
    'dateline:',
    '  city: Seoul',
    '  timezone: Asia/Seoul',
    '---',
    '',
    ...spec.paragraphs.flatMap((paragraph) => [paragraph, '']),
  ].join('\n');
}

/** A temp project with the given articles and locales copied from the repository. */
export function deeplProject(articles: readonly ArticleSpec[], locales: readonly string[] = ['en', 'ko', 'de']): string {
  const dir = tempDir('edition-deepl-');
  for (const locale of locales) cpSync(join(root, 'locales', locale), join(dir, 'locales', locale), { recursive: true });
  mkdirSync(join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');
  for (const article of articles) writeArticle(dir, article);
  return dir;
}

export function writeArticle(dir: string, article: ArticleSpec): void {
  writeFileSync(join(dir, 'content', `${article.slug}.md`), articleMarkdown(article));
}

export function readMemory(dir: string, slug: string, locale: string): MemoryFile | undefined {
  const file = join(dir, 'content/translations', locale, `${slug}.json`);
  return existsSync(file) ? parseMemory(readFileSync(file, 'utf8'), file) : undefined;
}

/** The environment a user would set to point edition at the fake server. */
export function fakeEnv(fake: FakeDeepL, extra: Record<string, string> = {}): Record<string, string> {
  return { DEEPL_AUTH_KEY: fake.key, DEEPL_SERVER_URL: fake.url, DEEPL_MAX_RETRIES: '1', DEEPL_TIMEOUT_MS: '2000', ...extra };
}

/** The CLI, run in-process with the given environment. */
export { runCli as runEdition, type CliRun } from './build.js';

/** Paragraphs with inline markup of every kind a translator must keep. */
export function paragraph(seed: string): string {
  return `Report ${seed} says *the talks* in [Seoul](https://example.com/${seed}) ended with \`code-${seed}\` and a **firm** statement.`;
}

/** `paragraph(seed)` as the translator sees it: tagged text. */
export function taggedParagraph(seed: string): string {
  return `Report ${seed} says <em1>the talks</em1> in <a2>Seoul</a2> ended with <code3/> and a <strong4>firm</strong4> statement.`;
}
