/** Site-wide settings from the content folder's site.yaml. */
export interface Site {
  /** Public base URL ending in `/`; without it, links between pages are relative. */
  url: string | undefined;
  /** The locale articles are written in. */
  sourceLocale: string;
}

/** A page's address: absolute under the site URL, else relative to a page one folder deep. */
export function pageHref(site: Site, path: string): string {
  return site.url ? new URL(path, site.url).href : `../${path}`;
}
