import type { Root } from 'mdast';

/** A calendar date as written ("2024-06-27"): the same day in every edition. */
export interface PlainDate {
  kind: 'date';
  /** As written: `2024-06-27`. */
  iso: string;
  year: number;
  month: number;
  day: number;
}

/** An instant with an offset ("2024-06-27T09:30:00+09:00"): shown in the dateline city's zone. */
export interface Instant {
  kind: 'instant';
  iso: string;
  epochMs: number;
}

export type ArticleDate = PlainDate | Instant;

export interface Dateline {
  /** The city's English name, a key of the gazetteer. */
  city: string;
  /** IANA time zone; resolved from the gazetteer when the article leaves it out. */
  timezone?: string;
}

/** The picture that stands for the article where it is shared. */
export interface LeadImage {
  /** A relative path (published like the body's images) or an https URL. */
  src: string;
  /** What it shows, for readers who cannot see it; translated like the body. */
  alt: string;
}

/** A correction published with the article: shown, translated, in every edition. */
export interface Correction {
  date: PlainDate;
  text: string;
}

export interface FrontMatter {
  title: string;
  summary?: string;
  date: ArticleDate;
  dateline: Dateline;
  /** Who wrote the story: one name or more, as written. */
  byline?: string[];
  corrections?: Correction[];
  /** When the article last changed in substance (after a correction, say): a date or an instant. */
  updated?: ArticleDate;
  /** The lead image: for Open Graph, Twitter cards and JSON-LD. */
  image?: LeadImage;
  /** Keywords for search engines and feed readers, as written. */
  tags?: string[];
}

export interface Article {
  /** File name without `.md`: the page name in every edition. */
  slug: string;
  /** Path of the Markdown file, as the user would type it. */
  file: string;
  frontMatter: FrontMatter;
  /** Line of each front-matter field, and of each correction (`corrections.0`), for messages. */
  fieldLines: Record<string, number>;
  /** The Markdown body (front matter node removed). */
  tree: Root;
  /** Problems that do not stop a build (unknown fields...). */
  warnings: string[];
}

/**
 * An article's file name is its page name in every edition and in every
 * link to it, unencoded: only characters that mean nothing in a URL path
 * (a `#`, a `?` or a backslash would cut or split the link).
 */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/u;

/** The same name inside a longer pattern (an address that names the article's file). */
export const SLUG_PATTERN = SLUG.source.slice(1, -1);

/** Each locale's folder has its list of stories at index.html: an article of that name would be overwritten by it. */
export const LIST_PAGE = 'index';

/** Whether a name can be an article's: its file's, without `.md` (see {@link SLUG}), and not the list page's. */
export function isArticleName(slug: string): boolean {
  return SLUG.test(slug) && slug.toLowerCase() !== LIST_PAGE;
}
