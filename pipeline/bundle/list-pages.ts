import { createHash } from 'node:crypto';
import type { LocaleConfig } from '../localization/locale.js';
import type { Strings } from '../localization/i18n.js';
import { compareEntries, indexPageName, renderHomePage, renderIndexPage, sortIndex, type IndexEntry } from '../render/index-page.js';
import { renderFeed } from '../render/feed.js';
import { NEWS_SITEMAP, newsEntries, renderNewsSitemap } from '../render/news-sitemap.js';
import { inSitemapOrder, renderSitemap, sitemapPartName, sitemapPartSize, type SitemapLimits } from '../render/sitemap.js';
import { renderRobots, renderSitemapIndex } from '../render/crawlers.js';
import { stringifyPage } from '../render/stringify.js';
import { markPseudo } from '../render/pseudo.js';
import type { Root } from 'hast';
import { feedEntriesOf, indexEntriesOf, type Site } from '../content/site.js';
import type { ManifestFile } from './manifest.js';
import type { SiteOutput } from './output.js';

/** A pseudo-localized build's robots.txt: no crawler may index its made-up text. */
export const PSEUDO_ROBOTS = 'User-agent: *\nDisallow: /\n';

/** A locale's list pages (index, feed, sitemap), each kept while what it shows is unchanged. */
export interface CachedLists {
  pages: ManifestFile[];
  /** Page path → digest of everything the page shows. */
  keys: Record<string, string>;
}

/**
 * Add an edition's entry to its locale's list, keeping its body only
 * while it can still be among the feed's newest `limit`: a build holds at
 * most twice `limit` bodies per locale, whatever the size of the archive.
 * Every `limit` entries, the newest `limit` so far are moved to the front
 * (with their bodies), and the others drop theirs: an entry with `limit`
 * newer ones never gets into the feed, since entries are only added.
 * The order of the list is otherwise of no meaning.
 */
export function addEntry(entries: IndexEntry[], entry: IndexEntry, limit: number): void {
  entries.push(entry);
  const count = entries.length;
  if (count < 2 * limit || count % limit !== 0) return;
  // The front holds the newest `limit` of all entries before the last `limit`: the newest of both are the newest of all.
  const newest = [...entries.slice(0, limit), ...entries.slice(count - limit)].sort(compareEntries);
  newest.forEach((kept, rank) => {
    if (rank >= limit) delete kept.content;
    entries[rank < limit ? rank : count - 2 * limit + rank] = kept;
  });
}

/**
 * A locale's feed: its newest entries, each with its body. Entries past
 * those drop their bodies (the cache keeps the feed's only); a feed entry
 * without one (carried over from a build where it was not in the feed)
 * gets it from `body`. Entries are changed in place.
 */
async function feedOf(sorted: readonly IndexEntry[], limit: number, body: ((entry: IndexEntry) => Promise<string | undefined>) | undefined): Promise<IndexEntry[]> {
  for (const entry of sorted.slice(limit)) delete entry.content;
  const feed = sorted.slice(0, limit);
  for (const entry of feed) {
    if (entry.content !== undefined || !body) continue;
    const content = await body(entry);
    if (content !== undefined) entry.content = content;
  }
  return feed;
}

/**
 * The pages that list other pages: each locale's index (in pages of
 * `indexEntries`), Atom feed and sitemap, and the home page. They are always written from every edition's
 * index entry (cached or new), so they stay right when only some pages
 * were rebuilt. They list only published editions: a locale with none has
 * no list pages, and neither the home page nor another locale's index
 * links it. The feed carries the newest `feedEntries` (site.yaml) with
 * their bodies; the index's pages and the sitemap list every entry.
 */
export async function writeListPages(input: {
  site: Site;
  source: LocaleConfig;
  targets: readonly LocaleConfig[];
  /** Locales with at least one published edition, source first: the ones list pages link. */
  listed: readonly LocaleConfig[];
  /** The locales that publish an article, source first. */
  linkedOf: (slug: string) => readonly LocaleConfig[];
  /** Every article's slug, in every locale (not only the built ones): what sizes the sitemap files. */
  slugs: readonly string[];
  /** How much one sitemap file may hold; the protocol's limits when absent. */
  sitemapLimits?: SitemapLimits | undefined;
  indexes: ReadonlyMap<string, IndexEntry[]>;
  strings: Strings;
  output: SiteOutput;
  /** The digest of everything besides its entries that shapes a locale's list pages. */
  keyOf: (locale: LocaleConfig) => string;
  /** List pages of the previous build, by locale. */
  previous: Readonly<Record<string, CachedLists>>;
  /** The body of an entry the feed shows that has none (an edition carried over without it). */
  body?: ((locale: LocaleConfig, entry: IndexEntry) => Promise<string | undefined>) | undefined;
  /** A pseudo-localized build: its list pages say so and, with robots.txt, keep crawlers out, as its articles do. */
  pseudo?: boolean | undefined;
}): Promise<{ files: ManifestFile[]; lists: Record<string, CachedLists> }> {
  const { site, source, strings, output } = input;
  const marked = (tree: Root) => (input.pseudo ? markPseudo(tree) : tree);
  const locales = input.listed;
  const written: ManifestFile[] = [];
  const lists: Record<string, CachedLists> = {};
  const write = async (path: string, content: string) => {
    written.push(await output.write(path, content));
  };
  /**
   * Each list page is carried over while what it shows is unchanged, and
   * rendered otherwise: an edited paragraph of a story in the feed
   * changes the feed, not the index and the sitemap of a thousand entries.
   */
  const page = async (locale: LocaleConfig, name: string, base: string, shown: unknown, render: () => string) => {
    const path = `${locale.code}/${name}`;
    const key = createHash('sha256').update(`${base}\n${path}\n`).update(JSON.stringify(shown)).digest('hex');
    const previous = input.previous[locale.code];
    const cached = previous?.keys?.[path] === key && Array.isArray(previous.pages) ? previous.pages.find((file) => file?.path === path) : undefined;
    if (cached && (await output.reuse(cached))) written.push(cached);
    else await write(path, render());
    const own = (lists[locale.code] ??= { pages: [], keys: {} });
    own.pages.push(written.at(-1)!);
    own.keys[path] = key;
  };
  const perPart = sitemapPartSize({ site, slugs: input.slugs, locales, limits: input.sitemapLimits });
  const sitemapParts = new Map<LocaleConfig, number>();
  for (const locale of input.targets) {
    if (!locales.includes(locale)) continue;
    const entries = sortIndex(input.indexes.get(locale.code) ?? []);
    const { body } = input;
    const feed = await feedOf(entries, feedEntriesOf(site), body && (async (entry) => body(locale, entry)));
    const base = input.keyOf(locale);
    const t = strings.forLocale(locale);
    // The list in pages, newest first: every page after the first moves when a story is added, as on any news site.
    const perPage = indexEntriesOf(site);
    const count = Math.max(1, Math.ceil(entries.length / perPage));
    for (let number = 1; number <= count; number += 1) {
      const shown = entries.slice((number - 1) * perPage, number * perPage);
      await page(locale, indexPageName(number), base, [number, count, shown.map((entry) => [entry.slug, entry.title, entry.date, entry.isoDate])], () =>
        stringifyPage(marked(renderIndexPage(shown, { site, locale, locales, source, t, page: { number, count } }))),
      );
    }
    await page(locale, 'feed.xml', base, feed, () => renderFeed(feed, { site, locale, title: t('feedTitle', { publication: t('publication'), latest: t('latest') }), publication: t('publication') }));
    // A moment at the dateline city, as feeds give it: a date alone would be read in the crawler's own zone.
    const pages = inSitemapOrder([
      { path: 'index.html' },
      ...entries.map((entry) => ({ path: `${entry.slug}.html`, lastmod: entry.updated ?? entry.published ?? entry.isoDate, locales: input.linkedOf(entry.slug) })),
    ]);
    const parts = Math.ceil(pages.length / perPart);
    sitemapParts.set(locale, parts);
    for (let number = 1; number <= parts; number += 1) {
      const shown = pages.slice((number - 1) * perPart, number * perPart);
      await page(
        locale,
        sitemapPartName(number),
        base,
        shown.map((one) => [one.path, one.lastmod, one.locales?.map((other) => other.code)]),
        () => renderSitemap(shown, { site, locale, locales, source }),
      );
    }
    const news = newsEntries(entries);
    await page(
      locale,
      NEWS_SITEMAP,
      base,
      news.map((entry) => [entry.slug, entry.title, entry.published, entry.sortKey]),
      () => renderNewsSitemap(news, { site, locale, publication: t('publication') }),
    );
  }
  await write('index.html', stringifyPage(marked(renderHomePage({ site, locales, source, t: strings.forLocale(source) }))));
  // A locale another shard builds: as many sitemap files as its published articles and its first list page fill.
  const published = (locale: LocaleConfig) => input.slugs.filter((slug) => input.linkedOf(slug).includes(locale)).length;
  const partsOf = (locale: LocaleConfig) => sitemapParts.get(locale) ?? Math.ceil((published(locale) + 1) / perPart);
  await write(
    'sitemap.xml',
    renderSitemapIndex(
      site,
      locales.map((locale) => ({ locale, parts: partsOf(locale) })),
    ),
  );
  await write('robots.txt', input.pseudo ? PSEUDO_ROBOTS : renderRobots(site));
  return { files: written, lists };
}
