import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { assembleArticle, segmentArticle } from '../../pipeline/segments/segment-article.js';
import { EditionError } from '../../pipeline/errors.js';
import { checkPlaceholders } from '../../pipeline/segments/check-placeholders.js';

const text = `---
title: "T"
date: "2024-06-27"
dateline: {city: Seoul}
---

Read [the report](https://example.org/r) and \`x\` now.
`;
const article = loadArticle(text, 'content/a.md', 'a');
const [title, paragraph] = segmentArticle(article);

function assembleWith(target: string) {
  return () => assembleArticle(article, (id) => (id === paragraph!.id ? target : id === title!.id ? 'T' : undefined), 'ko');
}

describe('placeholder tags coming back from a translator', () => {
  it('accepts moved tags', () => {
    const result = assembleWith('<code2/> 지금 <a1>보고서</a1>를 읽으세요.')();
    expect(JSON.stringify(result.tree)).toContain('https://example.org/r');
  });

  it.each([
    ['a missing tag', '보고서를 읽으세요 <code2/>.', /<a1> missing/],
    ['a duplicated tag', '<a1>보고서</a1> <a1>또</a1> <code2/>', /<a1> appears more than once/],
    ['an invented tag', '<a1>보고서</a1> <code2/> <b9>new</b9>', /<b9> is not in the source/],
    ['malformed XML', '<a1>보고서 <code2/>', /not well-formed/],
    ['an opened self-closing tag', '<a1>보고서</a1> <code2>x</code2>', /must stay self-closing/],
    ['a tag with attributes', '<a1 href="javascript:alert(1)">보고서</a1> <code2/>', /attributes/],
  ])('refuses %s, naming the segment and file', (_name, target, message) => {
    const run = assembleWith(target);
    expect(run).toThrow(EditionError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as EditionError).file).toBe('content/a.md');
      expect((error as EditionError).field).toBe(paragraph!.id);
      expect((error as EditionError).line).toBe(7);
    }
  });
});

describe('one placeholder rule set', () => {
  const source = paragraph!.source;
  const firstProblem = (target: string) => {
    try {
      assembleWith(target)();
      return undefined;
    } catch (error) {
      return (error as EditionError).message.replace(/^.*has broken markup: /u, '');
    }
  };

  it.each([
    ['a missing tag', '보고서를 읽으세요 <code2/>.', 'tag <a1> missing'],
    ['two missing tags', '보고서를 읽으세요.', 'tags <a1>, <code2> missing'],
    ['a duplicated tag', '<a1>보고서</a1> <a1>또</a1> <code2/>', 'tag <a1> appears more than once'],
    ['an invented tag', '<a1>보고서</a1> <code2/> <b9>new</b9>', 'tag <b9> is not in the source'],
    ['an opened self-closing tag', '<a1>보고서</a1> <code2>x</code2>', 'tag <code2/> must stay self-closing'],
    ['a link that lost its content', '<a1/> <code2/>', 'tag <a1> lost its content'],
    ['two problems: the first is thrown, all are flagged', '<b9>x</b9> <code2/>', 'tag <b9> is not in the source'],
  ])('render and the translation check report %s alike', (_name, target, first) => {
    expect(firstProblem(target)).toBe(first);
    expect(checkPlaceholders(source, target)?.split('; ')[0]).toBe(first);
  });

  it('a target with a comment is refused: the page would leave its text out', () => {
    expect(checkPlaceholders(source, '<a1>보고서</a1> <!-- 확인 필요 --> <code2/>')).toBe('comments are not allowed in a segment (a page would leave them out)');
  });

  it('a target nested deeper than any article is refused without recursing through it', () => {
    expect(checkPlaceholders(source, `${'<a1>'.repeat(100_000)}x`)).toBe('tags nested more than 200 levels deep');
  });
});
