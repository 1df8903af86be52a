import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { futureDates, unannouncedCorrection } from '../../pipeline/localization/date-checks.js';

const SEOUL = 'Asia/Seoul';

function article(frontMatter: string) {
  return loadArticle(`---\ntitle: "Talks"\ndateline: {city: Seoul}\n${frontMatter}\n---\n\nText.\n`, 'content/talks.md', 'talks');
}

const correction = (date: string) => `corrections:\n  - date: "2024-06-26"\n    text: "An earlier fix."\n  - date: "${date}"\n    text: "An earlier version misstated the day."`;

describe('a correction no machine is told of', () => {
  it('is one dated the day the story ran, with nothing later: named with its line and an update to copy at the city offset', () => {
    const note = unannouncedCorrection(article(`date: "2024-06-26T09:30:00+09:00"\n${correction('2024-06-26')}`), SEOUL);
    expect(note).toEqual({
      field: 'corrections.1.date',
      line: 8,
      message: 'the correction is dated the day the story ran (2024-06-26), which starts before the story: no modified date moves, so feed readers and search engines are not told the story changed',
      hint: 'give the time the correction was made as updated: "2024-06-26THH:MM:00+09:00"',
    });
    // A plain-date story starts at midnight, as its same-day correction does.
    expect(unannouncedCorrection(article(`date: "2024-06-26"\n${correction('2024-06-26')}`), SEOUL)?.field).toBe('corrections.1.date');
  });

  it('is not one dated a later day, nor one whose time an update gives, nor a story without corrections', () => {
    expect(unannouncedCorrection(article(`date: "2024-06-26T09:30:00+09:00"\n${correction('2024-06-27')}`), SEOUL)).toBeUndefined();
    expect(unannouncedCorrection(article(`date: "2024-06-26T09:30:00+09:00"\nupdated: "2024-06-26T15:30:00+09:00"\n${correction('2024-06-26')}`), SEOUL)).toBeUndefined();
    expect(unannouncedCorrection(article('date: "2024-06-26T09:30:00+09:00"'), SEOUL)).toBeUndefined();
  });
});

describe('dates still to come', () => {
  // 01:00 on the 29th in Seoul, 02:00 on the 29th at UTC+14, still the 28th in UTC and the 28th in Los Angeles.
  const now = Date.parse('2024-06-28T16:00:00Z');

  it('are plain dates that have not begun anywhere: a desk in Seoul may date a correction the 29th for a story from Los Angeles', () => {
    const fromLosAngeles = (frontMatter: string) => loadArticle(`---\ntitle: "Talks"\ndateline: {city: Los Angeles}\n${frontMatter}\n---\n\nText.\n`, 'content/talks.md', 'talks');
    expect(futureDates(fromLosAngeles(`date: "2024-06-26"\n${correction('2024-06-29')}`), now)).toEqual([]);
    expect(futureDates(article(`date: "2024-06-26"\nupdated: "2024-06-30"\n${correction('2025-06-29')}`), now)).toEqual([
      { field: 'updated', line: 5, message: 'updated is 2024-06-30, a day that has not begun anywhere yet', hint: 'correct the date: a change is dated when it was made' },
      { field: 'corrections.1.date', line: 9, message: 'the correction is dated 2025-06-29, a day that has not begun anywhere yet', hint: 'correct the date: a change is dated when it was made' },
    ]);
  });

  it('are instants later than now, beyond a few minutes of clock skew', () => {
    expect(futureDates(article('date: "2024-06-29T01:05:00+09:00"'), now)).toEqual([]);
    expect(futureDates(article('date: "2024-06-26"\nupdated: "2024-06-29T03:00:00+09:00"'), now).map((note) => note.message)).toEqual(['updated is 2024-06-29T03:00:00+09:00, a time still to come']);
  });

  it('name a story dated ahead, which is published now all the same', () => {
    expect(futureDates(article('date: "2024-07-01"'), now).map((note) => [note.field, note.message])).toEqual([['date', 'the story is dated 2024-07-01, a day that has not begun anywhere yet']]);
  });
});
