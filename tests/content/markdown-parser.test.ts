import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visit } from 'unist-util-visit';
import { markdownParser, parseMarkdown } from '../../pipeline/content/markdown-parser.js';

const withGfm = (text: string) => markdownParser.runSync(markdownParser.parse(text));

/** Texts where literal autolinks may or may not be, each written so that only some of their constructs could match. */
const texts = [
  'Call the desk at desk@example.com or see www.example.com/desk and https://example.com/a?b=1.',
  'Write to desk@example.com, nothing else.',
  'Only WWW.EXAMPLE.COM in capitals, and (www.example.com).',
  'Only HTTPS://EXAMPLE.COM/PATH and http://x.example.',
  'A [link](https://example.com) and <https://example.com/auto> but no bare address.',
  'Addresses written as references: desk&#64;example.com, www&#46;example.com, https&#58;//example.com.',
  'mailto:desk@example.com and xmpp:desk@example.com/home, and a@b (no dot).',
  'Plain text with words starting with w and h: when, what, how, ww.w, h://x, wwwexample.',
  'An email inside `code@example.com` and a table:\n\n| a | b |\n| - | - |\n| www.example.com | x@y.co |',
  'A note[^1] and ~~struck~~ text.\n\n[^1]: See https://example.com/note.',
  '---\ntitle: "x@y.z in front matter"\n---\n\nBody with www. only in front matter? No: www.body.example.',
];

function repositoryArticles(): string[] {
  const folders = ['content', 'tests/fixtures'];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(folder, name), 'utf8')),
  );
}

describe('parseMarkdown', () => {
  it.each(texts)('parses %j exactly as full GFM does', (text) => {
    expect(parseMarkdown(text)).toEqual(withGfm(text));
  });

  it('parses every article of the repository exactly as full GFM does', () => {
    const articles = repositoryArticles();
    expect(articles.length).toBeGreaterThan(1);
    for (const text of articles) expect(parseMarkdown(text)).toEqual(withGfm(text));
  });

  it('links bare addresses of every kind, in any case, and those written with references', () => {
    const urls = (text: string) => {
      const found: string[] = [];
      visit(parseMarkdown(text), 'link', (node) => void found.push(node.url));
      return found;
    };
    expect(urls(texts[0]!)).toEqual(['mailto:desk@example.com', 'http://www.example.com/desk', 'https://example.com/a?b=1']);
    expect(urls(texts[2]!)).toEqual(['http://WWW.EXAMPLE.COM', 'http://www.example.com']);
    expect(urls(texts[3]!)).toEqual(['HTTPS://EXAMPLE.COM/PATH', 'http://x.example']);
    expect(urls(texts[5]!)).toEqual(['mailto:desk@example.com', 'http://www.example.com', 'https://example.com']);
    expect(urls(texts[7]!)).toEqual([]);
  });
});
