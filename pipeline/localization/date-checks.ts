import type { Article, ArticleDate } from '../content/article.js';
import { dateReadings, localCalendarDate } from './format-date.js';
import { fieldLine, modifiedTimestamp } from './dateline.js';

/** Something an article's dates would tell readers or machines that the newsroom most likely did not mean. */
export interface DateNote {
  /** The front-matter field: `date`, `updated`, `corrections.1.date`. */
  field: string;
  line: number | undefined;
  message: string;
  hint: string;
}

/**
 * A correction that tells no machine of itself: dated the day the story
 * ran, it starts before the story (a date has no time), so with no later
 * `updated` the modified date stays the publication's, and feed readers and
 * search engines that go by `<updated>` and `<lastmod>` never fetch the
 * corrected page. The most common correction, made within hours, is the one
 * this hits. Undefined when a correction or an update moved the date.
 */
export function unannouncedCorrection(article: Article, zone: string): DateNote | undefined {
  const { date, corrections = [] } = article.frontMatter;
  const last = corrections.at(-1);
  if (!last) return undefined;
  const published = dateReadings(date, zone).timestamp;
  if (Date.parse(modifiedTimestamp(article, zone)!) > Date.parse(published)) return undefined;
  const field = `corrections.${corrections.length - 1}.date`;
  // The city's offset that day, for an example the newsroom can copy.
  const offset = dateReadings(last.date, zone).timestamp.slice('YYYY-MM-DDTHH:MM:SS'.length);
  return {
    field,
    line: fieldLine(article, field),
    message: `the correction is dated the day the story ran (${last.date.iso}), which starts before the story: no modified date moves, so feed readers and search engines are not told the story changed`,
    hint: `give the time the correction was made as updated, e.g. updated: "${last.date.iso}T15:30:00${offset}"`,
  };
}

/**
 * Dates after today at the dateline city, where the story and its dates
 * are read: a correction or update there is a typo (a wrong year or month)
 * that every edition would publish as a fact, and a story dated ahead is
 * published now all the same. `now` is the caller's clock.
 */
export function futureDates(article: Article, zone: string, now: number): DateNote[] {
  const today = localCalendarDate({ kind: 'instant', iso: new Date(now).toISOString(), epochMs: now }, zone);
  const { date, updated, corrections = [] } = article.frontMatter;
  const dates: Array<[string, ArticleDate]> = [
    ['date', date],
    ...(updated ? [['updated', updated] as [string, ArticleDate]] : []),
    ...corrections.map((correction, index): [string, ArticleDate] => [`corrections.${index}.date`, correction.date]),
  ];
  const { city } = article.frontMatter.dateline;
  return dates.flatMap(([field, day]) => {
    const local = localCalendarDate(day, zone);
    if (local <= today) return [];
    const what = field === 'date' ? 'the story is dated' : field === 'updated' ? 'updated is' : 'the correction is dated';
    return [
      {
        field,
        line: fieldLine(article, field),
        message: `${what} ${local}, after today in ${city} (${today})`,
        hint:
          field === 'date' ? 'edition publishes a story when it is built, with its date as written: correct the date, or build it on its day' : 'correct the date: a change is dated when it was made',
      },
    ];
  });
}
