import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { writeCorpus } from '../support/corpus.js';
import { readTree } from '../support/tree.js';
import { tempDir } from '../support/temp.js';

const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const TARGETS = LOCALES.filter((code) => code !== 'en');

function corpusProject(count: number): string {
  const dir = scratchProject();
  writeCorpus(dir, count, TARGETS);
  return dir;
}

async function build(dir: string, ...args: string[]) {
  const run = await runCli(dir, ['build', ...args]);
  expect(run.stderr).not.toMatch(/^error/m);
  expect(run.code).toBe(0);
  return run;
}

const manifestOf = (dir: string, out = 'out') => JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the manifest', () => {
  it('lists every file with its sha256 and size, coverage per locale, and the git revision', async () => {
    const dir = corpusProject(3);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=e@example.org', '-c', 'user.name=E', 'commit', '-qm', 'content', '--allow-empty'], { cwd: dir });
    execFileSync('git', ['add', 'content'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=e@example.org', '-c', 'user.name=E', 'commit', '-qm', 'articles'], { cwd: dir });
    await build(dir);
    const manifest = manifestOf(dir);
    expect(manifest.sourceRevision).toBe(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim());

    const onDisk = readTree(join(dir, 'out'), ['.cache', 'manifest.json']);
    expect(manifest.files.map((file: { path: string }) => file.path)).toEqual(Object.keys(onDisk).sort());
    for (const file of manifest.files) {
      const bytes = readFileSync(join(dir, 'out', file.path));
      expect(file).toEqual({ path: file.path, sha256: sha256(bytes), size: bytes.length });
    }
    expect(Object.keys(manifest.coverage)).toEqual([...TARGETS].sort());
    const segments = manifest.coverage.ko.segments;
    expect(segments).toBeGreaterThan(3 * 15);
    expect(manifest.coverage.ko).toEqual({ segments, fromMemory: segments, machine: 0, human: segments, reviewed: segments, missing: 0 });
  });

  it('records no revision outside git', async () => {
    const dir = corpusProject(1);
    await build(dir, '--locales', 'en,ko');
    expect(manifestOf(dir).sourceRevision).toBeNull();
  });
});

describe('locale bundles', () => {
  it('have an index newest first, an Atom feed and a sitemap with hreflang alternates', async () => {
    const dir = corpusProject(3);
    await build(dir);
    const feed = readFileSync(join(dir, 'out/ko/feed.xml'), 'utf8');
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n?<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="ko">/);
    // Story 2 is dated latest (2024-01-03), so it comes first in the index and the feed.
    const order = [...feed.matchAll(/<id>https:\/\/news.example.com\/ko\/(story-\d+)\.html<\/id>/g)].map((match) => match[1]);
    expect(order).toEqual(['story-00002', 'story-00001', 'story-00000']);
    const index = readFileSync(join(dir, 'out/ko/index.html'), 'utf8');
    expect([...index.matchAll(/href="(story-\d+)\.html"/g)].map((match) => match[1])).toEqual(order);
    expect(index).toContain('<time datetime="2024-01-03">2024년 1월 3일</time>');

    const sitemap = readFileSync(join(dir, 'out/de/sitemap.xml'), 'utf8');
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const url = /<url><loc>https:\/\/news.example.com\/de\/story-00001.html<\/loc>.*?<\/url>/s.exec(sitemap)![0];
    for (const locale of LOCALES) {
      expect(url).toContain(`<xhtml:link rel="alternate" hreflang="${locale}" href="https://news.example.com/${locale}/story-00001.html" />`);
    }
    expect(url).toContain('hreflang="x-default" href="https://news.example.com/en/story-00001.html"');
  });

  it('archive reproducibly: the same inputs give the same bytes, sorted, with fixed times and owners', async () => {
    const first = corpusProject(2);
    await build(first, '--archive');
    const second = tempDir('edition-archive-');
    cpSync(first, second, { recursive: true, filter: (path) => !path.includes('/out') });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await build(second, '--archive');
    for (const locale of LOCALES) {
      const a = readFileSync(join(first, `out/${locale}.tar.gz`));
      expect(readFileSync(join(second, `out/${locale}.tar.gz`)).equals(a)).toBe(true);
      const tar = gunzipSync(a);
      const names: string[] = [];
      for (let offset = 0; offset + 512 <= tar.length;) {
        const name = tar
          .subarray(offset, offset + 100)
          .toString('utf8')
          .replace(/\0.*$/s, '');
        if (!name) break;
        names.push(name);
        expect(
          tar
            .subarray(offset + 136, offset + 148)
            .toString('utf8')
            .replace(/\0.*$/s, '')
            .trim(),
        ).toBe('00000000000');
        const size = parseInt(tar.subarray(offset + 124, offset + 136).toString('utf8'), 8);
        offset += 512 + Math.ceil(size / 512) * 512;
      }
      expect(names).toEqual([...names].sort());
      expect(names).toContain(`${locale}/story-00001.html`);
      expect(names).toContain(`${locale}/feed.xml`);
    }
    expect(manifestOf(first).files.some((file: { path: string }) => file.path.endsWith('.tar.gz'))).toBe(false);
  });
});

describe('incremental builds', () => {
  it('rebuild only the edited article, and update its pages, the indexes, feeds, sitemaps and manifest', async () => {
    const dir = corpusProject(4);
    const first = await build(dir);
    expect(first.stdout).toContain('40 editions (40 rendered, 0 unchanged)');
    const before = readTree(join(dir, 'out'), ['.cache']);
    const inode = (path: string) => statSync(join(dir, 'out', path)).ino;
    const untouched = statSync(join(dir, 'out/ko/story-00000.html')).ino;

    const again = await build(dir);
    expect(again.stdout).toContain('40 editions (0 rendered, 40 unchanged)');
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(before);

    // Edit the title of story 2 (the English edition only changes: translations would be missing otherwise).
    const file = join(dir, 'content/story-00002.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: "Story 2:', 'title: "Story 2 (updated):'));
    const edited = await build(dir, '--locales', 'en');
    expect(edited.stdout).toContain('4 editions (1 rendered, 3 unchanged)');
    const after = readTree(join(dir, 'out'), ['.cache']);
    const changed = Object.keys(after)
      .filter((path) => after[path] !== before[path])
      .sort();
    expect(changed).toEqual(['en/feed.xml', 'en/index.html', 'en/sitemap.xml', 'en/story-00002.html', 'manifest.json'].filter((path) => path !== 'en/sitemap.xml' || after[path] !== before[path]));
    expect(inode('en/story-00000.html')).toBeDefined();
    expect(untouched).toBeDefined();
    expect(Buffer.from(after['en/index.html']!, 'base64').toString()).toContain('Story 2 (updated):');
  });

  it('give the same bytes as a forced full build after edits', async () => {
    const dir = corpusProject(3);
    await build(dir);
    const file = join(dir, 'content/story-00001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('dateline:\n  city: Tokyo', 'dateline:\n  city: Seoul'));
    const incremental = await build(dir);
    expect(incremental.stdout).toContain('30 editions (10 rendered, 20 unchanged)');
    const afterIncremental = readTree(join(dir, 'out'), ['.cache']);
    const full = await build(dir, '--force', '--out', 'full');
    expect(full.stdout).toContain('(30 rendered, 0 unchanged)');
    expect(readTree(join(dir, 'full'), ['.cache'])).toEqual(afterIncremental);
  });

  it('rebuild a locale whose resources changed, and nothing else', async () => {
    const dir = corpusProject(2);
    await build(dir);
    const strings = join(dir, 'locales/de/translation.yaml');
    writeFileSync(strings, readFileSync(strings, 'utf8').replace(/^latest: .*$/m, 'latest: "Aktuelle Meldungen"'));
    const run = await build(dir);
    expect(run.stdout).toContain('20 editions (2 rendered, 18 unchanged)');
    expect(readFileSync(join(dir, 'out/de/index.html'), 'utf8')).toContain('Aktuelle Meldungen');
  });
});

describe('shards', () => {
  it('copied together and merged give the same bytes as one full build', async () => {
    const dir = corpusProject(3);
    await build(dir, '--out', 'full', '--archive');
    const merged = join(dir, 'merged');
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = `shard-${shard[0]}`;
      await build(dir, '--shard', shard, '--out', out, '--archive');
      const locales = readdirSync(join(dir, out)).filter((name) => LOCALES.includes(name));
      expect(locales.length).toBeGreaterThanOrEqual(3);
      cpSync(join(dir, out), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
    }
    const run = await runCli(dir, ['manifest', '--out', 'merged']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('merged 3 shards');
    expect(readTree(merged, ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
  });

  it('refuses a shard that is not i/n with 1 ≤ i ≤ n', async () => {
    const run = await runCli(scratchProject(), ['build', '--shard', '3/2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--shard 3\/2 is not a shard/);
  });
});
