/// <reference lib="dom" />
// The layout check runs inside the browser page, where DOM types apply.
import { describe, expect, it } from 'vitest';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserForTests } from '../support/browser.js';
import { buildScratch } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';
import { tempDir } from '../support/temp.js';

describe('the Arabic meta line in headless Chromium', () => {
  const browser = browserForTests();

  it('reads right to left: بقلم, then the Latin name whole, then the date whole', async () => {
    const dir = scratchProject({ 'content/story.md': '---\ntitle: "Talks"\ndate: "2025-03-14"\ndateline: {city: Seoul}\nbyline: "Min-ji Park"\n---\n\nBody.\n' });
    const { files } = await buildScratch(dir, mockTranslator());
    const site = tempDir('edition-rtl-');
    mkdirSync(join(site, 'ar'));
    writeFileSync(join(site, 'ar/story.html'), files.get('ar/story.html')!);
    const page = await (await browser()).newPage({ viewport: { width: 700, height: 500 } });
    try {
      await page.goto(pathToFileURL(join(site, 'ar/story.html')).href);
      const shot = join(site, 'meta.png');
      await page.locator('p.meta').screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(1_000);
      const order = await page.evaluate(() => {
        const meta = document.querySelector('p.meta')!;
        const box = (node: Node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          const rects = [...range.getClientRects()];
          return { left: Math.min(...rects.map((rect) => rect.left)), right: Math.max(...rects.map((rect) => rect.right)), lines: new Set(rects.map((rect) => Math.round(rect.top))).size };
        };
        const byline = meta.querySelector('.byline')!;
        const words = byline.firstChild!;
        const name = byline.querySelector('bdi')!;
        const time = meta.querySelector('time')!;
        // The digits of the day and the year, each a run of its own inside the date.
        const text = time.firstChild!;
        const at = (from: number, to: number) => {
          const range = document.createRange();
          range.setStart(text, from);
          range.setEnd(text, to);
          return range.getBoundingClientRect();
        };
        const value = text.textContent!;
        const day = at(0, value.indexOf(' '));
        const year = at(value.lastIndexOf(' ') + 1, value.length);
        return {
          text: meta.textContent,
          wordsRightOfName: box(words).left >= box(name).right - 1,
          nameRightOfDate: box(name).left >= box(time).right - 1,
          dayRightOfYear: day.left >= year.right - 1,
          oneLine: box(meta).lines,
        };
      });
      expect(order).toEqual({ text: 'بقلم Min-ji Park · 14 مارس/آذار 2025', wordsRightOfName: true, nameRightOfDate: true, dayRightOfYear: true, oneLine: 1 });
    } finally {
      await page.close();
    }
  }, 60_000);
});
