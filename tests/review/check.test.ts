import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { runCli } from '../support/build.js';
import { EDITED, PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf, writeArticleText } from './fixture.js';

/** An environment that would fail loudly if check tried to reach DeepL. */
const offline = { DEEPL_AUTH_KEY: 'not-a-key', DEEPL_SERVER_URL: 'http://127.0.0.1:9' };
const check = (dir: string, ...args: string[]) => runCli(dir, ['check', '--locales', 'ko', ...args], offline);
const memoryFile = `content/translations/ko/${SLUG}.json`;

describe('edition check', () => {
  it('passes (exit 0) when every edition is translated and current, without network or key', async () => {
    const run = await check(reviewProject());
    expect(run.stdout).toBe('checked 1 edition: 0 errors, 0 warnings; no built pages in out, so hreflang links were not checked\n');
    expect(run.code).toBe(0);
  });

  it('fails (exit 1) on a missing segment, naming file, locale, segment and what to do, as text and as JSON', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown([...PARAGRAPHS, 'A postscript from the desk.']));
    const [added] = segmentsOf(markdown([...PARAGRAPHS, 'A postscript from the desk.'])).slice(-1);
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${memoryFile}: ko (${added!.id}): missing: segment has no translation (content/${SLUG}.md:14)\n  do: translate it`);
    expect(run.stderr).toContain('error: 1 problem must be fixed before these editions are published');

    const json = await check(dir, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'missing', file: memoryFile, locale: 'ko', segment: added!.id, severity: 'error' })]);
  });

  it('fails on a translation whose English changed until a reviewer resolves it', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems.map((problem: { kind: string }) => problem.kind)).toEqual(['source-changed']);
  });

  it('fails on a stale machine translation', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 2 ? { origin: 'deepl' } : {})));
    writeArticleText(dir, markdown(EDITED));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems).toEqual([expect.objectContaining({ kind: 'stale', action: expect.stringContaining('re-translate') })]);
  });

  it('fails on broken placeholder tags and on a glossary term not used', async () => {
    const text = markdown([...PARAGRAPHS.slice(0, 2), 'Putin and Kim Jong-un are expected to meet again next month in Tokyo.']);
    const memory = koreanMemory((index) => (index === 2 ? { target: '부처의 성명에 따르면 회담은 합의 없이 끝났다.' } : {}));
    const [, , , last] = segmentsOf(text);
    memory.segments[last!.id] = { source: last!.source, target: '푸틴과 김 위원장은 다음 달 도쿄에서 다시 만날 예정이다.', origin: 'human', state: 'translated' };
    const dir = reviewProject(memory, text);
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const problems = JSON.parse(run.stdout).problems as Array<{ kind: string; message: string }>;
    expect(problems.filter((problem) => problem.kind !== 'orphan').map((problem) => [problem.kind, problem.message])).toEqual([
      ['placeholders', expect.stringContaining('tag <a1> missing')],
      ['glossary', expect.stringContaining('"Kim Jong-un" not translated as "김정은"')],
    ]);
  });

  it('fails when a built page names an edition in hreflang that the build lacks', async () => {
    const dir = reviewProject();
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const problems = JSON.parse(run.stdout).problems as Array<{ kind: string; file: string; message: string }>;
    expect(problems.every((problem) => problem.kind === 'hreflang')).toBe(true);
    // Both built pages name the eight editions that were not built.
    expect(problems).toHaveLength(16);
    expect(problems).toContainEqual(expect.objectContaining({ file: `out/ko/${SLUG}.html`, message: `hreflang names ja/${SLUG}.html, which the build does not have` }));
  });

  it('flags an edition touched by a correction until the correction is reviewed', async () => {
    const correction = 'corrections:\n  - date: "2024-06-28"\n    text: "An earlier version misstated the day of the meeting."';
    const text = markdown(PARAGRAPHS, correction);
    const [fix] = segmentsOf(text).filter((segment) => segment.kind === 'correction');
    const memory = koreanMemory();
    memory.segments[fix!.id] = { source: fix!.source, target: '이전 기사는 회담 날짜를 잘못 적었습니다.', origin: 'human', state: 'translated' };
    const dir = reviewProject(memory, text);
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems).toEqual([expect.objectContaining({ kind: 'unreviewed-correction', segment: fix!.id })]);

    memory.segments[fix!.id]!.state = 'reviewed';
    writeFileSync(join(dir, memoryFile), serializeMemory(memory));
    expect((await check(dir)).code).toBe(0);
  });
});
