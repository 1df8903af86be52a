/// <reference lib="dom" />
// Page functions run inside Chromium, where DOM types apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { KOREAN, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf } from '../review/fixture.js';
import { serve } from './support.js';

const segments = segmentsOf(markdown());
const KOREAN_FILE = `content/translations/ko/${SLUG}.json`;
const EDITED = '양국 관리들은 목요일 서울에서 만나 통상 현안을 논의했다.';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(() => browser?.close());

const HOSTILE = '&lt;img src=x onerror="window.pwned=1"&gt; &lt;a href="javascript:window.pwned=2"&gt;링크&lt;/a&gt; \u202E역방향\u202C';

/** A project whose second segment is an unreviewed machine translation; with `hostile`, its last is hostile text (which no build publishes). */
function project(hostile = false): string {
  return reviewProject(koreanMemory((index) => (index === 1 ? { origin: 'deepl' } : index === 3 && hostile ? { target: HOSTILE, origin: 'deepl' } : {})));
}

describe('the review desk in Chromium', { timeout: 60_000 }, () => {
  it('edits and approves a Korean segment with Ctrl+Enter: the memory file changes and the open served page reloads with it (browser)', async () => {
    const dir = project();
    const served = await serve(dir);
    const context = await browser.newContext();
    const reader = await context.newPage();
    await reader.goto(`${served.server.origin}/ko/${SLUG}.html`);
    expect(await reader.textContent('body')).toContain(KOREAN[0]);

    const desk = await context.newPage();
    await desk.goto(`${served.server.origin}/_edition/review/ko/${SLUG}`);
    expect(await desk.textContent('h1')).toBe('검토: talks (ko)');
    expect(await desk.textContent(`#s-${segments[1]!.id} .status`)).toBe('미검토 기계 번역');
    const total = segments.length;
    expect(await desk.textContent('.summary .counts')).toBe(`세그먼트 ${total}개 중 1개 확인 필요.`);
    expect(await desk.textContent('[data-filter="machine"]')).toBe('미검토 기계 번역 (1)');
    const reviewed = Number(/\((\d+)\)/u.exec((await desk.textContent('[data-filter="reviewed"]'))!)![1]);
    const editor = desk.locator(`#s-${segments[1]!.id} .editor`);
    await editor.click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText(EDITED);
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${segments[1]!.id} .message`).filter({ hasText: '저장했습니다.' }).waitFor();
    expect(await desk.textContent(`#s-${segments[1]!.id} .status`)).toBe('검토 완료');
    // The work left goes down as the reviewer saves, without a reload.
    expect(await desk.textContent('.summary .counts')).toBe(`세그먼트 ${total}개 중 0개 확인 필요.`);
    expect(await desk.textContent('[data-filter="machine"]')).toBe('미검토 기계 번역 (0)');
    expect(await desk.textContent('[data-filter="reviewed"]')).toBe(`검토 완료 (${reviewed + 1})`);
    // Save and next: the next segment's editor has the focus.
    expect(await desk.evaluate(() => document.activeElement?.closest('section')?.id)).toBe(`s-${segments[2]!.id}`);

    expect(readKorean(dir).segments[segments[1]!.id]).toEqual({ source: segments[1]!.source, target: EDITED, origin: 'human', state: 'reviewed' });
    await reader.waitForFunction((text) => document.body.textContent?.includes(text) === true, EDITED, { timeout: 10_000 });
    expect(await reader.textContent('body')).not.toContain(KOREAN[0]);
    await context.close();
  });

  it('refuses the same write without the token, and from a page of another origin (browser)', async () => {
    const dir = project();
    const served = await serve(dir);
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    const context = await browser.newContext();
    const desk = await context.newPage();
    await desk.goto(`${served.server.origin}/_edition/review/ko/${SLUG}`);
    const url = `/_edition/api/memory/ko/${SLUG}/${segments[1]!.id}`;
    const status = await desk.evaluate(async (address) => {
      const etag = document.querySelector<HTMLMetaElement>('meta[name="edition-etag"]')!.content;
      const response = await fetch(address, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': etag },
        body: JSON.stringify({ target: '토큰 없는 쓰기', state: 'reviewed' }),
      });
      return response.status;
    }, url);
    expect(status).toBe(403);

    // A page elsewhere that somehow knew the token: the browser sends its own Origin, and the preflight fails.
    const other = createServer((_, response) => response.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        async ({ address, token }) => {
          try {
            const response = await fetch(address, {
              method: 'PUT',
              headers: { 'Content-Type': 'application/json', 'X-Edition-Token': token, 'If-Match': '"x"' },
              body: JSON.stringify({ target: '다른 출처의 쓰기', state: 'reviewed' }),
            });
            return `status ${response.status}`;
          } catch (error) {
            return (error as Error).name;
          }
        },
        { address: `${served.server.origin}${url}`, token: served.token },
      );
      expect(outcome).toBe('TypeError');
    } finally {
      other.close();
    }
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);
    await context.close();
  });

  it('shows hostile targets as text, refuses a save that drops a tag token with the reason, and reloads a segment changed on disk (browser)', async () => {
    const dir = project(true);
    const served = await serve(dir);
    const context = await browser.newContext();
    const desk = await context.newPage();
    await desk.goto(`${served.server.origin}/_edition/review/ko/${SLUG}`);
    const hostile = `#s-${segments[3]!.id} .editor`;
    expect(await desk.textContent(hostile)).toBe('<img src=x onerror="window.pwned=1"> <a href="javascript:window.pwned=2">링크</a> \u202E역방향\u202C');
    expect(await desk.evaluate(() => [document.querySelectorAll('main img, main a[href^="javascript"]').length, (window as unknown as { pwned?: number }).pwned ?? 0])).toEqual([0, 0]);

    // The linked paragraph: its tags are tokens; replacing everything with plain text drops them.
    const linked = segments[2]!;
    expect(await desk.locator(`#s-${linked.id} .editor .tag`).allTextContents()).toEqual(['<a1>', '</a1>']);
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    await desk.locator(`#s-${linked.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText('부처의 성명에 따르면 회담은 합의 없이 끝났다.');
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${linked.id} .message`).filter({ hasText: '저장하지 못했습니다' }).waitFor();
    // Said in the desk's language, with the check's own words.
    expect(await desk.textContent(`#s-${linked.id} .message`)).toBe('저장하지 못했습니다: 태그가 영어 원문과 맞지 않습니다(tag <a1> missing)');
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);
    await desk.locator(`#s-${linked.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.press('Delete');
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${linked.id} .message`).filter({ hasText: '번역이 비어 있습니다' }).waitFor();
    expect(await desk.textContent(`#s-${linked.id} .message`)).toBe('저장하지 못했습니다: 번역이 비어 있습니다');
    await desk.keyboard.insertText('부처의 성명에 따르면 회담은 합의 없이 끝났다.');

    // A reviewer's text typed and not saved, in a segment no one else changes.
    const TYPED = '검토자가 입력하고 아직 저장하지 않은 제목';
    await desk.locator(`#s-${segments[0]!.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText(TYPED);
    // And in one someone else changes.
    const MINE = '내가 입력했지만 저장하지 않은 문장';
    await desk.locator(`#s-${segments[1]!.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText(MINE);
    // Someone changes the file after the desk was loaded: the save is refused and the segments the file changed are reloaded.
    const OTHER = '다른 검토자가 고친 문장이다.';
    const changed = koreanMemory((index) => (index === 2 ? { target: '부처의 <a1>발표</a1>에 따르면 회담은 결렬됐다.' } : index === 1 ? { target: OTHER } : {}));
    writeFileSync(join(dir, KOREAN_FILE), serializeMemory(changed));
    await desk.locator(`#s-${linked.id} [data-action="reviewed"]`).click();
    await desk.locator(`#s-${linked.id} .message`).filter({ hasText: '다시 불러왔습니다' }).waitFor();
    expect(await desk.textContent(`#s-${linked.id} .editor`)).toBe('부처의 <a1>발표</a1>에 따르면 회담은 결렬됐다.');
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(serializeMemory(changed));
    // Every segment the file changed shows it as it is now: approving one never puts back what the page first showed.
    expect(await desk.textContent(`#s-${segments[1]!.id} .editor`)).toBe(OTHER);
    // What this reviewer typed there is not lost: it stays in view under the other reviewer's text, as does the refused save's.
    expect(await desk.textContent(`#s-${segments[1]!.id} .message`)).toBe(`그사이 다른 사람이 이 세그먼트를 저장해 그 번역을 표시합니다. 저장되지 않은 내 번역: ${MINE}`);
    expect(await desk.textContent(`#s-${linked.id} .message`)).toContain('저장되지 않은 내 번역: 부처의 성명에 따르면 회담은 합의 없이 끝났다.');
    // The typed text is still there.
    expect(await desk.textContent(`#s-${segments[0]!.id} .editor`)).toBe(TYPED);
    await desk.locator(`#s-${segments[1]!.id} [data-action="reviewed"]`).click();
    await desk.locator(`#s-${segments[1]!.id} .message`).filter({ hasText: '저장했습니다.' }).waitFor();
    expect(readKorean(dir).segments[segments[1]!.id]).toMatchObject({ target: OTHER, state: 'reviewed' });
    // The check's own words go into the message as written, `$` and all (not read as a replacement pattern).
    await desk.locator(`#s-${segments[1]!.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText('회담 www.evil.example/$`x');
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${segments[1]!.id} .message`).filter({ hasText: '검사를 통과하지 못했습니다' }).waitFor();
    expect(await desk.textContent(`#s-${segments[1]!.id} .message`)).toContain('www.evil.example/$`x');
    await context.close();
  });

  it('follows a flag set on disk after a refused save: the row and the counts are those of the desk loaded afresh (browser)', async () => {
    const dir = project();
    const served = await serve(dir);
    const context = await browser.newContext();
    const desk = await context.newPage();
    const url = `${served.server.origin}/_edition/review/ko/${SLUG}`;
    await desk.goto(url);
    // Someone flags a segment, its text and state as they were; this reviewer then approves another.
    writeFileSync(join(dir, KOREAN_FILE), serializeMemory(koreanMemory((index) => (index === 1 ? { origin: 'deepl' } : index === 2 ? { flag: 'a reader reported a wrong name' } : {}))));
    await desk.locator(`#s-${segments[0]!.id} [data-action="reviewed"]`).click();
    await desk.locator(`#s-${segments[0]!.id} .message`).filter({ hasText: '다시 불러왔습니다' }).waitFor();
    expect(await desk.textContent(`#s-${segments[2]!.id} .status`)).toBe('플래그');
    const counts = (page: typeof desk) =>
      page.evaluate(() => [document.querySelector('.summary .counts')!.textContent, ...[...document.querySelectorAll('[data-filter]')].map((button) => button.textContent)]);
    const fresh = await context.newPage();
    await fresh.goto(url);
    expect(await counts(desk)).toEqual(await counts(fresh));
    // The row's notes and its clear-flag button, as a fresh load shows them, and after the flag is cleared here.
    const row = (page: typeof desk) =>
      page.evaluate((id) => {
        const section = document.getElementById(`s-${id}`)!;
        return { meta: section.querySelector('.meta')!.textContent, clearFlagHidden: section.querySelector<HTMLButtonElement>('[data-action="clear-flag"]')!.hidden };
      }, segments[2]!.id);
    expect(await row(desk)).toEqual(await row(fresh));
    expect(await row(desk)).toMatchObject({ meta: expect.stringContaining('a reader reported a wrong name'), clearFlagHidden: false });
    await desk.locator(`#s-${segments[2]!.id} [data-action="clear-flag"]`).click();
    await desk.locator(`#s-${segments[2]!.id} .message`).filter({ hasText: '저장했습니다.' }).waitFor();
    expect(readKorean(dir).segments[segments[2]!.id]!.flag).toBeUndefined();
    const again = await context.newPage();
    await again.goto(url);
    expect(await row(desk)).toEqual(await row(again));
    expect(await row(desk)).toMatchObject({ meta: expect.not.stringContaining('a reader reported'), clearFlagHidden: true });
    await context.close();
  });

  it('keeps a final segment final when Ctrl+Enter approves it on the way down the desk (browser)', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { state: 'final' } : {})));
    const served = await serve(dir);
    const context = await browser.newContext();
    const desk = await context.newPage();
    await desk.goto(`${served.server.origin}/_edition/review/ko/${SLUG}`);
    await desk.locator(`#s-${segments[1]!.id} .editor`).click();
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${segments[1]!.id} .message`).filter({ hasText: '저장했습니다.' }).waitFor();
    expect(readKorean(dir).segments[segments[1]!.id]!.state).toBe('final');
    // Another segment, approved the same way, is reviewed.
    await desk.keyboard.press('Control+Enter');
    await desk.locator(`#s-${segments[2]!.id} .message`).filter({ hasText: '저장했습니다.' }).waitFor();
    expect(readKorean(dir).segments[segments[2]!.id]!.state).toBe('reviewed');
    // A final segment whose text is changed is approved, not finalized: the new words wait for their own sign-off.
    await desk.locator(`#s-${segments[1]!.id} .editor`).click();
    await desk.keyboard.press('Control+A');
    await desk.keyboard.insertText(EDITED);
    await desk.keyboard.press('Control+Enter');
    // The row's message still says the last save: wait for the file.
    await expect.poll(() => readKorean(dir).segments[segments[1]!.id]!.target, { timeout: 10_000 }).toBe(EDITED);
    expect(readKorean(dir).segments[segments[1]!.id]!.state).toBe('reviewed');
    await context.close();
  });

  it('isolates right-to-left cells on the Arabic desk (browser)', async () => {
    const served = await serve(project());
    const context = await browser.newContext();
    const desk = await context.newPage();
    await desk.goto(`${served.server.origin}/_edition/review/ar/${SLUG}`);
    const cells = await desk.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(`main section:first-child .cell, main section:first-child .editor`)].map((cell) => [
        cell.lang,
        cell.dir,
        getComputedStyle(cell).unicodeBidi,
        getComputedStyle(cell).direction,
      ]),
    );
    expect(cells).toEqual([
      ['en', 'ltr', 'isolate', 'ltr'],
      ['ar', 'rtl', 'isolate', 'rtl'],
      ['ar', 'rtl', 'isolate', 'rtl'],
    ]);
    expect(await desk.textContent('h1')).toBe('مراجعة: talks (ar)');
    await context.close();
  });
});
