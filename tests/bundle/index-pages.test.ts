/**
 * A locale's list of stories comes in pages of `indexEntries` (site.yaml),
 * newest first: index.html, then page/2.html and on, linked to each other
 * in the locale's words. Every story is on exactly one page, every link
 * of every page leads to a published file, and a page no longer needed is
 * gone after the next build, as a full build would leave it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOk, corpusProject, runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';

const LOCALES = ['en', 'de', 'ko'];
const SITE = 'url: "https://news.example.com/"\nsourceLocale: en\nindexEntries: 2\n';

/** Five articles, story 4 the newest; lists of two stories a page. */
function project(site = SITE): string {
  const dir = corpusProject(5, ['de', 'ko']);
  writeFileSync(join(dir, 'content/site.yaml'), site);
  return dir;
}

const build = (dir: string, ...args: string[]) => buildOk(dir, '--locales', LOCALES.join(','), ...args);
const read = (dir: string, path: string) => readFileSync(join(dir, 'out', path), 'utf8');
const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);

/** A list page's stories, as slugs, in the order shown. */
const storiesOn = (html: string) => matches(html.slice(html.indexOf('<ol class="articles">')), /<li><a href="(?:\.\.\/)?(story-\d+)\.html"/gu);

/** The page a `rel` link of a list page leads to, as a path under out/. */
function linked(page: string, html: string, rel: 'next' | 'prev'): string | undefined {
  const href = new RegExp(`<a rel="${rel}" href="([^"]+)"`, 'u').exec(html)?.[1];
  return href === undefined ? undefined : posix.join(posix.dirname(page), href);
}

describe("a locale's list of stories", { timeout: 60_000 }, () => {
  it('comes in pages of indexEntries, newest first, linked both ways in the locale’s words, every link published', async () => {
    const dir = project();
    await build(dir);
    for (const locale of LOCALES) {
      // Following "older" from the first page visits every page once and every story once.
      const pages: string[] = [];
      for (let page: string | undefined = `${locale}/index.html`; page !== undefined; page = linked(page, read(dir, page), 'next')) pages.push(page);
      expect(pages).toEqual([`${locale}/index.html`, `${locale}/page/2.html`, `${locale}/page/3.html`]);
      expect(pages.map((page) => storiesOn(read(dir, page)))).toEqual([['story-00004', 'story-00003'], ['story-00002', 'story-00001'], ['story-00000']]);
      // And "newer" leads back.
      expect(pages.map((page) => linked(page, read(dir, page), 'prev'))).toEqual([undefined, `${locale}/index.html`, `${locale}/page/2.html`]);
      for (const page of pages) {
        const html = read(dir, page);
        // Stories, masthead, other editions, the stylesheet-free theme: every relative link leads to a file of the build.
        for (const href of matches(html, /href="([^"#]+)"/gu).filter((href) => !href.startsWith('https://'))) {
          expect(existsSync(join(dir, 'out', dirname(page), href)), `${page} links ${href}`).toBe(true);
        }
        expect(matches(html, /<link rel="canonical" href="([^"]+)"/gu)).toEqual([`https://news.example.com/${page}`]);
      }
      // Only the first page has other editions' lists as alternates: their second pages list other stories once they publish other ones.
      expect(matches(read(dir, `${locale}/index.html`), /<link rel="alternate" hreflang="([^"]+)"/gu)).toEqual([...LOCALES, 'x-default']);
      expect(read(dir, `${locale}/page/2.html`)).not.toContain('hreflang="de" href="https://');
    }
    const korean = read(dir, 'ko/page/2.html');
    expect(korean).toContain('<title>최신 기사 2페이지 | ');
    expect(korean).toContain('<h1>최신 기사 2페이지</h1>');
    expect(korean).toContain('<nav class="pages" aria-label="기사 목록 페이지"><a rel="prev" href="../index.html">더 최근 기사</a><a rel="next" href="../page/3.html">지난 기사</a></nav>');
    expect(read(dir, 'de/page/3.html')).toContain('<h1>Neueste Meldungen, Seite 3</h1>');
    // The German entry of the switcher leads to the first page: the current edition, not this page.
    expect(read(dir, 'de/page/3.html')).toContain('<a href="../../de/index.html" hreflang="de" lang="de" aria-current="true">Deutsch</a>');
    expect(read(dir, 'de/index.html')).toContain('<a href="../de/index.html" hreflang="de" lang="de" aria-current="page">Deutsch</a>');
    // The sitemap still names every story; the manifest, every page of the list.
    expect(matches(read(dir, 'en/sitemap.xml'), /<loc>https:\/\/news\.example\.com\/en\/(story-\d+)\.html<\/loc>/gu)).toHaveLength(5);
    const manifest = JSON.parse(read(dir, 'manifest.json')) as { files: Array<{ path: string }> };
    expect(manifest.files.map((file) => file.path).filter((path) => path.startsWith('ko/page/'))).toEqual(['ko/page/2.html', 'ko/page/3.html']);
  });

  it('links everything from a later page relatively, canonical and feed included, when site.yaml gives no URL', async () => {
    const dir = project('sourceLocale: en\nindexEntries: 2\n');
    await build(dir);
    for (const page of ['ko/page/2.html', 'ko/page/3.html']) {
      const html = read(dir, page);
      const hrefs = matches(html, /href="([^"#]+)"/gu);
      expect(hrefs.filter((href) => href.startsWith('https://'))).toEqual([]);
      for (const href of hrefs) expect(existsSync(join(dir, 'out', dirname(page), href)), `${page} links ${href}`).toBe(true);
      expect(matches(html, /<link rel="canonical" href="([^"]+)"/gu)).toEqual([`../../${page}`]);
    }
  });

  it('loses a page it no longer needs, as a full build would leave out/', async () => {
    const dir = project();
    await build(dir);
    rmSync(join(dir, 'content/story-00004.md'));
    for (const locale of ['de', 'ko']) rmSync(join(dir, 'content/translations', locale, 'story-00004.json'));
    await build(dir);
    expect(existsSync(join(dir, 'out/en/page/3.html'))).toBe(false);
    expect(storiesOn(read(dir, 'en/page/2.html'))).toEqual(['story-00001', 'story-00000']);
    expect(read(dir, 'en/page/2.html')).not.toContain('rel="next"');
    await build(dir, '--force', '--out', 'full');
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
  });

  it('is one page, with no links to others, while the stories fit (50 when site.yaml does not say)', async () => {
    const dir = project('url: "https://news.example.com/"\nsourceLocale: en\n');
    await build(dir);
    expect(storiesOn(read(dir, 'en/index.html'))).toHaveLength(5);
    expect(read(dir, 'en/index.html')).not.toContain('class="pages"');
    expect(existsSync(join(dir, 'out/en/page'))).toBe(false);
  });

  it('refuses an indexEntries that is not a whole number from 1 to 1000', async () => {
    const dir = project();
    for (const value of ['0', '2.5', '1001', '"ten"']) {
      writeFileSync(join(dir, 'content/site.yaml'), SITE.replace('indexEntries: 2', `indexEntries: ${value}`));
      const run = await runCli(dir, ['build']);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        stderr:
          "error: content/site.yaml (indexEntries): indexEntries must be a whole number from 1 to 1000\n  hint: how many articles each page of a locale's list of stories shows; 50 when absent\n",
      });
    }
  });
});
