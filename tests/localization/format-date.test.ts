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
