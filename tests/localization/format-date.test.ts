import { describe, expect, it } from 'vitest';
import { datelineTimestamp } from '../../pipeline/localization/format-date.js';
import type { ArticleDate } from '../../pipeline/content/article.js';

const day = (iso: string): ArticleDate => {
  const [year, month, date] = iso.split('-').map(Number) as [number, number, number];
  return { kind: 'date', iso, year, month, day: date };
};

describe('the moment a plain date stands for', () => {
  it.each([
    ['2024-06-27', 'Asia/Seoul', '2024-06-27T00:00:00+09:00'],
    ['2024-06-27', 'America/Los_Angeles', '2024-06-27T00:00:00-07:00'],
    ['2024-03-10', 'America/New_York', '2024-03-10T00:00:00-05:00'],
    ['2024-06-27', 'Asia/Kathmandu', '2024-06-27T00:00:00+05:45'],
  ])('%s in %s is midnight there', (iso, zone, expected) => {
    expect(datelineTimestamp(day(iso), zone)).toBe(expected);
  });

  // The clocks go from 23:59:59 to 01:00 that night: the day starts at 01:00, never on the day before.
  it.each([
    ['2024-03-10', 'America/Havana', '2024-03-10T01:00:00-04:00'],
    ['2024-09-08', 'America/Santiago', '2024-09-08T01:00:00-03:00'],
    ['2024-04-26', 'Africa/Cairo', '2024-04-26T01:00:00+03:00'],
  ])('%s in %s, where midnight is skipped, is the first moment of that date', (iso, zone, expected) => {
    expect(datelineTimestamp(day(iso), zone)).toBe(expected);
  });
});

describe('historic dates', () => {
  // Seoul kept local mean time (+08:27:52) until 1908, New York (-04:56:02) until 1883: no RFC 3339 offset says that.
  it.each([
    ['1900-06-27', 'Asia/Seoul', '1900-06-26T15:32:08Z'],
    ['1880-06-27', 'America/New_York', '1880-06-27T04:56:02Z'],
  ])('%s in %s, before standard time, is its local midnight written in UTC', (iso, zone, expected) => {
    expect(datelineTimestamp(day(iso), zone)).toBe(expected);
    expect(Number.isNaN(Date.parse(expected))).toBe(false);
  });

  it('reads years 0 to 99 as such, not as 1900 to 1999', () => {
    expect(datelineTimestamp(day('0050-06-27'), 'Asia/Seoul')).toBe('0050-06-26T15:32:08Z');
    expect(datelineTimestamp(day('0099-12-31'), 'UTC')).toBe('0099-12-31T00:00:00Z');
    expect(datelineTimestamp(day('1970-06-27'), 'Asia/Seoul')).toBe('1970-06-27T00:00:00+09:00');
  });

  it('writes an instant before year 1 at the city in UTC', () => {
    const instant: ArticleDate = { kind: 'instant', iso: '0000-01-01T02:00:00Z', epochMs: Date.parse('0000-01-01T02:00:00Z') };
    expect(datelineTimestamp(instant, 'America/New_York')).toBe('0000-01-01T02:00:00Z');
  });
});
