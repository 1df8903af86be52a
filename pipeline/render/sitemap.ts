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
 * What the sitemap protocol allows one file: 50,000 URLs and 50 MiB
 * (52,428,800 bytes) before compression. Search engines refuse a larger
 * file whole, and a locale's hreflang alternates make each URL long: at
 * ten locales, 50,000 URLs come to about 65 MB.
 */
export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 52_428_800 };

export interface SitemapLimits {
  urls: number;
  bytes: number;
}

/** A locale's sitemap files: `sitemap.xml`, then `sitemap-2.xml` and on for a locale with more URLs than one file may hold. */
export function sitemapPartName(number: number): string {
  return number === 1 ? 'sitemap.xml' : `sitemap-${number}.xml`;
}

/**
 * How many URLs each sitemap file of the site holds: as many as the
 * protocol allows, fewer when that many of the site's longest URL entry
 * (its longest address, with an alternate for every listed locale) could
 * pass the byte limit. Worked out from what every shard of a build knows
 * (the site URL, every slug, the listed locales), so that each writes the
 * same sitemap index, naming the parts of locales it does not build.
 */
export function sitemapPartSize(input: { site: Site; slugs: readonly string[]; locales: readonly LocaleConfig[]; limits?: SitemapLimits | undefined }): number {
  const { site, slugs, locales, limits = SITEMAP_LIMITS } = input;
  const code = locales.reduce((longest, locale) => (locale.code.length > longest.length ? locale.code : longest), 'x-default');
  // Each character XML escapes takes at most six bytes (`&#x26;`).
  const escaped = (href: string) => Buffer.byteLength(href, 'utf8') + 5 * (href.match(/[&<>"']/gu)?.length ?? 0);
  let href = escaped(pageHref(site, `${code}/index.html`));
  for (const slug of slugs) href = Math.max(href, escaped(pageHref(site, `${code}/${slug}.html`)));
  const link = `<xhtml:link rel="alternate" hreflang="${code}" href="" />`.length + href;
  // The date of a page's last change is an RFC 3339 moment: 64 bytes hold any.
  const entry = '<url><loc></loc><lastmod></lastmod></url>'.length + href + 64 + (locales.length + 1) * link;
  const frame = Buffer.byteLength(renderSitemap([], { site, locale: locales[0]!, locales, source: locales[0]! }), 'utf8');
  return Math.max(1, Math.min(limits.urls, Math.floor((limits.bytes - frame) / entry)));
}

/** Pages in the order a sitemap lists them, by path: the order its files are cut in, too. */
export function inSitemapOrder(pages: readonly SitemapPage[]): SitemapPage[] {
  return [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A locale's sitemap (out/<locale>/sitemap.xml): every page of the locale,
 * each with xhtml:link alternates to the same page in every edition that
 * publishes it and x-default to the original, as search engines read hreflang sets.
 */
export function renderSitemap(pages: readonly SitemapPage[], context: { site: Site; locale: LocaleConfig; locales: readonly LocaleConfig[]; source: LocaleConfig }): string {
  const { site, locale, locales, source } = context;
  const href = (code: string, path: string) => pageHref(site, `${code}/${path}`);
  const sorted = inSitemapOrder(pages);
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
