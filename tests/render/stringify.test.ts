import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { serializedOnce, stringifyFragment, stringifyNode, stringifyPage } from '../../pipeline/render/stringify.js';

const page = (): Root => ({
  type: 'root',
  children: [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [h('link', { rel: 'alternate', hrefLang: 'ko', href: 'https://news.example.com/ko/a&b.html' })]),
      h('body', [h('ul', [h('li', [h('a', { href: '../ko/a.html', lang: 'ko' }, '한국어 <&>')])]), h('p', 'Tom & Jerry'), h('script', '1 < 2')]),
    ]),
  ],
});

const EXPECTED =
  '<!doctype html><html lang="en"><head><link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;b.html"></head>' +
  '<body><ul><li><a href="../ko/a.html" lang="ko">한국어 &#x3C;&#x26;></a></li></ul><p>Tom &#x26; Jerry</p><script>1 < 2</script></body></html>\n';

describe('page serialization', () => {
  it('writes the HTML given for nodes serialized already as the page would have written them, and leaves the tree as it was', () => {
    const tree = page();
    const body = (tree.children[1] as ReturnType<typeof h>).children[1] as ReturnType<typeof h>;
    const known = new Map(body.children.map((node) => [node, stringifyNode(node)]));
    const before = structuredClone(tree);
    expect([stringifyPage(tree), stringifyPage(tree, known), [...known.values()].join('')]).toEqual([
      EXPECTED,
      EXPECTED,
      '<ul><li><a href="../ko/a.html" lang="ko">한국어 &#x3C;&#x26;></a></li></ul><p>Tom &#x26; Jerry</p><script>1 < 2</script>',
    ]);
    expect(tree).toEqual(before);
  });

  it('writes a raw node in the tree as escaped text, never as markup, with or without known HTML', () => {
    const tree: Root = { type: 'root', children: [h('p', [{ type: 'raw', value: '<img src=x onerror=alert(1)>' }])] };
    expect([stringifyPage(tree), stringifyPage(tree, new Map())]).toEqual(['<p>&#x3C;img src=x onerror=alert(1)></p>\n', '<p>&#x3C;img src=x onerror=alert(1)></p>\n']);
  });

  it('writes nodes serialized once as the nodes themselves on every page, and any other raw node of the same HTML as text', () => {
    const links = serializedOnce([h('link', { rel: 'alternate', hrefLang: 'ko', href: 'https://news.example.com/ko/a&b.html' }), h('meta', { property: 'og:locale', content: 'ko_KR' })]);
    const pageWith = (node: Root['children'][number]): Root => ({ type: 'root', children: [h('head', [node])] });
    const html = '<head><link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;b.html"><meta property="og:locale" content="ko_KR"></head>';
    expect([stringifyPage(pageWith(links)), stringifyPage(pageWith(links)), stringifyPage(pageWith({ type: 'raw', value: links.value })), stringifyFragment(pageWith(links))]).toEqual([
      `${html}\n`,
      `${html}\n`,
      '<head>&#x3C;link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;#x26;b.html">&#x3C;meta property="og:locale" content="ko_KR"></head>\n',
      '<head>&#x3C;link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;#x26;b.html">&#x3C;meta property="og:locale" content="ko_KR"></head>',
    ]);
  });
});
