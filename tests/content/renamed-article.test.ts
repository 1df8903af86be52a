import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, seedProject } from '../support/build.js';

const SLUG = 'kim-jong-un-supports-russia';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('an article renamed without its memory files', () => {
  it('is held as untranslated, and build and check name the memory files left under the old name', async () => {
    const dir = seedProject();
    dirs.push(dir);
    renameSync(join(dir, `content/${SLUG}.md`), join(dir, 'content/kim-backs-russia.md'));
    const build = await runCli(dir, ['build']);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain(
      `warning: memory files of content/${SLUG}.md in ar, de, es, fr, ja, ko, ru, uk, zh-CN (content/translations/<locale>/${SLUG}.json): no such article, so their translations are used nowhere; if the article was renamed, run \`edition rename OLD NEW\` (it moves the memory files and the name they record), before anything translates it again`,
    );
    const check = await runCli(dir, ['check', '--json']);
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ kind: string; severity: string; file: string; locale: string }> }).problems;
    expect(problems.filter((problem) => problem.kind === 'unowned-memory')).toContainEqual({
      kind: 'unowned-memory',
      severity: 'warning',
      file: `content/translations/ko/${SLUG}.json`,
      locale: 'ko',
      message: `no article content/${SLUG}.md: these translations are used nowhere`,
      action: 'if the article was renamed, run `edition rename OLD NEW` (it moves the memory files and the name they record), before anything translates it again',
      article: `content/${SLUG}.md`,
    });
    // `edition rename` moves the memory files after the article, with the name they record: every edition is back.
    const renamed = await runCli(dir, ['rename', SLUG, 'kim-backs-russia']);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain(`renamed content/${SLUG}.md to content/kim-backs-russia.md (the article was moved already), with 9 memory files`);
    expect(JSON.parse(readFileSync(join(dir, 'content/translations/ko/kim-backs-russia.json'), 'utf8'))).toMatchObject({ article: 'kim-backs-russia', locale: 'ko' });
    expect(existsSync(join(dir, `content/translations/ko/${SLUG}.json`))).toBe(false);
    const again = await runCli(dir, ['build']);
    expect(again.stderr).not.toContain('warning');
    expect(again.stdout).toContain('built 1 article, 10 editions');
    expect(readFileSync(join(dir, 'out/ko/kim-backs-russia.html'), 'utf8')).toContain('<span class="dateline">(서울=샘플헤럴드)</span>');
  });

  it("renames an article with its memory files in one command, and refuses to overwrite another article's", async () => {
    const dir = seedProject();
    dirs.push(dir);
    const memory = readFileSync(join(dir, `content/translations/de/${SLUG}.json`), 'utf8');
    writeFileSync(join(dir, 'content/translations/de/taken.json'), memory.replace(`"article": "${SLUG}"`, '"article": "taken"'));
    const refused = await runCli(dir, ['rename', SLUG, 'taken']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: content/translations/de/taken.json: content/translations/de/taken.json exists already');
    // Nothing moved.
    expect(existsSync(join(dir, `content/${SLUG}.md`))).toBe(true);
    expect(readFileSync(join(dir, `content/translations/de/${SLUG}.json`), 'utf8')).toBe(memory);
    const renamed = await runCli(dir, ['rename', SLUG, 'kim-backs-russia']);
    expect(renamed.stdout).toContain(`renamed content/${SLUG}.md to content/kim-backs-russia.md, with 9 memory files`);
    expect(renamed.stdout).toContain(`takes down <locale>/${SLUG}.html`);
    expect(existsSync(join(dir, 'content/kim-backs-russia.md'))).toBe(true);
    expect((await runCli(dir, ['check'])).code).toBe(0);
    // Run again, or with a name that never was: nothing to rename, said so, not reported as done.
    const again = await runCli(dir, ['rename', SLUG, 'kim-backs-russia']);
    expect([again.code, again.stdout, again.stderr]).toEqual([1, '', expect.stringContaining(`no article content/${SLUG}.md and no memory file named ${SLUG}.json: nothing to rename`)]);
    const suffixed = await runCli(dir, ['rename', 'kim-backs-russia', 'kim.md']);
    expect([suffixed.code, suffixed.stderr]).toEqual([1, expect.stringContaining('"kim.md" cannot be an article\'s name')]);
  });

  it('names the command when memory files were renamed by hand with the article', async () => {
    const dir = seedProject();
    dirs.push(dir);
    renameSync(join(dir, `content/${SLUG}.md`), join(dir, 'content/kim.md'));
    renameSync(join(dir, `content/translations/ko/${SLUG}.json`), join(dir, 'content/translations/ko/kim.json'));
    const build = await runCli(dir, ['build']);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(`hint: if the article ${SLUG} was renamed kim, name this file ${SLUG}.json again and run \`edition rename ${SLUG} kim\``);
  });
});
