import { createHash } from 'node:crypto';
import { fileEntry, type ManifestFile } from './manifest.js';

/**
 * Where a build's files go. The core only writes through this interface;
 * the CLI's implementation writes into a staging folder that replaces out/
 * when the build is complete, and tests keep files in memory.
 */
export interface SiteOutput {
  /** Write a file; returns its entry for the manifest (its sha256 and size, computed once). */
  write(path: string, content: string | Uint8Array): Promise<ManifestFile>;
  /**
   * Carry a page over from the previous build unchanged. Returns false when
   * the previous build does not have it with the size and sha256 the cache
   * recorded (missing, truncated or edited since): then it is rebuilt.
   */
  reuse(page: ManifestFile): Promise<boolean>;
  /**
   * Whether the previous build in this output holds the page, by edition's
   * record of it, or without one by the page being there: a page this
   * build does not write is then taken down. Undefined (or no such method)
   * where neither tells: the build's cache says instead.
   */
  published?(path: string): boolean | undefined;
}

/**
 * An output that keeps files in memory, with an optional previous build to
 * reuse from. `trusted` skips checking a reused page's size and sha256: for a
 * previous render this process made and nothing else can touch, where
 * hashing it again would cost more than rendering it.
 */
export function memoryOutput(previous: ReadonlyMap<string, string | Uint8Array> = new Map(), options: { trusted?: boolean } = {}): SiteOutput & { files: Map<string, string | Uint8Array> } {
  const files = new Map<string, string | Uint8Array>();
  return {
    files,
    async write(path, content) {
      files.set(path, content);
      return fileEntry(path, content);
    },
    async reuse(page) {
      const old = previous.get(page.path);
      if (old === undefined) return false;
      if (!options.trusted && (Buffer.byteLength(old) !== page.size || createHash('sha256').update(old).digest('hex') !== page.sha256)) return false;
      files.set(page.path, old);
      return true;
    },
  };
}
