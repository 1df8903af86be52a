import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Digest of the named files' contents (a missing file counts as empty). */
export async function digestFiles(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    hash.update(`${file.length}:${file}:${content.length}:`).update(content);
  }
  return hash.digest('hex');
}

let pipelineDigest: Promise<string> | undefined;

/**
 * The pipeline's own version for the build cache: a digest of its code
 * (templates, styles, stages) and of the package manifest that pins its
 * dependencies. Any change to either rebuilds every page.
 */
export function pipelineFingerprint(): Promise<string> {
  pipelineDigest ??= (async () => {
    const root = dirname(dirname(fileURLToPath(import.meta.url)));
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.(js|ts)$/u.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    return digestFiles([...files, join(root, '..', 'package.json')]);
  })();
  return pipelineDigest;
}
