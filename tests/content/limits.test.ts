import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH } from '../../pipeline/content/limits.js';
import { EditionError } from '../../pipeline/errors.js';

const article = (body: string) => `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;

function failure(body: string): Pick<EditionError, 'code' | 'message' | 'line'> | undefined {
  try {
    loadArticle(article(body), 'content/a.md', 'a');
    return undefined;
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    return { code: error.code, message: error.message, line: error.line };
  }
}

const blockError = (line: number) => ({
  code: 'content/too-deep',
  message: `block quotes and lists nested more than ${MAX_BLOCK_DEPTH} levels deep (two columns of indentation count as one level)`,
  line,
});
const inlineError = (line: number) => ({ code: 'content/too-deep', message: `emphasis, strikethrough and links nested more than ${MAX_INLINE_DEPTH} levels deep`, line });

describe('nesting limits', () => {
  it.each([
    ['quotes 100 deep', `${'> '.repeat(100)}deep`],
    ['a list 50 deep', Array.from({ length: 50 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')],
    ['emphasis 10 deep', `${Array.from({ length: 10 }, () => '*a').join(' ')} x${' b*'.repeat(10)}`],
    ['bold italic, strikethrough and a link', '***a*** ~~b~~ [**c**](https://example.org) `*d*` snake_case_name 2*3*4'],
  ])('accept %s', (_name, body) => {
    expect(failure(body)).toBeUndefined();
  });

  it.each([
    ['quotes 101 deep', `${'>'.repeat(101)} deep`, blockError(7)],
    ['a list indented 200 columns', `${' '.repeat(200)}- item`, blockError(7)],
    ['quotes and list markers together', `${'> - '.repeat(51)}deep`, blockError(7)],
    ['a run of 33 asterisks', `${'*'.repeat(33)}a${'*'.repeat(33)}`, inlineError(7)],
    ['33 open brackets', `${'['.repeat(33)}a`, inlineError(7)],
    ['emphasis opened over two lines', `${'*a '.repeat(20)}\n${'*b '.repeat(20)}`, inlineError(8)],
  ])('refuse %s', (_name, body, expected) => {
    expect(failure(body)).toEqual(expected);
  });

  it('count a paragraph from its first line: a blank line closes what it opened', () => {
    expect(failure(`${'*a '.repeat(20)}\n\n${'*b '.repeat(20)}`)).toBeUndefined();
  });
});
