import { chmodSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, writeFile, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Write a file so that readers (and a crash) only ever see the old or the
 * new content: write a temporary file beside it, then rename over it.
 */
export async function writeFileAtomic(given: string, content: string | Uint8Array): Promise<void> {
  const { file, mode } = replaced(given);
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * writeFileAtomic, synchronously: for translation memory saved as each
 * paid-for batch returns. Done in the same turn of the event loop that
 * received the batch, the save cannot fall behind the answers still
 * arriving, so a kill loses at most the requests in flight.
 */
export function writeFileAtomicSync(given: string, content: string): void {
  const { file, mode } = replaced(given);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, 'utf8');
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The file a write replaces, and the permissions it had. Renaming over a
 * symbolic link would put a plain file in its place (a memory file shared
 * from elsewhere would stop being shared, the write lost to the other
 * side), and a new file would drop a file's mode (a read-only one would
 * become writable): the write goes where the link points, with the mode
 * the file had.
 */
function replaced(file: string): { file: string; mode: number | undefined } {
  try {
    const real = realpathSync(file);
    return { file: real, mode: statSync(real).mode & 0o7777 };
  } catch {
    return { file, mode: undefined };
  }
}

const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/u;

/**
 * Delete the temporary files that writes killed halfway left in the
 * folders one level below `root` (content/translations/<locale>/). The
 * files they were replacing are intact: the rename never happened. Only
 * safe while holding the lock of whoever writes there.
 */
export async function removeAbandonedTemporaries(root: string): Promise<void> {
  let folders;
  try {
    folders = await readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    const dir = join(root, folder.name);
    for (const name of await readdir(dir)) if (TEMPORARY.test(name)) await rm(join(dir, name), { force: true });
  }
}
