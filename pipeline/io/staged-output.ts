import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type BigIntStats,
} from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { EditionError } from '../errors.js';
import type { SiteOutput } from '../bundle/output.js';
import { commitInPlace, isPagePath, journalFits, playJournal, readJournal, realFolders } from './commit-in-place.js';
import { statStamp } from './file-stamp.js';
import { outBase } from './real-path.js';

export interface StagedOutput extends SiteOutput {
  /** The folder being written. */
  readonly staging: string;
  /** Put every file the build has written or carried over so far into the staging folder, to read them from there (archives). */
  materialize(): void;
  /**
   * Put the build in place of the old one: out/ is the old build or the
   * new one, never half of each once the next build has recovered from a
   * kill. The files that changed are moved into out/ after a journal of
   * the moves is written (a kill is finished by the next build); a build
   * that must read everything from the staging folder (archives) is
   * swapped in whole; one that wrote exactly the files out/ holds, byte
   * for byte, leaves out/ as it is.
   */
  commit(): Promise<void>;
  /** Throw the staging folder away (the previous build stays as it was). */
  abort(): Promise<void>;
  /**
   * After the commit: the sha256 of out/'s record as the commit left it,
   * and of each file it lists without a stamp (written in the tick the
   * record was sealed in), by path.
   */
  sealed(): Sealed | undefined;
}

export interface Sealed {
  record: string;
  unstamped: ReadonlyMap<string, string>;
}

/**
 * The record of what edition put in an out folder: every file, by path.
 * A folder is replaced or deleted only when everything in it is listed
 * here (or in edition's manifest.json), so a user's file is never lost.
 */
export const OUT_RECORD = '.cache/out.json';
const RECORD_FORMAT = 'edition out folder 1';
/** What the last build that went through was given and reported, written once out/ holds its output (see cli/unchanged-build.ts). */
export const RUN_RECORD = '.cache/run.json';
/** Edition's own bookkeeping beside the listed files. */
const OWN_FILES = new Set([OUT_RECORD, RUN_RECORD, '.cache/build.json']);

interface OutRecord {
  format: typeof RECORD_FORMAT;
  /** False while a build writes the folder; true once it is complete. */
  complete: boolean;
  files: string[];
  /**
   * Path → `sha256:size:mtimeNs:inode` of each file as this build wrote or
   * carried it over. Absent in records of older builds and of merged shards.
   */
  stamps?: Record<string, string>;
}

/**
 * Build into a folder beside out/ and put it in place when complete.
 * Pages carried over from the previous build stay where they are once
 * they are shown to hold the bytes the cache recorded, so an incremental
 * build costs a stat per unchanged page, not a render, and never carries
 * over a page damaged since; the files that changed are moved into out/
 * (see commit-in-place.ts). A build that needs its whole output in the
 * staging folder hard-links the unchanged pages there (copies, where the
 * file system cannot link) and swaps the folders. A page whose size,
 * modification time and inode are still those the previous build
 * recorded with that sha256 is not read; any other is read and hashed.
 */
export async function stagedOutput(outDir: string, protect: readonly string[] = [], options: { verify?: boolean } = {}): Promise<StagedOutput> {
  const base = outBase(outDir);
  await refuseForeignFolder(base, protect);
  const staging = `${base}.staging-${process.pid}`;
  const retired = `${base}.previous-${process.pid}`;
  try {
    await recoverOutput(outDir);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  if (existsSync(staging) || existsSync(retired)) {
    throw new EditionError(`${basename(staging)} or ${basename(retired)} exists beside the out folder and edition cannot show it wrote them`, {
      code: 'out/unsafe',
      file: base,
      hint: 'move those folders away, or choose another folder with --out',
    });
  }
  const previousText = await readFile(join(base, OUT_RECORD), 'utf8').catch(() => undefined);
  const previous = previousText === undefined ? undefined : parseRecord(previousText);
  // `verify` (a forced build): no recorded stamp is trusted, so a page edited in place with its stamp put back is read, found different and written again.
  const known = new Map(!options.verify && previous?.complete === true && previous.stamps !== undefined ? Object.entries(previous.stamps) : []);
  const stamps = new Map<string, Stamp>();
  const made = new Set<string>();
  // A reused page is a hard link to the previous build's file: writing through it would change that build too.
  const linked = new Set<string>();
  const ensureDir = (file: string) => {
    const dir = dirname(file);
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  try {
    await mkdir(join(staging, dirname(OUT_RECORD)), { recursive: true });
    writeFileSync(join(staging, OUT_RECORD), FIRST_RECORD);
  } catch (error) {
    throw unwritable(outDir, error);
  }
  let sealed: Sealed | undefined;
  const seal = () => {
    const { text, unstamped } = sealRecord(join(staging, OUT_RECORD), stamps);
    sealed = { record: sha256(Buffer.from(text, 'utf8')), unstamped: new Map(unstamped.map((path) => [path, stamps.get(path)!.sha])) };
  };
  // Files out/ already holds with the right bytes are left there: a build
  // that changes nothing leaves out/ as it is, at the cost of a stat per
  // page, and one that changes a few files moves just those into it. Only
  // a build that must read its whole output from the staging folder
  // (archives) links them all in, and then swaps the folders.
  let materialized = false;
  // Files out/ already holds with the right bytes.
  const deferred = new Set<string>();
  // Files written into the staging folder while the others are left in out/.
  const staged = new Set<string>();
  const previousFiles = new Set(previous?.files ?? []);
  const link = (path: string, stamp: Stamp) => {
    const from = `${base}/${path}`;
    const to = `${staging}/${path}`;
    try {
      ensureDir(to);
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
        stamp = stampOf(stamp.sha, statSync(to, { bigint: true }));
      }
      linked.add(path);
      stamps.set(path, stamp);
    } catch (error) {
      throw unwritable(outDir, error, path);
    }
  };
  const put = (path: string, bytes: Uint8Array, sha: string = sha256(bytes)) => {
    const file = join(staging, path);
    try {
      ensureDir(file);
      if (linked.delete(path)) rmSync(file, { force: true });
      writeFileSync(file, bytes);
      stamps.set(path, stampOf(sha, statSync(file, { bigint: true })));
    } catch (error) {
      throw unwritable(outDir, error, path);
    }
  };
  const materialize = () => {
    if (materialized) return;
    materialized = true;
    for (const path of deferred) link(path, stamps.get(path)!);
    deferred.clear();
  };
  /**
   * The stamp of out/'s file at `path` when it holds the bytes `sha` names:
   * known from its recorded stamp, or else (a file as new as its record,
   * which keeps no stamp) read and hashed.
   */
  const unchanged = (path: string, sha: string, size: number): Stamp | undefined => {
    if (!isPagePath(path) || !previousFiles.has(path)) return undefined;
    try {
      const file = `${base}/${path}`;
      const stat = statSync(file, { bigint: true });
      const stamp = stampOf(sha, stat);
      const recorded = known.get(path);
      if (stamp.text === recorded) return stamp;
      // Untouched since it was recorded with other bytes: no need to read it to know it differs.
      if (recorded !== undefined && statPart(recorded) === statStamp(stat)) return undefined;
      return stat.size === BigInt(size) && sha256(readFileSync(file)) === sha ? stamp : undefined;
    } catch {
      return undefined;
    }
  };
  /** Leave out/'s file at `path` where it is: it holds the bytes this build would write. */
  const keep = (path: string, stamp: Stamp) => {
    if (staged.delete(path)) rmSync(join(staging, path), { force: true });
    deferred.add(path);
    stamps.set(path, stamp);
  };
  /**
   * Write `bytes` at `path`, unless out/'s file holds them already: `same`
   * names the digest to compare it with (none: they differ, written
   * without a look), `sha` theirs when known.
   */
  const store = (path: string, bytes: Uint8Array, same: string | undefined, sha?: string) => {
    if (!materialized) {
      const stamp = same === undefined ? undefined : unchanged(path, same, bytes.byteLength);
      if (stamp) return keep(path, stamp);
      deferred.delete(path);
      staged.add(path);
    }
    put(path, bytes, sha);
  };
  return {
    staging,
    materialize,
    // Synchronous file calls: thousands of small writes and links one after
    // another are faster without a thread-pool round trip each.
    async write(path, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const entry = { path, sha256: sha256(bytes), size: bytes.byteLength };
      store(path, bytes, entry.sha256, entry.sha256);
      return entry;
    },
    published(path) {
      if (previous?.complete === true) return previousFiles.has(path);
      // No record of edition's (a copy restored without .cache/, by CI or a deploy): the folder itself says what is online.
      if (isPagePath(path) && lstatSync(`${base}/${path}`, { throwIfNoEntry: false })?.isFile() === true) return true;
      return undefined;
    },
    async reuse(page) {
      // The page's path comes from the cache, a file in out/: never one that leads out of either folder.
      if (!isPagePath(page.path)) return false;
      const from = `${base}/${page.path}`;
      let stamp: Stamp;
      try {
        const stat = statSync(from, { bigint: true });
        stamp = stampOf(page.sha256, stat);
        if (stat.size !== BigInt(page.size)) return false;
        if (known.get(page.path) !== stamp.text && sha256(readFileSync(from)) !== page.sha256) return false;
      } catch {
        return false;
      }
      if (!materialized) keep(page.path, stamp);
      else link(page.path, stamp);
      return true;
    },
    async commit() {
      const files = [...stamps.keys()].sort();
      if (!materialized && staged.size === 0 && previous?.complete === true && files.length === previous.files.length && files.every((path, index) => path === previous.files[index])) {
        // Every file is out/'s own, byte for byte: there is nothing to swap. Only
        // edition's record is brought up to date where a stamp changed (a file touched), so the next build need not read that file again.
        try {
          if (files.some((path) => stamps.get(path)!.text !== known.get(path))) {
            seal();
            await rename(join(staging, OUT_RECORD), join(base, OUT_RECORD));
          } else sealed = { record: sha256(Buffer.from(previousText!, 'utf8')), unstamped: new Map() };
          await rm(staging, { recursive: true, force: true });
        } catch (error) {
          throw unwritable(outDir, error);
        }
        return;
      }
      try {
        if (!materialized && previous?.complete === true && existsSync(base)) {
          const replace = [...staged].sort();
          const remove = previous.files.filter((path) => !stamps.has(path));
          if ([...replace, ...remove].every(realFolders(base))) {
            // Every folder a move goes into is writable, before the first move: a read-only out/ (its own entries, not
            // its locale folders) would otherwise take the pages and refuse the manifest, leaving half of each build.
            for (const folder of new Set([...replace, OUT_RECORD, ...remove].map((path) => dirname(`${base}/${path}`)))) {
              if (existsSync(folder)) accessSync(folder, constants.W_OK);
            }
            seal();
            commitInPlace(base, staging, { replace: [...replace, OUT_RECORD], remove, from: sha256(Buffer.from(previousText!, 'utf8')), to: sealed!.record });
            return;
          }
        }
      } catch (error) {
        throw unwritable(outDir, error);
      }
      materialize();
      try {
        seal();
        await rename(base, retired).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await rename(staging, base);
      } catch (error) {
        throw unwritable(outDir, error);
      }
      // The new build is in place: a previous one that cannot be deleted (a read-only folder) does not undo that.
      // The next build removes it, or says why it cannot.
      try {
        if (await keepStrangers(retired, base)) removeBuild(retired, previous?.files ?? []);
      } catch {
        // Left beside out/ for the next build's recovery.
      }
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
    },
    sealed: () => sealed,
  };
}

/**
 * After `edition manifest` has merged shard folders, record the files of
 * the merged folder that `owned` says the shards wrote as edition's, so
 * the next build may replace them (and refuses anything else).
 */
export async function recordOutput(outDir: string, owned: (path: string) => boolean): Promise<void> {
  const files = (await listFiles(outDir)).filter(owned);
  await mkdir(join(outDir, dirname(OUT_RECORD)), { recursive: true });
  writeFileSync(join(outDir, OUT_RECORD), serializeRecord({ format: RECORD_FORMAT, complete: true, files }));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file's content digest with what changes when it is written, replaced or edited (as the project stamps its own source files). */
interface Stamp {
  /** `sha256:size:mtimeNs:inode`, as the record keeps it. */
  text: string;
  sha: string;
  mtimeNs: bigint;
}

function stampOf(sha256: string, stat: BigIntStats): Stamp {
  return { text: `${sha256}:${statStamp(stat)}`, sha: sha256, mtimeNs: stat.mtimeNs };
}

/** What a stat gives back of a recorded stamp: all but its sha256. */
function statPart(text: string): string {
  return text.slice(text.indexOf(':') + 1);
}

/**
 * Write the complete record of the staging folder: every file the build
 * wrote or carried over, with its stamp; returns the files left without one. The file system keeps times in
 * ticks of a few milliseconds, so a file modified in the tick the record
 * was written in could be edited again in that tick without its time
 * changing: such a file (as git treats a file as new as its index) keeps
 * no stamp, and the next build hashes it.
 */
function sealRecord(file: string, stamps: ReadonlyMap<string, Stamp>): { text: string; unstamped: string[] } {
  const files = [...stamps.keys()].sort();
  const write = (paths: readonly string[]) => {
    const text = serializeRecord({ format: RECORD_FORMAT, complete: true, files, stamps: Object.fromEntries(paths.map((path) => [path, stamps.get(path)!.text])) });
    writeFileSync(file, text);
    return text;
  };
  let text = write(files);
  const sealed = statSync(file, { bigint: true }).mtimeNs;
  const settled = files.filter((path) => stamps.get(path)!.mtimeNs < sealed);
  if (settled.length < files.length) text = write(settled);
  return { text, unstamped: files.filter((path) => stamps.get(path)!.mtimeNs >= sealed) };
}

/**
 * Delete a build that was replaced: the files its record lists, one by
 * one, then whatever is left. A recursive delete stats every entry before
 * removing it, which takes twice as long for ten thousand pages. A listed
 * path is followed only through real folders, never a symbolic link.
 */
function removeBuild(folder: string, files: readonly string[]): void {
  const safe = realFolders(folder);
  for (const path of files) {
    if (!safe(path)) continue;
    try {
      unlinkSync(`${folder}/${path}`);
    } catch {
      // Already gone, or not a file: the recursive delete below takes it.
    }
  }
  rmSync(folder, { recursive: true, force: true });
}

/**
 * Files someone put in out/ while the build ran, after the check for
 * strangers at its start: a build that swaps the whole folder (`--archive`,
 * or changes it could not move in) would delete them with the previous
 * build. Each regular file (or, in a folder edition has no record of, each
 * folder) reached through real folders goes into the new out/ at its path,
 * where the next build names it. Anything that cannot go there (its path
 * taken by the new build, a symbolic link, a name no page may have) stays
 * where it is, and so does the previous folder, beside out/: a folder
 * holding strangers is never recovered or deleted. Whether the previous
 * folder may be deleted.
 */
async function keepStrangers(retired: string, base: string): Promise<boolean> {
  const inRetired = realFolders(retired);
  const inBase = realFolders(base);
  let emptied = true;
  for (const listed of await strangersIn(retired, Number.POSITIVE_INFINITY)) {
    // A folder edition has no record of is named, not walked: `.well-known/`.
    const path = listed.endsWith('/') ? listed.slice(0, -1) : listed;
    const from = `${retired}/${path}`;
    const stat = inRetired(path) ? lstatSync(from, { throwIfNoEntry: false }) : undefined;
    const to = `${base}/${path}`;
    if (stat === undefined || !(stat.isFile() || (stat.isDirectory() && listed.endsWith('/'))) || !inBase(path) || existsSync(to)) {
      emptied = false;
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
  return emptied;
}

function serializeRecord(record: OutRecord): string {
  return `${JSON.stringify({ ...record, files: record.files.filter((file) => file !== OUT_RECORD).sort() })}\n`;
}

/** Every file (and symlink) under `dir`, by `/`-separated path, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  // Synchronous: one call for ten thousand entries instead of a thread-pool round trip per folder.
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  // Each folder's path relative to `dir` once, not once per file: path.relative is slow over ten thousand names.
  const folders = new Map<string, string>();
  const folderOf = (parent: string) => {
    let folder = folders.get(parent);
    if (folder === undefined) folders.set(parent, (folder = relative(dir, parent).split('\\').join('/')));
    return folder;
  };
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => {
      const folder = folderOf(entry.parentPath);
      return folder === '' ? entry.name : `${folder}/${entry.name}`;
    })
    .sort();
}

/**
 * Put the out folder back in order after a build that was killed. Commit
 * is two renames (out → previous, staging → out); a kill between them
 * leaves no out/ at all, but a complete staging folder beside the
 * previous build, so the commit is finished here. Any other leftover
 * (a staging folder of a build killed before its commit, a previous build
 * not yet deleted) is removed. A leftover is one only when its name is
 * exactly `<out>.staging-PID` or `<out>.previous-PID`, the process PID is
 * gone, and it holds edition's record listing everything in it (a staging
 * folder: its record, complete or not, or no file at all); any other folder, such as
 * `site.previous-release-2024`, is never touched. Plain folders and
 * renames, not a symlink swap, so out/ stays a folder that any tool can
 * copy, serve or archive; the caller must hold the out folder's lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const base = outBase(outDir);
  const parent = dirname(base);
  const name = basename(base);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const staging = new Map<string, string>();
  const previous = new Map<string, string>();
  for (const entry of entries.sort()) {
    if (!entry.startsWith(`${name}.`)) continue;
    const match = /^(staging|previous)-(\d{1,10})$/u.exec(entry.slice(name.length + 1));
    // A number no process can have is someone's name for a copy (out.previous-20240601, a backup): not edition's.
    if (!match || Number(match[2]) > MAX_PID || isRunning(Number(match[2]))) continue;
    const folder = join(parent, entry);
    // A build killed while moving its files into out/: finish the moves.
    const journal = match[1] === 'staging' && existsSync(base) ? readJournal(folder) : undefined;
    if (journal && journalFits(journal, recordDigest(base))) {
      playJournal(base, folder, journal);
      continue;
    }
    // Written for an out/ another build has replaced since: thrown away, out/ left as that build left it.
    if (journal) {
      staging.set(match[2]!, folder);
      continue;
    }
    if (match[1] === 'staging' && ((await readRecord(folder)) !== undefined || (await killedAtStart(folder)))) staging.set(match[2]!, folder);
    if (match[1] === 'previous' && (await strangersIn(folder)).length === 0) previous.set(match[2]!, folder);
  }
  if (!existsSync(base)) {
    for (const [pid, interrupted] of previous) {
      const finished = staging.get(pid);
      if (finished !== undefined && (await readRecord(finished))?.complete === true && (await strangersIn(finished)).length === 0) {
        await rename(finished, base);
        staging.delete(pid);
      } else {
        await rename(interrupted, base);
        previous.delete(pid);
      }
      break;
    }
  }
  for (const folder of [...staging.values(), ...previous.values()]) {
    await rm(folder, { recursive: true, force: true }).catch((error: unknown) => {
      throw new EditionError(`cannot delete ${basename(folder)}, which an earlier build of ${name} left beside it`, {
        code: 'out/unwritable',
        file: folder,
        hint: 'make the folder writable, or delete it (it holds only what edition wrote), and build again',
        cause: error,
      });
    });
  }
}

/** The sha256 of out/'s record as it is on disk, if it has one. */
function recordDigest(base: string): string | undefined {
  try {
    return sha256(readFileSync(join(base, OUT_RECORD)));
  } catch {
    return undefined;
  }
}

/** The highest process id the system gives (Linux's pid_max; its ceiling where it cannot be read). */
const MAX_PID = (() => {
  try {
    return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim()) || 4_194_304;
  } catch {
    return 4_194_304;
  }
})();

/** What a staging folder holds before anything is built into it. */
const FIRST_RECORD = serializeRecord({ format: RECORD_FORMAT, complete: false, files: [] });

/**
 * A staging folder killed before its first record was written in full:
 * it holds no file at all, or that record cut short (the kill came
 * between creating the file and writing it).
 */
async function killedAtStart(folder: string): Promise<boolean> {
  const files = await listFiles(folder);
  if (files.length === 0) return true;
  if (files.length !== 1 || files[0] !== OUT_RECORD) return false;
  return FIRST_RECORD.startsWith(await readFile(join(folder, OUT_RECORD), 'utf8'));
}

/** Whether process `pid` on this host is alive (this process counts as gone: it has not written anything yet). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The digest of out/'s record when out/ holds exactly what the record
 * lists, each file still with the size, modification time and inode it
 * was recorded with (so, by the stamp rule, its recorded bytes), or, for
 * a file recorded without a stamp, with the sha256 given in `unstamped`,
 * and nothing else; undefined otherwise (a file touched, added or
 * removed, or no record).
 */
export async function intactOut(outDir: string, unstamped: Readonly<Record<string, string>> = {}): Promise<string | undefined> {
  const base = outDir.replace(/[\\/]+$/u, '');
  let text: string;
  try {
    text = await readFile(join(base, OUT_RECORD), 'utf8');
  } catch {
    return undefined;
  }
  const record = parseRecord(text);
  if (record?.complete !== true || record.stamps === undefined) return undefined;
  const { stamps } = record;
  const listed = new Set(record.files);
  try {
    const present = await listFiles(base);
    if (present.some((path) => !listed.has(path) && !OWN_FILES.has(path)) || present.filter((path) => listed.has(path)).length !== listed.size) return undefined;
    for (const path of record.files) {
      if (!isPagePath(path)) return undefined;
      const stamp = Object.hasOwn(stamps, path) ? stamps[path] : undefined;
      if (typeof stamp !== 'string') {
        // As new as the record: only its bytes can tell.
        if (!Object.hasOwn(unstamped, path) || sha256(readFileSync(`${base}/${path}`)) !== unstamped[path]) return undefined;
        continue;
      }
      if (statPart(stamp) !== statStamp(statSync(`${base}/${path}`, { bigint: true }))) return undefined;
    }
  } catch {
    return undefined;
  }
  return sha256(Buffer.from(text, 'utf8'));
}

/** Read a file of the previous build, if there is one. */
export async function readPrevious(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function unwritable(outDir: string, error: unknown, path?: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EditionError(`the disk is full: cannot write ${path ?? 'the out folder'}; the previous build is kept`, {
      code: 'disk/full',
      file: outDir,
      hint: 'free some space on that disk and build again',
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EIO') {
    return new EditionError(`cannot write ${path ?? 'the out folder'}`, {
      code: 'out/unwritable',
      file: outDir,
      hint: 'choose a writable folder with --out DIR',
      cause: error,
    });
  }
  return error;
}

/** How many unknown files an error names before "and N more". */
const NAMED = 5;

/**
 * The out folder is replaced as a whole, so it must be one edition wrote:
 * `--out .`, `--out ~/Documents` or `--out public` (a web project's folder
 * with its own manifest.json) would otherwise delete a user's files. A
 * folder is replaced only when it is missing, empty, or everything in it
 * is listed in edition's record or manifest, and never when it contains a
 * folder the build reads.
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
  if (existsSync(base) && !statSync(base).isDirectory()) {
    throw new EditionError('the out folder is a file; replacing it would delete it', {
      code: 'out/unsafe',
      file: base,
      hint: 'choose a new or empty folder with --out',
    });
  }
  const strangers = await strangersIn(base);
  if (strangers.length > 0) {
    const named = strangers.slice(0, NAMED).join(', ');
    const more = strangers.length > NAMED ? ` and ${strangers.length - NAMED} more` : '';
    throw new EditionError(`the out folder holds files edition did not write (${named}${more}); replacing the folder would delete them`, {
      code: 'out/unsafe',
      file: base,
      hint: 'choose a new or empty folder with --out, or move those files away first',
    });
  }
}

/**
 * The files in `folder` that edition cannot show it wrote (at most a few
 * more than are named). A missing or empty folder has none; a folder with
 * neither edition's record nor its manifest is all strangers.
 */
async function strangersIn(folder: string, limit = NAMED + 1): Promise<string[]> {
  let top: string[];
  try {
    top = (await readdir(folder, { withFileTypes: true })).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') return [basename(folder)];
    throw error;
  }
  if (top.length === 0) return [];
  const record = await readRecord(folder);
  // A folder neither edition's record nor its manifest names is not walked (it may be a home folder).
  let present: string[] | undefined;
  if (record !== undefined) {
    present = await listFiles(folder);
    // The record lists every file its build wrote, the manifest included: the manifest is read only when the record leaves some unexplained.
    const strangers = strangersAmong(present, record.files, limit);
    if (strangers.length === 0) return strangers;
  }
  const manifest = await readManifestPaths(folder);
  if (record === undefined && manifest === undefined) return top.sort().slice(0, limit);
  return strangersAmong(present ?? (await listFiles(folder)), [...(record?.files ?? []), ...(manifest === undefined ? [] : [...manifest, 'manifest.json'])], limit);
}

/**
 * Whether a path is the archive of a locale folder among `listed` files:
 * archives are not listed in the manifest, one per locale folder it lists,
 * known by its list page (`assets/` has none, so an `assets.tar.gz` is
 * someone else's; and `index.html.tar.gz` names no folder).
 */
function ownedArchive(listed: Iterable<string>): (path: string) => boolean {
  const folders = new Set([...listed].filter((path) => /^[^/]+\/index\.html$/u.test(path)).map((path) => path.split('/')[0]!));
  return (path) => /^[^/]+\.tar\.gz$/u.test(path) && folders.has(path.slice(0, -'.tar.gz'.length));
}

/** The paths of `present` (at most `limit`) that are neither listed nor edition's own files. */
function strangersAmong(present: readonly string[], listedFiles: readonly string[], limit: number): string[] {
  const listed = new Set(listedFiles);
  const archive = ownedArchive(listed);
  const known = (path: string) => listed.has(path) || OWN_FILES.has(path) || archive(path);
  const strangers: string[] = [];
  for (const path of present) {
    if (known(path)) continue;
    strangers.push(path);
    if (strangers.length >= limit) break;
  }
  return strangers;
}

async function readRecord(folder: string): Promise<OutRecord | undefined> {
  try {
    return parseRecord(await readFile(join(folder, OUT_RECORD), 'utf8'));
  } catch {
    return undefined;
  }
}

function parseRecord(text: string): OutRecord | undefined {
  try {
    const data = JSON.parse(text) as Partial<OutRecord>;
    if (data.format === RECORD_FORMAT && typeof data.complete === 'boolean' && Array.isArray(data.files) && data.files.every((file) => typeof file === 'string')) {
      const stamps = data.stamps !== null && typeof data.stamps === 'object' && !Array.isArray(data.stamps) && Object.values(data.stamps).every((stamp) => typeof stamp === 'string');
      return { format: RECORD_FORMAT, complete: data.complete, files: data.files, ...(stamps ? { stamps: data.stamps! } : {}) };
    }
  } catch {
    // No record, or not edition's.
  }
  return undefined;
}

/** The paths listed in `folder/manifest.json`, when it is edition's manifest (not a web app's or an extension's). */
/** Whether a folder holds a build of edition's: its record of the files, or (a copy without .cache/) its manifest. */
export async function holdsBuild(folder: string): Promise<boolean> {
  return existsSync(join(folder, OUT_RECORD)) || (await readManifestPaths(folder)) !== undefined;
}

async function readManifestPaths(folder: string): Promise<string[] | undefined> {
  try {
    const data = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const keys = Object.keys(data).sort().join(',');
    if (keys !== 'coverage,files,sourceRevision' || !(data.sourceRevision === null || typeof data.sourceRevision === 'string')) return undefined;
    if (data.coverage === null || typeof data.coverage !== 'object' || !Array.isArray(data.files)) return undefined;
    const files = data.files as unknown[];
    const isEntry = (file: unknown) => {
      const entry = file as Record<string, unknown>;
      return (
        entry !== null && typeof entry === 'object' && typeof entry.path === 'string' && typeof entry.size === 'number' && typeof entry.sha256 === 'string' && /^[0-9a-f]{64}$/u.test(entry.sha256)
      );
    };
    return files.every(isEntry) ? files.map((file) => (file as { path: string }).path) : undefined;
  } catch {
    return undefined;
  }
}
