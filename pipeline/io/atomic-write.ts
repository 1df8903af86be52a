import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Write a file so that readers (and a crash) only ever see the old or the
 * new content: write a temporary file beside it, then rename over it.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
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
export function writeFileAtomicSync(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
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
