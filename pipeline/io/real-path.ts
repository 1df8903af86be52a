import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A path with its symbolic links resolved, as far as it exists: a folder
 * not made yet keeps its name under its real parent, and a link to one
 * not made yet (a first deploy) is followed to where it points.
 */
function realPath(path: string, links = 0): string {
  try {
    return realpathSync(path);
  } catch {
    if (links < MAX_LINKS && isLink(path)) return realPath(resolve(dirname(path), readlinkSync(path)), links + 1);
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent, links), basename(path));
  }
}

/** As the system allows: a chain longer than this is a loop (ELOOP). */
const MAX_LINKS = 40;

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The out folder as the file system has it: a build is staged beside it
 * and swapped into its place, so `--out public` where `public` is a link to
 * the web server's folder replaces that folder, and the link stays a link.
 */
export function outBase(outDir: string): string {
  return realPath(outDir.replace(/[\\/]+$/u, ''));
}
