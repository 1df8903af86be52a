/// <reference lib="dom" />
// The layout check runs inside the browser page, where DOM types apply.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserForTests } from '../support/browser.js';
import { buildScratch } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';
import { tempDir } from '../support/temp.js';

const BODY = [
  'The Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz-Debatte ended on Thursday.',
  'The full text: https://example.org/statements/2025/03/14/a-very-long-address-without-any-break-opportunity-0123456789.',
  '```\nconst aVeryLongLineOfCodeThatMustScrollInsideItsOwnBoxRatherThanWidenThePage = fetchTheStatement(0123456789);\n```',
  '| Source | Address |\n| --- | --- |\n| Ministry | https://example.org/statements/2025/03/14/another-very-long-address-without-any-break-opportunity |',
  // Results by district: twelve columns of figures cannot wrap to 375 px.
  `| District | ${Array.from({ length: 11 }, (_, index) => `Party ${index + 1}`).join(' | ')} |\n|${' --- |'.repeat(12)}\n| North | ${Array.from({ length: 11 }, (_, index) => `${1_234_567 + index}`).join(' | ')} |`,
].join('\n\n');

describe('a page on a phone, in headless Chromium', () => {
  const browser = browserForTests();

  it('is never wider than the screen: a long word or address wraps (in a table cell too), a long line of code or a table of many columns scrolls in its own box', async () => {
    const dir = scratchProject({ 'content/story.md': `---\ntitle: "Talks"\ndate: "2025-03-14"\ndateline: {city: Seoul}\n---\n\n${BODY}\n` });
    const { files } = await buildScratch(dir, mockTranslator());
    const site = tempDir('edition-narrow-');
    for (const locale of ['en', 'de']) {
      mkdirSync(join(site, locale));
      writeFileSync(join(site, `${locale}/story.html`), files.get(`${locale}/story.html`)!);
    }
    const page = await (await browser()).newPage({ viewport: { width: 375, height: 700 } });
    try {
      for (const locale of ['en', 'de']) {
        await page.goto(pathToFileURL(join(site, `${locale}/story.html`)).href);
        const widths = await page.evaluate(() => {
          const scrolls = (element: Element) => element.scrollWidth > element.clientWidth;
          // Each box takes keyboard focus, so it scrolls without a pointer in every browser (Safari does not focus a scroller by itself).
          const boxes = [...document.querySelectorAll<HTMLElement>('.table-scroll')];
          return { page: document.documentElement.scrollWidth, code: scrolls(document.querySelector('pre')!), tables: boxes.map(scrolls), focusable: boxes.every((box) => box.tabIndex === 0) };
        });
        // The table of addresses wraps in its cells; the table of figures scrolls in its box.
        expect({ locale, ...widths }).toEqual({ locale, page: 375, code: true, tables: [false, true], focusable: true });
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});
