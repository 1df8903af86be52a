import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildOk, corpusProject as corpusProjectOf } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { tempDir } from '../support/temp.js';

const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const TARGETS = LOCALES.filter((code) => code !== 'en');

const corpusProject = (count: number) => corpusProjectOf(count, TARGETS);
const build = buildOk;

const manifestOf = (dir: string, out = 'out') => JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the manifest', { timeout: 30_000 }, () => {
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

describe('locale bundles', { timeout: 30_000 }, () => {
  it('of some locales only link no page the build did not write, the English original included', async () => {
    const dir = corpusProject(1);
    await build(dir, '--locales', 'ko');
    const page = readFileSync(join(dir, 'out/ko/story-00000.html'), 'utf8');
    const links = [...page.matchAll(/href="(\.\.\/[^"#]+)"/gu)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect({ link, exists: existsSync(join(dir, 'out/ko', link)) }).toEqual({ link, exists: true });
    expect(page).not.toContain('href="../en/');
  });

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
