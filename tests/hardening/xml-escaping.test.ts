/**
 * Text that XML cannot hold as it is: `]]>` (which XML forbids in text),
 * and characters XML forbids anywhere (U+FFFE, C0 controls). A feed or an
 * XLIFF export with them must still be well-formed XML, and the XLIFF
 * round trip must give back the same bytes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import type { Element, Root } from 'xast';
import { runCli } from '../support/build.js';
import { hardeningProject, TALKS } from './project.js';
import { renderFeed } from '../../pipeline/render/feed.js';
import { koreanMemory, reviewProject, SLUG } from '../review/fixture.js';

/** The text of every `<title>` in a parsed feed. */
function titles(tree: Root): string[] {
  const found: string[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.name === 'title') found.push(child.children.map((text) => (text.type === 'text' ? text.value : '')).join(''));
      visit(child);
    }
  };
  visit(tree);
  return found;
}

describe('feed.xml', () => {
  it('stays well-formed XML with "]]>" in a title and a summary', async () => {
    const dir = hardeningProject({ 'content/talks.md': TALKS.replace('title: "Trade talks end"', 'title: "Talks ]]> end"\nsummary: "A ]]> B"') });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const run = await runCli(dir, ['build', '--locales', 'en']);
    expect(run.code).toBe(0);
    const feed = readFileSync(join(dir, 'out/en/feed.xml'), 'utf8');
    expect(feed).toContain('<title>Talks ]]&#x3E; end</title>');
    expect(feed).toContain('<summary>A ]]&#x3E; B</summary>');
    expect(titles(fromXml(feed)).at(-1)).toBe('Talks ]]> end');
  });

  it('drops characters XML forbids instead of writing a broken feed', () => {
    const feed = renderFeed([{ slug: 'talks', title: 'Talks\uFFFE end\u0001 ]]>', summary: 'A\uFFFF B', date: '27 June 2024', isoDate: '2024-06-27', sortKey: Date.parse('2024-06-27T00:00:00Z') }], {
      site: { url: 'https://news.example.com/', sourceLocale: 'en' },
      locale: { code: 'en', name: 'English', dir: 'ltr', intl: 'en', calendar: 'gregory', numberingSystem: 'latn', cldr: 'en' } as Parameters<typeof renderFeed>[1]['locale'],
      title: 'News',
      publication: 'The Example',
    });
    expect(titles(fromXml(feed))).toEqual(['News', 'Talks end ]]>']);
    expect(feed).toContain('<summary>A B</summary>');
  });
});

describe('XLIFF export and import', () => {
  it('round-trips a target with "]]>" byte for byte', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 3 ? { target: '협상 대표들은 ]]&gt; 다음 달 도쿄에서 다시 만날 예정이다.' } : {})));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const memoryFile = join(dir, `content/translations/ko/${SLUG}.json`);
    const memory = readFileSync(memoryFile, 'utf8');
    expect((await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', 'ko.xlf'])).code).toBe(0);
    const first = readFileSync(join(dir, 'ko.xlf'), 'utf8');
    expect(first).toContain('<target>협상 대표들은 ]]&#x3E; 다음 달 도쿄에서 다시 만날 예정이다.</target>');
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('imported ko.xlf: 0 segments changed in ko\n');
    expect(readFileSync(memoryFile, 'utf8')).toBe(memory);
    expect((await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', 'again.xlf'])).code).toBe(0);
    expect(readFileSync(join(dir, 'again.xlf'), 'utf8')).toBe(first);
  });
});
