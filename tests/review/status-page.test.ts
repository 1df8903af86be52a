/// <reference lib="dom" />
// The layout check runs inside the browser page, where DOM types apply.
import { describe, expect, it, onTestFinished } from 'vitest';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, seedProject } from '../support/build.js';
import { FONTS, browserForTests, fontsUsed } from '../support/browser.js';
import { tempDir } from '../support/temp.js';
import { checkHtml } from '../support/nu-checker.js';

const NEW_STORY = `---
title: "Port of Sokcho reopens"
date: "2024-07-01"
dateline:
  city: Sokcho
  timezone: Asia/Seoul
---

The port reopened on Monday after a week of repairs.
`;

/** The seed project plus a story no locale can publish yet (untranslated, and no locale names Sokcho: neither CLDR nor locales/gazetteer.yaml has it), its dashboard written to status/. */
async function dashboard(args: string[] = []): Promise<{ dir: string; file: string; html: string }> {
  const dir = seedProject();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'content/port.md'), NEW_STORY);
  const run = await runCli(dir, ['status', '--html', 'status/index.html', ...args]);
  expect(run.code).toBe(0);
  const file = join(dir, 'status/index.html');
  return { dir, file, html: readFileSync(file, 'utf8') };
}

describe('the status dashboard', () => {
  it('is noindex, shows a bar per locale and each held edition with its reasons', async () => {
    const { html } = await dashboard();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<div class="bar partial" role="img" aria-label="ko: 71% of segments ready"><span style="width: 71%"></span></div>');
    expect(html).toContain('<li>no name for the dateline city "Sokcho" (add it to the locale\'s cities.yaml)</li><li>2 segments not translated</li>');
    expect(html).toContain('<th scope="col"><span lang="ar" dir="rtl">العربية</span></th>');
  });

  it('uses the UI language given with --lang for numbers and for the newsroom name in that language', async () => {
    const { html } = await dashboard(['--lang', 'ko']);
    expect(html).toContain('<h1><span lang="ko">샘플헤럴드</span>: translation status</h1>');
    expect((await dashboard()).html).toContain('<h1><span lang="en">The Sample Herald</span>: translation status</h1>');
    // Shares as the language writes them: German puts a space before the sign.
    expect((await dashboard(['--lang', 'de'])).html).toContain('aria-label="ko: 71\u00a0% of segments ready"');
  });

  it('passes the Nu Html Checker', async () => {
    const { dir } = await dashboard();
    expect(checkHtml(join(dir, 'status')).map((message) => `${message.lastLine} ${message.message}`)).toEqual([]);
  }, 120_000);
});

describe('the status dashboard in headless Chromium', () => {
  const browser = browserForTests();
  const shots = tempDir('edition-status-shots-');

  it('draws each locale bar as wide as its share, with nothing overflowing and each script in its own font', async () => {
    const { file } = await dashboard();
    const page = await (await browser()).newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await page.goto(pathToFileURL(file).href);
      const screenshot = join(shots, 'status.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      const layout = await page.evaluate(() => ({
        bars: [...document.querySelectorAll<HTMLElement>('.bar')].map((bar) => Math.round((bar.firstElementChild!.getBoundingClientRect().width * 100) / bar.getBoundingClientRect().width)),
        // A bar squeezed by the text beside it would show no share at all.
        narrowest: Math.min(...[...document.querySelectorAll<HTMLElement>('.bar')].map((bar) => Math.round(bar.getBoundingClientRect().width))),
        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      }));
      expect(layout).toEqual({ bars: [71, 71, 71, 71, 71, 71, 71, 71, 71], narrowest: 256, overflow: false });
      // The locale names in their own scripts are drawn, not boxes.
      expect(Object.keys(await fontsUsed(page, '.chart span[lang="ko"]'))).toContain(FONTS.korean.family);
      expect(Object.keys(await fontsUsed(page, '.chart span[lang="ar"]'))).toContain(FONTS.arabic.family);
    } finally {
      await page.close();
    }
  }, 60_000);
});
