import type { ArticleDate } from '../content/article.js';
import type { DateParts, LocaleConfig } from './locale.js';

/**
 * Dates are formatted in the dateline city's time zone with the locale's
 * pinned calendar and digits, never the machine's: the same article gives
 * the same page under any TZ.
 */
export function formatArticleDate(date: ArticleDate, timezone: string, locale: LocaleConfig, parts: DateParts): string {
  const { instant, timeZone } = dateToInstant(date, timezone);
  return formatter(locale.intl, { ...parts, timeZone, calendar: locale.calendar, numberingSystem: locale.numberingSystem }).format(instant);
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
 * A plain date is that calendar day everywhere: format it as a UTC midnight
 * in UTC. An instant is shown in the dateline's zone.
 */
function dateToInstant(date: ArticleDate, timezone: string): { instant: number; timeZone: string } {
  // setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  if (date.kind === 'date') return { instant: new Date(0).setUTCFullYear(date.year, date.month - 1, date.day), timeZone: 'UTC' };
  return { instant: date.epochMs, timeZone: timezone };
}

/** The calendar date at the dateline city, as YYYY-MM-DD, for `<time datetime>` and feeds. */
export function localCalendarDate(date: ArticleDate, timezone: string): string {
  if (date.kind === 'date') return date.iso;
  const parts = formatter('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(date.epochMs);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
