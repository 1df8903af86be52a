import { join } from 'node:path';
import { buildSite, type BuildResult } from '../../pipeline/bundle/build-site.js';
import { memoryTranslator } from '../../pipeline/translation/translators/memory.js';
import type { Translator } from '../../pipeline/translation/translator.js';
import { loadProject, scratchProject } from './project.js';
import { main } from '../../pipeline/cli/main.js';
import { PassThrough } from 'node:stream';

/** Build a scratch project in memory (no files written). */
export async function buildScratch(dir: string, translator: Translator = memoryTranslator(), only?: string[]): Promise<BuildResult> {
  return buildSite(await loadProject(dir), { translator, ...(only ? { only } : {}) });
}

/** The repository's own content and locales, in a scratch folder. */
export const seedProject = () => scratchProject({}, { withSeed: true });

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as a user would from `dir`. */
export async function runCli(dir: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await main(args, {
    cwd: dir,
    env,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  });
  return { code, stdout: out, stderr: err };
}

export const outDir = (dir: string) => join(dir, 'out');
