/// <reference lib="dom" />
// The layout check runs inside the browser page, where DOM types apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { runCli } from '../support/build.js';
import { EDITED, PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf } from './fixture.js';
import { writeFileSync, mkdirSync } from 'node:fs';

// Debian's chromium, installed by .ci/run; playwright-core brings no browser of its own.
// Debian's chromium by default; CHROMIUM_PATH points elsewhere (another distribution, macOS).
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARABIC = [
  'انتهاء المحادثات التجارية',
  'التقى مسؤولون من البلدين في سيول يوم الخميس لمناقشة التجارة.',
  'انتهت المحادثات دون اتفاق، وفقاً لـ<a1>بيان</a1> صادر عن الوزارة.',
  'من المتوقع أن يلتقي المفاوضون مجدداً الشهر المقبل في طوكيو.',
];
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

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(() => browser?.close());

const shots = mkdtempSync(join(tmpdir(), 'edition-review-shots-'));

describe('edition review', () => {
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

  for (const locale of ['ko', 'ar']) {
    it(`renders in headless Chromium for ${locale} with no text overflowing its column`, async () => {
      const dir = project();
      expect((await runCli(dir, ['review', locale, SLUG])).code).toBe(0);
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
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
      } finally {
        await page.close();
      }
    });
  }
});
