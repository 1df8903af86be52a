import { describe, expect, it } from 'vitest';
import { checkTranslation, inspectTranslation } from '../../pipeline/segments/check-translation.js';
import { TaggedTextError } from '../../pipeline/segments/tagged-text.js';

const source = 'See <a1>the report</a1> at www.example.org, <em2>now</em2>.';

describe('the checks every published target passes', () => {
  it.each([
    ['the same address in capitals', 'Voir <a1>le rapport</a1> à WWW.EXAMPLE.ORG, <em2>maintenant</em2>.', undefined],
    ['a new address in capitals', 'Voir <a1>le rapport</a1> HTTPS://evil.example/x <em2>maintenant</em2>.', 'a web address not in the source: "HTTPS://evil.example/x"'],
    // Corrections are plain text: an address stays in the sentence, which may end, or go on in another script, right after it.
    ['the same address before the sentence ends', 'Voir <a1>le rapport</a1> sur www.example.org. <em2>Maintenant</em2>.', undefined],
    ['the same address with Japanese right after it', '<a1>報告</a1>はwww.example.orgにあります、<em2>今</em2>。', undefined],
    ['the same address in parentheses', 'Voir <a1>le rapport</a1> (www.example.org), <em2>maintenant</em2>.', undefined],
    ['a new address in another script', 'Voir <a1>le rapport</a1> https://例え.jp <em2>maintenant</em2>.', 'a web address not in the source: "https://例え.jp"'],
    // A host glued onto the English's, past a character that is not ASCII: a reader sees www.example.org.evil.com.
    ...[
      ['a soft hyphen', '\u00AD.evil.com'],
      ['a combining grapheme joiner', '\u034F.evil.com'],
      ['an invisible separator', '\u2063.evil.com'],
      ['an ideographic full stop', '。evil.com'],
      ['Cyrillic letters', 'рау.ru'],
      ['Chinese and a host', '中国.com'],
      ['Japanese and a path', 'にあります/login'],
    ].map(([what, glued]): [string, string, string] => [
      `the source's address with ${what} and more glued on`,
      `Voir <a1>le rapport</a1> à www.example.org${glued} <em2>maintenant</em2>.`,
      `a web address not in the source: ${JSON.stringify(`www.example.org${glued}`)}`,
    ]),
    ['a new address followed by Japanese', '<a1>報告</a1>はwww.example.org/loginにあります、<em2>今</em2>。', 'a web address not in the source: "www.example.org/loginにあります、今"'],
    ['a new www address', 'Voir <a1>le rapport</a1> Www.evil.example <em2>maintenant</em2>.', 'a web address not in the source: "Www.evil.example"'],
    ['a new address with a zero-width space inside', 'Voir <a1>le rapport</a1> h\u200Bttps://evil.example <em2>maintenant</em2>.', 'a web address not in the source: "https://evil.example"'],
    ['a script URL with a zero-width space inside', 'Voir <a1>le rapport</a1> javascript\u200B:alert(1) <em2>maintenant</em2>.', 'a script or data URL not in the source: "javascript:alert(1)"'],
    ['Persian text with zero-width non-joiners, and the same address', 'گزارش <a1>را</a1> در www.example.org, می\u200Cبینید <em2>اکنون</em2>.', undefined],
    ['a script URL split by a tab', 'Voir <a1>le rapport</a1> java\tscript:alert(1) <em2>maintenant</em2>.', 'a script or data URL not in the source: "javascript:alert(1)"'],
    ['a fullwidth script URL', 'Voir <a1>le rapport</a1> ｊａｖａｓｃｒｉｐｔ：alert(1) <em2>maintenant</em2>.', 'a script or data URL not in the source: "javascript:alert(1)"'],
    ['a data URL', 'Voir <a1>le rapport</a1> data:text/html;base64,xx <em2>maintenant</em2>.', 'a script or data URL not in the source: "data:text/html;base64,xx"'],
    ['escaped markup', 'Voir <a1>le rapport</a1> &lt;img src=x onerror=alert(1)&gt; <em2>maintenant</em2>.', 'text that looks like HTML markup, not in the source: "<img src=x onerror=alert(1)>"'],
    ['a bidi override', 'Voir <a1>le rapport</a1> \u202Egpj.exe <em2>maintenant</em2>.', 'bidirectional control characters not in the source (U+202E)'],
    ['a link moved inside the other', 'Voir <a1>le <em2>rapport</em2></a1>.', undefined],
    ['137 characters, emoji counted as one each', `Voir le rapport <a1>x</a1> <em2>y</em2>${'😀'.repeat(118)}`, undefined],
    ['138 characters', `Voir le rapport <a1>x</a1> <em2>y</em2>${'😀'.repeat(119)}`, '138 characters for a source of 39, more than 3 times as long'],
    ['a lost tag', 'Voir le rapport <em2>maintenant</em2>.', 'tag <a1> missing'],
    ['a broken tag', 'Voir <a1>le rapport <em2>maintenant</em2>.', 'not well-formed: 1:61: unexpected close tag.'],
    ['a control character', 'Voir <a1>le rapport</a1> \u0001 <em2>maintenant</em2>.', 'not well-formed: 1:35: disallowed character.'],
    [
      'an address and markup together',
      'Voir <a1>le rapport</a1> &lt;b&gt; http://x.example <em2>maintenant</em2>.',
      'text that looks like HTML markup, not in the source: "<b>"; a web address not in the source: "http://x.example"',
    ],
  ])('%s', (_name, target, problem) => {
    expect(checkTranslation(source, target)).toBe(problem);
  });

  it('finds a target of tags and no text, but takes a code, picture or footnote placeholder for what it shows', () => {
    expect(checkTranslation('Read <a1>the report</a1>.', '<a1></a1> ')).toBe('no text, only tags, for a source that has text');
    expect(checkTranslation('<code1/>.', '<code1/>')).toBeUndefined();
    expect(checkTranslation('Officials said so<ref1/>.', '<ref1/>')).toBeUndefined();
    expect(checkTranslation('See <a1>this</a1>', '<a1>🎉</a1>')).toBeUndefined();
    // An empty target is no translation at all (held as missing, sent again), not a broken one.
    expect(checkTranslation('Read on.', '')).toBeUndefined();
  });

  it('finds a link put inside another link', () => {
    expect(checkTranslation('<a1>One</a1> and <a2>two</a2>.', '<a1>Un et <a2>deux</a2></a1>.')).toBe('a link or footnote marker placed inside a link');
    expect(checkTranslation('<a1>The report</a1><ref2/> says so.', '<a1>보고서<ref2/></a1>에 따르면.')).toBe('a link or footnote marker placed inside a link');
  });

  it('gives a source checked against many targets, again and after five thousand other translations, the answers of a first check', () => {
    const targets = ['Voir <a1>le rapport</a1> www.evil.example <em2>maintenant</em2>.', 'Voir <a1>le rapport</a1> sur www.example.org, <em2>maintenant</em2>.', 'Voir le rapport.'];
    const first = targets.map((target) => inspectTranslation(source, target));
    expect(targets.map((target) => inspectTranslation(source, target))).toEqual(first);
    for (let index = 0; index < 5000; index += 1) inspectTranslation(`Source ${index} <em1>x</em1>`, `Cible ${index} <em1>x</em1>`);
    expect(targets.map((target) => inspectTranslation(source, target))).toEqual(first);
    expect(first).toEqual([
      { placeholders: undefined, unsafe: 'a web address not in the source: "www.evil.example"' },
      { placeholders: undefined, unsafe: undefined },
      { placeholders: 'tags <a1>, <em2> missing', unsafe: undefined },
    ]);
    expect(inspectTranslation(source, targets[0]!, false)).toEqual({ placeholders: undefined, unsafe: undefined });
  });

  it('refuses a source that does not parse, every time it is asked', () => {
    expect(() => checkTranslation('<a1>broken', 'x')).toThrow(TaggedTextError);
    expect(() => checkTranslation('<a1>broken', 'x')).toThrow(TaggedTextError);
  });
});
