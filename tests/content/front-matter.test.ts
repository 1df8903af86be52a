import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { EditionError } from '../../pipeline/errors.js';

const article = (frontMatter: string, body = 'Body.') => `---\n${frontMatter}\n---\n\n${body}\n`;
const VALID = 'title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Seoul\n  timezone: Asia/Seoul';

function errorOf(text: string): EditionError {
  try {
    loadArticle(text, 'content/a.md', 'a');
  } catch (error) {
    if (error instanceof EditionError) return error;
    throw error;
  }
  throw new Error('expected an EditionError');
}

describe('front matter', () => {
  it('reads the contract fields', () => {
    const { frontMatter } = loadArticle(article('title: "T"\nsummary: "S"\ndate: "2024-06-27T09:30:00+09:00"\ndateline: {city: Seoul}\nbyline: "B"'), 'content/a.md', 'a');
    expect(frontMatter).toEqual({
      title: 'T',
      summary: 'S',
      byline: ['B'],
      date: { kind: 'instant', iso: '2024-06-27T09:30:00+09:00', epochMs: Date.UTC(2024, 5, 27, 0, 30) },
      dateline: { city: 'Seoul' },
    });
  });

  it('reads a byline of several names, in the order written, and refuses a bad one at its name', () => {
    expect(loadArticle(article(`${VALID}\nbyline: ["Jane Doe", "John Roe"]`), 'content/a.md', 'a').frontMatter.byline).toEqual(['Jane Doe', 'John Roe']);
    const refused = (byline: string) => {
      const error = errorOf(article(`${VALID}\nbyline: ${byline}`));
      return `${error.field}: ${error.message}`;
    };
    expect(refused('[]')).toBe('byline: byline is an empty list, which names no one');
    expect(refused('{name: "Jane Doe"}')).toBe('byline: byline must be a name or a list of names');
    expect(refused('["Jane Doe", ""]')).toBe('byline.1: each name of a byline must show a name: this one has no visible character');
    expect(refused('["Jane Doe", 7]')).toBe('byline.1: each name of a byline must be text of 1 to 200 characters');
    expect(refused('["Jane Doe", "John\\u0007Roe"]')).toBe('byline.1: byline.1 contains the control character U+0007');
    expect(refused('["Jane Doe", "\\u202Eeoj"]')).toBe('byline.1: byline.1 opens the bidirectional control U+202E and does not close it');
    expect(refused(`[${Array.from({ length: 21 }, (_, index) => `"Reporter ${index}"`).join(', ')}]`)).toBe('byline: byline names more than 20 people');
    expect(errorOf(article(`${VALID}\nbyline: ["Jane Doe", ""]`)).line).toBe(7);
    // Each person once, as written without the spaces around it; a name must show something; a plain string is one name of the same length.
    expect(refused('["Jane Doe", "John Roe", " Jane Doe "]')).toBe('byline.2: byline names "Jane Doe" twice');
    expect(refused('["Jane Doe", "\\u200B\\u00A0"]')).toBe('byline.1: each name of a byline must show a name: this one has no visible character');
    expect(refused(`"${'x'.repeat(201)}"`)).toBe('byline: a byline must be text of 1 to 200 characters');
    expect(loadArticle(article(`${VALID}\nbyline: ["  Jane Doe ", "John Roe"]`), 'content/a.md', 'a').frontMatter.byline).toEqual(['Jane Doe', 'John Roe']);
  });

  it.each([
    ['0079-08-24', { kind: 'date', iso: '0079-08-24', year: 79, month: 8, day: 24 }],
    ['0000-01-01', { kind: 'date', iso: '0000-01-01', year: 0, month: 1, day: 1 }],
  ])('reads %s as a calendar date, not a day in the 1900s', (date, expected) => {
    expect(loadArticle(article(`title: "T"\ndate: "${date}"\ndateline: {city: Seoul}`), 'content/a.md', 'a').frontMatter.date).toEqual(expected);
  });

  it('refuses February 29 of a year 0-99 that is not a leap year', () => {
    expect(errorOf(article('title: "T"\ndate: "0050-02-29"\ndateline: {city: Seoul}')).message).toBe('"0050-02-29" is not a calendar date');
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFF' + article(VALID, 'One.\n\nTwo.').replaceAll('\n', '\r\n');
    expect(loadArticle(text, 'content/a.md', 'a').tree.children).toHaveLength(2);
  });

  it('warns about a lead image field it does not use (a caption, a credit), with its line', () => {
    expect(loadArticle(article(`${VALID}\nimage:\n  src: "https://example.org/a.jpg"\n  alt: "A"\n  caption: "Photo: AP"`), 'content/a.md', 'a').warnings).toEqual([
      'content/a.md:10 (image.caption): unknown image field, ignored (known: src, alt)',
    ]);
  });

  it('warns of what a text field would publish as typed: Markdown marks, and a byline that says "By" itself; not of an asterisk in a sum', () => {
    const warnings = (frontMatter: string) => loadArticle(article(frontMatter), 'content/a.md', 'a').warnings;
    expect(warnings('title: "The **third** round"\ndate: "2024-06-27"\ndateline: {city: Seoul}\nsummary: "See [the report](https://example.org/)."\nbyline: ["Jane Doe", "by John Roe"]')).toEqual([
      'content/a.md:2 (title): "**third**" is Markdown, which a front matter field does not read: it is published as typed, marks and all; write the text plain',
      'content/a.md:5 (summary): "[the report](https://example.org/)" is Markdown, which a front matter field does not read: it is published as typed, marks and all; write the text plain',
      'content/a.md:6 (byline.1): "by John Roe" starts with "by", which each edition writes itself before the names, in its language (its byline string in locales/): the page would say it twice ("By By Jane Doe" in English); write the name alone',
    ]);
    // A correction's own line; single underscores; nothing taken across a line break (which would print a line of its own).
    expect(
      warnings(
        'title: "The _third_ round"\ndate: "2024-06-27"\ndateline: {city: Seoul}\ncorrections:\n  - {date: "2024-06-28", text: "Fixed."}\n  - {date: "2024-06-29", text: "An **earlier** version."}',
      ),
    ).toEqual([
      'content/a.md:2 (title): "_third_" is Markdown, which a front matter field does not read: it is published as typed, marks and all; write the text plain',
      'content/a.md:7 (corrections.1.text): "**earlier**" is Markdown, which a front matter field does not read: it is published as typed, marks and all; write the text plain',
    ]);
    expect(warnings('title: "Real **title\\nwarning: fake**"\ndate: "2024-06-27"\ndateline: {city: Seoul}')).toEqual([]);
    expect(warnings('title: "5 * 3 = 15, snake_case and *nix"\ndate: "2024-06-27"\ndateline: {city: Seoul}\nbyline: "Byron Smith"')).toEqual([]);
  });

  it('warns about unknown fields with their line', () => {
    expect(loadArticle(article(`${VALID}\nauthor: "X"`), 'content/a.md', 'a').warnings).toEqual([
      'content/a.md:7 (author): unknown front matter field, ignored (known: title, summary, date, dateline, byline, corrections, updated, tags, image)',
    ]);
  });

  it('names the field an unknown one most likely misspells, and a missing field that a misspelt one was meant to be', () => {
    expect(loadArticle(article(`${VALID}\ncorrection:\n  - {date: "2024-06-28", text: "Fixed."}\nTags: [a]`), 'content/a.md', 'a').warnings).toEqual([
      'content/a.md:7 (correction): unknown front matter field, ignored (did you mean corrections? known: title, summary, date, dateline, byline, corrections, updated, tags, image)',
      'content/a.md:9 (Tags): unknown front matter field, ignored (did you mean tags? known: title, summary, date, dateline, byline, corrections, updated, tags, image)',
    ]);
    const missing = errorOf(article('title: "T"\ndate: "2024-06-27"\ndatline: {city: Seoul}'));
    expect([missing.message, missing.line, missing.hint]).toEqual(['front matter has no dateline', 4, '"datline" looks like dateline misspelt: rename it dateline']);
  });

  it("warns about a correction's unknown fields, and gives each correction's translation its own line", () => {
    const loaded = loadArticle(article(`${VALID}\ncorrections:\n  - date: "2024-06-28"\n    text: "One."\n  - date: "2024-06-29"\n    kind: clarification\n    text: "Two."`), 'content/a.md', 'a');
    expect(loaded.warnings).toEqual(['content/a.md:11 (corrections.1.kind): unknown correction field, ignored (known: date, text)']);
    expect(
      segmentArticle(loaded)
        .filter((segment) => segment.kind === 'correction')
        .map((segment) => [segment.source, segment.line]),
    ).toEqual([
      ['One.', 8],
      ['Two.', 10],
    ]);
  });

  it.each([
    ['no front matter', '# Title\n\nBody.\n', 1, undefined, /has no front matter/],
    ['not YAML', article('title: "T\ndate: x'), 3, undefined, /not valid YAML/],
    ['missing title', article('date: "2024-06-27"\ndateline: {city: Seoul}'), 2, 'title', /has no title/],
    ['missing date', article('title: "T"\ndateline: {city: Seoul}'), 2, 'date', /has no date/],
    ['impossible date', article('title: "T"\ndate: "2024-13-45"\ndateline: {city: Seoul}'), 3, 'date', /"2024-13-45" is not a calendar date/],
    ['instant without offset', article('title: "T"\ndate: "2024-06-27T09:30"\ndateline: {city: Seoul}'), 3, 'date', /neither a date nor an instant/],
    ['unknown time zone', article('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Seoul\n  timezone: Asia/Seol'), 6, 'dateline.timezone', /unknown time zone "Asia\/Seol"/],
    ['title of the wrong type', article('title: [1, 2]\ndate: "2024-06-27"\ndateline: {city: Seoul}'), 2, 'title', /title must be non-empty text/],
    ['missing dateline', article('title: "T"\ndate: "2024-06-27"'), 2, 'dateline', /has no dateline/],
  ])('refuses %s with file, line and a hint', (_name, text, line, field, message) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.file).toBe('content/a.md');
    expect(error.line).toBe(line);
    expect(error.field).toBe(field);
    expect(error.hint).toBeTruthy();
  });
});
