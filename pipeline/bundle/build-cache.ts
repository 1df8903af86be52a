import { createHash } from 'node:crypto';
import type { IndexEntry } from '../render/index-page.js';
import type { Coverage, ManifestFile } from './manifest.js';

/**
 * What a build remembers of each edition it wrote, so the next build can
 * skip an article × locale whose inputs did not change and still write
 * correct indexes, feeds, sitemaps and manifest without rebuilding it.
 */
export interface CachedEdition {
  /** Digest of every input of the page. */
  key: string;
  page: ManifestFile;
  index: IndexEntry;
  coverage: Coverage;
}

export interface BuildCache {
  version: number;
  /** By page path, `ko/story.html`. */
  editions: Record<string, CachedEdition>;
}

const VERSION = 1;

export function emptyCache(): BuildCache {
  return { version: VERSION, editions: {} };
}

/** A cache that cannot be read is no cache: the build just does all the work. */
export function parseCache(text: string | undefined): BuildCache {
  if (!text) return emptyCache();
  try {
    const data = JSON.parse(text) as BuildCache;
    return data.version === VERSION && data.editions && typeof data.editions === 'object' ? data : emptyCache();
  } catch {
    return emptyCache();
  }
}

export function serializeCache(cache: BuildCache): string {
  const editions = Object.fromEntries(Object.keys(cache.editions).sort().map((path) => [path, cache.editions[path]]));
  return `${JSON.stringify({ version: cache.version, editions })}\n`;
}

/** The digest of a page's inputs: any change to any part gives another key. */
export function editionKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(String(part.length)).update(':').update(part);
  return hash.digest('hex');
}
