import type { Site } from '../content/site.js';

/** A page's address: absolute under the site URL, else relative to a page one folder deep. */
export function pageHref(site: Site, path: string): string {
  return site.url ? new URL(path, site.url).href : `../${path}`;
}
