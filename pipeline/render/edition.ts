import type { Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import type { LocalizedDateline } from '../localization/dateline.js';
import type { Translate } from '../localization/i18n.js';
import type { Site } from '../content/site.js';
import type { ImageDimensions } from '../content/image-dimensions.js';

/** Everything one article's page in one locale shows. */
export interface Edition {
  slug: string;
  locale: LocaleConfig;
  title: string;
  summary: string | undefined;
  /** Who wrote it, as the front matter names them. */
  byline: readonly string[] | undefined;
  /** Sanitized article body. */
  body: Root;
  dateline: LocalizedDateline;
  /** The publication moment for metadata: an instant as the article gives it, a plain date as the start of that day at the dateline city. */
  published: string;
  /** Who translated it and whether it was reviewed; absent on the original. */
  disclosure: string | undefined;
  /** Told to readers when the English changed under a translation a reviewer has not rechecked. */
  notice?: string | undefined;
  /** The lead image, for Open Graph, Twitter cards and JSON-LD. */
  image?: EditionImage | undefined;
  /** Keywords, as the front matter writes them. */
  tags?: readonly string[] | undefined;
  /** Corrections, in the edition's language, oldest first. */
  corrections?: readonly EditionCorrection[] | undefined;
}

export interface EditionImage {
  /** A path under out/ (a published file) or an absolute http(s) URL. */
  url: string;
  /** In the edition's language. */
  alt: string;
  /** In pixels, for a published file whose header gives them (og:image:width and height). */
  size?: ImageDimensions | undefined;
}

export interface EditionCorrection {
  /** YYYY-MM-DD for `<time datetime>`. */
  isoDate: string;
  /** The date as the locale writes it. */
  date: string;
  text: string;
}

/** What every page of a run shares. */
export interface RenderContext {
  site: Site;
  /** Every locale with an edition of the article, source first. */
  locales: readonly LocaleConfig[];
  source: LocaleConfig;
  t: Translate;
}
