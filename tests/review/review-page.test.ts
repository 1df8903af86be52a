/// <reference lib="dom" />
// The layout check runs inside the browser page, where DOM types apply.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { FONTS, browserForTests, fontsUsed } from '../support/browser.js';
import { runCli } from '../support/build.js';
import { tempDir } from '../support/temp.js';
import { EDITED, PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf } from './fixture.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import { readable } from '../../pipeline/review/word-diff.js';

const ARABIC = [
  'انتهاء المحادثات التجارية',
  'التقى مسؤولون من البلدين في سيول يوم الخميس لمناقشة التجارة.',
  'انتهت المحادثات دون اتفاق، وفقاً لـ<a1>بيان</a1> صادر عن الوزارة.',
  'من المتوقع أن يلتقي المفاوضون مجدداً الشهر المقبل في طوكيو.',
];
const TARGETS = 'section .cell:nth-child(3)';
const LONG = 'Details: https://example.com/a-very-long-address-without-any-break-opportunity-at-all-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789';

/** A project whose edited article has a source change, a long unbreakable token and an untranslated paragraph, in Korean and Arabic. */
function project(): string {
  const paragraphs = [...EDITED, LONG];
  const dir = reviewProject(koreanMemory(), markdown(paragraphs));
  const segments = segmentsOf(markdown(PARAGRAPHS));
  const arabic = {
    article: SLUG,
    locale: 'ar',
    segments: Object.fromEntries(segments.map((segment, index) => [segment.id, { source: segment.source, target: ARABIC[index]!, origin: 'human', state: 'reviewed' as const }])),
  };
  mkdirSync(join(dir, 'content/translations/ar'), { recursive: true });
  writeFileSync(join(dir, `content/translations/ar/${SLUG}.json`), serializeMemory(arabic));
  return dir;
}

/** Each locale's script, and the font that must draw every letter of it (else readers see boxes). */
const SCRIPTS: Record<string, { font: string; letters: RegExp }> = {
  ko: { font: FONTS.korean.family, letters: /\p{Script=Hangul}/gu },
  ar: { font: FONTS.arabic.family, letters: /\p{Script=Arabic}/gu },
};

describe('edition review', () => {
  it('counts unreviewed machine translations as needing attention, and reviewed ones not', async () => {
    // Title and first paragraph from DeepL, unreviewed; the second reviewed; the rest by people.
    const origin = (index: number) => (index <= 1 ? { origin: 'deepl' } : index === 2 ? { origin: 'deepl', state: 'reviewed' as const } : {});
    const dir = reviewProject(koreanMemory(origin));
    const run = await runCli(dir, ['review', 'ko', SLUG]);
    expect(run.stdout).toBe(`wrote review/ko/${SLUG}.html: 4 segments, 2 needing attention\n`);
  });

  it('writes a noindex page with English and translation side by side, with state, origin and the source change', async () => {
    const dir = project();
    const run = await runCli(dir, ['review', 'ko', SLUG]);
    expect(run.stdout).toBe(`wrote review/ko/${SLUG}.html: 5 segments, 2 needing attention\n`);
    const html = readFileSync(join(dir, `review/ko/${SLUG}.html`), 'utf8');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('English changed since this translation');
    expect(html).toContain('English before → now: </span>The talks ended without <del>an</del><ins>a final</ins> agreement');
    expect(html).toContain(' · translated · human');
    expect(html).toContain('no translation yet');
  });

  it('marks a target every build refuses as needing attention, counts it on the page as on the terminal, and shows its invisible controls', async () => {
    // The first paragraph from DeepL, unreviewed; the second with a right-to-left override the English lacks.
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { origin: 'deepl' } : index === 2 ? { target: '회담은 합의 없이 끝났다 <a1>성명</a1>. \u202Egpj.exe' } : {})));
    const run = await runCli(dir, ['review', 'ko', SLUG]);
    expect(run.stdout).toBe(`wrote review/ko/${SLUG}.html: 4 segments, 2 needing attention\n`);
    const html = readFileSync(join(dir, `review/ko/${SLUG}.html`), 'utf8');
    expect(html).toContain('4 segments, 2 needing attention.');
    expect(html).toContain('<span class="status attention">fails the checks every published target passes (no build publishes it): bidirectional control characters not in the source (U+202E)</span>');
    expect(html).toContain('<mark class="control" lang="en" dir="ltr">U+202E</mark>gpj.exe');
    expect(html).not.toContain('\u202E');
  });
});

// Only these tests start a browser, so the page's content is checked even where Chromium cannot run.
describe('edition review in headless Chromium', () => {
  const browser = browserForTests();
  const shots = tempDir('edition-review-shots-');

  for (const locale of ['ko', 'ar']) {
    it(`renders in headless Chromium for ${locale} with no text overflowing its column, in the script's own font`, async () => {
      const dir = project();
      expect((await runCli(dir, ['review', locale, SLUG])).code).toBe(0);
      const page = await (await browser()).newPage({ viewport: { width: 900, height: 900 } });
      try {
        await page.goto(pathToFileURL(join(dir, `review/${locale}/${SLUG}.html`)).href);
        const screenshot = join(shots, `review-${locale}.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        expect(statSync(screenshot).size).toBeGreaterThan(10_000);

        const layout = await page.evaluate(() => {
          const overflowing: string[] = [];
          for (const cell of document.querySelectorAll<HTMLElement>('.cell')) {
            const box = cell.getBoundingClientRect();
            if (cell.scrollWidth > cell.clientWidth + 1) overflowing.push(`${cell.closest('section')?.id}: scrolls`);
            // Every line of text must lie inside its own cell, whatever the script and direction.
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const rect of range.getClientRects()) {
                if (rect.left < box.left - 1 || rect.right > box.right + 1) overflowing.push(`${cell.closest('section')?.id}: "${node.textContent?.slice(0, 20)}"`);
              }
            }
          }
          const targets = [...document.querySelectorAll<HTMLElement>('section .cell:nth-child(3)')];
          return {
            overflowing,
            pageWidth: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            directions: targets.map((cell) => getComputedStyle(cell).direction),
            sideBySide: targets.every((cell) => Math.abs(cell.getBoundingClientRect().top - (cell.previousElementSibling as HTMLElement).getBoundingClientRect().top) < 1),
          };
        });
        expect(layout.overflowing).toEqual([]);
        expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
        expect(layout.sideBySide).toBe(true);
        expect(new Set(layout.directions)).toEqual(new Set([locale === 'ar' ? 'rtl' : 'ltr']));

        // A letter no font has is drawn as a box by the page's first font. So the script's own font
        // must have drawn something, and the other fonts no more glyphs than there are other characters.
        const script = SCRIPTS[locale]!;
        const drawn = await fontsUsed(page, TARGETS);
        const text = await page.$$eval(TARGETS, (cells) => cells.map((cell) => cell.textContent ?? '').join(''));
        const letters = text.match(script.letters)?.length ?? 0;
        const byOtherFonts = Object.entries(drawn).reduce((sum, [family, glyphs]) => (family === script.font ? sum : sum + glyphs), 0);
        expect(letters).toBeGreaterThan(50);
        expect(drawn[script.font] ?? 0).toBeGreaterThan(0);
        expect(byOtherFonts).toBeLessThanOrEqual(text.length - letters);
      } finally {
        await page.close();
      }
      // The first test may first unpack Chromium, some seconds on a new checkout.
    }, 60_000);
  }
});

describe('what a reviewer reads of a segment', () => {
  it('keeps each self-closing placeholder (code, a break, a footnote marker) as its tag, and drops wrapping tags for their text', () => {
    expect(readable('Point one, with <code1/> inside<br2/>and a note.<ref3/> See <a4>the report</a4> &amp; more.')).toBe(
      'Point one, with <code1/> inside<br2/>and a note.<ref3/> See the report & more.',
    );
  });
});
