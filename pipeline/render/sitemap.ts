import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { LocaleConfig } from '../localization/locale.js';
import { pageHref } from './page-href.js';
import type { Site } from '../content/site.js';

/** One page of a locale's sitemap and the date it last changed. */
export interface SitemapPage {
  /** Path under a locale folder, e.g. `story.html`; the same in every locale. */
  path: string;
  lastmod?: string;
  /** The locales that publish this page, source first; every locale of the context when absent. */
  locales?: readonly LocaleConfig[];
}

/**
 * A locale's sitemap (out/<locale>/sitemap.xml): every page of the locale,
 * each with xhtml:link alternates to the same page in every edition that
 * publishes it and x-default to the original, as search engines read hreflang sets.
 */
export function renderSitemap(pages: readonly SitemapPage[], context: { site: Site; locale: LocaleConfig; locales: readonly LocaleConfig[]; source: LocaleConfig }): string {
  const { site, locale, locales, source } = context;
  const href = (code: string, path: string) => pageHref(site, `${code}/${path}`);
  const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'urlset',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' },
      sorted.map((page) =>
        x('url', [
          x('loc', href(locale.code, page.path)),
          ...(page.lastmod ? [x('lastmod', page.lastmod)] : []),
          ...(page.locales ?? locales).map((other) => x('xhtml:link', { rel: 'alternate', hreflang: other.code, href: href(other.code, page.path) })),
          ...((page.locales ?? locales).includes(source) ? [x('xhtml:link', { rel: 'alternate', hreflang: 'x-default', href: href(source.code, page.path) })] : []),
        ]),
      ),
    ),
  ]);
  return `${toXml(tree, { closeEmptyElements: true })}\n`;
}
