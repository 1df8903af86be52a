import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { eachEdition } from '../project/project.js';
import { readGlossaries } from '../io/read-glossaries.js';
import { articlePath } from '../render/article-page.js';
import { checkEdition, checkHreflang, hreflangTargets, type BuiltPage, type Problem } from '../review/check.js';
import type { CommandIo } from './build-command.js';
import { readProjectInput, type ProjectOptions } from './project-input.js';
import { terminalSafe } from './terminal-text.js';

export interface CheckCommandOptions extends ProjectOptions {
  out: string;
  json?: boolean;
}

/**
 * The CI gate: every edition's segments against its memory, the glossary,
 * and the built pages' hreflang links. Reads files only: no network, no key.
 */
export async function checkCommand(options: CheckCommandOptions, io: CommandIo): Promise<void> {
  const { project, targets } = await readProjectInput(options, io.cwd);
  const glossaries = await readGlossaries(resolve(io.cwd, options.localesDir), io.cwd);
  const problems: Problem[] = [];
  const pagePaths: string[] = [];
  let editions = 0;
  for (const { slug } of project.articles) for (const locale of project.locales) pagePaths.push(articlePath(locale.code, slug));
  for await (const { article, segments, locale, memory, memoryFile } of eachEdition(project, targets)) {
    editions += 1;
    problems.push(...checkEdition({ articleFile: article.file, locale, memoryFile, segments, memory, glossary: glossaries.get(locale) }));
  }
  const outDir = resolve(io.cwd, options.out);
  const pages: BuiltPage[] = [];
  const built = new Set<string>();
  for (const path of pagePaths) {
    let html: string;
    try {
      html = await readFile(join(outDir, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    built.add(path);
    pages.push({ path, locale: path.split('/')[0]!, alternates: hreflangTargets(html, project.site.url) });
  }
  problems.push(...checkHreflang(pages, built, relative(io.cwd, outDir) || outDir));

  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ok: errors === 0, editions, errors, warnings, builtPages: pages.length, problems }, null, 2)}\n`);
  } else {
    for (const problem of problems) {
      const where = `${problem.file}: ${problem.locale}${problem.segment ? ` (${problem.segment})` : ''}`;
      io.stdout.write(terminalSafe(`${where}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.kind}: ${problem.message}\n  do: ${problem.action}\n`));
    }
    const pagesNote = pages.length === 0 ? `; no built pages in ${options.out}, so hreflang links were not checked` : `; hreflang links of ${pages.length} built pages checked`;
    io.stdout.write(`checked ${editions} edition${editions === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${pagesNote}\n`);
  }
  if (errors > 0) {
    throw new EditionError(`${errors} problem${errors === 1 ? '' : 's'} must be fixed before these editions are published`, {
      code: 'check/failed',
      hint: 'each problem above says what to do; run `edition check` again afterwards',
    });
  }
}
