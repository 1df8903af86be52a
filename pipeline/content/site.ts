/** Site-wide settings from the content folder's site.yaml. */
export interface Site {
  /** Public base URL ending in `/`; without it, links between pages are relative. */
  url: string | undefined;
  /** The locale articles are written in. */
  sourceLocale: string;
  /** What makes a translation publishable; the defaults below when site.yaml says nothing. */
  publishing?: PublishingSettings | undefined;
  /**
   * The publication's name: one name for every edition, or locale code →
   * name. Absent, each locale's `publication` string stands in.
   */
  name?: PublicationName | undefined;
  /** The newsroom's stylesheet and logo, as site.yaml gives them (relative to the content folder). */
  stylesheet?: string | undefined;
  logo?: string | undefined;
  /** site.yaml's path as shown to the user; files it names are resolved from its folder. */
  file?: string | undefined;
  /** Where the build published the stylesheet and logo, under out/. */
  published?: { stylesheet?: string | undefined; logo?: string | undefined } | undefined;
  /** How many of its newest articles a locale's Atom feed carries, each with its body; FEED_ENTRIES when absent. */
  feedEntries?: number | undefined;
  /** How many articles each page of a locale's list of stories shows, newest first; INDEX_ENTRIES when absent. */
  indexEntries?: number | undefined;
}

/**
 * A feed is polled, not read as an archive: it needs what a reader's
 * client has not fetched yet. WordPress and Drupal carry 10 items, Pelican
 * 100, MediaWiki 50, Hugo every page unless `services.rss.limit` is set. A
 * newsroom publishes tens of stories a day, so 10 would drop stories
 * between two polls of a client that checks a few times a day; 50 covers a
 * busy day, at about 5 KB of body each.
 */
export const FEED_ENTRIES = 50;
/** More would make every feed, and the bodies a build keeps for it, grow with the archive again. */
export const MAX_FEED_ENTRIES = 1000;

/**
 * What of the site settings an article's page, and its readiness, can
 * depend on: everything but how long the list pages are (and where
 * site.yaml was read from). A newsroom lengthening its feed has its lists
 * written again, not ten thousand stories.
 */
export function pageSettings(site: Site): Omit<Site, 'feedEntries' | 'indexEntries' | 'file'> {
  const { feedEntries: _feed, indexEntries: _index, file: _file, ...settings } = site;
  return settings;
}

export function feedEntriesOf(site: Site): number {
  return site.feedEntries ?? FEED_ENTRIES;
}

/**
 * A list of every story on one page grows with the archive (150 KB at a
 * thousand stories, the size of ten articles, before a reader sees one):
 * the list comes in pages, as Hugo's paginator and news sites' section
 * fronts do. The feed's count: the first page shows what the feed carries.
 */
export const INDEX_ENTRIES = FEED_ENTRIES;
export const MAX_INDEX_ENTRIES = 1000;

export function indexEntriesOf(site: Site): number {
  return site.indexEntries ?? INDEX_ENTRIES;
}

/** The review states a human translation can reach, lowest first (XLIFF 2's, less `initial`, which is never published). */
export const REVIEW_STATES = ['translated', 'reviewed', 'final'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** What a segment's translation needs before its edition is published. */
export interface PublishingPolicy {
  /** Whether a machine translation nobody reviewed may be published (with the disclosure readers see). Default true. */
  unreviewedMachine: boolean;
  /** The lowest state a human translation needs. Default `translated`. */
  humanState: ReviewState;
}

export interface PublishingSettings extends PublishingPolicy {
  /** Per-locale overrides of the site's policy. */
  locales: ReadonlyMap<string, Partial<PublishingPolicy>>;
}

export const DEFAULT_POLICY: PublishingPolicy = { unreviewedMachine: true, humanState: 'translated' };

/** The policy one locale's editions are published under. */
export function policyFor(site: Site, locale: string): PublishingPolicy {
  const settings = site.publishing;
  if (!settings) return DEFAULT_POLICY;
  const override = settings.locales.get(locale) ?? {};
  return {
    unreviewedMachine: override.unreviewedMachine ?? settings.unreviewedMachine,
    humanState: override.humanState ?? settings.humanState,
  };
}

export type PublicationName = string | ReadonlyMap<string, string>;

/**
 * The name an edition shows in its masthead, titles, feed and dateline. A
 * locale a per-locale map leaves out takes the source locale's name, as a
 * Korean wire dateline prints a foreign outlet's own name: "(서울=AFP)".
 */
export function publicationIn(site: Site, locale: string): string | undefined {
  const { name } = site;
  if (name === undefined || typeof name === 'string') return name;
  return name.get(locale) ?? name.get(site.sourceLocale);
}
