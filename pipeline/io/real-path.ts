import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A path with its symbolic links resolved, as far as it exists (a folder not made yet keeps its name under its real parent). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
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
