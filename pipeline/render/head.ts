import { h } from 'hastscript';
import type { Element } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { pageHref } from './page-href.js';
import type { Site } from '../content/site.js';

/**
 * hreflang alternates: one per published edition (the page itself
 * included, as search engines require reciprocal sets) and x-default to
 * the original, when the original is among them.
 */
export function alternateLinks(site: Site, path: (locale: string) => string, locales: readonly LocaleConfig[], source: LocaleConfig): Element[] {
  return [
    ...locales.map((locale) => h('link', { rel: 'alternate', hrefLang: locale.code, href: pageHref(site, path(locale.code)) })),
    ...(locales.includes(source) ? [h('link', { rel: 'alternate', hrefLang: 'x-default', href: pageHref(site, path(source.code)) })] : []),
  ];
}

export function openGraph(properties: { title: string; url: string; locale: LocaleConfig; others: readonly LocaleConfig[]; type: string; description?: string | undefined }): Element[] {
  return [
    meta('og:type', properties.type),
    meta('og:title', properties.title),
    ...(properties.description ? [meta('og:description', properties.description)] : []),
    meta('og:url', properties.url),
    meta('og:locale', properties.locale.ogLocale),
    ...properties.others.map((other) => meta('og:locale:alternate', other.ogLocale)),
  ];
}

function meta(property: string, content: string): Element {
  return h('meta', { property, content });
}

/** A JSON-LD script element; `<` is escaped so no text can close the script. */
export function jsonLdScript(data: unknown): Element {
  return h('script', { type: 'application/ld+json' }, JSON.stringify(data).replaceAll('<', '\\u003c'));
}

/** Lets browsers and feed readers find the locale's Atom feed from any of its pages. */
export function feedLink(site: Site, locale: LocaleConfig, title: string): Element {
  return h('link', { rel: 'alternate', type: 'application/atom+xml', href: pageHref(site, `${locale.code}/feed.xml`), title });
}
