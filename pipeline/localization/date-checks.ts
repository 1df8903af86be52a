import type { Article, ArticleDate } from '../content/article.js';
import { calendarDateAt, dateReadings } from './format-date.js';
import { fieldLine, modifiedTimestamp } from './dateline.js';
import type { Gazetteer } from './gazetteer.js';

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
  // The city's offset when the story ran, for the newsroom to complete with the time (any example time could be before the story).
  const offset = published.slice('YYYY-MM-DDTHH:MM:SS'.length);
  return {
    field,
    line: fieldLine(article, field),
    message: `the correction is dated the day the story ran (${last.date.iso}), which starts before the story: no modified date moves, so feed readers and search engines are not told the story changed`,
    hint: `give the time the correction was made as updated: "${last.date.iso}THH:MM:00${offset}"`,
  };
}

/**
 * A dateline `timezone:` on another clock than a city CLDR or the newsroom
 * gazetteer lists (Seoul with America/New_York, New York with EST in
 * July): every date of the story is written on that clock (the dateline's
 * day, the feed's and the metadata's times). A zone the zone data gives
 * some place of that name (Alexandria, Virginia) is what `timezone:` is
 * for, and one on the same clock (an older name of the zone) changes no
 * date: neither is noted. A city only the zone data knows is not judged:
 * it is too incomplete to tell a slip from a place it lacks (San José,
 * California), or from clocks a war moved (Mariupol on Moscow's).
 */
export function zoneContradiction(article: Article, gazetteer: Pick<Gazetteer, 'listedZone' | 'candidateZones'>): DateNote | undefined {
  const { city, timezone } = article.frontMatter.dateline;
  if (timezone === undefined) return undefined;
  const known = gazetteer.listedZone(city);
  if (known === undefined) return undefined;
  const zones = [...new Set([known, ...gazetteer.candidateZones(city)])];
  if (zones.includes(timezone)) return undefined;
  const { date } = article.frontMatter;
  const clock = (zone: string) => dateReadings(date, zone).timestamp;
  if (zones.some((zone) => clock(zone) === clock(timezone))) return undefined;
  return {
    field: 'dateline.timezone',
    line: fieldLine(article, 'dateline.timezone'),
    message: `${timezone} is on another clock than ${city} as the gazetteer knows it (${zones.join(', ')}): the story is dated ${clock(timezone)}, against ${clock(known)} in ${known}`,
    hint: `delete the timezone to use ${known}, or keep it if the story is from another place of that name`,
  };
}

/**
 * Dates that have not come yet: a correction or update dated ahead is a
 * typo (a wrong year or month) that every edition would publish as a fact,
 * and a story dated ahead is published now all the same. A plain date is
 * ahead when it has not begun anywhere (a desk in Seoul dates a correction
 * by its own calendar, a day before Los Angeles's), an instant when it is
 * later than `now` (the caller's clock) by more than a few minutes of
 * clock skew.
 */
export function futureDates(article: Article, now: number): DateNote[] {
  const latestToday = calendarDateAt(now, EARLIEST_ZONE);
  const { date, updated, corrections = [] } = article.frontMatter;
  const dates: Array<[string, ArticleDate]> = [
    ['date', date],
    ...(updated ? [['updated', updated] as [string, ArticleDate]] : []),
    ...corrections.map((correction, index): [string, ArticleDate] => [`corrections.${index}.date`, correction.date]),
  ];
  return dates.flatMap(([field, day]) => {
    const ahead = day.kind === 'date' ? day.iso > latestToday : day.epochMs > now + SKEW_MS;
    if (!ahead) return [];
    const what = field === 'date' ? 'the story is dated' : field === 'updated' ? 'updated is' : 'the correction is dated';
    return [
      {
        field,
        line: fieldLine(article, field),
        message: `${what} ${day.iso}, ${day.kind === 'date' ? 'a day that has not begun anywhere yet' : 'a time still to come'}`,
        hint:
          field === 'date' ? 'edition publishes a story when it is built, with its date as written: correct the date, or build it on its day' : 'correct the date: a change is dated when it was made',
      },
    ];
  });
}

/** Where each day begins first (UTC+14): a date later than today there is later than today everywhere. */
const EARLIEST_ZONE = 'Pacific/Kiritimati';
/** How far ahead of the clock a moment may be and still be taken for now: a few minutes of skew between machines. */
export const SKEW_MS = 10 * 60 * 1000;
