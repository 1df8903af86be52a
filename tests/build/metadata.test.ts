import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScratch, runCli } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';
import { RUN_RECORD } from '../../pipeline/io/staged-output.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const corrected = `---
title: "Talks resume"
date: "2024-06-27"
updated: "2024-06-28T18:00:00+09:00"
dateline: {city: Seoul}
byline: "Min-ji Park"
tags: ["North Korea", "Russia"]
---

Negotiators met *again* & agreed.
`;

async function build(files: Record<string, string>) {
  const dir = scratchProject(files);
  dirs.push(dir);
  return (await buildScratch(dir, mockTranslator())).files;
}

describe('crawlers', () => {
  it('find a sitemap index of the locale sitemaps, named in robots.txt', async () => {
    const files = await build({ 'content/story.md': corrected });
    const locales = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
    expect(files.get('sitemap.xml')).toBe(
      `<?xml version="1.0" encoding="utf-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locales.map((code) => `<sitemap><loc>https://news.example.com/${code}/sitemap.xml</loc></sitemap><sitemap><loc>https://news.example.com/${code}/news-sitemap.xml</loc></sitemap>`).join('')}</sitemapindex>\n`,
    );
    expect(files.get('robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://news.example.com/sitemap.xml\n');
  });

  it('are warned of a story dated ahead, which the news sitemaps count their two days back from', async () => {
    const dir = scratchProject({
      'content/story.md': corrected,
      'content/ahead.md': corrected.replace('date: "2024-06-27"', 'date: "2062-06-27"').replace('updated: "2024-06-28T18:00:00+09:00"\n', ''),
    });
    dirs.push(dir);
    const run = await runCli(dir, ['build', '--locales', 'en,ko', '--translator', 'pseudo']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: content/ahead.md (date): the story is dated 2062-06-27T00:00:00+09:00, still to come;');
    expect(run.stderr).not.toContain('content/story.md (date)');
    // Which is why: the news sitemap lists the story dated ahead alone.
    expect([...readFileSync(join(dir, 'out-pseudo/en/news-sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/gu)].map((match) => match[1])).toEqual(['https://news.example.com/en/ahead.html']);
    // A build with nothing to do says it again while the date is still to come, and no more once it has come (the
    // record's moment moved back, as the clock would pass it).
    const again = await runCli(dir, ['build', '--locales', 'en,ko', '--translator', 'pseudo']);
    expect(again.stdout).toContain('(0 rendered');
    expect(again.stderr).toContain('warning: content/ahead.md (date): the story is dated 2062-06-27T00:00:00+09:00, still to come;');
    const record = join(dir, 'out-pseudo', RUN_RECORD);
    const data = JSON.parse(readFileSync(record, 'utf8')) as { datedAhead: Array<{ moment: number }> };
    expect(data.datedAhead).toHaveLength(1);
    data.datedAhead[0]!.moment = Date.parse('2024-06-27T00:00:00Z');
    writeFileSync(record, JSON.stringify(data));
    const later = await runCli(dir, ['build', '--locales', 'en,ko', '--translator', 'pseudo']);
    expect(later.stdout).toContain('(0 rendered');
    expect(later.stderr).not.toContain('content/ahead.md (date)');
  });

  it('find a news sitemap in each edition: its own title, the publication as it names itself, its language', async () => {
    const dir = scratchProject({ 'content/story.md': corrected });
    dirs.push(dir);
    writeFileSync(join(dir, 'content/site.yaml'), `${readFileSync(join(dir, 'content/site.yaml'), 'utf8')}name: {en: "The Example Times", ko: "예시 타임스"}\n`);
    const files = (await buildScratch(dir, mockTranslator())).files;
    const news = (code: string) => files.get(`${code}/news-sitemap.xml`)!;
    expect(news('ko')).toContain('<news:publication><news:name>예시 타임스</news:name><news:language>ko</news:language></news:publication>');
    expect(news('en')).toContain('<news:name>The Example Times</news:name><news:language>en</news:language>');
    expect(news('zh-CN')).toContain('<news:language>zh-cn</news:language>');
    // The same title as the edition's page, the same moment as its feed entry.
    const title = /<h1[^>]*>(.*?)<\/h1>/u.exec(files.get('ko/story.html')!)![1]!;
    expect(news('ko')).toContain(`<news:title>${title}</news:title>`);
    expect(news('ko')).toContain(`<news:publication_date>${/<published>(.*?)<\/published>/u.exec(files.get('ko/feed.xml')!)![1]}</news:publication_date>`);
  });
});

describe('updated, tags and feed times', () => {
  it('carry updated into JSON-LD, the meta line, the feed and the sitemap', async () => {
    const files = await build({ 'content/story.md': corrected });
    const en = files.get('en/story.html')!;
    expect(en).toContain('<meta property="article:modified_time" content="2024-06-28T18:00:00+09:00">');
    expect(en).toContain('<meta property="article:tag" content="North Korea"><meta property="article:tag" content="Russia">');
    expect(en).toContain('"datePublished":"2024-06-27T00:00:00+09:00","dateModified":"2024-06-28T18:00:00+09:00","dateline":"SEOUL, June 27 —","keywords":["North Korea","Russia"]');
    // Who publishes it, for news search and social previews: the newsroom's name, in the edition's language.
    expect(en).toContain('"publisher":{"@type":"NewsMediaOrganization","name":"News"}');
    expect(en).toContain('<meta property="og:site_name" content="News">');
    expect(en).toContain('<time datetime="2024-06-27">June 27, 2024</time> · <span class="updated">Updated <time datetime="2024-06-28T18:00:00+09:00">June 28, 2024</time></span>');
    expect(files.get('ko/story.html')).toContain('<span class="updated">수정 <time datetime="2024-06-28T18:00:00+09:00">2024년 6월 28일</time></span>');
    expect(files.get('ja/story.html')).toContain('<span class="updated"><time datetime="2024-06-28T18:00:00+09:00">2024年6月28日</time>更新</span>');
    const feed = files.get('en/feed.xml')!;
    // The feed's own updated is its newest change as that entry gives it, at the dateline city's offset (never UTC).
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://news.example.com/en/index.html" /><updated>2024-06-28T18:00:00+09:00</updated>');
    expect(feed).toContain(
      '<published>2024-06-27T00:00:00+09:00</published><updated>2024-06-28T18:00:00+09:00</updated><author><name>Min-ji Park</name></author><content type="html" xml:base="https://news.example.com/en/story.html">&#x3C;div lang="en">&#x3C;p>&#x3C;span class="dateline">SEOUL, June 27 —&#x3C;/span> Negotiators met &#x3C;em>again&#x3C;/em> &#x26;#x26; agreed.&#x3C;/p>&#x3C;/div></content>',
    );
    expect(files.get('en/sitemap.xml')).toContain('<loc>https://news.example.com/en/story.html</loc><lastmod>2024-06-28T18:00:00+09:00</lastmod>');
  });

  it('gives a plain date the start of that day at the dateline city, not UTC midnight', async () => {
    const files = await build({ 'content/story.md': '---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Los Angeles}\n---\n\nBody.\n' });
    expect(files.get('en/feed.xml')).toContain('<published>2024-06-27T00:00:00-07:00</published><updated>2024-06-27T00:00:00-07:00</updated>');
    expect(files.get('en/story.html')).toContain('"datePublished":"2024-06-27T00:00:00-07:00"');
    expect(files.get('en/sitemap.xml')).toContain('<loc>https://news.example.com/en/story.html</loc><lastmod>2024-06-27T00:00:00-07:00</lastmod>');
  });

  it('date the story modified by its newest correction, as an update does (never before it ran)', async () => {
    const corrections = 'corrections:\n  - date: "2024-06-29"\n    text: "An earlier version misspelt a name."\n';
    const files = await build({
      'content/story.md': corrected.replace('tags:', `${corrections}tags:`),
      'content/same-day.md': `---\ntitle: "T"\ndate: "2024-06-27T09:30:00+09:00"\ndateline: {city: Seoul}\n${corrections.replace('06-29', '06-27')}---\n\nBody.\n`,
    });
    for (const locale of ['en', 'ko']) {
      const page = files.get(`${locale}/story.html`)!;
      expect(page).toContain('<meta property="article:modified_time" content="2024-06-29T00:00:00+09:00">');
      expect(page).toContain('"dateModified":"2024-06-29T00:00:00+09:00"');
      // Readers see the update as the front matter gives it, and the correction with its own date.
      expect(page).toContain('<time datetime="2024-06-28T18:00:00+09:00">');
      expect(files.get(`${locale}/feed.xml`)).toContain('<updated>2024-06-29T00:00:00+09:00</updated>');
      expect(files.get(`${locale}/sitemap.xml`)).toContain(`<loc>https://news.example.com/${locale}/story.html</loc><lastmod>2024-06-29T00:00:00+09:00</lastmod>`);
    }
    expect(files.get('en/same-day.html')).toContain('"datePublished":"2024-06-27T09:30:00+09:00","dateModified":"2024-06-27T09:30:00+09:00"');
  });

  it('give feed readers the story as the page tells it: dateline, notice, corrections and who translated it', async () => {
    const files = await build({ 'content/story.md': corrected.replace('tags:', 'corrections:\n  - date: "2024-06-29"\n    text: "An earlier version misspelt a name."\ntags:') });
    const entry = (locale: string) => /<entry>.*<\/entry>/su.exec(files.get(`${locale}/feed.xml`)!)![0];
    expect(entry('en')).toContain('&#x3C;span class="dateline">SEOUL, June 27 —&#x3C;/span>');
    expect(entry('en')).toContain('An earlier version misspelt a name.');
    expect(entry('ko')).toContain('&#x3C;span class="dateline">(서울=');
    expect(entry('ko')).toContain('⟦ko⟧ AN EARLIER VERSION MISSPELT A NAME.');
    // The mock translator's note, and the link to the original, which the entry's xml:base resolves.
    expect(entry('ko')).toMatch(/&#x3C;footer>&#x3C;p class="disclosure">[^&]+.*href="..\/en\/story.html"/su);
    expect(entry('en')).not.toContain('disclosure');
  });

  it('put the dateline in the first paragraph of text, past a photo or a subhead', async () => {
    const body = '![Waves](https://example.org/w.jpg)\n\n## Background\n\nThe sea rose.\n';
    const files = await build({ 'content/story.md': `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}` });
    const en = files.get('en/story.html')!;
    expect(en).toContain('<p><img src="https://example.org/w.jpg" alt="Waves"></p>');
    expect(en).toContain('<p><span class="dateline">SEOUL, June 27 —</span> The sea rose.</p>');
    expect(files.get('ja/story.html')).toMatch(/<p><span class="dateline">【[^】]+】<\/span>⟦ja⟧ THE SEA ROSE\.<\/p>/u);
  });

  it('put the dateline on a line of its own at the top when the story opens with a list or a table, never below them', async () => {
    const body = '- One\n- Two\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nReporting by Jane Doe.\n';
    const files = await build({ 'content/story.md': `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}` });
    expect(files.get('en/story.html')).toContain('<div class="body"><p><span class="dateline">SEOUL, June 27 —</span></p><ul>');
    expect(files.get('en/story.html')).toContain('<p>Reporting by Jane Doe.</p>');
  });

  it('publishes historic stories: local mean time and years before 1970 in feeds and metadata', async () => {
    const files = await build({
      'content/seoul.md': '---\ntitle: "T"\ndate: "1900-06-27"\ndateline: {city: Seoul}\n---\n\nBody.\n',
      'content/new-york.md': '---\ntitle: "T"\ndate: "1880-06-27"\ndateline: {city: New York}\n---\n\nBody.\n',
      'content/rome.md': '---\ntitle: "T"\ndate: "0050-06-27"\ndateline: {city: Rome}\n---\n\nBody.\n',
    });
    const feed = files.get('en/feed.xml')!;
    // The feed's time is its latest entry's, not 1970.
    expect(feed).toMatch(/^<\?xml[^>]*><feed[^>]*><title>[^<]*<\/title><id>[^<]*<\/id>(?:<link[^>]*>)+<updated>1900-06-26T15:32:08Z<\/updated>/u);
    expect(feed).toContain('<published>1880-06-27T04:56:02Z</published>');
    expect(feed).toContain('<published>0050-06-2');
    expect(files.get('en/seoul.html')).toContain('"datePublished":"1900-06-26T15:32:08Z"');
    expect(files.get('en/rome.html')).toContain('<time datetime="0050-06-27">June 27, 50</time>');
  });
});

describe('the lead image', () => {
  it('gives og:image, twitter:card and JSON-LD image absolute URLs, with the alt text translated', async () => {
    const files = await build({
      'content/story.md': corrected.replace('tags:', 'image: {src: "lead.jpg", alt: "Negotiators at the table"}\ntags:'),
      'content/lead.jpg': 'not really a jpeg',
    });
    const published = [...files.keys()].filter((path) => path.startsWith('assets/'));
    expect(published).toEqual([expect.stringMatching(/^assets\/lead\.[0-9a-f]{10}\.jpg$/u)]);
    const url = `https://news.example.com/${published[0]}`;
    const ko = files.get('ko/story.html')!;
    expect(ko).toContain(
      `<meta property="og:image" content="${url}"><meta property="og:image:alt" content="⟦ko⟧ NEGOTIATORS AT THE TABLE"><meta name="twitter:card" content="summary_large_image"><meta name="twitter:image:alt" content="⟦ko⟧ NEGOTIATORS AT THE TABLE">`,
    );
    expect(ko).toContain(`"image":["${url}"]`);
  });

  it('leaves a remote image as written', async () => {
    const files = await build({ 'content/story.md': corrected.replace('tags:', 'image: {src: "https://cdn.example.org/a.jpg", alt: "A"}\ntags:') });
    expect(files.get('en/story.html')).toContain('<meta property="og:image" content="https://cdn.example.org/a.jpg"><meta property="og:image:alt" content="A">');
  });
});

/** The byline of an edition's page, as its markup writes it. */
const bylineOf = (files: ReadonlyMap<string, string>, locale: string) => /<span class="byline">(.*?)<\/span> · /u.exec(files.get(`${locale}/story.html`)!)![1]!;

describe('a byline of several names', () => {
  const joint = corrected.replace('byline: "Min-ji Park"', 'byline: ["Min-ji Park", "John Roe", "Ann Poe"]');

  it('is joined as each language’s press joins names, each name isolated', async () => {
    const files = await build({ 'content/story.md': joint });
    const byline = (locale: string) => bylineOf(files, locale);
    // Isolated in every edition: two Arabic names side by side in an English page would be read second name first.
    expect(byline('en')).toBe('By <bdi>Min-ji Park</bdi>, <bdi>John Roe</bdi> and <bdi>Ann Poe</bdi>');
    expect(byline('de')).toBe('Von <bdi>Min-ji Park</bdi>, <bdi>John Roe</bdi> und <bdi>Ann Poe</bdi>');
    expect(byline('ru')).toBe('Авторы: <bdi>Min-ji Park</bdi>, <bdi>John Roe</bdi> и <bdi>Ann Poe</bdi>');
    expect(byline('ko')).toBe('<bdi>Min-ji Park</bdi>·<bdi>John Roe</bdi>·<bdi>Ann Poe</bdi> 기자');
    expect(byline('ja')).toBe('文：<bdi>Min-ji Park</bdi>、<bdi>John Roe</bdi>、<bdi>Ann Poe</bdi>');
    expect(byline('ar')).toBe('بقلم <bdi>Min-ji Park</bdi>، <bdi>John Roe</bdi> و<bdi>Ann Poe</bdi>');
  });

  it('takes the form a language writes before a last name of an "i" sound: Spanish "e", as its press does', async () => {
    const byline = async (names: string[]) => {
      const files = await build({ 'content/story.md': corrected.replace('byline: "Min-ji Park"', `byline: ${JSON.stringify(names)}`) });
      return (locale: string) => bylineOf(files, locale).replaceAll(/<\/?bdi>/gu, '');
    };
    const ines = await byline(['Ana López', 'Hilario Ruiz', 'Inés Díaz']);
    expect(ines('es')).toBe('Por Ana López, Hilario Ruiz e Inés Díaz');
    // Every other language keeps its one word.
    expect(ines('en')).toBe('By Ana López, Hilario Ruiz and Inés Díaz');
    expect(ines('fr')).toBe('Par Ana López, Hilario Ruiz et Inés Díaz');
    // Only the word before the last name changes; "hie" and "ia" begin with a "y" sound, and "Y" is not an "i".
    for (const [names, joined] of [
      [['Íñigo Sanz', 'Ana López'], 'Por Íñigo Sanz y Ana López'],
      [['Ana López', 'Íñigo Sanz'], 'Por Ana López e Íñigo Sanz'],
      [['Ana López', 'Hierro Sanz'], 'Por Ana López y Hierro Sanz'],
      [['Ana López', 'Iacopo Sanz'], 'Por Ana López y Iacopo Sanz'],
      [['Ana López', 'Yolanda Sanz'], 'Por Ana López y Yolanda Sanz'],
      // What comes before the first letter is not read: a direction mark pasted with the name, quotes; and the Turkish İ.
      [['Ana López', '\u200EInés Díaz'], 'Por Ana López e \u200EInés Díaz'],
      [['Ana López', '"Inés" Díaz'], 'Por Ana López e "Inés" Díaz'],
      [['Ana López', 'İpek Sanz'], 'Por Ana López e İpek Sanz'],
    ] as const) {
      expect((await byline([...names]))('es')).toBe(joined);
    }
  });

  it('names each author in JSON-LD and in the feed; one name stays one Person', async () => {
    const files = await build({ 'content/story.md': joint, 'content/solo.md': corrected });
    expect(files.get('en/story.html')).toContain('"author":[{"@type":"Person","name":"Min-ji Park"},{"@type":"Person","name":"John Roe"},{"@type":"Person","name":"Ann Poe"}]');
    expect(files.get('en/solo.html')).toContain('"author":{"@type":"Person","name":"Min-ji Park"}');
    expect(files.get('ko/feed.xml')).toContain('<author><name>Min-ji Park</name></author><author><name>John Roe</name></author><author><name>Ann Poe</name></author>');
  });

  it('is refused by the string check when a locale’s template would lose or glue a name', async () => {
    for (const [template, message] of [
      ['Por {{names}} y {{names}}', 'string "bylines" must name {{names}} once'],
      ['Por', 'string "bylines" must name {{names}} once'],
    ]) {
      const dir = scratchProject({ 'content/story.md': joint });
      dirs.push(dir);
      const strings = join(dir, 'locales/es/translation.yaml');
      writeFileSync(strings, readFileSync(strings, 'utf8').replace(/^bylines: .*$/mu, `bylines: "${template}"`));
      const run = await runCli(dir, ['build']);
      expect({ code: run.code, error: run.stderr.split('\n')[0] }).toEqual({ code: 1, error: `error: locales/es/translation.yaml (bylines): ${message}` });
    }
  });

  it('has its form for an "i" sound checked where a locale gives it, and asked of no other locale', async () => {
    // A variable in the form: refused by check and by the build before any page, naming the form.
    const dir = scratchProject({ 'content/story.md': joint });
    dirs.push(dir);
    const strings = join(dir, 'locales/fr/translation.yaml');
    writeFileSync(strings, `${readFileSync(strings, 'utf8')}bylineLastSeparator_iSound: " et {{names}} "\n`);
    for (const command of ['check', 'build']) {
      const run = await runCli(dir, [command]);
      expect({ code: run.code, error: run.stderr.split('\n')[0] }).toEqual({
        code: 1,
        error: 'error: locales/fr/translation.yaml (bylineLastSeparator_iSound): string "bylineLastSeparator_iSound" uses unknown variable {{names}}',
      });
    }
    // Stories written in Spanish: the other locales need not have the Spanish form.
    const spanish = scratchProject({ 'content/story.md': joint });
    dirs.push(spanish);
    const source = (code: string, on: boolean) => {
      const file = join(spanish, `locales/${code}/locale.yaml`);
      const text = readFileSync(file, 'utf8').replace(/^source: .*\n/mu, '');
      writeFileSync(file, on ? `${text.trimEnd()}\nsource: true\n` : text);
    };
    source('en', false);
    source('es', true);
    writeFileSync(join(spanish, 'content/site.yaml'), readFileSync(join(spanish, 'content/site.yaml'), 'utf8').replace('sourceLocale: en', 'sourceLocale: es'));
    const checked = await runCli(spanish, ['check']);
    // Past the string check, to the editions themselves (untranslated here: the memory is English's).
    expect(checked.stdout).toContain('checked 9 editions');
    expect(checked.stderr).not.toContain('bylineLastSeparator_iSound');
  });
});
