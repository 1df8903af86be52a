import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree } from '../support/tree.js';
import { buildScratch, runCli, seedProject } from '../support/build.js';
import { repoRoot, scratchProject, fixture } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';

const SLUG = 'kim-jong-un-supports-russia';
const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];

const originalTz = process.env['TZ'];
afterEach(() => {
  process.env['TZ'] = originalTz;
});

describe('the default build of the repository content', () => {
  it('publishes ten real editions from the translation memory', async () => {
    const { files, summary } = await buildScratch(seedProject());
    expect([...files.keys()]).toEqual(
      [
        ...LOCALES.flatMap((locale) => [`${locale}/index.html`, `${locale}/${SLUG}.html`, `${locale}/feed.xml`, `${locale}/sitemap.xml`, `${locale}/news-sitemap.xml`]),
        'index.html',
        'manifest.json',
        'robots.txt',
        'sitemap.xml',
      ].sort(),
    );
    expect(summary).toEqual({ articles: 1, editions: 10, rebuilt: 10, held: 0, fromMemory: 45, translated: 0, workers: 1 });
    const ko = files.get(`ko/${SLUG}.html`)!;
    expect(ko).toContain('<html lang="ko" dir="ltr">');
    expect(ko).toContain('<h1>김정은, 우크라이나 전쟁 속 러시아 지원</h1>');
    expect(ko).toContain('<span class="dateline">(서울=샘플헤럴드)</span> 2022년 한국에 입국한 탈북민 진주동 씨는');
    expect(ko).toContain('<time datetime="2024-06-27">2024년 6월 27일</time>');
    expect(ko).toContain('본사 번역진이 영어 원문을 번역한 것입니다.');
    expect(ko).not.toContain('North Korean rebel');
    expect(files.get(`ar/${SLUG}.html`)).toContain('<html lang="ar" dir="rtl">');
    expect(files.get(`en/${SLUG}.html`)).toContain('<span class="dateline">SEOUL, June 27 —</span> Jin Joo-dong');
  });

  it('gives the same bytes on every run and under any machine time zone', async () => {
    const dir = seedProject();
    process.env['TZ'] = 'America/New_York';
    const first = await buildScratch(dir);
    process.env['TZ'] = 'Pacific/Kiritimati';
    const second = await buildScratch(dir);
    expect(second.files).toEqual(first.files);
  });

  it('writes identical out folders from the command line twice', async () => {
    const dir = seedProject();
    expect((await runCli(dir, ['build', '--out', 'first'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--out', 'second'])).code).toBe(0);
    // Except the records of each file's inode and modification time, which are the file system's.
    const records = ['.cache/out.json', '.cache/run.json'];
    expect(readTree(join(dir, 'second'), records)).toEqual(readTree(join(dir, 'first'), records));
  });
});

describe('hreflang alternates', () => {
  it('are reciprocal: every edition names every other edition, itself and x-default', async () => {
    const { files } = await buildScratch(seedProject());
    const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((match) => `${match[1]} ${match[2]}`).sort();
    const expected = [...LOCALES.map((locale) => `${locale} https://news.example.com/${locale}/${SLUG}.html`), `x-default https://news.example.com/en/${SLUG}.html`].sort();
    for (const locale of LOCALES) {
      const html = files.get(`${locale}/${SLUG}.html`)!;
      expect(alternates(html)).toEqual(expected);
      expect(html).toContain(`<link rel="canonical" href="https://news.example.com/${locale}/${SLUG}.html">`);
      // The page's own entry is the one its canonical URL points to.
      expect(alternates(html)).toContain(`${locale} https://news.example.com/${locale}/${SLUG}.html`);
    }
  });

  it('link translations to the original in JSON-LD, and back', async () => {
    const { files } = await buildScratch(seedProject());
    const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    const en = jsonLd(files.get(`en/${SLUG}.html`)!);
    expect(en.workTranslation).toHaveLength(9);
    for (const locale of LOCALES.filter((code) => code !== 'en')) {
      const data = jsonLd(files.get(`${locale}/${SLUG}.html`)!);
      expect(data).toMatchObject({ '@type': 'NewsArticle', inLanguage: locale, datePublished: '2024-06-27T00:00:00+09:00' });
      expect(data.translationOfWork['@id']).toBe(en.url);
      expect(en.workTranslation).toContainEqual({ '@id': data.url });
    }
  });
});

describe('sanitizing and markup', () => {
  it('keeps a tel: link (a hotline) in every edition', async () => {
    const story = '---\ntitle: "Hotline"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nCall [the hotline](tel:+82-2-123-4567) for help.\n';
    const { files } = await buildScratch(scratchProject({ 'content/hotline.md': story }), mockTranslator());
    for (const locale of LOCALES) expect(files.get(`${locale}/hotline.html`)).toContain('href="tel:+82-2-123-4567"');
  });

  it('keeps links and code and drops raw HTML and javascript: URLs in every edition', async () => {
    const { files } = await buildScratch(scratchProject({ 'content/rich.md': fixture('rich-article.md') }), mockTranslator());
    for (const locale of LOCALES) {
      const html = files.get(`${locale}/rich.html`)!;
      // The link's tooltip is translated like its text.
      expect(html).toContain(`href="https://example.org/statement?id=1&#x26;lang=en" title="${locale === 'en' ? 'Statement' : `⟦${locale}⟧ STATEMENT`}"`);
      expect(html).toContain(locale === 'ar' ? '<code dir="ltr">budget.total</code>' : '<code>budget.total</code>');
      expect(html).toContain('src="https://example.org/phone.png"');
      expect(html).toContain('const untouched = "code blocks never go to a translator";');
      expect(html).not.toMatch(/<script>alert|<iframe|javascript:/);
    }
    expect(files.get('ko/rich.html')).toContain('alt="⟦ko⟧ A RED PHONE"');
    // Footnote links reach their notes, and the notes' labels are in the edition's language.
    const ko = files.get('ko/rich.html')!;
    expect(ko).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(ko).toContain('<li id="user-content-fn-1">');
    expect(ko).toContain('<h2 class="sr-only" id="footnote-label">각주</h2>');
    expect(ko).toContain('aria-label="본문의 1번 각주로 돌아가기"');
    expect(ko).not.toContain('user-content-user-content');
    // An instant keeps its time in metadata; the page shows the date at the dateline city.
    expect(ko).toContain('"datePublished":"2024-06-26T20:30:00-04:00"');
    expect(ko).toContain('<time datetime="2024-06-27T09:30:00+09:00">2024년 6월 27일</time>');
    expect(ko).toContain('<link rel="alternate" type="application/atom+xml" href="https://news.example.com/ko/feed.xml"');
  });
});

describe('body headings', () => {
  it('form an outline under the title: the first is h2, none skips a level, the footnotes keep theirs', async () => {
    const body = '### A\n\nText.[^1]\n\n##### B\n\nText.\n\n> ###### C\n\n### D\n\n# E\n\n## F\n\n[^1]: Note.\n';
    const { files } = await buildScratch(scratchProject({ 'content/outline.md': `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}` }), mockTranslator());
    for (const [locale, text] of [
      ['en', (letter: string) => letter],
      ['ko', (letter: string) => `⟦ko⟧ ${letter}`],
    ] as const) {
      const headings = [...files.get(`${locale}/outline.html`)!.matchAll(/<(h\d)[^>]*>(.*?)<\/h\d>/gu)].map((match) => `${match[1]} ${match[2]}`);
      expect(headings.slice(1)).toEqual([
        `h2 ${text('A')}`,
        `h3 ${text('B')}`,
        `h4 ${text('C')}`,
        `h2 ${text('D')}`,
        `h2 ${text('E')}`,
        `h3 ${text('F')}`,
        locale === 'en' ? 'h2 Footnotes' : 'h2 각주',
      ]);
    }
  });
});

describe('tables in a right-to-left edition', () => {
  it("mirror the columns' alignment: where the English starts a cell, the Arabic starts it too", async () => {
    const table = '---\ntitle: "Pledges"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n| Country | Pledge | Note |\n| :--- | ---: | :---: |\n| Korea | 1.2 | firm |\n';
    const { files } = await buildScratch(scratchProject({ 'content/pledges.md': table }), mockTranslator());
    const cells = (html: string) => [...html.matchAll(/<th align="(\w+)">/gu)].map((match) => match[1]);
    expect(cells(files.get('en/pledges.html')!)).toEqual(['left', 'right', 'center']);
    expect(cells(files.get('ko/pledges.html')!)).toEqual(['left', 'right', 'center']);
    expect(cells(files.get('ar/pledges.html')!)).toEqual(['right', 'left', 'center']);
  });

  it('are right to left for a language written so, when locale.yaml leaves dir out', async () => {
    const settings = readFileSync(join(repoRoot, 'locales/ar/locale.yaml'), 'utf8')
      .replace(/^dir:.*\n/mu, '')
      .replace(/^(name|intl|cldr|ogLocale):.*$/gmu, (line) => ({ name: 'name: עברית', intl: 'intl: he', cldr: 'cldr: he', ogLocale: 'ogLocale: he_IL' })[line.split(':')[0] as 'name']);
    const story = '---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nBody.\n';
    const dir = scratchProject({ 'content/story.md': story, 'locales/he/locale.yaml': settings, 'locales/he/translation.yaml': readFileSync(join(repoRoot, 'locales/ar/translation.yaml'), 'utf8') });
    const { files } = await buildScratch(dir, mockTranslator());
    expect(files.get('he/story.html')).toMatch(/^<!doctype html><html lang="he" dir="rtl">/u);
    expect(files.get('en/story.html')).toContain('<a href="../he/story.html" hreflang="he" lang="he" dir="rtl">');
  });

  it('keep code left to right, where the page would draw its punctuation at the other end', async () => {
    const code = '---\ntitle: "Code"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nRun `make <all>` first.\n\n```js\nconst x = "<b>";\n```\n';
    const { files } = await buildScratch(scratchProject({ 'content/code.md': code }), mockTranslator());
    const ar = files.get('ar/code.html')!;
    expect(ar).toContain('<code dir="ltr">make &#x3C;all></code>');
    expect(ar).toContain('<pre dir="ltr"><code class="language-js">const x = "&#x3C;b>";\n</code></pre>');
    expect(files.get('en/code.html')).toContain('<pre><code class="language-js">');
    expect(files.get('en/code.html')).toContain('<code>make &#x3C;all></code>');
  });
});

describe('missing translations', () => {
  it('hold back only the editions that lack them, naming every missing segment count per locale', async () => {
    const dir = seedProject();
    const article = readFileSync(join(dir, `content/${SLUG}.md`), 'utf8');
    // Two new paragraphs: an edited one would carry its human translation over with a notice, so it is not missing.
    writeFileSync(join(dir, `content/${SLUG}.md`), `${article}\nA new closing line.\n\nAnd a postscript from the desk.\n`);
    const run = await runCli(dir, ['build']);
    expect(run.stderr).not.toMatch(/error|warning/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `built 1 article, 1 edition (1 rendered, 0 unchanged), 9 held: 0 segments from memory, 0 translated (memory) -> out\nheld: content/${SLUG}.md: ar, de, es, fr, ja, ko, ru, uk, zh-CN: 2 segments not translated\n`,
    );
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.cache', 'en', 'index.html', 'manifest.json', 'robots.txt', 'sitemap.xml']);
  });
});
