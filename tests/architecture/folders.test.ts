import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const PIPELINE = 'pipeline';

/** The top-level folder of pipeline/ a file belongs to; `.` for a file at its root (errors.ts, below every folder). */
function folderOf(file: string): string {
  const parts = relative(PIPELINE, file).split(sep);
  return parts.length > 1 ? parts[0]! : '.';
}

/**
 * A relative module a file names: `from '…'` (import and export),
 * `import '…'` (for its effects), `import(…)` (also a template string, up
 * to its first `${`), and `new URL('…', import.meta.url)` (a worker's
 * module), in either quotes.
 */
const IMPORTED = /(?:\bfrom|\bimport\s*\(?|\bnew\s+URL\s*\()\s*['"`](\.{1,2}\/[^'"`$]+)/gu;

const importedPaths = (text: string) => [...text.matchAll(IMPORTED)].map((match) => match[1]!);

/** Folder → the folders its files import from, with one example import for the message. */
function folderImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const files = readdirSync(PIPELINE, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const name of files) {
    const file = join(PIPELINE, name);
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const path of importedPaths(text)) {
      const to = folderOf(normalize(join(dirname(file), path)));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(PIPELINE, file)} imports ${path}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle of the folder graph, each as the list of imports that close it. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const walk = (start: string, at: string, path: string[], seen: Set<string>): void => {
    for (const [next, example] of graph.get(at) ?? []) {
      if (next === start) found.push([...path, example]);
      else if (!seen.has(next) && next > start) walk(start, next, [...path, example], new Set([...seen, next]));
    }
  };
  for (const folder of [...graph.keys()].sort()) walk(folder, folder, [], new Set([folder]));
  return found;
}

/**
 * The layers of pipeline/, from the bottom, as the README's architecture
 * notes give them: the stages in the order data flows through them, then
 * what puts them together, then the edges (files, the command line).
 */
const LAYERS = ['content', 'segments', 'translation', 'localization', 'project', 'render', 'bundle', 'review', 'build', 'serve', 'io', 'cli'];

/** Every import of a folder from one above it in `layers`, or from a folder `layers` does not place. */
function upwardImports(graph: Map<string, Map<string, string>>, layers: readonly string[]): string[] {
  const rank = new Map([['.', -1], ...layers.map((folder, index) => [folder, index] as const)]);
  return [...graph].flatMap(([from, edges]) =>
    [...edges]
      .filter(([to]) => !rank.has(from) || !rank.has(to) || rank.get(to)! >= rank.get(from)!)
      .map(([to, example]) => `${example} (${from} is ${rank.has(from) && rank.has(to) ? 'below' : 'not placed against'} ${to})`),
  );
}

describe('the folders of pipeline/', () => {
  it('each import only from the folders below it, in the order the README gives', () => {
    const folders = readdirSync(PIPELINE, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !LAYERS.includes(folder))).toEqual([]);
    expect(upwardImports(folderImports(), LAYERS)).toEqual([]);
    // And the README says so, in this order.
    const readme = readFileSync('README.md', 'utf8').replaceAll(/\s+/gu, ' ');
    expect(readme).toContain(`From the bottom: \`errors.ts\`, ${LAYERS.map((folder) => `\`${folder}\``).join(', ')}.`);
  });

  it('sees every way a file names another module', () => {
    const text = [
      "import { a } from '../build/a.js';",
      'import type { B } from "../build/b.js";',
      "export * from '../build/c.js';",
      "import '../build/d.js';",
      'const e = await import(`../build/${name}.js`);',
      "const f = await import('../build/f.js');",
      "new Worker(new URL('../cli/g.js', import.meta.url));",
    ].join('\n');
    expect(importedPaths(text)).toEqual(['../build/a.js', '../build/b.js', '../build/c.js', '../build/d.js', '../build/', '../build/f.js', '../cli/g.js']);
  });

  it('finds an import from a folder above (the check is really looking)', () => {
    const graph = new Map([['render', new Map([['build', 'render/page.ts imports ../build/cache.js']])]]);
    expect(upwardImports(graph, LAYERS)).toEqual(['render/page.ts imports ../build/cache.js (render is below build)']);
  });

  it('import each other without cycles, so each stage sits below the stages that use it', () => {
    expect(cycles(folderImports())).toEqual([]);
  });

  it('finds a cycle when there is one (the check is really looking)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts imports ../b/y.js']])],
      ['b', new Map([['a', 'b/y.ts imports ../a/x.js']])],
    ]);
    expect(cycles(graph)).toEqual([['a/x.ts imports ../b/y.js', 'b/y.ts imports ../a/x.js']]);
  });

  it('keep the core free of effects: only cli/ and io/ import the file system, and only cli/ reads the environment', () => {
    const offenders: string[] = [];
    for (const name of readdirSync(PIPELINE, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))) {
      const folder = folderOf(join(PIPELINE, name));
      const text = readFileSync(join(PIPELINE, name), 'utf8');
      if (folder !== 'cli' && /process\.env\b/u.test(text)) offenders.push(`${name} reads process.env`);
      if (folder !== 'cli' && folder !== 'io' && /from 'node:fs(?:\/promises)?'/u.test(text)) offenders.push(`${name} imports node:fs`);
    }
    expect(offenders).toEqual([]);
  });
});
