import { linkSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { EditionError } from '../errors.js';
import { outBase } from './real-path.js';

/** The lock of a content folder: whoever writes its translation memory holds it. */
export const contentLockFile = (contentDir: string) => join(contentDir, '.edition.lock');
/**
 * The lock of an out folder, beside it (the folder itself is swapped).
 * Named after the folder's real path, so that two names for it (a
 * symbolic link `site -> out`) share one lock.
 */
export const outLockFile = (outDir: string) => `${outBase(outDir)}.edition.lock`;

/** Run `work` holding the lock. */
export async function withLock<T>(file: string, what: string, work: () => Promise<T>): Promise<T> {
  const lock = acquireLock(file, what);
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/** Who holds a lock, as written in the lock file. */
interface Holder {
  pid: number;
  host: string;
  /** ISO time the lock was taken, for the message. */
  since: string;
}

export interface Lock {
  release(): void;
}

/**
 * Take a lock file for a folder two builds must not write at once (the
 * out folder, the translation memory). The file is created whole, with
 * its holder's pid and host, by linking a finished temporary file into
 * place, so no one ever reads a half-written lock. A second build is
 * refused with who holds the lock, rather than left waiting on a build
 * that may run for an hour. A lock whose process is gone on this host
 * (killed with -9, a machine that rebooted) is stale and taken over, so
 * a crash never blocks the next build.
 */
export function acquireLock(file: string, what: string): Lock {
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // The pid in its name shows, after a kill, whose temporary it was.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
  } catch (error) {
    throw lockError(error, file, what);
  }
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(temporary, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(error, file, what);
        refuseNonFile(file, what);
        const current = readHolder(file);
        if (current && isRunning(current)) {
          throw new EditionError(`${what} is in use by another edition process (pid ${current.pid} on ${current.host}, since ${current.since})`, {
            code: 'lock/busy',
            file,
            hint: `wait for it to finish and run again; if no such process is running, delete ${file}`,
          });
        }
        // Stale: its process is gone. Two builds starting at the same moment after a crash could
        // both get past this unlink; that narrow race is accepted rather than adding a second lock.
        rmSync(file, { force: true });
      }
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  removeAbandoned(file);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

/** Something else at the lock's path (a folder someone made) is not a stale lock to delete. */
function refuseNonFile(file: string, what: string): void {
  let isFile = true;
  try {
    isFile = lstatSync(file).isFile();
  } catch {
    // Gone meanwhile: the next attempt takes it.
  }
  if (!isFile) {
    throw new EditionError(`cannot lock ${what}: its lock path is not a file`, {
      code: 'lock/not-a-file',
      file,
      hint: 'move that folder away: edition keeps a small lock file at that path while it writes',
    });
  }
}

/** Temporaries of this lock left by a process killed while taking it: removed by the next holder. */
function removeAbandoned(file: string): void {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d{1,10})\.[0-9a-f]{12}\.tmp$/u.exec(name.slice(prefix.length)) : null;
    if (match && !isRunning({ pid: Number(match[1]), host: hostname(), since: '' })) rmSync(join(dirname(file), name), { force: true });
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string') return { pid: data.pid, host: data.host, since: String(data.since ?? '') };
  } catch {
    // Unreadable or gone: nobody can be shown to hold it.
  }
  return undefined;
}

/**
 * A lock from another host cannot be checked from here, so it counts as
 * held; on this host, a pid that no longer exists is a crashed build.
 */
function isRunning(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(error: unknown, file: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR') {
    return new EditionError(`cannot lock ${what}`, { code: 'lock/unwritable', file, hint: 'check that the folder exists and is writable', cause: error });
  }
  return error;
}
