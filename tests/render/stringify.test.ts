import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { repeatedAcrossPages, stringifyNode, stringifyPage } from '../../pipeline/render/stringify.js';

const page = (lang: string): Root => ({
  type: 'root',
  children: [
    { type: 'doctype' },
    h('html', { lang }, [
      h('head', [repeatedAcrossPages(h('link', { rel: 'alternate', hrefLang: 'ko', href: 'https://news.example.com/ko/a&b.html' }))]),
      h('body', [h('ul', [repeatedAcrossPages(h('li', [h('a', { href: '../ko/a.html', lang: 'ko' }, '한국어 <&>')]))]), h('p', 'Tom & Jerry'), h('script', '1 < 2')]),
    ]),
  ],
});

const EXPECTED = (lang: string) =>
  `<!doctype html><html lang="${lang}"><head><link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;b.html"></head>` +
  '<body><ul><li><a href="../ko/a.html" lang="ko">한국어 &#x3C;&#x26;></a></li></ul><p>Tom &#x26; Jerry</p><script>1 < 2</script></body></html>\n';

describe('page serialization', () => {
  it('writes repeated subtrees the same on every page that holds them, first time and after', () => {
    expect([stringifyPage(page('en')), stringifyPage(page('fr')), stringifyPage(page('en'))]).toEqual([EXPECTED('en'), EXPECTED('fr'), EXPECTED('en')]);
  });

  it('uses the HTML given for a node, and leaves the tree as it was', () => {
    const tree = page('en');
    const paragraph = h('p', 'Tom & Jerry');
    const body = (tree.children[1] as ReturnType<typeof h>).children[1] as ReturnType<typeof h>;
    body.children[1] = paragraph;
    const before = structuredClone(tree);
    expect(stringifyPage(tree, new Map([[paragraph, stringifyNode(paragraph)]]))).toBe(EXPECTED('en'));
    expect(tree).toEqual(before);
  });

  it('writes a raw node in the tree as escaped text, never as markup', () => {
    const tree: Root = { type: 'root', children: [h('p', [{ type: 'raw', value: '<img src=x onerror=alert(1)>' }])] };
    expect(stringifyPage(tree)).toBe('<p>&#x3C;img src=x onerror=alert(1)></p>\n');
  });
});
