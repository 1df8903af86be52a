/**
 * A small project for the hardening tests: two locales (en, de) and one
 * article whose German memory is complete, so a build with the default
 * memory translator succeeds until a case breaks something.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { serializeMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { mockTranslate } from '../support/mock-translator.js';
import { repoRoot } from '../support/project.js';
import { tempDir } from '../support/temp.js';

export const TALKS = `---
title: "Trade talks end"
date: "2024-06-27"
dateline:
  city: Seoul
---

The talks ended without [an agreement](https://example.org/talks).

Officials said *nothing* more.
`;

/** An article with the given front matter lines and body. */
export function article(frontMatter: string, body = 'A short story.'): string {
  return `---\n${frontMatter}\n---\n\n${body}\n`;
}

export const VALID_FRONT_MATTER = 'title: "A story"\ndate: "2024-06-27"\ndateline:\n  city: Seoul';

/** The memory a newsroom would have for `text`: every segment, translated by people. */
export function memoryFor(text: string, slug: string, locale: string): MemoryFile {
  const memory: MemoryFile = { article: slug, locale, segments: {} };
  for (const segment of segmentArticle(loadArticle(text, `content/${slug}.md`, slug))) {
    memory.segments[segment.id] = { source: segment.source, target: mockTranslate(segment.source, locale), origin: 'human', state: 'reviewed' };
  }
  return memory;
}

/**
 * Write the base project, then each of `files` over it (`null` deletes).
 * Returns the project folder.
 */
export function hardeningProject(files: Record<string, string | Uint8Array | null> = {}, locales: readonly string[] = ['en', 'de']): string {
  const dir = tempDir('edition-hardening-');
  for (const locale of locales) cpSync(join(repoRoot, 'locales', locale), join(dir, 'locales', locale), { recursive: true });
  const base: Record<string, string> = {
    'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\n',
    'content/talks.md': TALKS,
  };
  for (const locale of locales.filter((code) => code !== 'en')) {
    base[`content/translations/${locale}/talks.json`] = serializeMemory(memoryFor(TALKS, 'talks', locale));
  }
  for (const [path, content] of Object.entries({ ...base, ...files })) {
    const file = join(dir, path);
    if (content === null) {
      rmSync(file, { force: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/**
 * Stands for a previous build in out/ (one page and edition's manifest
 * listing it), so a failed build can be seen to leave it alone.
 */
export function writePreviousBuild(dir: string): void {
  const page = 'the previous build\n';
  const manifest = { sourceRevision: null, coverage: {}, files: [{ path: 'index.html', sha256: createHash('sha256').update(page).digest('hex'), size: Buffer.byteLength(page) }] };
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'out/index.html'), page);
  writeFileSync(join(dir, 'out/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
