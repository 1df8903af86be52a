import { describe, expect, it } from 'vitest';
import { parseTaggedText, parseTaggedTextStrictly } from '../../pipeline/segments/tagged-text.js';

const outcome = (parse: (text: string) => unknown, text: string): unknown => {
  try {
    return parse(text);
  } catch (error) {
    return { thrown: (error as Error).constructor.name, message: (error as Error).message };
  }
};

describe('tagged text is read as the XML parser reads it', () => {
  it('reads bare tags, entities and text into the tree', () => {
    expect(parseTaggedText('See <a1>the &amp; <em2>report</em2></a1>,<br3/> 1 &lt; 2 ⟦ko⟧ 😀')).toEqual([
      { type: 'text', value: 'See ' },
      {
        type: 'element',
        name: 'a1',
        empty: false,
        children: [
          { type: 'text', value: 'the & ' },
          { type: 'element', name: 'em2', empty: false, children: [{ type: 'text', value: 'report' }] },
        ],
      },
      { type: 'text', value: ',' },
      { type: 'element', name: 'br3', empty: true, children: [] },
      { type: 'text', value: ' 1 < 2 ⟦ko⟧ 😀' },
    ]);
  });

  it.each([
    ['a carriage return, which XML reads as a newline', 'a\r\nb<em1>c\rd</em1>'],
    ['a character reference', 'a &#38; b'],
    ['an entity XML does not define', 'a &nbsp; b'],
    ['a tag left open', '<em1>a'],
    ['a tag closed twice', '<em1>a</em1></em1>'],
    ['crossed tags', '<em1><a2>a</em1></a2>'],
    ['a tag with attributes', '<a1 href="x">a</a1>'],
    ['"]]>" in text', 'a ]]> b'],
    ['a control character', 'a \u0001 b'],
    ['a lone surrogate', 'a \uDE00 b'],
    ['U+FFFE', 'a \uFFFE b'],
    ['a CDATA section', 'a <![CDATA[x]]> b'],
    ['a processing instruction', 'a <?x y?> b'],
    ['a comment', 'a <!-- x --> b'],
    ['tags nested deeper than the limit', `${'<a1>'.repeat(300)}x${'</a1>'.repeat(300)}`],
  ])('%s: the same tree or error as the XML parser', (_name, text) => {
    expect(outcome(parseTaggedText, text)).toEqual(outcome(parseTaggedTextStrictly, text));
  });

  it('agrees with the XML parser on thousands of generated texts, broken ones included', () => {
    const pieces = [
      'a',
      ' ',
      'é',
      '\n',
      '\t',
      '\r',
      '<',
      '>',
      '&',
      '&amp;',
      '&lt;',
      '&quot;',
      '&#38;',
      '&x;',
      ']',
      ']]>',
      '<em1>',
      '</em1>',
      '<a2>',
      '</a2>',
      '<br3/>',
      '<br3 />',
      '</br3/>',
      '\u0001',
      '\uFFFF',
      '\uD83D\uDE00',
      '\uD83D',
      '\uDE00',
      '<xml1>',
      '</xml1>',
      '<1a>',
      '<a:b>',
      '</a:b>',
      '\u2028',
    ];
    let seed = 1;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7f_ff_ff_ff;
      return seed % n;
    };
    const disagreements: string[] = [];
    for (let index = 0; index < 20_000; index += 1) {
      let text = '';
      for (let length = random(8); length > 0; length -= 1) text += pieces[random(pieces.length)];
      if (JSON.stringify(outcome(parseTaggedText, text)) !== JSON.stringify(outcome(parseTaggedTextStrictly, text))) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
