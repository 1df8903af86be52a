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

/** Read the project and check `--locales` against it, for build and estimate alike. */
export async function readProjectInput(options: ProjectOptions, cwd: string): Promise<ProjectInput> {
  const project = await readProject({
    content: resolve(cwd, options.content),
    locales: resolve(cwd, options.localesDir),
    cwd,
  });
  const only = options.locales
    ?.split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  const unknown = only?.filter((code) => !project.locales.some((locale) => locale.code === code)) ?? [];
  if (unknown.length > 0) {
    throw new EditionError(`unknown locale${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, {
      code: 'cli/unknown-locale',
      field: '--locales',
      hint: `configured locales: ${project.locales.map((locale) => locale.code).join(', ')}`,
    });
  }
  const targets = project.locales.map((locale) => locale.code).filter((code) => code !== project.site.sourceLocale && (!only || only.includes(code)));
  return { project, only, targets };
}

/** `1234567` → `1,234,567`, the same on every machine. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
