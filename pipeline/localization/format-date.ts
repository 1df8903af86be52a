import type { ArticleDate } from '../content/article.js';
import type { DateParts, LocaleConfig } from './locale.js';

/**
 * Dates are formatted in the dateline city's time zone with the locale's
 * pinned calendar and digits, never the machine's: the same article gives
 * the same page under any TZ.
 */
export function formatArticleDate(date: ArticleDate, timezone: string, locale: LocaleConfig, parts: DateParts): string {
  const { instant, timeZone } = dateToInstant(date, timezone);
  const format = dateFormatter(locale, parts, timeZone);
  const names = parts.month === 'long' ? locale.monthNames : parts.month === 'short' ? locale.shortMonthNames : undefined;
  // A day's form belongs beside a month written as a word ("1er juillet"), never in figures ("01/07/2024").
  const days = parts.day !== undefined && (parts.month === 'long' || parts.month === 'short') ? locale.dayForms : undefined;
  if (!names && !days) return format.format(instant);
  // The Gregorian month and day by number, whatever digits the locale writes.
  const number = (part: 'month' | 'day') => Number(formatter('en-US', { timeZone, [part]: 'numeric', calendar: 'gregory', numberingSystem: 'latn' }).format(instant));
  const month = names ? names[number('month') - 1] : undefined;
  const day = days?.get(number('day'));
  return format
    .formatToParts(instant)
    .map((part) => (part.type === 'month' && month !== undefined ? month : part.type === 'day' && day !== undefined ? day : part.value))
    .join('');
}

// Building an Intl.DateTimeFormat costs far more than using one (it was the
// largest single cost of a full build): keep one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * The formatter of a locale's date parts in a zone. Every edition asks for
 * one: its key is written out field by field (DateParts has these four and
 * no other), which costs a tenth of serializing the options.
 */
function dateFormatter(locale: LocaleConfig, parts: DateParts, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale.intl}\u0000${locale.calendar}\u0000${locale.numberingSystem}\u0000${timeZone}\u0000${parts.year ?? ''}\u0000${parts.month ?? ''}\u0000${parts.day ?? ''}\u0000${parts.weekday ?? ''}`;
  let cached = dateFormatters.get(key);
  if (!cached) {
    cached = formatter(locale.intl, { ...parts, timeZone, calendar: locale.calendar, numberingSystem: locale.numberingSystem });
    dateFormatters.set(key, cached);
  }
  return cached;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A plain date is that calendar day everywhere: format it as a UTC midnight
 * in UTC. An instant is shown in the dateline's zone.
 */
function dateToInstant(date: ArticleDate, timezone: string): { instant: number; timeZone: string } {
  if (date.kind === 'date') return { instant: utcMs(date.year, date.month, date.day), timeZone: 'UTC' };
  return { instant: date.epochMs, timeZone: timezone };
}

/** A date as metadata gives it at the dateline city, the same in every locale. */
export interface DateReadings {
  /** YYYY-MM-DD, as {@link localCalendarDate}. */
  isoDate: string;
  /** As {@link localDateTime}. */
  datetime: string;
  /** As {@link datelineTimestamp}. */
  timestamp: string;
}

/**
 * The three machine-readable forms of a date at a zone. They depend on the
 * date and the zone alone, and every edition of an article asks for them:
 * the last few are kept (bounded: each article has its own dates).
 */
export function dateReadings(date: ArticleDate, timezone: string): DateReadings {
  const key = `${date.kind === 'date' ? date.iso : date.epochMs}\u0000${date.kind}\u0000${timezone}`;
  let found = readings.get(key);
  if (!found) {
    found = { isoDate: localCalendarDate(date, timezone), datetime: localDateTime(date, timezone), timestamp: datelineTimestamp(date, timezone) };
    if (readings.size >= MAX_READINGS) readings.clear();
    readings.set(key, found);
  }
  return found;
}

const readings = new Map<string, DateReadings>();
const MAX_READINGS = 64;

/** The calendar date at the dateline city, as YYYY-MM-DD, for `<time datetime>` and feeds. */
export function localCalendarDate(date: ArticleDate, timezone: string): string {
  return date.kind === 'date' ? date.iso : calendarDateAt(date.epochMs, timezone);
}

/**
 * An instant as the dateline city's clock showed it, with that offset
 * (`2024-06-27T09:30:00+09:00`), for `<time datetime>`: the reader's date
 * and the machine-readable one agree. A plain date stays a date.
 */
export function localDateTime(date: ArticleDate, timezone: string): string {
  if (date.kind === 'date') return date.iso;
  const get = clockAt(date.epochMs, timezone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
  const offset = get('timeZoneName').slice('GMT'.length);
  const year = yearOf(get);
  // Before standard time, a city kept its local mean time (Seoul +08:27:52 in 1900), and before year 1 there is no
  // four-digit year: neither fits RFC 3339 or HTML's <time>, so the same instant is written in UTC.
  if (!(offset === '' || /^[+-]\d\d:\d\d$/u.test(offset)) || year < 1) return new Date(date.epochMs).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return `${isoYear(year)}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset === '' || offset === '+00:00' ? 'Z' : offset}`;
}

/**
 * The moment an article's date stands for, as RFC 3339 with the dateline
 * city's offset, for feeds and JSON-LD: an instant as its clock showed it,
 * a plain date as the start of that day there (not UTC midnight, which is
 * the day before in the Americas).
 */
export function datelineTimestamp(date: ArticleDate, timezone: string): string {
  if (date.kind === 'instant') return localDateTime(date, timezone);
  return localDateTime({ kind: 'instant', iso: date.iso, epochMs: startOfDay(date, timezone) }, timezone);
}

/** Whether a calendar day happened at a zone: Samoa skipped 2011-12-30 when it crossed the date line. */
export function dayExistsAt(date: Extract<ArticleDate, { kind: 'date' }>, timezone: string): boolean {
  return calendarDateAt(startOfDay(date, timezone), timezone) === date.iso;
}

function startOfDay(date: Extract<ArticleDate, { kind: 'date' }>, timezone: string): number {
  const midnightUtc = utcMs(date.year, date.month, date.day);
  // Two passes settle the offset even when it changes near midnight.
  let guess = midnightUtc;
  for (let pass = 0; pass < 2; pass += 1) guess = midnightUtc - offsetMs(guess, timezone);
  if (calendarDateAt(guess, timezone) === date.iso && calendarDateAt(guess - 1000, timezone) < date.iso) return guess;
  // Where the clocks skip midnight (Havana, Santiago, Cairo in spring) the day
  // starts later than 00:00: the first second whose date there is the day's.
  // Offsets lie within ±14 hours, so the day starts inside this window.
  let before = midnightUtc - 15 * HOUR_MS;
  let after = midnightUtc + 15 * HOUR_MS;
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (calendarDateAt(middle, timezone) < date.iso) before = middle;
    else after = middle;
  }
  return after;
}

const HOUR_MS = 3_600_000;

/** The calendar date (YYYY-MM-DD) on a zone's clock at an instant. */
export function calendarDateAt(epochMs: number, timezone: string): string {
  const get = clockAt(epochMs, timezone, {});
  return `${isoYear(yearOf(get))}-${get('month')}-${get('day')}`;
}

/** The proleptic Gregorian year of a clock reading, as ISO 8601 counts it (1 BC is year 0). */
function yearOf(get: (type: string) => string): number {
  const year = Number(get('year'));
  return get('era') === 'BC' ? 1 - year : year;
}

/** Four digits from year 0 to 9999 (`0050`), as front matter writes them. */
function isoYear(year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
}

/** Milliseconds since the epoch of a UTC clock reading (not Date.UTC alone: it reads years 0 to 99 as 1900 to 1999). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function offsetMs(epochMs: number, timezone: string): number {
  const get = clockAt(epochMs, timezone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return utcMs(yearOf(get), Number(get('month')), Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second'))) - Math.floor(epochMs / 1000) * 1000;
}

/** The parts of an instant on a zone's clock, in Gregorian calendar and Latin digits whatever the locale. */
function clockAt(epochMs: number, timeZone: string, extra: Intl.DateTimeFormatOptions): (type: string) => string {
  const options: Intl.DateTimeFormatOptions = { timeZone, era: 'short', year: 'numeric', month: '2-digit', day: '2-digit', ...extra, calendar: 'gregory', numberingSystem: 'latn' };
  const asked = `${epochMs} ${JSON.stringify(options)}`;
  let parts = clocks.get(asked);
  if (!parts) {
    parts = new Map();
    for (const part of formatter('en-CA', options).formatToParts(epochMs)) if (!parts.has(part.type)) parts.set(part.type, part.value);
    if (clocks.size >= MAX_CLOCKS) clocks.clear();
    clocks.set(asked, parts);
  }
  const found = parts;
  return (type) => found.get(type)!;
}

// Every edition of an article reads the same instants on the same clock: the
// last few readings are kept (bounded: each article has its own instants).
const clocks = new Map<string, Map<string, string>>();
const MAX_CLOCKS = 64;
