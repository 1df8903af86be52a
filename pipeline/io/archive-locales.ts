import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { tarGz } from '../bundle/archive.js';
import type { SiteOutput } from '../bundle/output.js';
import type { ManifestFile } from '../bundle/manifest.js';

/**
 * Write out/<locale>.tar.gz for each locale folder of a staged build, with
 * the files of assets/ its pages link (`linked`), so each archive unpacked
 * at a site's root is complete, and holds the same files whether a full
 * build or a shard made it. A locale with no published edition has no
 * folder, and so no archive: an empty bundle would replace a deployed
 * locale with nothing. Returns each archive's path, sha256 and size.
 */
export async function archiveLocales(staging: string, locales: readonly string[], output: SiteOutput, linked: ReadonlyMap<string, readonly string[]>): Promise<ManifestFile[]> {
  const assets = await folderFiles(staging, 'assets');
  const written: ManifestFile[] = [];
  for (const code of locales) {
    const own = await folderFiles(staging, code);
    if (own.length === 0) continue;
    const wanted = new Set(linked.get(code) ?? []);
    written.push(await output.write(`${code}.tar.gz`, await tarGz([...own, ...assets.filter(([path]) => wanted.has(path))])));
  }
  return written;
}

/** Every file under root/folder, as [folder/relative path, bytes]; none when the folder does not exist. */
async function folderFiles(root: string, folder: string): Promise<Array<[string, Uint8Array]>> {
  const dir = join(root, folder);
  let entries;
  try {
    entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: Array<[string, Uint8Array]> = [];
  for (const entry of entries) {
    const file = join(entry.parentPath, entry.name);
    files.push([`${folder}/${relative(dir, file).split('\\').join('/')}`, await readFile(file)]);
  }
  return files;
}
