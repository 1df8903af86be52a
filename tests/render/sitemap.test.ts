import { describe, expect, it } from 'vitest';
import type { Site } from '../../pipeline/content/site.js';
import type { LocaleConfig } from '../../pipeline/localization/locale.js';
import { renderSitemap } from '../../pipeline/render/sitemap.js';

const locale = (code: string) => ({ code }) as LocaleConfig;
const [en, ko, ar] = [locale('en'), locale('ko'), locale('ar')];

describe("a locale's sitemap", () => {
  it('lists each page with its alternates, x-default to the original, and escapes what XML must', () => {
    const xml = renderSitemap([{ path: 'z.html', lastmod: '2024-06-27', locales: [en, ko] }, { path: 'a&b<"c".html', lastmod: '2024-06-2\u00018', locales: [ko, ar] }, { path: 'index.html' }], {
      site: { url: 'https://news.example.com/' } as Site,
      locale: ko,
      locales: [en, ko, ar],
      source: en,
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        '<url><loc>https://news.example.com/ko/a&#x26;b%3C%22c%22.html</loc><lastmod>2024-06-28</lastmod>',
        '<xhtml:link rel="alternate" hreflang="ko" href="https://news.example.com/ko/a&#x26;b%3C%22c%22.html" />',
        '<xhtml:link rel="alternate" hreflang="ar" href="https://news.example.com/ar/a&#x26;b%3C%22c%22.html" /></url>',
        '<url><loc>https://news.example.com/ko/index.html</loc>',
        '<xhtml:link rel="alternate" hreflang="en" href="https://news.example.com/en/index.html" />',
        '<xhtml:link rel="alternate" hreflang="ko" href="https://news.example.com/ko/index.html" />',
        '<xhtml:link rel="alternate" hreflang="ar" href="https://news.example.com/ar/index.html" />',
        '<xhtml:link rel="alternate" hreflang="x-default" href="https://news.example.com/en/index.html" /></url>',
        '<url><loc>https://news.example.com/ko/z.html</loc><lastmod>2024-06-27</lastmod>',
        '<xhtml:link rel="alternate" hreflang="en" href="https://news.example.com/en/z.html" />',
        '<xhtml:link rel="alternate" hreflang="ko" href="https://news.example.com/ko/z.html" />',
        '<xhtml:link rel="alternate" hreflang="x-default" href="https://news.example.com/en/z.html" /></url>',
        '</urlset>\n',
      ].join(''),
    );
  });

  it('writes relative addresses, with characters a URL keeps, when the site has no URL', () => {
    const xml = renderSitemap([{ path: 'a&b<"c".html', lastmod: '2024' }], { site: {} as Site, locale: ko, locales: [ko], source: en });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>../ko/a&#x26;b&#x3C;"c".html</loc><lastmod>2024</lastmod><xhtml:link rel="alternate" hreflang="ko" href="../ko/a&#x26;b&#x3C;&#x22;c&#x22;.html" /></url></urlset>\n',
    );
  });
});
