import { expect } from 'vitest';
import { writeCorpus } from './corpus.js';
import { join } from 'node:path';
import { buildSite, type BuildOptions, type BuildResult } from '../../pipeline/build/build-site.js';
import { memoryOutput } from '../../pipeline/bundle/output.js';
import { memoryTranslator } from '../../pipeline/translation/translators/memory.js';
import type { Translator } from '../../pipeline/translation/translator.js';
import { loadProject, scratchProject } from './project.js';
import { main } from '../../pipeline/cli/main.js';
import type { CommandIo } from '../../pipeline/cli/build-command.js';
import { PassThrough } from 'node:stream';

/** Build a scratch project in memory (no files written); `files` holds the output, sorted by path. */
export async function buildScratch(dir: string, translator: Translator = memoryTranslator(), options: Partial<BuildOptions> = {}): Promise<BuildResult & { files: Map<string, string> }> {
  const output = options.output ?? memoryOutput();
  const result = await buildSite(await loadProject(dir), { translator, ...options, output });
  const files = (output as ReturnType<typeof memoryOutput>).files;
  const text = [...files].map(([path, content]) => [path, typeof content === 'string' ? content : Buffer.from(content).toString('base64')] as const);
  return { ...result, files: new Map(text.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
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
  const { io, stdout, stderr } = capturedIo(dir, env);
  const code = await main(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** A command's io whose output is kept as text. */
export function capturedIo(cwd: string, env: Record<string, string | undefined> = {}): { io: CommandIo; stdout: () => string; stderr: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { io: { cwd, env, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream }, stdout: () => out, stderr: () => err };
}

export const outDir = (dir: string) => join(dir, 'out');

/** `edition build` that must succeed; the run, for its summary. */
export async function buildOk(dir: string, ...args: string[]): Promise<CliRun> {
  const run = await runCli(dir, ['build', ...args]);
  expect({ code: run.code, errors: run.stderr.split('\n').filter((line) => line.startsWith('error')) }).toEqual({ code: 0, errors: [] });
  return run;
}

/** A scratch project with `count` corpus articles and a complete memory for `targets`. */
export function corpusProject(count: number, targets: readonly string[]): string {
  const dir = scratchProject();
  writeCorpus(dir, count, targets);
  return dir;
}
