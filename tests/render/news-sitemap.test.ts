/**
 * A news sitemap is what Google News reads of a newsroom: the stories of
 * the last two days (counted from the locale's newest, not the clock), at
 * most 1,000, each with the publication's name, the language as Google
 * names it, the moment of publication and the title in the edition's
 * language.
 */
import { describe, expect, it } from 'vitest';
import type { Site } from '../../pipeline/content/site.js';
import type { LocaleConfig } from '../../pipeline/localization/locale.js';
import type { IndexEntry } from '../../pipeline/render/index-page.js';
import { NEWS_ENTRIES, newsEntries, newsLanguage, renderNewsSitemap } from '../../pipeline/render/news-sitemap.js';

const locale = (code: string) => ({ code }) as LocaleConfig;
const HOUR = 60 * 60 * 1000;
const NEWEST = Date.parse('2024-06-27T09:00:00+09:00');

/** A story published `hours` before the newest. */
const entry = (slug: string, hours: number, title = `Title ${slug}`): IndexEntry => {
  const sortKey = NEWEST - hours * HOUR;
  return { slug, title, date: '', isoDate: '', sortKey, published: new Date(sortKey).toISOString() };
};

describe('a news sitemap', () => {
  it('lists the stories of the two days up to the newest, newest first', () => {
    const entries = [entry('c', 49), entry('a', 0), entry('b', 47.5), entry('d', 48), entry('e', 120)];
    expect(newsEntries(entries).map((one) => one.slug)).toEqual(['a', 'b', 'd']);
    expect(newsEntries([])).toEqual([]);
  });

  it('holds at most 1,000 stories, the newest', () => {
    const entries = Array.from({ length: NEWS_ENTRIES + 5 }, (_, index) => entry(`s${String(index).padStart(4, '0')}`, index / 100));
    const listed = newsEntries(entries);
    expect(listed).toHaveLength(1000);
    expect(listed.at(-1)!.slug).toBe('s0999');
  });

  it('names the language as Google News does: ISO 639, Chinese as zh-cn or zh-tw', () => {
    expect(['en', 'ko', 'pt-BR', 'zh-CN', 'zh-TW', 'zh-Hant', 'zh-HK', 'zh-Hans-HK', 'sr-Latn'].map((code) => newsLanguage(locale(code)))).toEqual([
      'en',
      'ko',
      'pt',
      'zh-cn',
      'zh-tw',
      'zh-tw',
      'zh-tw',
      'zh-cn',
      'sr',
    ]);
  });

  it('gives each story its address, the publication, the language, the moment and the title, escaped', () => {
    const xml = renderNewsSitemap([{ ...entry('talks', 0, 'Talks end & <resume>'), published: '2024-06-27T09:00:00+09:00' }], {
      site: { url: 'https://news.example.com/' } as Site,
      locale: locale('ko'),
      publication: '샘플헤럴드 & Co',
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
        '<url><loc>https://news.example.com/ko/talks.html</loc><news:news><news:publication><news:name>샘플헤럴드 &#x26; Co</news:name>',
        '<news:language>ko</news:language></news:publication><news:publication_date>2024-06-27T09:00:00+09:00</news:publication_date>',
        '<news:title>Talks end &#x26; &#x3C;resume></news:title></news:news></url></urlset>\n',
      ].join(''),
    );
  });
});
