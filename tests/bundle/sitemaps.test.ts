/**
 * The sitemap protocol allows one file 50,000 URLs and 50 MiB: a locale
 * with more published stories (an archive of years) gets its sitemap in
 * as many files as it needs, each named in the site's sitemap index, and
 * every shard of a build names the same files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildScratch, corpusProject } from '../support/build.js';
import { renderSitemap, SITEMAP_LIMITS, sitemapPartSize } from '../../pipeline/render/sitemap.js';
import type { LocaleConfig } from '../../pipeline/localization/locale.js';
import type { Site } from '../../pipeline/content/site.js';

const LOCALES = ['en', 'de', 'ko'];
const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);
const locs = (xml: string) => matches(xml, /<loc>([^<]+)<\/loc>/gu);

/** Five stories in English, German and Korean; each sitemap file holds two URLs. */
function project(): string {
  const dir = corpusProject(5, ['de', 'ko']);
  writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');
  return dir;
}

const limits = { urls: 2, bytes: SITEMAP_LIMITS.bytes };

describe("a locale's sitemap past the protocol's limits", { timeout: 60_000 }, () => {
  it('comes in files of at most the limit, every URL in exactly one, all named in the sitemap index', async () => {
    const dir = project();
    const whole = await buildScratch(dir, undefined, { only: LOCALES });
    const split = await buildScratch(dir, undefined, { only: LOCALES, sitemapLimits: limits });
    for (const locale of LOCALES) {
      const parts = [...split.files.keys()].filter((path) => path.startsWith(`${locale}/sitemap`));
      // The news sitemap is a file of its own, whatever the limits.
      expect(split.files.get(`${locale}/news-sitemap.xml`)).toBe(whole.files.get(`${locale}/news-sitemap.xml`));
      // The index page and five stories: three files of two.
      expect(parts.sort()).toEqual([`${locale}/sitemap-2.xml`, `${locale}/sitemap-3.xml`, `${locale}/sitemap.xml`]);
      const urls = parts.map((path) => locs(split.files.get(path)!));
      for (const part of urls) expect(part).toHaveLength(2);
      // The same URLs, with the same alternates and dates, as the one file of a build without the limit.
      expect(urls.flat().sort()).toEqual(locs(whole.files.get(`${locale}/sitemap.xml`)!).sort());
      const entries = (xml: string) => matches(xml, /(<url>.*?<\/url>)/gu);
      expect(parts.flatMap((path) => entries(split.files.get(path)!)).sort()).toEqual(entries(whole.files.get(`${locale}/sitemap.xml`)!).sort());
    }
    const named = locs(split.files.get('sitemap.xml')!);
    expect(named).toEqual(['de', 'en', 'ko'].flatMap((code) => ['sitemap.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'news-sitemap.xml'].map((file) => `https://news.example.com/${code}/${file}`)));
    // Under the protocol's limits, one file each, as before.
    expect(locs(whole.files.get('sitemap.xml')!)).toEqual(['de', 'en', 'ko'].flatMap((code) => ['sitemap.xml', 'news-sitemap.xml'].map((file) => `https://news.example.com/${code}/${file}`)));
  });

  it('is named alike in the sitemap index of every shard, which builds only some locales', async () => {
    const dir = project();
    const whole = await buildScratch(dir, undefined, { only: LOCALES, sitemapLimits: limits });
    for (const index of [1, 2]) {
      const shard = await buildScratch(dir, undefined, { only: LOCALES, sitemapLimits: limits, shard: { index, count: 2 } });
      expect(shard.files.get('sitemap.xml')).toBe(whole.files.get('sitemap.xml'));
    }
  });

  it('holds no more URLs than fit in the byte limit, counting each URL at its longest', () => {
    const locale = (code: string) => ({ code }) as LocaleConfig;
    const locales = ['en', 'pt-BR', 'zh-Hant-TW'].map(locale);
    const site = { url: 'https://news.example.com/&editions/' } as Site;
    const slugs = ['a', 'the-longest-slug-of-this-site-by-far', 'b&c'];
    const bytes = 20_000;
    const size = sitemapPartSize({ site, slugs, locales, limits: { urls: 50_000, bytes } });
    expect(size).toBeGreaterThan(1);
    // As many of the longest entry as one file may hold, every locale publishing it, with the longest date.
    const pages = Array.from({ length: size }, () => ({ path: 'the-longest-slug-of-this-site-by-far.html', lastmod: '2024-06-27T09:00:00.000+09:00', locales }));
    const xml = renderSitemap(pages, { site, locale: locales[2]!, locales, source: locales[0]! });
    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(bytes);
    expect(sitemapPartSize({ site, slugs, locales, limits: { urls: 3, bytes } })).toBe(3);
  });
});
