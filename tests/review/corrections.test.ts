import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import type { EditionError } from '../../pipeline/errors.js';
import { runCli } from '../support/build.js';
import { PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf, writeArticleText } from './fixture.js';

const correction = 'corrections:\n  - date: "2024-06-28"\n    text: "An earlier version misstated the day of the meeting."';

/** The review project with a correction (of the day after the story, unless `date` says) and its reviewed Korean translation. */
function reviewedCorrection(date = '2024-06-28'): string {
  const text = markdown(PARAGRAPHS, correction.replace('2024-06-28', date));
  const [fix] = segmentsOf(text).filter((segment) => segment.kind === 'correction');
  const memory = koreanMemory();
  memory.segments[fix!.id] = { source: fix!.source, target: '이전 기사는 회담 날짜를 잘못 적었습니다.', origin: 'human', state: 'reviewed' };
  return reviewProject(memory, text);
}

describe('corrections', () => {
  it('are translated like the body and shown, with a localized label and date, in every edition', async () => {
    const dir = reviewedCorrection();
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    const ko = readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8');
    expect(ko).toContain('<strong>정정</strong> <time datetime="2024-06-28">2024년 6월 28일</time></p><p>이전 기사는 회담 날짜를 잘못 적었습니다.</p>');
    // A named region of the story, found in a screen reader's landmark list.
    expect(ko).toContain('<section class="corrections" aria-label="정정"><div class="correction">');
    const en = readFileSync(join(dir, `out/en/${SLUG}.html`), 'utf8');
    expect(en).toContain('<strong>Correction</strong> <time datetime="2024-06-28">June 28, 2024</time></p><p>An earlier version misstated the day of the meeting.</p>');
  });

  it('put the date in the words each language puts around it: "Korrektur vom", "Поправка от"', async () => {
    const dir = reviewedCorrection();
    const run = await runCli(dir, ['build', '--translator', 'pseudo', '--locales', 'en,de,ru,ko']);
    expect(run.code).toBe(0);
    const page = (code: string) => readFileSync(join(dir, `out-pseudo/${code}/${SLUG}.html`), 'utf8');
    expect(page('de')).toContain('<strong>Korrektur</strong> vom <time datetime="2024-06-28">28. Juni 2024</time></p>');
    expect(page('ru')).toContain('<strong>Поправка</strong> от <time datetime="2024-06-28">28 июня 2024 г.</time></p>');
    expect(page('ko')).toContain('<strong>정정</strong> <time datetime="2024-06-28">2024년 6월 28일</time></p>');
  });

  it('are listed oldest first, whatever order the front matter gives them', async () => {
    const two = 'corrections:\n  - date: "2024-06-30"\n    text: "A later fix."\n  - date: "2024-06-28"\n    text: "An earlier fix."';
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS, two));
    const run = await runCli(dir, ['build', '--locales', 'en']);
    expect(run.code).toBe(0);
    const en = readFileSync(join(dir, `out/en/${SLUG}.html`), 'utf8');
    expect(en.indexOf('An earlier fix.')).toBeGreaterThan(-1);
    expect(en.indexOf('An earlier fix.')).toBeLessThan(en.indexOf('A later fix.'));
  });

  it("added to a published story in a folder restored without edition's records, still say its editions were withdrawn", async () => {
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    // As a CI job restores out/ from the published site, or a deploy copies it back: the pages and manifest, no .cache/.
    rmSync(join(dir, 'out/.cache'), { recursive: true });
    writeArticleText(dir, markdown(PARAGRAPHS, correction));
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`withdrawn: content/${SLUG}.md: ko: published before, taken down until it can be published again\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
  });

  it('hold back an edition that lacks their translation', async () => {
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS, correction));
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`held: content/${SLUG}.md: ko: 1 segment not translated\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
  });

  it('added to a published story, take its untranslated editions down, and the summary says they were withdrawn', async () => {
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(true);
    writeArticleText(dir, markdown(PARAGRAPHS, correction));
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`held: content/${SLUG}.md: ko: 1 segment not translated\nwithdrawn: content/${SLUG}.md: ko: published before, taken down until it can be published again\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
    const json = JSON.parse((await runCli(dir, ['build', '--locales', 'en,ko', '--json'])).stdout) as { heldEditions: Array<{ locale: string; withdrawn?: true }> };
    // Already down: the next build holds it without withdrawing it again.
    expect(json.heldEditions).toEqual([expect.not.objectContaining({ withdrawn: true })]);
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).stdout).not.toContain('withdrawn');
  });

  it('say withdrawn from what out/ held, after --force too (which reads no cache), and not under --strict, which takes nothing down', async () => {
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    writeArticleText(dir, markdown(PARAGRAPHS, correction));
    const strict = await runCli(dir, ['build', '--locales', 'en,ko', '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as { heldEditions: object[] }).heldEditions).toEqual([expect.not.objectContaining({ withdrawn: true })]);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(true);
    // A forced build reads no cache: out/'s own record says the page was online.
    const forced = await runCli(dir, ['build', '--locales', 'en,ko', '--force']);
    expect(forced.stdout).toContain(`withdrawn: content/${SLUG}.md: ko: published before, taken down until it can be published again\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
  });

  it('hold back an edition whose correction changed in English under its translation, until a person fixes or confirms it', async () => {
    const dir = reviewedCorrection();
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(true);
    // The correction itself was wrong: the old translation states the error it no longer corrects.
    writeArticleText(dir, markdown(PARAGRAPHS, correction.replace('the day of the meeting', 'the number of delegates')));
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`held: content/${SLUG}.md: ko: 1 segment translated from an older English text\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
    const check = await runCli(dir, ['check', '--locales', 'ko', '--json']);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).problems).toEqual([
      expect.objectContaining({ kind: 'changed-correction', severity: 'error', message: expect.stringContaining('readers would get the old correction') }),
    ]);
  });

  it('made the day the story ran: build and check warn that no modified date moves, and say how to give its time', async () => {
    const dir = reviewedCorrection('2024-06-27');
    const warning = `warning: content/${SLUG}.md:7 (corrections.0.date): the correction is dated the day the story ran (2024-06-27), which starts before the story: no modified date moves, so feed readers and search engines are not told the story changed; give the time the correction was made as updated: "2024-06-27THH:MM:00+09:00"\n`;
    const build = await runCli(dir, ['build', '--locales', 'en,ko']);
    const warnings = (stderr: string) =>
      stderr
        .split(/(?<=\n)/u)
        .filter((line) => line.startsWith('warning: '))
        .join('');
    expect({ code: build.code, warnings: warnings(build.stderr) }).toEqual({ code: 0, warnings: warning });
    // Carried over, the article is not read again: the warning is said again until it is fixed.
    expect(warnings((await runCli(dir, ['build', '--locales', 'en,ko'])).stderr)).toBe(warning);
    const check = await runCli(dir, ['check', '--locales', 'ko']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`  edition: warning: unannounced-correction in en: the correction is dated the day the story ran (2024-06-27)`);
    writeArticleText(dir, markdown(PARAGRAPHS, `updated: "2024-06-27T15:30:00+09:00"\n${correction.replace('2024-06-28', '2024-06-27')}`));
    const fixed = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(warnings(fixed.stderr)).toBe('');
    expect(readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8')).toContain('"dateModified":"2024-06-27T15:30:00+09:00"');
  });

  it('dated ahead: check fails once for the article, naming the line; a typo of the year would be published as a fact', async () => {
    const dir = reviewedCorrection('2099-06-28');
    const check = await runCli(dir, ['check', '--locales', 'ko', '--json']);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { errors: number; problems: Array<{ kind: string; locale: string; message: string }> };
    expect(report.problems.filter((problem) => problem.kind === 'future-change')).toEqual([
      expect.objectContaining({ kind: 'future-change', locale: 'en', message: `the correction is dated 2099-06-28, a day that has not begun anywhere yet (content/${SLUG}.md:7, corrections.0.date)` }),
    ]);
    expect(report.errors).toBe(1);
  });

  it('are validated with the line to fix', () => {
    const bad = markdown(PARAGRAPHS, 'corrections:\n  - date: "28 June"\n    text: "Wrong."');
    const error = (() => {
      try {
        loadArticle(bad, 'content/a.md', 'a');
      } catch (caught) {
        return caught as EditionError;
      }
    })();
    expect(error?.format()).toBe(
      'content/a.md:7 (corrections.0.date): "28 June" is neither a date nor an instant with an offset\n  hint: write "2024-06-27", or "2024-06-27T09:30:00+09:00" with the offset',
    );
    const noText = markdown(PARAGRAPHS, 'corrections:\n  - date: "2024-06-28"');
    expect(() => loadArticle(noText, 'content/a.md', 'a')).toThrow(/a correction needs its text/u);
    expect(() => loadArticle(markdown(PARAGRAPHS, 'corrections: "none"'), 'content/a.md', 'a')).toThrow(/corrections must be a list/u);
  });
});
