import { execFile } from 'node:child_process';
import { EditionError } from '../errors.js';
import { eachEdition, sourceLocaleOf } from '../project/project.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stringifyPage } from '../render/stringify.js';
import { changedSegments } from '../review/changes.js';
import { diffPage, type DiffSection } from '../review/diff-page.js';
import { ANSI_STYLE, PLAIN_STYLE, formatDiff, textDiff, type DiffPart } from '../review/word-diff.js';
import { emptyMemory, parseMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import type { CommandIo } from './build-command.js';
import { outputFile, readProjectInput } from './project-input.js';
import { terminalLine } from './terminal-text.js';

export interface DiffCommandOptions {
  content: string;
  localesDir: string;
  /** A git revision: compare with the memory as it was there. */
  since?: string;
  /** Also write the diff as an HTML page to this file. */
  html?: string;
}

/** The changed segments of one locale's editions: the English change and the translation change, word by word. */
export async function diffCommand(locale: string, slug: string | undefined, options: DiffCommandOptions, io: CommandIo): Promise<void> {
  const html = options.html === undefined ? undefined : outputFile(io.cwd, options.html, '--html');
  const { project } = await readProjectInput({ ...options, locales: locale }, io.cwd, '<locale>');
  const config = project.locales.find((candidate) => candidate.code === locale)!;
  const source = sourceLocaleOf(project);
  if (locale === project.site.sourceLocale) {
    throw new EditionError(`${locale} is the source locale; it has no translations to diff`, { code: 'cli/usage', field: 'locale', hint: 'name a target locale, e.g. `edition diff ko`' });
  }
  if (slug !== undefined && !project.articles.some((article) => article.slug === slug)) {
    throw new EditionError(`no article "${slug}"`, { code: 'cli/unknown-article', field: 'slug', hint: `articles: ${project.articles.map((article) => article.slug).join(', ')}` });
  }
  const colour = io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined;
  const style = colour ? ANSI_STYLE : PLAIN_STYLE;
  const sections: DiffSection[] = [];
  let total = 0;
  for await (const { article, segments, memory, memoryFile: file } of eachEdition(project, [locale], slug)) {
    const before = options.since === undefined ? undefined : await memoryAt(io.cwd, options.since, file, article.slug, locale);
    const changes = changedSegments(segments, memory, before);
    for (const change of changes) {
      total += 1;
      const sourceParts = textDiff(change.sourceBefore, change.sourceAfter, project.site.sourceLocale);
      const targetParts = textDiff(change.targetBefore, change.targetAfter, config.intl);
      // Sources and targets are text from outside: a target must not retitle or erase the reviewer's terminal.
      io.stdout.write(`${terminalLine(file)} (${terminalLine(change.id)}) ${change.status}\n`);
      io.stdout.write(`  ${project.site.sourceLocale}: ${formatDiff(printable(sourceParts), style)}\n`);
      io.stdout.write(`  ${locale}: ${change.targetAfter === '' && change.targetBefore === '' ? '(no translation yet)' : formatDiff(printable(targetParts), style)}\n`);
      sections.push({
        heading: `${file} (${change.id})`,
        status: change.status,
        source: { lang: project.site.sourceLocale, dir: source?.dir ?? 'ltr', parts: sourceParts },
        target: { lang: locale, dir: config.dir, parts: targetParts },
      });
    }
  }
  const since = options.since === undefined ? '' : ` since ${options.since}`;
  io.stdout.write(`${terminalLine(`${total} changed segment${total === 1 ? '' : 's'} in ${locale}${slug ? ` ${slug}` : ''}${since}`)}\n`);
  if (html !== undefined) {
    await writeFileAtomic(html, stringifyPage(diffPage(`${locale}${slug ? ` ${slug}` : ''}: changes${since}`, sections)));
  }
}

function printable(parts: readonly DiffPart[]): DiffPart[] {
  return parts.map((part) => ({ ...part, text: terminalLine(part.text) }));
}

/** The memory file as committed at a git revision; an empty memory where the file did not exist yet. */
async function memoryAt(cwd: string, revision: string, file: string, slug: string, locale: string): Promise<MemoryFile> {
  if (revision.startsWith('-')) throw new EditionError(`"${revision}" is not a revision`, { code: 'cli/usage', field: '--since' });
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile('git', ['-C', cwd, 'show', `${revision}:./${file}`], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }));
  });
  if (result.code === 0) return parseMemory(result.stdout, `${revision}:${file}`);
  if (/does not exist in|exists on disk, but not in/u.test(result.stderr)) return emptyMemory(slug, locale);
  throw new EditionError(`git cannot show ${file} at "${revision}": ${result.stderr.trim().split('\n')[0]}`, {
    code: 'git/revision',
    field: '--since',
    hint: 'give a commit, tag or branch of this repository, e.g. --since HEAD~1',
  });
}
