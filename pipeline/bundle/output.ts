/**
 * Where a build's files go. The core only writes through this interface;
 * the CLI's implementation writes into a staging folder that replaces out/
 * when the build is complete, and tests keep files in memory.
 */
export interface SiteOutput {
  write(path: string, content: string | Uint8Array): Promise<void>;
  /**
   * Carry a page over from the previous build unchanged. Returns false when
   * the previous build does not have it (then it is rebuilt); `size` is
   * what the cache recorded, for outputs that can check it cheaply.
   */
  reuse(path: string, size: number): Promise<boolean>;
}

/** An output that keeps files in memory, with an optional previous build to reuse from. */
export function memoryOutput(previous: ReadonlyMap<string, string | Uint8Array> = new Map()): SiteOutput & { files: Map<string, string | Uint8Array> } {
  const files = new Map<string, string | Uint8Array>();
  return {
    files,
    async write(path, content) {
      files.set(path, content);
    },
    async reuse(path, size) {
      const old = previous.get(path);
      if (old === undefined || Buffer.byteLength(old) !== size) return false;
      files.set(path, old);
      return true;
    },
  };
}
