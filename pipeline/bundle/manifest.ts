import { createHash } from 'node:crypto';

/** What the memory holds for a locale's editions, after the build. */
export interface Coverage {
  /** Segments of all articles (distinct per article). */
  segments: number;
  /** Served from the translation memory. */
  fromMemory: number;
  /** Of those: machine-translated (origin is an engine). */
  machine: number;
  /** Of those: translated by people. */
  human: number;
  /** Of those: reviewed or final. */
  reviewed: number;
  /** Not in the memory. */
  missing: number;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  /** Content folder's git revision, when it is in a git work tree. */
  sourceRevision: string | null;
  coverage: Record<string, Coverage>;
  files: ManifestFile[];
}

export function emptyCoverage(): Coverage {
  return { segments: 0, fromMemory: 0, machine: 0, human: 0, reviewed: 0, missing: 0 };
}

export function addCoverage(total: Coverage, part: Coverage): void {
  for (const key of Object.keys(total) as Array<keyof Coverage>) total[key] += part[key];
}

export function fileEntry(path: string, content: string | Uint8Array): ManifestFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength };
}

/** out/manifest.json: sorted files and locales, so equal builds give equal bytes. */
export function serializeManifest(manifest: Manifest): string {
  const coverage = Object.fromEntries(
    Object.keys(manifest.coverage)
      .sort()
      .map((code) => [code, manifest.coverage[code]]),
  );
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ sourceRevision: manifest.sourceRevision, coverage, files }, null, 2)}\n`;
}
