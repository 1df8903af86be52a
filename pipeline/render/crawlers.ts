import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { LocaleConfig } from '../localization/locale.js';
import type { Site } from '../content/site.js';
import { sitemapPartName } from './sitemap.js';
import { NEWS_SITEMAP } from './news-sitemap.js';

/** An address at the site's root: absolute under the site URL, else relative to out/. */
function rootHref(site: Site, path: string): string {
  return site.url ? new URL(path, site.url).href : path;
}

/**
 * out/sitemap.xml: a sitemap index naming every file of every edition's
 * sitemap (`parts` of each locale) and its news sitemap, the one file
 * crawlers are pointed at.
 */
export function renderSitemapIndex(site: Site, locales: ReadonlyArray<{ locale: LocaleConfig; parts: number }>): string {
  const sorted = [...locales].sort((a, b) => (a.locale.code < b.locale.code ? -1 : a.locale.code > b.locale.code ? 1 : 0));
  const files = sorted.flatMap(({ locale, parts }) => [...Array.from({ length: parts }, (_, index) => sitemapPartName(index + 1)), NEWS_SITEMAP].map((name) => `${locale.code}/${name}`));
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'sitemapindex',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
      files.map((file) => x('sitemap', [x('loc', rootHref(site, file))])),
    ),
  ]);
  return `${toXml(tree, { closeEmptyElements: true })}\n`;
}

/**
 * out/robots.txt: everything may be crawled, and the sitemap index is
 * named. The Sitemap line needs an absolute address, so a site without
 * `url` gets none.
 */
export function renderRobots(site: Site): string {
  return ['User-agent: *', 'Allow: /', ...(site.url ? ['', `Sitemap: ${rootHref(site, 'sitemap.xml')}`] : []), ''].join('\n');
}
