import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { outLockFile, withLock } from '../io/lock.js';
import { fileEntry, type ManifestFile } from '../bundle/manifest.js';
import { mergeShardParts, SHARD_PART } from '../build/shard-manifest.js';
import type { CommandIo } from './build-command.js';

/**
 * Merge shard builds: hash every file of the merged out folder and combine
 * the shards' parts into out/manifest.json, as a full build writes it.
 */
export async function manifestCommand(options: { out: string }, io: CommandIo): Promise<void> {
  const out = resolve(io.cwd, options.out);
  // A build swapping the folder meanwhile would leave a manifest of files that are gone.
  await withLock(outLockFile(out), `the out folder ${options.out}`, () => mergeManifest(out, options, io));
}

async function mergeManifest(out: string, options: { out: string }, io: CommandIo): Promise<void> {
  const parts: Array<{ file: string; text: string }> = [];
  const files: ManifestFile[] = [];
  const entries = await readdir(out, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new EditionError('the out folder does not exist', {
      code: 'manifest/no-out',
      file: out,
      hint: 'copy the out folders of every `edition build --shard i/n` run into it first',
    });
  });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(out, file).split('\\').join('/');
    if (SHARD_PART.test(path)) parts.push({ file, text: await readFile(file, 'utf8') });
    else if (isSiteFile(path)) files.push(fileEntry(path, await readFile(file)));
  }
  await writeFileAtomic(join(out, 'manifest.json'), mergeShardParts(parts, files));
  for (const part of parts) await rm(part.file);
  io.stdout.write(`merged ${parts.length} shard${parts.length === 1 ? '' : 's'}: ${files.length} files -> ${join(options.out, 'manifest.json')}\n`);
}

/** The manifest lists the site's files: not itself, the build cache, or the archives made from the site. */
export function isSiteFile(path: string): boolean {
  return path !== 'manifest.json' && !path.startsWith('.cache/') && !path.endsWith('.tar.gz');
}
