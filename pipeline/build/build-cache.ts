import { createHash } from 'node:crypto';
import type { IndexEntry } from '../render/index-page.js';
import type { Coverage, ManifestFile } from '../bundle/manifest.js';
import type { CachedLists } from '../bundle/list-pages.js';
import type { HoldReason } from './readiness.js';
import type { AssetRecord } from './assets.js';
import type { LocaleConfig } from '../localization/locale.js';
import type { ArticleLink } from '../content/article-links.js';

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
  /** The files its article links by relative path, as published. */
  assets?: AssetRecord[];
  /**
   * Which editions of the article are held back, and why, with the digest
   * of everything that decides it, so an unchanged article's readiness is
   * known without parsing it. Absent in caches written before readiness.
   */
  readiness?: CachedReadiness;
}

export interface CachedReadiness {
  key: string;
  /** Locale code → reasons it is held; a locale not named is published. */
  held: Record<string, HoldReason[]>;
}

/** A source file as last read: its stamp and the digest of its content. */
export interface CachedFile {
  stamp: string;
  digest: string;
}

export interface BuildCache {
  version: number;
  /** Article and memory files by path. */
  files: Record<string, CachedFile>;
  /** By page path, `ko/story.html`. */
  editions: Record<string, CachedEdition>;
  /** By locale code. */
  lists: Record<string, CachedLists>;
  /** Per built locale, the digest of everything besides the article and its memory that shaped its pages (code, settings, locale files). */
  runKeys?: Record<string, string>;
  /** Everything besides the articles and their memories that decided readiness. */
  readinessKey?: string;
  /** What reading each article warned of (an unknown front matter field, an orphan entry), by article file: a build that carries the article over says it again. */
  warnings?: Record<string, string[]>;
  /** The other articles each article links by their files, by article file: a build that carries the article over checks them again. */
  links?: Record<string, ArticleLink[]>;
}

const VERSION = 4;

export function emptyCache(): BuildCache {
  return { version: VERSION, files: {}, editions: {}, lists: {} };
}

/** A cache that cannot be read is no cache: the build just does all the work. */
export function parseCache(text: string | undefined): BuildCache {
  if (!text) return emptyCache();
  try {
    const data = JSON.parse(text) as BuildCache;
    if (!(data.version === VERSION && isRecord(data.files) && isRecord(data.editions) && isRecord(data.lists))) return emptyCache();
    // Said again on the terminal: only lists of text are.
    if (data.warnings !== undefined && !(isRecord(data.warnings) && Object.values(data.warnings).every(isTextList))) delete data.warnings;
    if (data.links !== undefined && !(isRecord(data.links) && Object.values(data.links).every(isLinkList))) delete data.links;
    return data;
  } catch {
    return emptyCache();
  }
}

/**
 * Whether a text is someone else's JSON under the cache's name: JSON that
 * is not an edition build cache of any version. Text that is not JSON at
 * all is taken for a damaged cache, which a build replaces.
 */
export function isOtherJson(text: string): boolean {
  let data: Partial<BuildCache> | null;
  try {
    data = JSON.parse(text) as Partial<BuildCache> | null;
  } catch {
    return false;
  }
  return !(data !== null && typeof data === 'object' && typeof data.version === 'number' && isRecord(data.files) && isRecord(data.editions));
}

/**
 * The cache as UTF-8 JSON, keys sorted: the same cache always gives the
 * same bytes. Written entry by entry into the bytes rather than as one
 * string, which for a large site with pages in non-Latin scripts was a
 * two-byte string twice the file's size, held beside the bytes made from it.
 */
export function serializeCache(cache: BuildCache): Buffer {
  const chunks: Buffer[] = [];
  const add = (text: string) => chunks.push(Buffer.from(text, 'utf8'));
  const record = (name: string, entries: Record<string, unknown>) => {
    add(`,${JSON.stringify(name)}:{`);
    const keys = Object.keys(entries).sort();
    let first = true;
    for (let start = 0; start < keys.length; start += BATCH) {
      // A few hundred entries at a time, as JSON.stringify writes them (a key without a value left out), braces cut off.
      const json = JSON.stringify(Object.fromEntries(keys.slice(start, start + BATCH).map((key) => [key, entries[key]])));
      if (json === '{}') continue;
      add(`${first ? '' : ','}${json.slice(1, -1)}`);
      first = false;
    }
    add('}');
  };
  add(`{"version":${JSON.stringify(cache.version)}`);
  record('files', cache.files);
  record('editions', cache.editions);
  record('lists', cache.lists);
  record('runKeys', cache.runKeys ?? {});
  record('warnings', cache.warnings ?? {});
  record('links', cache.links ?? {});
  add(`${cache.readinessKey === undefined ? '' : `,"readinessKey":${JSON.stringify(cache.readinessKey)}`}}\n`);
  return Buffer.concat(chunks);
}

/** Entries serialized at once: strings of a few hundred kilobytes, no large one. */
const BATCH = 256;

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isLinkList(value: unknown): value is ArticleLink[] {
  return Array.isArray(value) && value.every((item: unknown) => isRecord(item) && (typeof item['slug'] === 'string' || typeof item['href'] === 'string') && typeof item['line'] === 'number');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The sha256 of a text's UTF-8 bytes (or of bytes), in hex. */
export function digestText(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The digest of a page's inputs: any change to any part gives another key. */
export function editionKey(parts: readonly string[]): string {
  // One update of the joined text: the same bytes as one per part, without a native call per piece.
  return createHash('sha256')
    .update(parts.map((part) => `${part.length}:${part}`).join(''), 'utf8')
    .digest('hex');
}

/** The digest of everything a page shows and links: any change to any part gives another key. */
export function pageKey(runKey: string, linked: readonly LocaleConfig[], digests: ReadonlyMap<string, string>, file: string, memoryFile: string | undefined, assetsKey: string): string {
  return editionKey([runKey, linkedKey(linked), digests.get(file)!, memoryFile === undefined ? '' : (digests.get(memoryFile) ?? ''), assetsKey]);
}

/**
 * What a page shows of the other editions it links: their codes (hreflang),
 * names and directions (the language switcher) and Open Graph locales. A
 * locale renamed in its locale.yaml changes every page that links it, not
 * only its own (whose run key holds its files).
 */
export function linkedKey(linked: readonly LocaleConfig[]): string {
  return linked.map((locale) => [locale.code, locale.name, locale.dir, locale.ogLocale].join('\u0000')).join('\u0001');
}
