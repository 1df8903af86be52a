import { estimateBuild } from '../build/estimate.js';
import { unservedLocales } from '../translation/translators/deepl/languages.js';
import { terminalSafe } from './terminal-text.js';
import type { CommandIo } from './build-command.js';
import { count, readProjectInput, type ProjectOptions } from './project-input.js';

export interface EstimateCommandOptions extends ProjectOptions {
  json?: boolean;
}

/**
 * What a build would send to a machine translator, per locale. Reads files
 * only: nothing is sent. `--json` gives the same figures to a CI job that
 * decides on the cost before a build spends it.
 */
export async function estimateCommand(options: EstimateCommandOptions, io: CommandIo): Promise<void> {
  const { project, targets } = await readProjectInput(options, io.cwd);
  const estimate = await estimateBuild(project, targets);
  // The figures are DeepL's bill: a locale DeepL cannot serve would stop that build before anything is sent.
  const sent = Object.entries(estimate.locales).flatMap(([code, locale]) => (locale.segments === 0 ? [] : [code]));
  for (const error of unservedLocales(sent)) {
    io.stderr.write(`warning: ${terminalSafe(error.field ?? '')}: ${terminalSafe(error.message)}: a DeepL build stops on it before sending anything\n`);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ok: true, segments: estimate.segments, characters: estimate.characters, locales: estimate.locales }, null, 2)}\n`);
    return;
  }
  const width = Math.max(6, ...targets.map((code) => code.length));
  io.stdout.write(`${'locale'.padEnd(width)}  ${'segments'.padStart(9)}  ${'characters'.padStart(12)}\n`);
  for (const [code, locale] of Object.entries(estimate.locales)) {
    io.stdout.write(`${code.padEnd(width)}  ${count(locale.segments).padStart(9)}  ${count(locale.characters).padStart(12)}\n`);
  }
  io.stdout.write(`${'total'.padEnd(width)}  ${count(estimate.segments).padStart(9)}  ${count(estimate.characters).padStart(12)}\n`);
  io.stdout.write('characters count markup too: DeepL bills at most this\n');
}
