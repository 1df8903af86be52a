import { mkdir, rm, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EditionError } from '../errors.js';

/**
 * Write a build's files into the out folder. The whole folder is written
 * beside it first and swapped in, so out/ is always one complete build.
 */
export async function writeSite(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const staging = `${outDir.replace(/[\\/]+$/u, '')}.staging-${process.pid}`;
  const previous = `${outDir.replace(/[\\/]+$/u, '')}.previous-${process.pid}`;
  try {
    await rm(staging, { recursive: true, force: true });
    for (const [path, content] of files) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content, 'utf8');
    }
    await rm(previous, { recursive: true, force: true });
    await rename(outDir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, outDir);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new EditionError('cannot write the out folder', {
        code: 'out/unwritable',
        file: outDir,
        hint: 'choose a writable folder with --out DIR',
        cause: error,
      });
    }
    throw error;
  }
}
