import { h } from 'hastscript';
import type { Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { formatWholeNumber } from '../localization/format-number.js';
import type { Translate } from '../localization/i18n.js';
import { htmlDocument, mastheadContent, themeOf } from './document.js';
import { alternateLinks, feedLink, openGraph } from './head.js';
import { languageSwitcher } from './language-switcher.js';
import { pageHref } from './page-href.js';
import type { Site } from '../content/site.js';

/** One line of a locale's list of articles. */
export interface IndexEntry {
  slug: string;
  title: string;
  /** Translated standfirst, for the feed. */
  summary?: string | undefined;
  /** Localized date shown in the list. */
  date: string;
  /** Instant or calendar date the list is sorted by (newest first). */
  isoDate: string;
  sortKey: number;
  /** Publication and last update as RFC 3339 at the dateline city, for the feed and sitemap. */
  published?: string | undefined;
  updated?: string | undefined;
  /** The byline's names, for the feed's entry. */
  byline?: string[] | undefined;
  /** The sanitized body as HTML, for the feed's entry: kept only while the entry can be among the feed's newest. */
  content?: string | undefined;
}

/** Newest first; the slug breaks ties so the order never depends on file-system order. */
export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return b.sortKey - a.sortKey || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

export function sortIndex(entries: readonly IndexEntry[]): IndexEntry[] {
  return [...entries].sort(compareEntries);
}

/** Page `number` (from 1) of a locale's list of stories, within the locale's folder: the first is its index.html. */
export function indexPageName(number: number): string {
  return number === 1 ? 'index.html' : `page/${number}.html`;
}

/** Where page `number` of a locale's list of stories is published. */
export function indexPagePath(locale: string, number: number): string {
  return `${locale}/${indexPageName(number)}`;
}

/** Which page of how many a list page is. */
export interface IndexPageNumber {
  number: number;
  count: number;
}

/**
 * One page of a locale's list of stories: `entries` are that page's
 * (listed newest first). Only the first page has hreflang alternates: page 2 of
 * another edition lists other stories once the editions publish different
 * ones. The language switcher leads to each edition's first page.
 */
export function renderIndexPage(
  entries: readonly IndexEntry[],
  context: { site: Site; locale: LocaleConfig; locales: readonly LocaleConfig[]; source: LocaleConfig; t: Translate; page?: IndexPageNumber | undefined },
): Root {
  const { site, locale, locales, source, t } = context;
  const { number, count } = context.page ?? { number: 1, count: 1 };
  const first = number === 1;
  // Pages after the first are a folder deeper (<locale>/page/2.html).
  const depth = first ? 1 : 2;
  const up = first ? '' : '../';
  const here = (page: number) => `${up}${indexPageName(page)}`;
  const url = pageHref(site, indexPagePath(locale.code, number), depth);
  const publication = t('publication');
  const theme = themeOf(site, `${up}../`);
  const heading = first ? t('latest') : t('latestPage', { latest: t('latest'), number: formatWholeNumber(locale, number) });
  const links = [...(number > 1 ? [h('a', { rel: 'prev', href: here(number - 1) }, t('newer'))] : []), ...(number < count ? [h('a', { rel: 'next', href: here(number + 1) }, t('older'))] : [])];
  return htmlDocument(
    locale,
    t('pageTitle', { title: heading, publication }),
    [
      h('link', { rel: 'canonical', href: url }),
      ...(first ? alternateLinks(site, (code) => indexPagePath(code, 1), locales, source) : []),
      ...openGraph({ type: 'website', title: publication, url, locale, siteName: publication, others: first ? locales.filter((other) => other !== locale) : [] }),
      feedLink(site, locale, t('feedTitle', { publication, latest: t('latest') }), depth),
    ],
    [
      h('header', { className: ['site'] }, [
        h('a', { className: ['masthead'], href: `${up}../index.html` }, [mastheadContent(theme, publication)]),
        languageSwitcher(t('editions'), locale, locales, (code) => `${up}../${indexPagePath(code, 1)}`, first ? 'page' : 'true'),
      ]),
      h('main', [
        h('h1', heading),
        h(
          'ol',
          { className: ['articles'] },
          sortIndex(entries).map((entry) => h('li', [h('a', { href: `${up}${entry.slug}.html` }, entry.title), h('br'), h('time', { dateTime: entry.isoDate }, entry.date)])),
        ),
        ...(links.length > 0 ? [h('nav', { className: ['pages'], ariaLabel: t('pagination') }, links)] : []),
      ]),
    ],
    theme,
  );
}

/** out/index.html: every edition, each named in its own language. */
export function renderHomePage(context: { site?: Site; locales: readonly LocaleConfig[]; source: LocaleConfig; t: Translate }): Root {
  const { locales, source, t } = context;
  const theme = context.site ? themeOf(context.site, '') : {};
  return htmlDocument(
    source,
    t('publication'),
    [],
    [
      h('main', [
        h('h1', [mastheadContent(theme, t('publication'))]),
        h('h2', t('editions')),
        h(
          'ul',
          locales.map((locale) => h('li', [h('a', { href: `${locale.code}/index.html`, hrefLang: locale.code, lang: locale.code, dir: locale.dir }, locale.name)])),
        ),
      ]),
    ],
    theme,
  );
}
