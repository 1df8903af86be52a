import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Digest of the named files' contents (a missing file counts as empty),
 * each named by its path relative to `base`: the same project or install
 * in another folder (another checkout, a CI runner) has the same digest.
 */
export async function digestFiles(base: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  // Read together (a round trip each, one after another, was most of the time), digested in order.
  const contents = await Promise.all(
    files.map((file) =>
      readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return Buffer.alloc(0);
        throw error;
      }),
    ),
  );
  for (const [index, file] of files.entries()) {
    const content = contents[index]!;
    const name = relative(base, file).split(sep).join('/');
    hash.update(`${name.length}:${name}:${content.length}:`).update(content);
  }
  return hash.digest('hex');
}

let pipelineDigest: Promise<string> | undefined;

/**
 * The pipeline's own version for the build cache: its code (templates,
 * styles, stages), the package manifest, the installed version of every
 * runtime dependency and the runtime's Unicode, ICU, CLDR and time-zone
 * data. Any change to one of them (an edit, `npm update`, a Node upgrade)
 * rebuilds every page.
 */
export function pipelineFingerprint(): Promise<string> {
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  pipelineDigest ??= installFingerprint(code, join(code, '..'), process.versions);
  return pipelineDigest;
}

/** The runtime data a page depends on: dates, plural rules, collation, time zones. */
const RUNTIME_VERSIONS = ['node', 'v8', 'icu', 'cldr', 'tz', 'unicode'] as const;

/**
 * The list the bundle writes beside its code: the packages it holds,
 * `name@version`. Their code is part of the bundle's, so only the
 * packages loaded from node_modules at run time are looked up there.
 */
export const BUNDLED = 'bundled.json';

/** The fingerprint of the code under `code`, of the package at `root` with its installed dependencies, and of the runtime. */
export async function installFingerprint(code: string, root: string, versions: Readonly<Record<string, string | undefined>>): Promise<string> {
  const files = (await readdir(code, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && (/\.(js|ts)$/u.test(entry.name) || entry.name === BUNDLED))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const runtime = RUNTIME_VERSIONS.map((name) => `${name}=${versions[name] ?? ''}`).join('\n');
  const dependencies = installedDependencies(root, bundledPackages(join(code, BUNDLED))).join('\n');
  return createHash('sha256')
    .update(await digestFiles(root, [...files, join(root, 'package.json')]))
    .update(`\n${runtime}\n${dependencies}\n`)
    .digest('hex');
}

interface PackageJson {
  name?: unknown;
  version?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
}

/**
 * `name@version` of every package the one at `root` needs at run time,
 * direct or not, as installed: each is found the way Node resolves it
 * (node_modules of the requiring package, then of each folder above), so
 * the result is what runs, whether it came from `npm ci`, `npm update` or
 * a hand edit. A dependency that is not installed counts as `name@`.
 */
export function installedDependencies(root: string, bundled: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const queue: Array<{ folder: string; manifest: PackageJson }> = [{ folder: root, manifest: readPackage(root) ?? {} }];
  while (queue.length > 0) {
    const { folder, manifest } = queue.shift()!;
    for (const name of [...dependencyNames(manifest.dependencies), ...dependencyNames(manifest.optionalDependencies)]) {
      // In the bundle: its version is in the bundle's list, its code in the bundle.
      if (bundled.has(name)) continue;
      const installed = resolvePackage(folder, name);
      if (!installed) {
        found.add(`${name}@`);
        continue;
      }
      found.add(`${name}@${typeof installed.manifest.version === 'string' ? installed.manifest.version : ''}`);
      if (visited.has(installed.folder)) continue;
      visited.add(installed.folder);
      queue.push(installed);
    }
  }
  return [...found].sort();
}

/** The names of the packages the bundle's list names; none without a list (the sources, run as they are). */
function bundledPackages(file: string): Set<string> {
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return new Set(Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.slice(0, entry.lastIndexOf('@'))) : []);
  } catch {
    return new Set();
  }
}

function dependencyNames(record: unknown): string[] {
  return record !== null && typeof record === 'object' ? Object.keys(record) : [];
}

function resolvePackage(from: string, name: string): { folder: string; manifest: PackageJson } | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', name);
    const manifest = readPackage(folder);
    if (manifest) return { folder, manifest };
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read synchronously: a few hundred small files, one after another, once per run. */
function readPackage(folder: string): PackageJson | undefined {
  try {
    const data = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as unknown;
    return data !== null && typeof data === 'object' ? data : {};
  } catch {
    return undefined;
  }
}
