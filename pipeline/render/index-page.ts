import { h } from 'hastscript';
import type { Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
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
  /** The byline, for the feed's entry. */
  byline?: string | undefined;
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

export function renderIndexPage(entries: readonly IndexEntry[], context: { site: Site; locale: LocaleConfig; locales: readonly LocaleConfig[]; source: LocaleConfig; t: Translate }): Root {
  const { site, locale, locales, source, t } = context;
  const path = (code: string) => `${code}/index.html`;
  const url = pageHref(site, path(locale.code));
  const publication = t('publication');
  const theme = themeOf(site, '../');
  return htmlDocument(
    locale,
    t('pageTitle', { title: t('latest'), publication }),
    [
      h('link', { rel: 'canonical', href: url }),
      ...alternateLinks(site, path, locales, source),
      ...openGraph({ type: 'website', title: publication, url, locale, siteName: publication, others: locales.filter((other) => other !== locale) }),
      feedLink(site, locale, t('feedTitle', { publication, latest: t('latest') })),
    ],
    [
      h('header', { className: ['site'] }, [
        h('a', { className: ['masthead'], href: '../index.html' }, [mastheadContent(theme, publication)]),
        languageSwitcher(t('editions'), locale, locales, (code) => `../${path(code)}`),
      ]),
      h('main', [
        h('h1', t('latest')),
        h(
          'ol',
          { className: ['articles'] },
          sortIndex(entries).map((entry) => h('li', [h('a', { href: `${entry.slug}.html` }, entry.title), h('br'), h('time', { dateTime: entry.isoDate }, entry.date)])),
        ),
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
