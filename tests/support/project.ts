import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProject } from '../../pipeline/io/read-project.js';
import type { Project } from '../../pipeline/project/project.js';
import { tempDir } from './temp.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (name: string) => readFileSync(join(repoRoot, 'tests/fixtures', name), 'utf8');

/** A scratch project: a temp folder with its own content/ and a copy of the repository's locales/. */
export function scratchProject(files: Record<string, string> = {}, options: { withSeed?: boolean } = {}): string {
  const dir = tempDir('edition-test-');
  cpSync(join(repoRoot, 'locales'), join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'content'), { recursive: true });
  if (options.withSeed) cpSync(join(repoRoot, 'content'), join(dir, 'content'), { recursive: true });
  else writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function loadProject(dir: string): Promise<Project> {
  return readProject({ content: join(dir, 'content'), locales: join(dir, 'locales'), cwd: dir });
}
