import { estimateBuild } from '../build/estimate.js';
import type { CommandIo } from './build-command.js';
import { count, readProjectInput, type ProjectOptions } from './project-input.js';

/** What a build would send to a machine translator, per locale. Reads files only: nothing is sent. */
export async function estimateCommand(options: ProjectOptions, io: CommandIo): Promise<void> {
  const { project, targets } = await readProjectInput(options, io.cwd);
  const estimate = await estimateBuild(project, targets);
  const width = Math.max(6, ...targets.map((code) => code.length));
  io.stdout.write(`${'locale'.padEnd(width)}  ${'segments'.padStart(9)}  ${'characters'.padStart(12)}\n`);
  for (const [code, locale] of Object.entries(estimate.locales)) {
    io.stdout.write(`${code.padEnd(width)}  ${count(locale.segments).padStart(9)}  ${count(locale.characters).padStart(12)}\n`);
  }
  io.stdout.write(`${'total'.padEnd(width)}  ${count(estimate.segments).padStart(9)}  ${count(estimate.characters).padStart(12)}\n`);
  io.stdout.write('characters count markup too: DeepL bills at most this\n');
}
