import { existsSync, readdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readText } from '../io/read-text.js';
import { isArticleName } from '../content/article.js';
import { memoryFilePath, parseMemory, serializeMemory } from '../translation/memory/memory-file.js';
import type { CommandIo } from './build-command.js';
import { terminalSafe } from './terminal-text.js';

export interface RenameCommandOptions {
  content: string;
}

/**
 * Give an article a new name (its file, its pages' names) with its
 * translations: each locale's memory file moves to the new name and
 * records it. The article's file may have been renamed already (by hand,
 * by git mv); its memory files, left under the old name, are what is
 * moved then. Everything is checked before anything moves.
 */
export async function renameCommand(from: string, to: string, options: RenameCommandOptions, io: CommandIo): Promise<void> {
  const content = resolve(io.cwd, options.content);
  const show = (file: string) => relative(io.cwd, file) || file;
  for (const [slug, field] of [
    [from, '<old>'],
    [to, '<new>'],
  ] as const) {
    if (!isArticleName(slug) || /\.md$/iu.test(slug)) {
      throw new EditionError(`"${terminalSafe(slug)}" cannot be an article's name`, {
        code: 'cli/usage',
        field,
        hint: 'give the name without content/ and .md, with letters, digits, ".", "_" and "-" (e.g. trade-talks-end)',
      });
    }
  }
  if (from === to) throw new EditionError('the old and new names are the same', { code: 'cli/usage', field: '<new>', hint: 'give the name the article should have' });
  const article = (slug: string) => join(content, `${slug}.md`);
  const moveArticle = existsSync(article(from));
  if (moveArticle && existsSync(article(to))) {
    throw new EditionError(`both ${show(article(from))} and ${show(article(to))} exist`, { code: 'cli/usage', file: show(article(to)), hint: 'rename to a name no article has' });
  }
  if (!moveArticle && !existsSync(article(to))) {
    throw new EditionError(`no article ${show(article(from))} (nor ${show(article(to))}, renamed already)`, {
      code: 'cli/missing-file',
      file: show(article(from)),
      hint: 'give the name of an article of the content folder',
    });
  }
  const translations = join(content, 'translations');
  const locales = existsSync(translations) ? readdirSync(translations, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')) : [];
  const moves: Array<{ from: string; to: string; text: string }> = [];
  for (const { name: locale } of locales) {
    const old = memoryFilePath(article(from), from, locale);
    if (!existsSync(old)) continue;
    const target = memoryFilePath(article(to), to, locale);
    if (existsSync(target)) throw new EditionError(`${show(target)} exists already`, { code: 'cli/usage', file: show(target), hint: `merge or delete one of ${show(old)} and ${show(target)} first` });
    const memory = parseMemory(await readText(old, show(old)), show(old));
    moves.push({ from: old, to: target, text: serializeMemory({ ...memory, article: to }) });
  }
  // A name given wrong (a typo, a second run) would otherwise be reported as a rename of nothing.
  if (!moveArticle && moves.length === 0) {
    throw new EditionError(`no article ${show(article(from))} and no memory file named ${from}.json: nothing to rename`, {
      code: 'cli/missing-file',
      file: show(article(from)),
      hint: 'give the name the article had (its memory files still bear it), without content/ and .md',
    });
  }
  // The memory files first, each written whole before its old file goes: a stop halfway leaves every translation in a file.
  for (const move of moves) {
    await writeFileAtomic(move.to, move.text);
    await rm(move.from);
  }
  if (moveArticle) await rename(article(from), article(to));
  io.stdout.write(
    `renamed ${show(article(from))} to ${show(article(to))}${moveArticle ? '' : ' (the article was moved already)'}, with ${moves.length} memory file${moves.length === 1 ? '' : 's'}\n` +
      `the next build publishes <locale>/${to}.html and takes down <locale>/${from}.html: links to the old pages stop working\n`,
  );
}
