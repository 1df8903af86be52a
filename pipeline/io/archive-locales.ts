import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { tarGz } from '../bundle/archive.js';
import type { SiteOutput } from '../bundle/output.js';

/**
 * Write out/<locale>.tar.gz for each locale folder of a staged build. A
 * locale with no published edition has no folder, and so no archive: an
 * empty bundle would replace a deployed locale with nothing.
 */
export async function archiveLocales(staging: string, locales: readonly string[], output: SiteOutput): Promise<void> {
  for (const code of locales) {
    const dir = join(staging, code);
    let listed;
    try {
      listed = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const entries = listed.filter((entry) => entry.isFile());
    const files: Array<[string, Uint8Array]> = [];
    for (const entry of entries) {
      const file = join(entry.parentPath, entry.name);
      files.push([`${code}/${relative(dir, file).split('\\').join('/')}`, await readFile(file)]);
    }
    await output.write(`${code}.tar.gz`, await tarGz(files));
  }
}
