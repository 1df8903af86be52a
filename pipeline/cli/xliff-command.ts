import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { eachEdition, type Project } from '../project/project.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readText } from '../io/read-text.js';
import { contentLockFile, withLock } from '../io/lock.js';
import { exportXliff, type XliffArticle } from '../review/xliff/export.js';
import { importXliff } from '../review/xliff/import.js';
import { MAX_XLIFF_BYTES } from '../review/xliff/read-xml.js';
import { exportXliff12 } from '../review/xliff/xliff12.js';
import { serializeMemory } from '../translation/memory/memory-file.js';
import type { CommandIo } from './build-command.js';
import { outputFile, readProjectInput, type ProjectOptions } from './project-input.js';

export interface XliffExportOptions extends Omit<ProjectOptions, 'locales'> {
  /** Write here instead of standard output. */
  out?: string;
  /** XLIFF 2.1 (the default) or 1.2. */
  version?: '2.1' | '1.2';
}

export async function xliffExportCommand(locale: string, slug: string | undefined, options: XliffExportOptions, io: CommandIo): Promise<void> {
  const { project } = await readProjectInput({ ...options, locales: locale }, io.cwd, '<locale>');
  if (locale === project.site.sourceLocale) {
    throw new EditionError(`${locale} is the source locale; there is nothing to translate into it`, {
      code: 'cli/usage',
      field: 'locale',
      hint: 'name a target locale, e.g. `edition xliff export ko`',
    });
  }
  const articles = await articlesOf(project, locale, slug);
  if (articles.length === 0) {
    throw new EditionError(`no article "${slug}"`, { code: 'cli/unknown-article', field: 'slug', hint: `articles: ${project.articles.map((article) => article.slug).join(', ')}` });
  }
  const xliff = (options.version === '1.2' ? exportXliff12 : exportXliff)(project.site.sourceLocale, locale, articles);
  if (options.out === undefined) io.stdout.write(xliff);
  else {
    await writeFileAtomic(outputFile(io.cwd, options.out, '--out'), xliff);
    const units = articles.reduce((sum, article) => sum + article.segments.length, 0);
    io.stdout.write(`wrote ${options.out}: ${units} segment${units === 1 ? '' : 's'} of ${articles.length} article${articles.length === 1 ? '' : 's'} in ${locale}\n`);
  }
}

/** Import a reviewed XLIFF file: every unit is checked first; one bad unit and nothing is written. */
export async function xliffImportCommand(file: string, options: Omit<ProjectOptions, 'locales'>, io: CommandIo): Promise<void> {
  const { project } = await readProjectInput(options, io.cwd);
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    // Bounded before anything is read: the parser holds the whole file and its tree in memory.
    const size = (await stat(path)).size;
    if (size > MAX_XLIFF_BYTES) {
      throw new EditionError(`file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_XLIFF_BYTES / 1024 / 1024} MB an XLIFF import takes`, {
        code: 'xliff/too-large',
        file,
        hint: 'export and import fewer articles at a time (`edition xliff export <locale> <slug>`)',
      });
    }
    // Strict UTF-8: a file a CAT tool saved in Latin-1 would put U+FFFD into the memory, not an error.
    text = await readText(path, file);
  } catch (error) {
    if (error instanceof EditionError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new EditionError('file does not exist', { code: 'cli/missing-file', file, hint: 'give the path of an XLIFF file made by `edition xliff export`' });
  }
  // A build translating at the same time would write these memory files too: the last write would win.
  await withLock(contentLockFile(resolve(io.cwd, options.content)), `the translation memory in ${options.content}`, async () => {
    const targetLocales = project.locales.map((locale) => locale.code).filter((code) => code !== project.site.sourceLocale);
    const result = await importXliff(
      text,
      relative(io.cwd, path) || path,
      { sourceLocale: project.site.sourceLocale, targetLocales },
      async (slug, locale) => (await articlesOf(project, locale, slug))[0],
    );
    let changed = 0;
    for (const { file: memoryFile, memory, changed: count } of result.memories) {
      if (count === 0) continue;
      changed += count;
      await writeFileAtomic(resolve(io.cwd, memoryFile), serializeMemory(memory));
      io.stdout.write(`${memoryFile}: ${count} segment${count === 1 ? '' : 's'} updated\n`);
    }
    for (const unit of result.rebased) {
      const where = unit.to === undefined ? 'matched no segment of the new English: kept under its old id (`edition check` lists it)' : `stored for segment ${unit.to}, marked source-changed`;
      io.stdout.write(`${file}:${unit.line}: unit ${unit.from} was made for an older English; ${where}\n`);
    }
    for (const unit of result.unstamped) {
      io.stderr.write(
        `warning: ${file}:${unit.line}: unit ${unit.id} has no "exported" note (the tool dropped it), so a change made in the memory since the export cannot be told from the reviewer's: taken as the reviewer's\n`,
      );
    }
    if (result.unstamped.length > 0) io.stderr.write('  hint: if this file is older than the memory, export again and redo the work there (keep the notes edition writes)\n');
    for (const unit of result.drafts) {
      io.stderr.write(`warning: ${file}:${unit.line}: unit ${unit.id} has a translation but its state says it still needs one (initial): stored as a draft, it holds its edition\n`);
    }
    if (result.drafts.length > 0) io.stderr.write('  hint: set state="translated" (XLIFF 1.2: state="translated"), or a review state, on each unit that is done, and import again\n');
    for (const unit of result.flagged) io.stderr.write(`warning: ${file}:${unit.line}: unit ${unit.id} is still flagged: a flag clears only when its target changes, so its edition stays held\n`);
    if (result.flagged.length > 0) io.stderr.write('  hint: to keep the target as it is, delete its "flag" in the review desk (edition serve) or in the memory file\n');
    for (const unit of result.copies)
      io.stderr.write(`warning: ${file}:${unit.line}: unit ${unit.id}'s target is its English, word for word (what some tools write for a unit nobody translated): stored, it publishes the English\n`);
    if (result.copies.length > 0) io.stderr.write('  hint: translate it and import again, unless the English is right in this language too (a name, a title)\n');
    io.stdout.write(`imported ${file}: ${changed} segment${changed === 1 ? '' : 's'} changed in ${result.targetLocale}\n`);
  });
}

async function articlesOf(project: Project, locale: string, slug: string | undefined): Promise<XliffArticle[]> {
  const articles: XliffArticle[] = [];
  for await (const { article, segments, memory, memoryFile } of eachEdition(project, [locale], slug)) {
    articles.push({ slug: article.slug, articleFile: article.file, memoryFile, segments, memory });
  }
  return articles;
}
