import { describe, expect, it, onTestFinished } from 'vitest';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, seedProject } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { mockTranslate, translateByHand } from '../support/mock-translator.js';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { parseMemory, serializeMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { editionReadiness } from '../../pipeline/build/readiness.js';
import { DEFAULT_POLICY } from '../../pipeline/content/site.js';

const SLUG = 'kim-jong-un-supports-russia';
const TARGETS = ['ar', 'de', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const LOCALES = ['en', ...TARGETS];

const NEW_STORY = `---
title: "Port of Busan reopens"
date: "2024-07-01"
dateline:
  city: Seoul
byline: "Desk"
---

The port reopened on Monday after a week of repairs.

Shipping lines said *schedules* would recover by Friday.
`;

function project(): string {
  const dir = seedProject();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function editMemory(dir: string, slug: string, locale: string, edit: (memory: MemoryFile) => void): void {
  const file = join(dir, 'content/translations', locale, `${slug}.json`);
  const memory = parseMemory(readFileSync(file, 'utf8'), file);
  edit(memory);
  writeFileSync(file, serializeMemory(memory));
}

const read = (dir: string, path: string) => readFileSync(join(dir, 'out', path), 'utf8');
const hreflangs = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map((match) => match[1]);
const ogAlternates = (html: string) => [...html.matchAll(/<meta property="og:locale:alternate" content="([^"]+)"/g)].map((match) => match[1]);
const switcher = (html: string) => [...(/<nav aria-label="[^"]*">(.*?)<\/nav>/s.exec(html)?.[1] ?? '').matchAll(/hreflang="([^"]+)"/g)].map((match) => match[1]);

describe('a new untranslated article', { timeout: 60_000 }, () => {
  it('publishes its English edition, links no missing edition, and keeps every complete edition', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/new-story.md'), NEW_STORY);
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'built 2 articles, 11 editions (11 rendered, 0 unchanged), 9 held: 45 segments from memory, 0 translated (memory) -> out\n' +
        'held: content/new-story.md: ar, de, es, fr, ja, ko, ru, uk, zh-CN: 3 segments not translated\n',
    );
    expect(existsSync(join(dir, 'out/en/new-story.html'))).toBe(true);
    for (const code of TARGETS) expect(existsSync(join(dir, `out/${code}/new-story.html`))).toBe(false);

    const english = read(dir, 'en/new-story.html');
    expect(hreflangs(english)).toEqual(['en', 'x-default']);
    expect(switcher(english)).toEqual(['en']);
    expect(ogAlternates(english)).toEqual([]);
    expect(english).toContain('"workTranslation":[]');
    // The complete story is linked in every language, as before.
    for (const code of LOCALES) {
      const html = read(dir, `${code}/${SLUG}.html`);
      expect(hreflangs(html)).toEqual([...LOCALES, 'x-default']);
      expect(switcher(html)).toEqual(LOCALES);
    }
    expect(read(dir, 'en/index.html')).toContain('href="new-story.html"');
    expect(read(dir, 'en/feed.xml')).toContain('https://news.example.com/en/new-story.html');
    for (const code of TARGETS) {
      for (const list of ['index.html', 'feed.xml', 'sitemap.xml']) expect(read(dir, `${code}/${list}`)).not.toContain('new-story');
    }
    const sitemap = read(dir, 'en/sitemap.xml');
    const entry = /<url><loc>https:\/\/news\.example\.com\/en\/new-story\.html<\/loc>.*?<\/url>/s.exec(sitemap)?.[0];
    expect(entry).toBe(
      '<url><loc>https://news.example.com/en/new-story.html</loc><lastmod>2024-07-01T00:00:00+09:00</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://news.example.com/en/new-story.html" /><xhtml:link rel="alternate" hreflang="x-default" href="https://news.example.com/en/new-story.html" /></url>',
    );
  });

  it('fails the build with --strict, naming each held edition and why, and publishes nothing', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/new-story.md'), NEW_STORY);
    const run = await runCli(dir, ['build', '--strict']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 9 editions are held back; nothing was published:');
    expect(run.stderr).toContain('content/new-story.md: ar, de, es, fr, ja, ko, ru, uk, zh-CN: 3 segments not translated');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // With --json, the answer on standard output says so too, with the held editions the gate refused.
    const json = await runCli(dir, ['build', '--strict', '--json']);
    expect(json.code).toBe(1);
    const answer = JSON.parse(json.stdout) as { ok: boolean; error: { code: string }; heldEditions: Array<{ file: string; locale: string }> };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('build/held');
    expect(answer.heldEditions.map((edition) => edition.locale)).toEqual(['ar', 'de', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN']);
    expect(json.stderr).toContain('error: 9 editions are held back');
  });

  it('with --strict, a stopped build leaves the memory as it was, even where an edited English would re-key it', async () => {
    const dir = project();
    const article = join(dir, `content/${SLUG}.md`);
    writeFileSync(article, readFileSync(article, 'utf8').replace('On April 22,', 'On 22 April,'));
    writeFileSync(join(dir, 'content/new-story.md'), NEW_STORY);
    const memories = readTree(join(dir, 'content/translations'));
    expect((await runCli(dir, ['build', '--strict'])).code).toBe(1);
    expect(readTree(join(dir, 'content/translations'))).toEqual(memories);
    // Without --strict the build goes through, and moves the kept translations to the new English.
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(readTree(join(dir, 'content/translations'))).not.toEqual(memories);
  });
});

describe('a new locale folder with no translations', { timeout: 60_000 }, () => {
  it('publishes nothing in that locale and links nothing to it', async () => {
    const dir = project();
    cpSync(join(dir, 'locales/de'), join(dir, 'locales/de-CH'), { recursive: true });
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('built 1 article, 10 editions (10 rendered, 0 unchanged), 1 held:');
    expect(run.stdout).toContain(`held: content/${SLUG}.md: de-CH: 5 segments not translated\n`);
    const tree = readTree(join(dir, 'out'), ['.cache']);
    expect(Object.keys(tree).filter((path) => path.startsWith('de-CH'))).toEqual([]);
    // The manifest reports the locale's coverage (nothing yet); no page names it.
    for (const [path, bytes] of Object.entries(tree).filter(([path]) => path !== 'manifest.json')) expect([path, Buffer.from(bytes, 'base64').toString().includes('de-CH')]).toEqual([path, false]);
  });
});

describe('a flagged segment', { timeout: 60_000 }, () => {
  it('holds back only its own edition', async () => {
    const dir = project();
    editMemory(dir, SLUG, 'ko', (memory) => {
      const id = Object.keys(memory.segments)[0]!;
      memory.segments[id] = { ...memory.segments[id]!, flag: 'placeholder tags do not match the source' };
    });
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`held: content/${SLUG}.md: ko: 1 segment flagged for review\n`);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.cache', ...LOCALES.filter((code) => code !== 'ko'), 'index.html', 'manifest.json', 'robots.txt', 'sitemap.xml'].sort());
    expect(hreflangs(read(dir, `ja/${SLUG}.html`))).toEqual([...LOCALES.filter((code) => code !== 'ko'), 'x-default']);
    expect(read(dir, 'index.html')).not.toContain('hreflang="ko"');
  });
});

describe('an incremental build', { timeout: 60_000 }, () => {
  it('equals a forced build at every step as editions become ready and are held again', async () => {
    const dir = project();
    const steps: [string, () => void][] = [
      ['a new untranslated article', () => writeFileSync(join(dir, 'content/new-story.md'), NEW_STORY)],
      ['its Korean translation arrives', () => translateByHand(dir, 'new-story', 'ko')],
      ['its German translation arrives', () => translateByHand(dir, 'new-story', 'de')],
      [
        'a Japanese segment of the other story is flagged',
        () =>
          editMemory(dir, SLUG, 'ja', (memory) => {
            const id = Object.keys(memory.segments)[0]!;
            memory.segments[id] = { ...memory.segments[id]!, flag: 'check this' };
          }),
      ],
      [
        'the flag is cleared',
        () =>
          editMemory(dir, SLUG, 'ja', (memory) => {
            for (const entry of Object.values(memory.segments)) delete entry.flag;
          }),
      ],
    ];
    expect((await runCli(dir, ['build'])).code).toBe(0);
    for (const [index, [step, change]] of steps.entries()) {
      change();
      const incremental = await runCli(dir, ['build']);
      const forced = await runCli(dir, ['build', '--force', '--out', `full-${index}`]);
      expect([step, incremental.code, forced.code]).toEqual([step, 0, 0]);
      expect({ step, tree: readTree(join(dir, 'out'), ['.cache']) }).toEqual({ step, tree: readTree(join(dir, `full-${index}`), ['.cache']) });
    }
    // At the end, the new story links its English, German and Korean editions and nothing else.
    expect(hreflangs(read(dir, 'ko/new-story.html'))).toEqual(['en', 'de', 'ko', 'x-default']);
  }, 180_000);
});

describe('the publishing policy', { timeout: 60_000 }, () => {
  const article = loadArticle(NEW_STORY, 'content/new-story.md', 'new-story');
  const segments = segmentArticle(article);
  const memory = (origin: string, state: 'initial' | 'translated' | 'reviewed' | 'final', target = (source: string) => mockTranslate(source, 'ko')): MemoryFile => ({
    article: 'new-story',
    locale: 'ko',
    segments: Object.fromEntries(segments.map((segment) => [segment.id, { source: segment.source, target: target(segment.source), origin, state }])),
  });
  const input = { segments, city: 'Seoul', cityName: '서울', locale: 'ko', fill: 'none' as const, policy: DEFAULT_POLICY };
  const ids = segments.map((segment) => segment.id);

  it('publishes unreviewed machine translations by default, and holds them when the policy asks for review', () => {
    expect(editionReadiness({ ...input, memory: memory('deepl', 'translated') })).toEqual({ published: true, reasons: [] });
    expect(editionReadiness({ ...input, memory: memory('deepl', 'translated'), policy: { ...DEFAULT_POLICY, unreviewedMachine: false } })).toEqual({
      published: false,
      reasons: [{ kind: 'unreviewed-machine', segments: ids, message: '3 segments machine-translated and not reviewed (the policy publishes reviewed machine translations only)' }],
    });
    expect(editionReadiness({ ...input, memory: memory('deepl', 'reviewed'), policy: { ...DEFAULT_POLICY, unreviewedMachine: false } })).toEqual({ published: true, reasons: [] });
  });

  it('holds a human translation below the lowest review state the policy asks for', () => {
    const policy = { ...DEFAULT_POLICY, humanState: 'reviewed' as const };
    expect(editionReadiness({ ...input, memory: memory('human', 'translated'), policy })).toEqual({
      published: false,
      reasons: [{ kind: 'review-state', segments: ids, message: '3 segments of human translation below "reviewed"' }],
    });
    expect(editionReadiness({ ...input, memory: memory('human', 'final'), policy })).toEqual({ published: true, reasons: [] });
  });

  it('never publishes an initial entry, an empty target or a missing city name', () => {
    expect(editionReadiness({ ...input, memory: memory('human', 'initial') })).toEqual({ published: false, reasons: [{ kind: 'missing', segments: ids, message: '3 segments not translated' }] });
    expect(editionReadiness({ ...input, memory: memory('human', 'final', () => ' ') })).toEqual({
      published: false,
      reasons: [{ kind: 'missing', segments: ids, message: '3 segments not translated' }],
    });
    expect(editionReadiness({ ...input, memory: memory('human', 'final'), cityName: undefined })).toEqual({
      published: false,
      reasons: [{ kind: 'city', segments: [], message: 'no name for the dateline city "Seoul" (add it to the locale\'s cities.yaml)' }],
    });
  });

  it('is read from site.yaml with per-locale overrides', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\npublishing:\n  humanState: translated\n  locales:\n    ko:\n      humanState: final\n');
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`held: content/${SLUG}.md: ko: 5 segments of human translation below "final"\n`);
    writeFileSync(join(dir, 'content/site.yaml'), 'publishing:\n  humanstate: final\n');
    const typo = await runCli(dir, ['build']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('publishing.humanstate is not a publishing setting');
  });

  it('decides again on the next build when it changes, though no article or memory did', async () => {
    const dir = project();
    const site = join(dir, 'content/site.yaml');
    const settings = readFileSync(site, 'utf8');
    const published = async () => {
      const run = await runCli(dir, ['build']);
      expect(run.code).toBe(0);
      return { held: run.stdout.includes(`held: content/${SLUG}.md: ko:`), page: existsSync(join(dir, `out/ko/${SLUG}.html`)), linked: hreflangs(read(dir, `en/${SLUG}.html`)).includes('ko') };
    };
    expect(await published()).toEqual({ held: false, page: true, linked: true });
    writeFileSync(site, `${settings}publishing:\n  locales:\n    ko:\n      humanState: final\n`);
    expect(await published()).toEqual({ held: true, page: false, linked: false });
    writeFileSync(site, settings);
    expect(await published()).toEqual({ held: false, page: true, linked: true });
  });
});

describe('a pseudo build', { timeout: 60_000 }, () => {
  it('leaves the published out folder untouched and marks its own pages pseudo-localized and noindex', async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const published = readTree(join(dir, 'out'));
    const pseudo = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(pseudo.code).toBe(0);
    expect(pseudo.stdout).toContain('-> out-pseudo\n');
    expect(readTree(join(dir, 'out'))).toEqual(published);
    const page = readFileSync(join(dir, `out-pseudo/ko/${SLUG}.html`), 'utf8');
    expect(page).toContain('<meta charset="utf-8"><meta name="robots" content="noindex">');
    expect(page).toContain('<p class="pseudo-notice" role="note" lang="en" dir="ltr">Pseudo-localized preview for layout checks: not a translation, not for publication.</p>');
    // So do its lists, which show pseudo titles, and robots.txt keeps crawlers out of the whole folder.
    for (const list of ['index.html', 'ko/index.html', 'en/index.html']) {
      const text = readFileSync(join(dir, 'out-pseudo', list), 'utf8');
      expect([list, text.includes('<meta name="robots" content="noindex">'), text.includes('class="pseudo-notice"')]).toEqual([list, true, true]);
    }
    expect(readFileSync(join(dir, 'out-pseudo/robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    expect(readFileSync(join(dir, 'out/robots.txt'), 'utf8')).toContain('Allow: /');

    const refused = await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'out']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('error: --out: a pseudo build does not write the publishing out folder\n  hint: leave --out off (pseudo builds go to out-pseudo/), or name another folder\n');
    expect(readTree(join(dir, 'out'))).toEqual(published);
  });

  it('never replaces a real build in its own default folder, nor the site through a link named out-pseudo', async () => {
    const dir = project();
    expect((await runCli(dir, ['build', '--out', 'out-pseudo'])).code).toBe(0);
    const real = readTree(join(dir, 'out-pseudo'));
    const refused = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds a build that is not pseudo-localized');
    expect(readTree(join(dir, 'out-pseudo'))).toEqual(real);
    // out-pseudo a link to the publishing folder: refused as --out out is, before anything is read or written.
    rmSync(join(dir, 'out-pseudo'), { recursive: true });
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const published = readTree(join(dir, 'out'));
    symlinkSync('out', join(dir, 'out-pseudo'));
    const linked = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain('a pseudo build does not write the publishing out folder');
    expect(readTree(join(dir, 'out'))).toEqual(published);
    // Nor a folder inside it, whose pages the site would serve.
    rmSync(join(dir, 'out-pseudo'));
    const inside = await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'out/pseudo']);
    expect([inside.code, inside.stderr]).toEqual([1, expect.stringContaining('a pseudo build does not write the publishing out folder')]);
    expect(readTree(join(dir, 'out'))).toEqual(published);
  });

  it('replaces another folder only when it holds no build or a pseudo one, never a real build under another name', async () => {
    const dir = project();
    expect((await runCli(dir, ['build', '--out', 'site'])).code).toBe(0);
    const published = readTree(join(dir, 'site'));
    const refused = await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'site']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: --out: the out folder holds a build that is not pseudo-localized; a pseudo build would replace its pages');
    expect(readTree(join(dir, 'site'))).toEqual(published);
    // A copy of the site without edition's records (a CI artifact, an rsync'd deploy leave out .cache/): still refused.
    rmSync(join(dir, 'site/.cache'), { recursive: true });
    const copy = readTree(join(dir, 'site'));
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'site'])).stderr).toContain('holds a build that is not pseudo-localized');
    expect(readTree(join(dir, 'site'))).toEqual(copy);
    // A folder of its own, new and then holding a pseudo build (with or without its records), is written each time.
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'layout'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'layout', '--force'])).code).toBe(0);
    rmSync(join(dir, 'layout/.cache'), { recursive: true });
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'layout'])).code).toBe(0);
  });
});
