import { x } from 'xastscript';
import { toXml, type Raw } from 'xast-util-to-xml';
import { xmlElement, xmlText } from './xml-text.js';
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
  const url = (page: SitemapPage): string => {
    const editions = page.locales ?? locales;
    const link = (hreflang: string, code: string) => xmlElement('xhtml:link', { rel: 'alternate', hreflang, href: href(code, page.path) }, '');
    return xmlElement(
      'url',
      {},
      [
        xmlElement('loc', {}, xmlText(href(locale.code, page.path))),
        page.lastmod ? xmlElement('lastmod', {}, xmlText(page.lastmod)) : '',
        ...editions.map((other) => link(other.code, other.code)),
        editions.includes(source) ? link('x-default', source.code) : '',
      ].join(''),
    );
  };
  // Each entry is written as raw XML, as xast-util-to-xml would write it (see xmlElement).
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'urlset',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' },
      sorted.map((page): Raw => ({ type: 'raw', value: url(page) })),
    ),
  ]);
  return `${toXml(tree, { closeEmptyElements: true, allowDangerousXml: true })}\n`;
}
