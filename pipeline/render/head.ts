import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { pageHref } from './page-href.js';
import { serializedOnce } from './stringify.js';
import type { Site } from '../content/site.js';

/**
 * hreflang alternates: one per published edition (the page itself
 * included, as search engines require reciprocal sets) and x-default to
 * the original, when the original is among them.
 */
export function alternateLinks(site: Site, path: (locale: string) => string, locales: readonly LocaleConfig[], source: LocaleConfig): Element[] {
  return alternateLinkElements(alternatesOf(site, path, locales, source));
}

/**
 * The same links, serialized once for every page that has them: each
 * edition of an article has its article's set. Kept by the links
 * themselves, the last few sets (bounded: each article has its own).
 */
export function sharedAlternateLinks(site: Site, path: (locale: string) => string, locales: readonly LocaleConfig[], source: LocaleConfig): ElementContent {
  const links = alternatesOf(site, path, locales, source);
  return shared(JSON.stringify(links), () => alternateLinkElements(links));
}

/** Each alternate as [hreflang, href]. */
function alternatesOf(site: Site, path: (locale: string) => string, locales: readonly LocaleConfig[], source: LocaleConfig): Array<[string, string]> {
  return [
    ...locales.map((locale): [string, string] => [locale.code, pageHref(site, path(locale.code))]),
    ...(locales.includes(source) ? [['x-default', pageHref(site, path(source.code))] as [string, string]] : []),
  ];
}

function alternateLinkElements(links: ReadonlyArray<readonly [string, string]>): Element[] {
  return links.map(([hrefLang, href]) => h('link', { rel: 'alternate', hrefLang, href }));
}

export function openGraph(properties: {
  title: string;
  url: string;
  locale: LocaleConfig;
  others: readonly LocaleConfig[];
  type: string;
  siteName: string;
  description?: string | undefined;
}): Element[] {
  return [
    meta('og:type', properties.type),
    meta('og:site_name', properties.siteName),
    meta('og:title', properties.title),
    ...(properties.description ? [meta('og:description', properties.description)] : []),
    meta('og:url', properties.url),
    meta('og:locale', properties.locale.ogLocale),
    ...ogAlternateElements(properties.others.map((other) => other.ogLocale)),
  ];
}

/** The og:locale:alternate lines of `openGraph`, serialized once for every page that has them. */
export function sharedOgAlternates(others: readonly LocaleConfig[]): ElementContent {
  const ogLocales = others.map((other) => other.ogLocale);
  return shared(JSON.stringify(ogLocales), () => ogAlternateElements(ogLocales));
}

function ogAlternateElements(ogLocales: readonly string[]): Element[] {
  return ogLocales.map((ogLocale) => meta('og:locale:alternate', ogLocale));
}

/** Serialized head elements, by the data they are made from (the key names everything the elements show). */
const serializedHeads = new Map<string, ElementContent>();
const MAX_SERIALIZED_HEADS = 64;

function shared(key: string, make: () => Element[]): ElementContent {
  let found = serializedHeads.get(key);
  if (!found) {
    found = serializedOnce(make());
    if (serializedHeads.size >= MAX_SERIALIZED_HEADS) serializedHeads.clear();
    serializedHeads.set(key, found);
  }
  return found;
}

function meta(property: string, content: string): Element {
  return h('meta', { property, content });
}

/** A JSON-LD script element; `<` is escaped so no text can close the script. */
export function jsonLdScript(data: unknown): Element {
  return h('script', { type: 'application/ld+json' }, JSON.stringify(data).replaceAll('<', '\\u003c'));
}

/** Lets browsers and feed readers find the locale's Atom feed from any of its pages (`depth` folders below out/). */
export function feedLink(site: Site, locale: LocaleConfig, title: string, depth = 1): Element {
  return h('link', { rel: 'alternate', type: 'application/atom+xml', href: pageHref(site, `${locale.code}/feed.xml`, depth), title });
}
