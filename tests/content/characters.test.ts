import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { findForbiddenCharacter, findUnclosedBidi } from '../../pipeline/content/characters.js';
import { EditionError } from '../../pipeline/errors.js';

const article = (body: string) => `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nFirst line.\n\n${body}\n`;

function failure(text: string): Pick<EditionError, 'code' | 'message' | 'line' | 'hint'> {
  try {
    loadArticle(text, 'content/a.md', 'a');
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    return { code: error.code, message: error.message, line: error.line, hint: error.hint };
  }
  throw new Error('expected an EditionError');
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
const refused = [
  ...Array.from({ length: 8 }, (_, index) => index + 1),
  0x0b,
  0x0c,
  ...Array.from({ length: 0x1f - 0x0e + 1 }, (_, index) => 0x0e + index),
  ...Array.from({ length: 0x9f - 0x7f + 1 }, (_, index) => 0x7f + index),
  0xfffe,
  0xffff,
];

describe('control characters in an article', () => {
  it.each(refused.map((code) => [`U+${hex(code)}`, code] as const))('%s is refused with its line and code point', (name, code) => {
    expect(failure(article(`A ${String.fromCharCode(code)} B.`))).toEqual({
      code: 'content/control-character',
      message: `line contains the control character ${name}`,
      line: 9,
      hint: 'delete the invisible control character (editors show it as a box or ^ sequence; search for it by its code)',
    });
  });

  it('tab, line feed and carriage return are text', () => {
    expect(loadArticle(article('A\tB.\r\nC.'), 'content/a.md', 'a').tree.children).toHaveLength(2);
  });

  it.each([
    ['a lone high surrogate', 'a\uD800b', { offset: 1, name: 'U+D800' }],
    ['a lone low surrogate', 'a\uDC00', { offset: 1, name: 'U+DC00' }],
    ['a surrogate pair (an emoji)', 'a\uD83D\uDE00', undefined],
    ['Hangul, accents and bidi marks', '서울 café \u200F', undefined],
  ])('%s', (_name, text, expected) => {
    expect(findForbiddenCharacter(text)).toEqual(expected);
  });
});

describe('bidirectional controls left open', () => {
  it.each([
    ['plain text', 'Seoul', undefined],
    ['an override closed', 'a \u202Eb\u202C c', undefined],
    ['an isolate closed, an embedding inside it closed with it', 'a \u2067b \u202Bc\u2069 d', undefined],
    ['an override left open', 'Quote from \u202Eevil', 'U+202E'],
    ['an isolate left open', 'a \u2068b', 'U+2068'],
    ['a PDF does not close an isolate', 'a \u2066b\u202C', 'U+2066'],
  ])('%s', (_name, text, name) => {
    expect(findUnclosedBidi(text)?.name).toBe(name);
  });
});
