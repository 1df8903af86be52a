import { copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { EditionError } from '../errors.js';
import type { SiteOutput } from '../bundle/output.js';

export interface StagedOutput extends SiteOutput {
  /** The folder being written. */
  readonly staging: string;
  /** Replace the out folder with the staging folder: out/ is the old build or the new one, never half of each. */
  commit(): Promise<void>;
  /** Throw the staging folder away (the previous build stays as it was). */
  abort(): Promise<void>;
}

/**
 * Build into a folder beside out/ and swap it in when complete. Pages
 * carried over from the previous build are hard-linked (copied where the
 * file system cannot link), so an incremental build costs a link per
 * unchanged page, not a render.
 */
export async function stagedOutput(outDir: string, protect: readonly string[] = []): Promise<StagedOutput> {
  const base = outDir.replace(/[\\/]+$/u, '');
  await refuseForeignFolder(base, protect);
  const staging = `${base}.staging-${process.pid}`;
  const retired = `${base}.previous-${process.pid}`;
  try {
    await recoverOutput(outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  const made = new Set<string>();
  const ensureDir = (file: string) => {
    const dir = dirname(file);
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
  } catch (error) {
    throw unwritable(outDir, error);
  }
  return {
    staging,
    // Synchronous file calls: thousands of small writes and links one after
    // another are faster without a thread-pool round trip each.
    async write(path, content) {
      const file = join(staging, path);
      ensureDir(file);
      writeFileSync(file, content);
    },
    async reuse(path) {
      const from = join(base, path);
      const to = join(staging, path);
      try {
        ensureDir(to);
        try {
          linkSync(from, to);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
          copyFileSync(from, to);
        }
        return true;
      } catch {
        return false;
      }
    },
    async commit() {
      try {
        await rm(retired, { recursive: true, force: true });
        await rename(base, retired).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await rename(staging, base);
        await rm(retired, { recursive: true, force: true });
      } catch (error) {
        throw unwritable(outDir, error);
      }
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}

/**
 * Put the out folder back in order after a build that was killed. Commit
 * is two renames (out → previous, staging → out); a kill between them
 * leaves no out/ at all, but a complete staging folder beside the
 * previous build, so the commit is finished here. Any other leftover
 * (a staging folder of a build killed before its commit, a previous build
 * not yet deleted) is removed. Plain folders and renames, not a symlink
 * swap, so out/ stays a folder that any tool can copy, serve or archive;
 * the caller must hold the out folder's lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const base = outDir.replace(/[\\/]+$/u, '');
  const name = basename(base);
  let entries: string[];
  try {
    entries = await readdir(dirname(base));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const leftovers = (kind: string) => entries.filter((entry) => entry.startsWith(`${name}.${kind}-`)).map((entry) => join(dirname(base), entry));
  const previous = leftovers('previous');
  if (previous.length > 0 && !existsSync(base)) {
    const interrupted = previous[0]!;
    const finished = `${base}.staging-${interrupted.slice(`${base}.previous-`.length)}`;
    await rename(existsSync(finished) ? finished : interrupted, base);
  }
  for (const folder of [...leftovers('staging'), ...leftovers('previous')]) await rm(folder, { recursive: true, force: true });
}

/** Read a file of the previous build, if there is one. */
export async function readPrevious(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function unwritable(outDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return new EditionError('cannot write the out folder', {
      code: 'out/unwritable',
      file: outDir,
      hint: 'choose a writable folder with --out DIR',
      cause: error,
    });
  }
  return error;
}

/** Files only edition writes at the top of an out folder. */
const EDITION_MARKERS = ['manifest.json', join('.cache', 'build.json')];

/**
 * The out folder is replaced as a whole, so it must be one edition wrote:
 * `--out .` or `--out ~/Documents` would otherwise delete the project or a
 * user's files. A folder is replaced only when it is missing, empty, or
 * holds edition's own markers, and never when it contains a folder the
 * build reads.
 */
async function refuseForeignFolder(base: string, protect: readonly string[]): Promise<void> {
  const inside = protect.find((folder) => {
    const rel = relative(base, folder);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  if (inside !== undefined) {
    throw new EditionError(`the out folder contains ${inside}, which the build reads; replacing it would delete it`, {
      code: 'out/unsafe',
      file: base,
      hint: 'choose an output folder of its own with --out, e.g. --out out',
    });
  }
  let names: string[];
  try {
    names = await readdir(base);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') names = ['(a file)'];
    else throw error;
  }
  const ours = names.length === 0 || names.some((name) => /^manifest\.shard-\d+-of-\d+\.json$/u.test(name)) || EDITION_MARKERS.some((marker) => existsSync(join(base, marker)));
  if (!ours) {
    throw new EditionError('the out folder holds files edition did not write; it would be replaced as a whole', {
      code: 'out/unsafe',
      file: base,
      hint: 'choose a new or empty folder with --out, or move those files away first',
    });
  }
}
