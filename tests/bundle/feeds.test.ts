/**
 * A locale's feed carries its newest `feedEntries` articles, each with its
 * body. The build keeps only those bodies (in memory and in its cache), and
 * an incremental build still gives a full build's bytes when another
 * article moves into a feed: a newer one deleted, held back or dated earlier.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOk, corpusProject, runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { addEntry } from '../../pipeline/bundle/list-pages.js';
import { sortIndex, type IndexEntry } from '../../pipeline/render/index-page.js';
import type { BuildCache } from '../../pipeline/build/build-cache.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { memoryFor } from '../hardening/project.js';

const LOCALES = ['en', 'de', 'ko'];
const SITE = 'url: "https://news.example.com/"\nsourceLocale: en\nfeedEntries: 2\n';

/** Five articles, story 4 the newest; feeds of two entries. */
function project(): string {
  const dir = corpusProject(5, ['de', 'ko']);
  writeFileSync(join(dir, 'content/site.yaml'), SITE);
  return dir;
}

const build = (dir: string, ...args: string[]) => buildOk(dir, '--locales', LOCALES.join(','), ...args);
const read = (dir: string, path: string) => readFileSync(join(dir, 'out', path), 'utf8');
const slugsIn = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]);

/** Each locale's feed, as the slugs of its entries and whether each carries a body. */
function feeds(dir: string): Record<string, Array<[string, boolean]>> {
  return Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      read(dir, `${locale}/feed.xml`)
        .split('<entry>')
        .slice(1)
        .map((entry) => [/\/(story-\d+)\.html<\/id>/u.exec(entry)![1]!, entry.includes('<content type="html" xml:base=')] as [string, boolean]),
    ]),
  );
}

/** The pages whose index entry the build cache keeps a body for. */
function cachedBodies(dir: string): string[] {
  const cache = JSON.parse(read(dir, '.cache/build.json')) as BuildCache;
  return Object.entries(cache.editions)
    .filter(([, edition]) => edition.index.content !== undefined)
    .map(([path]) => path)
    .sort();
}

/** Builds incrementally, then in full into another folder: the same bytes. */
async function expectFullBuildBytes(dir: string): Promise<void> {
  await build(dir);
  rmSync(join(dir, 'full'), { recursive: true, force: true });
  await build(dir, '--force', '--out', 'full');
  expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
}

const both = (first: string, second: string): Record<string, Array<[string, boolean]>> =>
  Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      [
        [first, true],
        [second, true],
      ],
    ]),
  );

describe('feeds', { timeout: 60_000 }, () => {
  it('carry the newest feedEntries articles with their bodies, while the index and the sitemap list every one', async () => {
    const dir = project();
    await build(dir);
    expect(feeds(dir)).toEqual(both('story-00004', 'story-00003'));
    const all = ['story-00004', 'story-00003', 'story-00002', 'story-00001', 'story-00000'];
    for (const locale of LOCALES) {
      expect(slugsIn(read(dir, `${locale}/index.html`), /href="(story-\d+)\.html"/gu)).toEqual(all);
      expect(slugsIn(read(dir, `${locale}/sitemap.xml`), new RegExp(`<loc>https://news.example.com/${locale}/(story-\\d+)\\.html</loc>`, 'gu'))).toEqual([...all].reverse());
      // The feed changed when its newest entry did: story 4, 2024-01-05 04:15 UTC, given as that entry gives it, at its city's offset.
      expect(/<updated>([^<]+)<\/updated><author>/u.exec(read(dir, `${locale}/feed.xml`))![1]).toBe('2024-01-05T05:15:00+01:00');
    }
    expect(cachedBodies(dir)).toEqual(LOCALES.flatMap((locale) => [`${locale}/story-00003.html`, `${locale}/story-00004.html`]).sort());
  });

  it('give a full build’s bytes when an article moves into them: a newer one deleted, held back, or dated earlier', async () => {
    const dir = project();
    await build(dir);

    rmSync(join(dir, 'content/story-00004.md'));
    for (const locale of ['de', 'ko']) rmSync(join(dir, 'content/translations', locale, 'story-00004.json'));
    await expectFullBuildBytes(dir);
    expect(feeds(dir)).toEqual(both('story-00003', 'story-00002'));
    expect(cachedBodies(dir)).toEqual(LOCALES.flatMap((locale) => [`${locale}/story-00002.html`, `${locale}/story-00003.html`]).sort());

    // Held back in Korean only: a translation is missing.
    rmSync(join(dir, 'content/translations/ko/story-00003.json'));
    await expectFullBuildBytes(dir);
    expect(feeds(dir)).toEqual({ ...both('story-00003', 'story-00002'), ko: both('story-00002', 'story-00001')['ko']! });

    const file = join(dir, 'content/story-00002.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: "2024-/mu, 'date: "2023-'));
    await expectFullBuildBytes(dir);
    expect(feeds(dir)).toEqual({ ...both('story-00003', 'story-00001'), ko: both('story-00001', 'story-00000')['ko']! });
  });

  it('are rendered again when a paragraph of an article in them changes; no list page is when the article is not in a feed', async () => {
    const dir = project();
    await build(dir);
    const lists = LOCALES.flatMap((locale) => ['index.html', 'feed.xml', 'sitemap.xml'].map((name) => `${locale}/${name}`));
    const inodes = () => Object.fromEntries(lists.map((path) => [path, statSync(join(dir, 'out', path)).ino]));
    /** A paragraph of the article edited, with its translations, as a newsroom would. */
    const edit = (slug: string) => {
      const file = join(dir, `content/${slug}.md`);
      const text = readFileSync(file, 'utf8').replace('See [the report]', 'See, as of this morning, [the report]');
      writeFileSync(file, text);
      for (const locale of ['de', 'ko']) writeFileSync(join(dir, 'content/translations', locale, `${slug}.json`), serializeMemory(memoryFor(text, slug, locale)));
    };
    /** The list pages a build after `change` wrote anew (the others are the previous build's files). */
    const renderedAfter = async (change: () => void) => {
      const before = inodes();
      change();
      expect((await build(dir)).stdout).toContain('(3 rendered, 12 unchanged)');
      const after = inodes();
      return lists.filter((path) => after[path] !== before[path]);
    };
    expect(await renderedAfter(() => edit('story-00004'))).toEqual(LOCALES.map((locale) => `${locale}/feed.xml`));
    expect(await renderedAfter(() => edit('story-00001'))).toEqual([]);
  });

  it('refuse a feedEntries that is not a whole number from 1 to 1000', async () => {
    const dir = project();
    for (const value of ['0', '2.5', '1001', '"ten"']) {
      writeFileSync(join(dir, 'content/site.yaml'), SITE.replace('feedEntries: 2', `feedEntries: ${value}`));
      const run = await runCli(dir, ['build']);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        stderr: 'error: content/site.yaml (feedEntries): feedEntries must be a whole number from 1 to 1000\n  hint: how many of its newest articles each feed carries; 50 when absent\n',
      });
    }
  });
});

describe('a locale list being built', () => {
  it('keeps at most twice feedEntries bodies, and the bodies of its newest entries', () => {
    const limit = 5;
    const entries: IndexEntry[] = [];
    // 200 entries in a scrambled order of their dates.
    const order = Array.from({ length: 200 }, (_, index) => (index * 73) % 200);
    let most = 0;
    for (const day of order) {
      addEntry(entries, { slug: `story-${day}`, title: '', date: '', isoDate: '', sortKey: day, content: `<p>${day}</p>` }, limit);
      most = Math.max(most, entries.filter((entry) => entry.content !== undefined).length);
    }
    // Fewer than twice: the entry that makes it twice drops the extra bodies as it comes in.
    expect(most).toBe(2 * limit - 1);
    expect(entries.length).toBe(200);
    expect(
      sortIndex(entries)
        .slice(0, limit)
        .map((entry) => entry.content),
    ).toEqual(['<p>199</p>', '<p>198</p>', '<p>197</p>', '<p>196</p>', '<p>195</p>']);
  });
});
