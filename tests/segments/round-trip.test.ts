import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { assembleArticle, segmentArticle } from '../../pipeline/segments/segment-article.js';
import { mockTranslate } from '../support/mock-translator.js';
import { fixture } from '../support/project.js';

const LOCALES = ['ko', 'ja', 'zh-CN', 'de', 'fr', 'es', 'ru', 'uk', 'ar'];
const article = loadArticle(fixture('rich-article.md'), 'content/rich.md', 'rich');
/** An article of this body under a minimal front matter. */
const bodyOnly = (body: string) => loadArticle(`---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}`, 'content/a.md', 'a');

/** What must survive translation byte for byte: structure, URLs, code, image sources (titles are translated). */
function invariants(tree: Root) {
  const blocks: string[] = [];
  const urls: string[] = [];
  const code: string[] = [];
  visit(tree, (node) => {
    if (!['text', 'html'].includes(node.type)) blocks.push(node.type);
    if (node.type === 'link' || node.type === 'image') urls.push(node.url);
    if (node.type === 'inlineCode' || node.type === 'code') code.push(node.value);
  });
  return { blocks: blocks.sort(), urls: urls.sort(), code: code.sort() };
}

describe('segmentation round trip with the mock translator', () => {
  const segments = segmentArticle(article);

  it('extracts block segments with inline markup as placeholder tags', () => {
    const sources = segments.map((segment) => `${segment.kind}: ${segment.source}`);
    expect(sources).toContain('paragraph: The talks in <strong1>Seoul</strong1> ended with <a2>a joint statement</a2> and a note on <code3/> values.');
    expect(sources).toContain('title: Summit in Seoul: What &lt;Leaders&gt; Agreed');
    expect(sources).toContain('summary: A standfirst with *no* markup allowed.');
    expect(sources).toContain('heading: What was agreed');
    expect(sources).toContain('paragraph: A hotline, with <img1/> on each desk');
    expect(sources).toContain('imageAlt: a red phone');
    expect(sources).toContain('tableCell: $1.2bn');
    expect(sources).toContain('paragraph: Line one<br1/>line two.');
    // Code blocks and raw HTML never reach a translator.
    expect(sources.join('\n')).not.toContain('untouched');
    expect(sources.join('\n')).not.toContain('script');
    expect(sources.join('\n')).not.toContain('https://example.org');
  });

  it.each(LOCALES)('keeps structure, links and code identical in %s', (locale) => {
    const assembled = assembleArticle(
      article,
      (id) => {
        const segment = segments.find((candidate) => candidate.id === id);
        return segment && mockTranslate(segment.source, locale);
      },
      locale,
    );
    expect(invariants(assembled.tree)).toEqual(invariants(article.tree));
    expect(assembled.title).toBe(`⟦${locale}⟧ SUMMIT IN SEOUL: WHAT <LEADERS> AGREED`);
    // Every text of the body was translated: no English sentence is left.
    const texts: string[] = [];
    visit(assembled.tree, 'text', (node) => void texts.push(node.value));
    expect(texts.join(' ')).not.toMatch(/The talks|What was agreed|said the host/);
    // The source tree is not modified by assembling a translation.
    expect(JSON.stringify(article.tree)).toContain('The talks in ');
  });

  it('leaves the source tree exactly as parsed, image alt text included, and gives each locale a tree of its own', () => {
    const parsed = structuredClone(article.tree);
    const trees = LOCALES.map(
      (locale) =>
        assembleArticle(
          article,
          (id) => {
            const segment = segments.find((candidate) => candidate.id === id);
            return segment && mockTranslate(segment.source, locale);
          },
          locale,
        ).tree,
    );
    expect(article.tree).toEqual(parsed);
    const alts = trees.map((tree) => {
      const found: string[] = [];
      visit(tree, 'image', (node) => void found.push(node.alt ?? ''));
      return found;
    });
    expect(alts).toEqual(LOCALES.map((locale) => [`⟦${locale}⟧ A RED PHONE`]));
  });

  it('gives a translated tree no positions in the English file, and leaves the source its own', () => {
    const positioned = (tree: Root) => {
      let count = 0;
      visit(tree, (node) => void (count += node.position ? 1 : 0));
      return count;
    };
    const tree = assembleArticle(article, (id) => mockTranslate(segments.find((segment) => segment.id === id)!.source, 'ko'), 'ko').tree;
    expect([positioned(tree), positioned(article.tree) > 50]).toEqual([0, true]);
  });

  it('gives each distinct source one identity, stable across whitespace edits', () => {
    const rewrapped = loadArticle(fixture('rich-article.md').replace('ended with [a joint', 'ended   with\n[a joint'), 'content/rich.md', 'rich');
    expect(segmentArticle(rewrapped).map((segment) => segment.id)).toEqual(segments.map((segment) => segment.id));
  });

  it('changes exactly one segment when one paragraph is edited', () => {
    const edited = loadArticle(fixture('rich-article.md').replace('said the host', 'said the hosts'), 'content/rich.md', 'rich');
    const before = new Set(segments.map((segment) => segment.id));
    const after = segmentArticle(edited).map((segment) => segment.id);
    expect(after.filter((id) => !before.has(id))).toHaveLength(1);
    expect([...before].filter((id) => !after.includes(id))).toHaveLength(1);
  });
});

describe('blocks with nothing to translate', () => {
  const article = bodyOnly('![A chart of exports](https://example.org/chart.png)\n\nSee <https://example.org/report> or www.example.org, or write to desk@example.org.\n');
  const sources = segmentArticle(article).map((segment) => `${segment.kind}: ${segment.source}`);

  it('sends a lone image only as its alt text', () => {
    expect(sources).toContain('imageAlt: A chart of exports');
    expect(sources.some((source) => source.startsWith('paragraph: <img'))).toBe(false);
  });

  it('never sends an address that is its own link text', () => {
    expect(sources).toContain('paragraph: See <a1/> or <a2/>, or write to <a3/>.');
  });
});

describe('titles (tooltips)', () => {
  const article = bodyOnly(
    'Read [the statement](https://example.org/s "The full statement") and [the annex][annex], with ![a map](map.png "Where the talks were").\n\nAgain [the annex][annex].\n\n[annex]: https://example.org/annex "Annex to the statement"\n',
  );
  const segments = segmentArticle(article);
  const translated = (locale: string) => assembleArticle(article, (id) => mockTranslate(segments.find((segment) => segment.id === id)!.source, locale), locale).tree;
  const titles = (tree: Root) => {
    const found: string[] = [];
    visit(tree, (node) => {
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.title) found.push(`${node.type} ${node.title}`);
    });
    return found;
  };

  it('sends each title once, as plain text', () => {
    expect(segments.filter((segment) => segment.kind === 'linkTitle').map((segment) => segment.source)).toEqual(['The full statement', 'Where the talks were', 'Annex to the statement']);
  });

  it('gives links, images and reference definitions their title in the edition language, and leaves the source as it was', () => {
    // The mock translator moves words, links among them: compared in any order.
    expect(titles(translated('ko')).sort()).toEqual(['definition ⟦ko⟧ ANNEX TO THE STATEMENT', 'image ⟦ko⟧ WHERE THE TALKS WERE', 'link ⟦ko⟧ THE FULL STATEMENT']);
    expect(titles(article.tree)).toEqual(['link The full statement', 'image Where the talks were', 'definition Annex to the statement']);
  });
});

describe('footnotes', () => {
  it('sends the notes the text refers to, not one it never refers to (the page does not show it)', () => {
    const article = bodyOnly('Para one.[^a]\n\n[^a]: A note.\n\n[^unused]: This note is never referenced.\n');
    expect(segmentArticle(article).map((segment) => segment.source)).toEqual(['T', 'Para one.<ref1/>', 'A note.']);
  });

  it('sends a note that a shown note refers to, and none that only an unshown note refers to', () => {
    const article = bodyOnly('Para one.[^a]\n\n[^a]: A note citing[^b].\n\n[^b]: A source.\n\n[^old]: An old note citing[^src].\n\n[^src]: A source nobody sees.\n');
    expect(segmentArticle(article).map((segment) => segment.source)).toEqual(['T', 'Para one.<ref1/>', 'A note citing<ref1/>.', 'A source.']);
  });
});

describe('repeated notes and definitions in notes', () => {
  it('sends the first note of a label, which the page lists, not a second one it leaves out', () => {
    const article = bodyOnly('Para one.[^1]\n\n[^1]: First note.\n\n[^1]: Second note, ignored by the page.\n');
    expect(segmentArticle(article).map((segment) => segment.source)).toEqual(['T', 'Para one.<ref1/>', 'First note.']);
  });

  it('sends the title of a definition inside a note the page leaves out, since the definition serves the whole page', () => {
    const article = bodyOnly('See [the report][r].\n\n[^old]: An old note.\n\n    [r]: https://example.org/r "Report tooltip"\n');
    expect(segmentArticle(article).map((segment) => `${segment.kind}: ${segment.source}`)).toEqual(['title: T', 'paragraph: See <a1>the report</a1>.', 'linkTitle: Report tooltip']);
  });
});

describe('link definitions', () => {
  it('send the title of the first definition a shown link uses, and no other', () => {
    const article = bodyOnly(
      'See [the report][r].\n\n[r]: https://example.org/r "The report"\n[r]: https://example.org/s "A second definition the parser ignores"\n[unused]: https://example.org/x "A tooltip nobody sees"\n',
    );
    expect(
      segmentArticle(article)
        .filter((segment) => segment.kind === 'linkTitle')
        .map((segment) => segment.source),
    ).toEqual(['The report']);
  });
});
