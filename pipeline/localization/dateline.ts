import type { Article } from '../content/article.js';
import type { LocaleConfig } from './locale.js';
import type { Gazetteer } from './gazetteer.js';
import { datelineZone, resolveDateline } from './gazetteer.js';
import type { Translate } from './i18n.js';
import { dateReadings, dayExistsAt, formatArticleDate, localCalendarDate } from './format-date.js';
import { EditionError } from '../errors.js';
import type { ArticleDate } from '../content/article.js';

/** An edition's dateline and date, ready to render. */
export interface LocalizedDateline {
  /** The dateline as the locale's press writes it: `SEOUL, June 27 –`, `(서울=에디션)`. */
  text: string;
  /** The full localized date, shown beside the dateline. */
  date: string;
  /** YYYY-MM-DD at the dateline city, for lists and sitemaps. */
  isoDate: string;
  /** The date, or the instant with the dateline city's offset, for `<time datetime>`. */
  datetime: string;
  /** The publication moment as RFC 3339 at the dateline city, for feeds. */
  timestamp: string;
  /** The city's name in the locale. */
  city: string;
  timezone: string;
  /** The front matter's `updated`, at the dateline city. */
  updated?: LocalizedDate | undefined;
  /**
   * When the story last changed, RFC 3339 at the dateline city, for
   * crawlers and feeds: the later of `updated` and the start of the newest
   * correction's day. Absent when neither is given.
   */
  modified?: string | undefined;
}

/** A date as the edition shows it and as metadata gives it. */
export interface LocalizedDate {
  /** The full localized date. */
  date: string;
  /** For `<time datetime>`. */
  datetime: string;
  /** YYYY-MM-DD at the dateline city. */
  isoDate: string;
  /** RFC 3339 at the dateline city. */
  timestamp: string;
}

/**
 * Render an article's dateline for one locale from the locale's `dateline`
 * template. Templates may use {{city}}, {{date}} (the datelineDateFormat
 * date) and {{publication}}; formatters like {{city, uppercase}} apply.
 */
export function localizeDateline(article: Article, locale: LocaleConfig, gazetteer: Gazetteer, t: Translate): LocalizedDateline {
  const { city, timezone } = resolveDateline(gazetteer, article.frontMatter.dateline, locale, datelineWhere(article));
  const { date, updated } = article.frontMatter;
  const text = datelineText(t, city, formatArticleDate(date, timezone, locale, locale.datelineDateFormat));
  const readings = dateReadings(date, timezone);
  const modified = modifiedTimestamp(article, timezone);
  return {
    text,
    date: formatArticleDate(date, timezone, locale, locale.dateFormat),
    ...readings,
    city,
    timezone,
    ...(updated === undefined
      ? {}
      : {
          updated: { date: formatArticleDate(updated, timezone, locale, locale.dateFormat), ...dateReadings(updated, timezone) },
        }),
    ...(modified === undefined ? {} : { modified }),
  };
}

/**
 * When the story last changed, RFC 3339 at the dateline city: the latest of
 * its publication, `updated` and the start of each correction's day (a
 * correction changes the story as an update does: feed readers and search
 * engines are told of it). A correction's date is a day: one made on the
 * day a story ran at 09:30 starts before it, and is dated as it ran.
 * Undefined when the story gives neither.
 */
export function modifiedTimestamp(article: Article, timezone: string): string | undefined {
  const { date, updated, corrections = [] } = article.frontMatter;
  const changes = [...(updated === undefined ? [] : [updated]), ...corrections.map((correction) => correction.date)].map((change) => dateReadings(change, timezone).timestamp);
  if (changes.length === 0) return undefined;
  return [dateReadings(date, timezone).timestamp, ...changes].reduce((latest, change) => (Date.parse(change) > Date.parse(latest) ? change : latest));
}

/**
 * The time zone of an article's dateline, or the error that stops the
 * build (a city the gazetteer does not know, or one in several zones):
 * every command that reads the article asks, so that none calls it merely
 * held when the build refuses it.
 */
export function articleZone(article: Article, gazetteer: Gazetteer): string {
  const zone = datelineZone(gazetteer, article.frontMatter.dateline, datelineWhere(article));
  // A day the city's clocks skipped would be published as the next one in feeds and metadata, and as written on the page.
  const { date, updated, corrections = [] } = article.frontMatter;
  const days: Array<[string, ArticleDate]> = [
    ['date', date],
    ...(updated ? [['updated', updated] as [string, ArticleDate]] : []),
    ...corrections.map((correction, index): [string, ArticleDate] => [`corrections.${index}.date`, correction.date]),
  ];
  const fail = (field: string, message: string, hint: string): never => {
    const line = fieldLine(article, field);
    throw new EditionError(message, { code: 'front-matter/invalid', file: article.file, ...(line === undefined ? {} : { line }), field, hint });
  };
  const { city } = article.frontMatter.dateline;
  for (const [field, day] of days) {
    if (day.kind === 'date' && !dayExistsAt(day, zone)) fail(field, `${day.iso} did not happen in ${city} (${zone}): its clocks skipped that day`, 'write the day before or the day after');
  }
  // The front matter alone refuses only a change before the story in every zone; here the city's calendar decides:
  // a correction dated the 26th under a story that ran at 09:30 on the 27th in Seoul would read as made the day before.
  const storyDay = localCalendarDate(date, zone);
  for (const [field, change] of days.slice(1)) {
    if (change.kind === 'instant' && date.kind === 'instant') continue;
    if (localCalendarDate(change, zone) < storyDay) {
      const what = field === 'updated' ? 'updated' : 'correction date';
      fail(field, `${what} (${change.iso}) is earlier than the story's day in ${city} (${storyDay})`, 'correct the date: a correction or update comes after the story it changes');
    }
  }
  return zone;
}

/** The line of a front-matter field (`corrections.1.date` at its correction's line). */
export function fieldLine(article: Article, field: string): number | undefined {
  return article.fieldLines[field.split('.').slice(0, 2).join('.')] ?? article.fieldLines[field.split('.')[0]!];
}

function datelineWhere(article: Article): { file: string; line?: number } {
  const line = article.fieldLines['dateline'];
  return { file: article.file, ...(line === undefined ? {} : { line }) };
}

/** The locale's dateline template filled: the only variables it may name are these. */
function datelineText(t: Translate, city: string, date: string): string {
  return t('dateline', { city, date, publication: t('publication') });
}
