import { EditionError } from '../errors.js';
import { projectStatus } from '../build/status.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { projectStrings } from '../project/localization.js';
import { percent, statusPage, type StatusReport } from '../review/status-page.js';
import { stringifyPage } from '../render/stringify.js';
import type { CommandIo } from './build-command.js';
import { heldLines } from './held.js';
import { counted, outputFile, readProjectInput, type ProjectOptions } from './project-input.js';

export interface StatusCommandOptions extends ProjectOptions {
  json?: boolean;
  /** Also write the dashboard here. */
  html?: string;
  /** The dashboard's UI language (default: the source locale). */
  lang?: string;
}

/**
 * Where every edition stands under the publishing policy: the coverage
 * matrix, per-locale shares and the cost to complete. Reads files only:
 * no network, no key; it never fails because something is held.
 */
export async function statusCommand(options: StatusCommandOptions, io: CommandIo): Promise<void> {
  const html = options.html === undefined ? undefined : outputFile(io.cwd, options.html, '--html');
  const { project, targets } = await readProjectInput(options, io.cwd);
  // Checked whether or not --html is given: a misspelt --lang is said at once, not the day the page is asked for.
  const code = options.lang ?? project.site.sourceLocale;
  const locale = project.locales.find((candidate) => candidate.code === code);
  if (!locale) {
    throw new EditionError(`unknown locale ${code.slice(0, 40)}`, { code: 'cli/unknown-locale', field: '--lang', hint: `configured locales: ${project.locales.map((one) => one.code).join(', ')}` });
  }
  if (options.lang !== undefined && html === undefined) {
    throw new EditionError('--lang sets the language of the --html page, and no --html was given', { code: 'cli/usage', field: '--lang', hint: 'add --html FILE, or leave --lang out' });
  }
  const report = await projectStatus(project, targets);
  if (html !== undefined) {
    const t = projectStrings(project).forLocale(locale);
    await writeFileAtomic(html, stringifyPage(statusPage(report, { locale, t })));
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ok: true, ...withPercentages(report) }, null, 2)}\n`);
    return;
  }
  for (const locale of report.locales) {
    io.stdout.write(
      `${locale.code}: ${percent(locale.readySegments, locale.segments)}% of segments, ${percent(locale.readyCharacters, locale.characters)}% of characters ready; ${locale.published} published, ${locale.held} held; ${counted(locale.unreviewedMachine, 'unreviewed machine segment')}; to complete: ${counted(locale.toComplete.segments, 'segment')}, ${counted(locale.toComplete.characters, 'character')}\n`,
    );
  }
  const held = report.editions.filter((edition) => !edition.published);
  for (const line of heldLines(held)) io.stdout.write(`held: ${line}\n`);
  if (options.html !== undefined) io.stdout.write(`dashboard -> ${options.html}\n`);
}

function withPercentages(report: StatusReport) {
  return {
    ...report,
    locales: report.locales.map((locale) => ({ ...locale, segmentPercent: percent(locale.readySegments, locale.segments), characterPercent: percent(locale.readyCharacters, locale.characters) })),
  };
}
