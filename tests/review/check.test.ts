import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { runCli } from '../support/build.js';
import { EDITED, PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf, writeArticleText } from './fixture.js';

/** An environment that would fail loudly if check tried to reach DeepL. */
const offline = { DEEPL_AUTH_KEY: 'not-a-key', DEEPL_SERVER_URL: 'http://127.0.0.1:9' };
const check = (dir: string, ...args: string[]) => runCli(dir, ['check', '--locales', 'ko', ...args], offline);
const memoryFile = `content/translations/ko/${SLUG}.json`;

describe('edition check', { timeout: 60_000 }, () => {
  it('passes (exit 0) when every edition is translated and current, without network or key', async () => {
    const run = await check(reviewProject());
    expect(run.stdout).toBe('checked 1 edition: 0 errors, 0 warnings; no built pages in out, so hreflang links were not checked\nunreviewed machine segments: none\n');
    expect(run.code).toBe(0);
  });

  it('with --fail-on broken, passes what only holds an edition back (a missing translation) and fails on what is broken', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown([...PARAGRAPHS, 'A new paragraph nobody has translated yet.']));
    const held = await check(dir, '--fail-on', 'broken');
    expect(held.code).toBe(0);
    expect(held.stdout).toContain('checked 1 edition: 1 error (1 only holds editions back, which --fail-on broken lets pass), 0 warnings');
    // A link to a file that is not there: every build stops on it.
    writeArticleText(dir, markdown([PARAGRAPHS[0]!, PARAGRAPHS[1]!.replace('https://example.com/', 'docs/statement.pdf'), PARAGRAPHS[2]!, 'A new paragraph nobody has translated yet.']));
    const broken = await check(dir, '--fail-on', 'broken', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, errors: 2, failing: 1 });
  });

  it('says what reading the project found, as a build does: a story filed in a section folder, which nothing publishes', async () => {
    const dir = reviewProject();
    mkdirSync(join(dir, 'content/world'));
    writeFileSync(join(dir, 'content/world/port.md'), markdown(PARAGRAPHS));
    const run = await check(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: content/world: holds Markdown files (port.md) that are not read as articles');
  });

  it('says what reading an article warns of, as a build does: Markdown typed into the title', async () => {
    const dir = reviewProject(koreanMemory(), markdown(PARAGRAPHS).replace(/^title: "([^"]*)"/mu, 'title: "$1 **now**"'));
    const run = await check(dir);
    expect(run.stderr).toContain('(title): "**now**" is Markdown, which a front matter field does not read');
  });

  it('fails (exit 1) on a file an article links that a build cannot publish, as every build fails on it', async () => {
    const dir = reviewProject();
    // The link's address changes, not its text: every segment and translation stays current.
    writeArticleText(dir, markdown([PARAGRAPHS[0]!, PARAGRAPHS[1]!.replace('https://example.com/', 'docs/statement.pdf'), PARAGRAPHS[2]!]));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const problems = (JSON.parse(run.stdout) as { problems: Array<{ kind: string; severity: string; message: string }> }).problems;
    expect(problems).toEqual([expect.objectContaining({ kind: 'linked-file', severity: 'error', message: `"docs/statement.pdf" does not exist (content/${SLUG}.md:10)` })]);
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(1);
  });

  it('fails (exit 1) on what stops every build: a UI string a locale lacks, a dateline naming an unknown variable', async () => {
    const missing = reviewProject();
    const koStrings = join(missing, 'locales/ko/translation.yaml');
    writeFileSync(koStrings, readFileSync(koStrings, 'utf8').replace(/^correction:.*\n/mu, ''));
    const lacking = await check(missing);
    expect([lacking.code, lacking.stderr]).toEqual([
      1,
      'error: locales/ko/translation.yaml (correction): string "correction" is missing for locale ko\n  hint: add "correction" to locales/ko/translation.yaml\n',
    ]);
    expect((await runCli(missing, ['build', '--locales', 'en,ko'])).code).toBe(1);

    const unknown = reviewProject();
    const template = join(unknown, 'locales/ko/translation.yaml');
    writeFileSync(template, readFileSync(template, 'utf8').replace(/^dateline:.*$/mu, 'dateline: "({{town}}={{publication}})"'));
    const run = await check(unknown);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('string "dateline" uses unknown variable {{town}}');
    // The build agrees, even when the locale has nothing to publish yet (no memory, every edition held).
    rmSync(join(unknown, memoryFile));
    const built = await runCli(unknown, ['build', '--locales', 'en,ko']);
    expect([built.code, built.stderr]).toEqual([1, expect.stringContaining('string "dateline" uses unknown variable {{town}}')]);
  });

  it('fails (exit 1), as build and status do, on any UI string naming a variable edition does not give, though no page shows it yet', async () => {
    const dir = reviewProject();
    const strings = join(dir, 'locales/ko/translation.yaml');
    // The review project's article has no byline and no correction: no page would ask for these strings until one did.
    const text = readFileSync(strings, 'utf8')
      .replace(/^byline:.*$/mu, 'byline: "{{nome}} 기자"')
      .replace(/^correction:.*$/mu, 'correction: "{{when}} 정정"')
      .replace(/^pageTitle:.*$/mu, 'pageTitle: "{{titulo}} | {{publication}}"');
    writeFileSync(strings, text);
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 3 UI strings of ko name variables edition does not give');
    expect(run.stderr).toContain('locales/ko/translation.yaml (byline): string "byline" uses unknown variable {{nome}}');
    expect(run.stderr).toContain('hint: use only {{name}} in "byline"');
    expect(run.stderr).toContain('(correction): string "correction" uses unknown variable {{when}}');
    expect(run.stderr).toContain('(pageTitle): string "pageTitle" uses unknown variable {{titulo}}');
    for (const command of [
      ['build', '--locales', 'en,ko'],
      ['status', '--locales', 'ko'],
    ]) {
      const other = await runCli(dir, command);
      expect([command[0], other.code, other.stderr]).toEqual([command[0], 1, expect.stringContaining('3 UI strings of ko name variables edition does not give')]);
    }
  });

  it('leaves alone strings edition never asks for: a key only one locale has (a spare string, a plural form)', async () => {
    const dir = reviewProject();
    const ko = join(dir, 'locales/ko/translation.yaml');
    writeFileSync(ko, `${readFileSync(ko, 'utf8')}oldNote: "{{translator}} 번역"\nlatest_other: "최신 {{count}}건"\n`);
    const run = await check(dir);
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('fails (exit 1) on a missing segment, naming file, locale, segment and what to do, as text and as JSON', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown([...PARAGRAPHS, 'A postscript from the desk.']));
    const [added] = segmentsOf(markdown([...PARAGRAPHS, 'A postscript from the desk.'])).slice(-1);
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`content/${SLUG}.md\n  segment ${added!.id}: missing in ko: segment has no translation (content/${SLUG}.md:14)\n    do: translate it`);
    expect(run.stderr).toContain('error: 1 problem must be fixed before these editions are published');

    const json = await check(dir, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'missing', file: memoryFile, locale: 'ko', segment: added!.id, severity: 'error' })]);
  });

  it('warns about a human translation whose English changed: the build publishes it with a notice', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    const run = await check(dir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).problems.map((problem: { kind: string; severity: string }) => [problem.kind, problem.severity])).toEqual([['source-changed', 'warning']]);
  });

  it("says where a person's translation is when the edited English gained a tag it lacks: under the old id, until it is fixed", async () => {
    const dir = reviewProject();
    const edited = PARAGRAPHS.map((text, index) => (index === 2 ? text.replace('in Tokyo', 'in [Tokyo](https://example.org/tokyo)') : text));
    writeArticleText(dir, markdown(edited));
    const [, , , third] = segmentsOf(markdown(edited));
    const [, , , before] = segmentsOf(markdown());
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const flagged = (JSON.parse(run.stdout).problems as Array<{ kind: string; segment: string; action: string }>).filter((problem) => problem.kind === 'flagged');
    expect(flagged).toEqual([
      expect.objectContaining({
        segment: third!.id,
        action: `fix the target for the new English in the review desk (\`edition serve\`) or with \`edition xliff export\`/\`import\`; until then the file keeps it unflagged under the old English's id ${before!.id}`,
      }),
    ]);
    expect(JSON.parse(readFileSync(join(dir, memoryFile), 'utf8')).segments[before!.id].flag).toBeUndefined();
  });

  it("names a person's draft (state initial, or an emptied human target) as one, not as a segment for a machine to translate", async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { state: 'initial' } : index === 2 ? { target: '' } : {})));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const missing = (JSON.parse(run.stdout).problems as Array<{ kind: string; message: string; action: string }>).filter((problem) => problem.kind === 'missing');
    const person = 'complete it in the review desk (`edition serve`) or with `edition xliff export`/`import`, and set its state to translated or reviewed';
    expect(missing).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^translation is a draft \(state initial\), which no machine replaces \(content\/talks\.md:\d+\)$/u), action: person }),
      expect.objectContaining({ message: expect.stringMatching(/^translation is empty, which no machine replaces \(content\/talks\.md:\d+\)$/u), action: person }),
    ]);
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

  it('warns, and passes, on a figure of the English that the translation does not write', async () => {
    const text = markdown([...PARAGRAPHS.slice(0, 2), 'Negotiators from 12 countries are expected to meet again on 1,250 issues.']);
    const memory = koreanMemory();
    const [, , , last] = segmentsOf(text);
    memory.segments[last!.id] = { source: last!.source, target: '12개국 협상 대표들은 125개 쟁점에 대해 다시 만날 예정이다.', origin: 'human', state: 'translated' };
    const run = await check(reviewProject(memory, text), '--json');
    expect(run.code).toBe(0);
    const problems = JSON.parse(run.stdout).problems as Array<{ kind: string; severity: string; segment: string; message: string }>;
    expect(problems.filter((problem) => problem.kind === 'numbers')).toEqual([
      expect.objectContaining({ severity: 'warning', segment: last!.id, message: `"1,250" of the English is not in the translation (content/${SLUG}.md:12)` }),
    ]);
  });

  it('fails when a built page names an edition in hreflang that the out folder lacks', async () => {
    const dir = reviewProject();
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    // A partial build links only the editions it built: nothing to report.
    expect((await check(dir)).code).toBe(0);
    rmSync(join(dir, `out/ko/${SLUG}.html`));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).problems).toEqual([
      {
        kind: 'hreflang',
        severity: 'error',
        file: `out/en/${SLUG}.html`,
        locale: 'en',
        message: `hreflang names ko/${SLUG}.html, which the build does not have`,
        action: expect.stringContaining('publish the missing edition'),
        article: 'out',
      },
    ]);
  });

  it('names a link to an address that does not decode (a page edited by hand) as missing, not as a bug in edition', async () => {
    const dir = reviewProject();
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    const page = join(dir, `out/en/${SLUG}.html`);
    writeFileSync(page, readFileSync(page, 'utf8').replace(`hreflang="ko" href="https://news.example.com/ko/${SLUG}.html"`, 'hreflang="ko" href="https://news.example.com/ko/talks%E0.html"'));
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hreflang names ko/talks%E0.html, which the build does not have');
    expect(run.stderr).not.toContain('internal error');
  });

  it('warns about a correction until it is reviewed: the build publishes it', async () => {
    const correction = 'corrections:\n  - date: "2024-06-28"\n    text: "An earlier version misstated the day of the meeting."';
    const text = markdown(PARAGRAPHS, correction);
    const [fix] = segmentsOf(text).filter((segment) => segment.kind === 'correction');
    const memory = koreanMemory();
    memory.segments[fix!.id] = { source: fix!.source, target: '이전 기사는 회담 날짜를 잘못 적었습니다.', origin: 'human', state: 'translated' };
    const dir = reviewProject(memory, text);
    const run = await check(dir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).problems).toEqual([expect.objectContaining({ kind: 'unreviewed-correction', segment: fix!.id, severity: 'warning' })]);

    memory.segments[fix!.id]!.state = 'reviewed';
    writeFileSync(join(dir, memoryFile), serializeMemory(memory));
    expect(JSON.parse((await check(dir, '--json')).stdout).problems).toEqual([]);
  });

  it('follows the publishing policy: counts unreviewed machine segments, and fails on them only when site.yaml asks for review', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { origin: 'deepl' } : {})));
    const run = await check(dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('checked 1 edition: 0 errors, 0 warnings; no built pages in out, so hreflang links were not checked\nunreviewed machine segments: ko 1\n');
    writeFileSync(join(dir, 'content/site.yaml'), 'publishing:\n  locales:\n    ko:\n      unreviewedMachine: false\n');
    const strict = await check(dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /^content\/talks\.md\n  segment [0-9a-f]+: unreviewed-machine in ko: machine translation not reviewed, and the publishing policy asks for review\n    do: have it reviewed/,
    );
    expect(strict.stdout).toContain('unreviewed machine segments: ko 1\n');
  });

  it('counts a flagged machine segment as flagged, not as unreviewed machine, as status does', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { origin: 'deepl', flag: 'check the figure' } : {})));
    const run = await check(dir, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { unreviewedMachine: Record<string, number>; problems: Array<{ kind: string }> };
    expect(report.problems.map((problem) => problem.kind)).toEqual(['flagged']);
    expect(report.unreviewedMachine).toEqual({ ko: 0 });
    const status = JSON.parse((await runCli(dir, ['status', '--json', '--locales', 'ko'], offline)).stdout) as { locales: Array<{ code: string; unreviewedMachine: number }> };
    expect(status.locales.find((locale) => locale.code === 'ko')!.unreviewedMachine).toBe(0);
  });

  it('groups a problem shared by several locales into one entry per segment', async () => {
    const dir = reviewProject();
    cpSync(join(dir, 'locales/ko'), join(dir, 'locales/ko-KP'), { recursive: true });
    writeArticleText(dir, markdown([...PARAGRAPHS, 'A postscript from the desk.']));
    const [added] = segmentsOf(markdown([...PARAGRAPHS, 'A postscript from the desk.'])).slice(-1);
    const run = await runCli(dir, ['check', '--locales', 'ko,ko-KP'], offline);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  segment ${added!.id}: missing in ko, ko-KP: segment has no translation (content/${SLUG}.md:14)\n`);
  });

  it('says in --help what it fails on, what it warns about and what it counts, as it behaves above', async () => {
    const help = (await runCli(reviewProject(), ['check', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const phrase of [
      'publishing policy',
      'fail on what a build would hold back',
      'missing, stale or flagged segment',
      'a dateline city with no name',
      'placeholder tags',
      'hreflang link to a missing edition',
      'warn on the rest',
      'unreviewed correction',
      'glossary miss',
      'count unreviewed machine segments per locale',
    ]) {
      expect([phrase, help.includes(phrase)]).toEqual([phrase, true]);
    }
  });
});
