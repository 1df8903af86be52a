import type { LocaleConfig } from '../localization/locale.js';
import type { Strings } from '../localization/i18n.js';
import { renderHomePage, renderIndexPage, sortIndex, type IndexEntry } from '../render/index-page.js';
import { renderFeed } from '../render/feed.js';
import { renderSitemap } from '../render/sitemap.js';
import { renderRobots, renderSitemapIndex } from '../render/crawlers.js';
import { stringifyPage } from '../render/stringify.js';
import type { Site } from '../content/site.js';
import { fileEntry, type ManifestFile } from './manifest.js';
import type { SiteOutput } from './output.js';

/** A locale's list pages (index, feed, sitemap), kept while the entries they list are unchanged. */
export interface CachedLists {
  key: string;
  pages: ManifestFile[];
}

/**
 * The pages that list other pages: each locale's index, Atom feed and
 * sitemap, and the home page. They are always written from every edition's
 * index entry (cached or new), so they stay right when only some pages
 * were rebuilt. They list only published editions: a locale with none has
 * no list pages, and neither the home page nor another locale's index
 * links it.
 */
export async function writeListPages(input: {
  site: Site;
  source: LocaleConfig;
  targets: readonly LocaleConfig[];
  /** Locales with at least one published edition, source first: the ones list pages link. */
  listed: readonly LocaleConfig[];
  /** The locales that publish an article, source first. */
  linkedOf: (slug: string) => readonly LocaleConfig[];
  indexes: ReadonlyMap<string, IndexEntry[]>;
  strings: Strings;
  output: SiteOutput;
  /** The digest of a locale's list pages' inputs, given its sorted entries. */
  keyOf: (locale: LocaleConfig, entries: readonly IndexEntry[]) => string;
  /** List pages of the previous build, by locale. */
  previous: Readonly<Record<string, CachedLists>>;
}): Promise<{ files: ManifestFile[]; lists: Record<string, CachedLists> }> {
  const { site, source, strings, output } = input;
  const locales = input.listed;
  const written: ManifestFile[] = [];
  const lists: Record<string, CachedLists> = {};
  const write = async (path: string, content: string) => {
    await output.write(path, content);
    written.push(fileEntry(path, content));
  };
  for (const locale of input.targets) {
    if (!locales.includes(locale)) continue;
    const entries = sortIndex(input.indexes.get(locale.code) ?? []);
    const key = input.keyOf(locale, entries);
    const cached = input.previous[locale.code];
    // A large sitemap costs more to serialize than every unchanged page costs to carry over.
    if (cached?.key === key && (await reuseAll(output, cached.pages))) {
      written.push(...cached.pages);
      lists[locale.code] = cached;
      continue;
    }
    const start = written.length;
    const t = strings.forLocale(locale);
    await write(`${locale.code}/index.html`, stringifyPage(renderIndexPage(entries, { site, locale, locales, source, t })));
    await write(`${locale.code}/feed.xml`, renderFeed(entries, { site, locale, title: t('feedTitle', { publication: t('publication'), latest: t('latest') }), publication: t('publication') }));
    await write(
      `${locale.code}/sitemap.xml`,
      renderSitemap([{ path: 'index.html' }, ...entries.map((entry) => ({ path: `${entry.slug}.html`, lastmod: entry.updated ?? entry.isoDate, locales: input.linkedOf(entry.slug) }))], {
        site,
        locale,
        locales,
        source,
      }),
    );
    lists[locale.code] = { key, pages: written.slice(start) };
  }
  await write('index.html', stringifyPage(renderHomePage({ site, locales, source, t: strings.forLocale(source) })));
  await write('sitemap.xml', renderSitemapIndex(site, locales));
  await write('robots.txt', renderRobots(site));
  return { files: written, lists };
}

async function reuseAll(output: SiteOutput, pages: readonly ManifestFile[]): Promise<boolean> {
  for (const page of pages) if (!(await output.reuse(page))) return false;
  return true;
}
