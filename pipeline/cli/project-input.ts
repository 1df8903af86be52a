import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EditionError } from '../errors.js';
import type { Project } from '../project/project.js';
import { readProject } from '../io/read-project.js';

export interface ProjectOptions {
  locales?: string;
  content: string;
  localesDir: string;
}

export interface ProjectInput {
  project: Project;
  /** `--locales`, when given. */
  only: string[] | undefined;
  /** Locales to translate into: the chosen ones, less the source. */
  targets: string[];
}

/**
 * Read the project and check `--locales` against it, for build and estimate
 * alike. `from` names where the locales were given in messages: a command
 * whose locale is its argument (`edition diff ko`) says so, not `--locales`.
 */
export async function readProjectInput(options: ProjectOptions, cwd: string, from: '--locales' | '<locale>' = '--locales'): Promise<ProjectInput> {
  const only = chosenLocales(options.locales, from);
  refuseFile(cwd, options.content, '--content', 'give --content the folder that holds site.yaml and the articles');
  refuseFile(cwd, options.localesDir, '--locales-dir', 'give --locales-dir the folder that holds one folder per locale');
  const project = await readProject({
    content: resolve(cwd, options.content),
    locales: resolve(cwd, options.localesDir),
    cwd,
  });
  const unknown = only?.filter((code) => !project.locales.some((locale) => locale.code === code)) ?? [];
  if (unknown.length > 0) {
    throw new EditionError(`unknown locale${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, {
      code: 'cli/unknown-locale',
      field: from,
      hint: `configured locales: ${project.locales.map((locale) => locale.code).join(', ')}`,
    });
  }
  const targets = project.locales.map((locale) => locale.code).filter((code) => code !== project.site.sourceLocale && (!only || only.includes(code)));
  return { project, only, targets };
}

/**
 * `--locales a,b`. An empty list (`--locales ""` from an unset CI
 * variable) would build no locale and replace the site with an empty one:
 * it is a usage error, not "build nothing".
 */
function chosenLocales(text: string | undefined, from: string): string[] | undefined {
  if (text === undefined) return undefined;
  const codes = text
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  if (codes.length === 0) {
    throw new EditionError(`${from} names no locale`, {
      code: 'cli/no-locales',
      field: from,
      hint: 'name some, e.g. --locales en,ko, or leave the option out for them all',
    });
  }
  return codes;
}

/** A folder option that names a file gets a message, not a crash in the first readdir. */
export function refuseFile(cwd: string, path: string, option: string, hint: string): void {
  let isFile = false;
  try {
    isFile = !statSync(resolve(cwd, path)).isDirectory();
  } catch {
    // Missing: the reader says which folder is missing.
  }
  if (isFile) {
    throw new EditionError(`${option} ${path} is a file, not a folder`, {
      code: 'cli/invalid-option',
      field: option,
      hint,
    });
  }
}

/**
 * The file an option names for a command to write (a page, an XLIFF
 * file), checked before any work: an empty value (an unset CI variable)
 * or a folder would otherwise end in a failed rename.
 */
export function outputFile(cwd: string, path: string, option: string): string {
  if (path.trim() === '') {
    throw new EditionError(`${option} names no file`, { code: 'cli/invalid-option', field: option, hint: `give ${option} a file name, or leave the option out` });
  }
  const file = resolve(cwd, path);
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    // Missing: it is written.
  }
  if (folder) {
    throw new EditionError(`${option} ${path} is a folder, not a file`, { code: 'cli/invalid-option', field: option, hint: 'name the file to write, not a folder' });
  }
  return file;
}

/** `1234567` → `1,234,567`, the same on every machine. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** A count and what it counts, singular for one: `1 segment`, `1,204 segments`. */
export function counted(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}
