import { x } from 'xastscript';
import type { LocaleConfig } from '../localization/locale.js';
import { atomDate } from './feed.js';
import { sortIndex, type IndexEntry } from './index-page.js';
import { pageHref } from './page-href.js';
import type { Site } from '../content/site.js';
import { toWellFormedXml } from './xml-text.js';

/**
 * What Google News reads of a news sitemap: stories published in the last
 * two days, at most 1,000 a file. "The last two days" is counted back from
 * the locale's newest story, not from the clock: a build is a function of
 * its files, and for a newsroom that publishes every day the two agree.
 */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_ENTRIES = 1000;

/** Its name in the locale's folder. */
export const NEWS_SITEMAP = 'news-sitemap.xml';

/** The entries a locale's news sitemap lists: those within two days of its newest, newest first, at most NEWS_ENTRIES. */
export function newsEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  const sorted = sortIndex(entries);
  const newest = sorted[0]?.sortKey;
  return newest === undefined ? [] : sorted.filter((entry) => entry.sortKey >= newest - NEWS_WINDOW_MS).slice(0, NEWS_ENTRIES);
}

/**
 * The language as Google News names it: ISO 639 (the locale's language
 * subtag), except Chinese, written zh-cn (Simplified) or zh-tw
 * (Traditional).
 */
export function newsLanguage(locale: LocaleConfig): string {
  const tag = new Intl.Locale(locale.code);
  if (tag.language !== 'zh') return tag.language;
  const traditional = tag.script === 'Hant' || (tag.script === undefined && ['TW', 'HK', 'MO'].includes(tag.region ?? ''));
  return traditional ? 'zh-tw' : 'zh-cn';
}

/**
 * A locale's news sitemap (out/<locale>/news-sitemap.xml): each story's
 * address with the publication's name as the edition gives it, the
 * language, the moment it was published (at its dateline city's offset)
 * and its title in the edition's language.
 */
export function renderNewsSitemap(entries: readonly IndexEntry[], context: { site: Site; locale: LocaleConfig; publication: string }): string {
  const { site, locale, publication } = context;
  const language = newsLanguage(locale);
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'urlset',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' },
      sortIndex(entries).map((entry) =>
        x('url', [
          x('loc', pageHref(site, `${locale.code}/${entry.slug}.html`)),
          x('news:news', [
            x('news:publication', [x('news:name', publication), x('news:language', language)]),
            x('news:publication_date', entry.published ?? atomDate(entry.sortKey)),
            x('news:title', entry.title),
          ]),
        ]),
      ),
    ),
  ]);
  return `${toWellFormedXml(tree, { closeEmptyElements: true })}\n`;
}
