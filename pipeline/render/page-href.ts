import type { Site } from '../content/site.js';

/** A page's address: absolute under the site URL, else relative to a page `depth` folders deep (a locale's pages are one). */
export function pageHref(site: Site, path: string, depth = 1): string {
  if (!site.url) return `${'../'.repeat(depth)}${path}`;
  const base = plainBase(site.url);
  // A path of plain segments under a plain base resolves to the two joined: no URL parse needed (one per link was a second of a build).
  return base !== undefined && PLAIN_PATH.test(path) ? `${base}${path}` : new URL(path, site.url).href;
}

/** Segments of unreserved characters, none of them `.` or `..`: nothing in such a path is resolved or escaped. */
const PLAIN_PATH = /^[\w~-][\w.~-]*(?:\/[\w~-][\w.~-]*)*$/u;

const bases = new Map<string, string | undefined>();

/** The site URL as written out, when joining a relative path to it is all resolving does: http(s), ending in `/`, no query or fragment. */
function plainBase(url: string): string | undefined {
  if (bases.has(url)) return bases.get(url);
  // A URL that does not parse is left to the full resolution, which fails as it always has.
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const plain = parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.search === '' && parsed.hash === '' && parsed.href.endsWith('/') ? parsed.href : undefined;
  // Bounded: a run has one site URL; tests make a few.
  if (bases.size >= 16) bases.clear();
  bases.set(url, plain);
  return plain;
}
