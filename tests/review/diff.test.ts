import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../pipeline/cli/main.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { formatDiff, PLAIN_STYLE, wordDiff } from '../../pipeline/review/word-diff.js';
import { runCli } from '../support/build.js';
import { EDITED, PARAGRAPHS, SLUG, koreanMemory, markdown, reviewProject, segmentsOf } from './fixture.js';

const OLD = 'The talks ended without an agreement, according to a <a1>statement</a1> from the ministry.';

/** A memory whose second paragraph was machine-translated again after the English changed. */
function retranslated() {
  const memory = koreanMemory();
  const edited = segmentsOf(markdown(EDITED))[2]!;
  const oldId = segmentsOf(markdown())[2]!.id;
  delete memory.segments[oldId];
  memory.segments[edited.id] = {
    source: edited.source,
    target: '부처의 <a1>성명</a1>에 따르면 회담은 최종 합의 없이 끝났다.',
    origin: 'deepl',
    state: 'translated',
    previousSource: OLD,
    previousTarget: '부처의 <a1>성명</a1>에 따르면 회담은 합의 없이 끝났다.',
  };
  return memory;
}

/** The project as a git repository with everything committed: what `--since HEAD` compares with. */
function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'seed');
}

describe('word diffs in scripts without spaces', () => {
  it('highlight the changed Korean word, not the whole sentence', () => {
    const diff = formatDiff(wordDiff('회담은 합의 없이 끝났다.', '회담은 최종 합의 없이 끝났다.', 'ko'), PLAIN_STYLE);
    expect(diff).toBe('회담은 {+최종 +}합의 없이 끝났다.');
  });

  it('highlight the changed Japanese word inside an unbroken run of kana and kanji', () => {
    const diff = formatDiff(wordDiff('交渉担当者は来月東京で再び会う予定だ。', '交渉担当者は来月大阪で再び会う予定だ。', 'ja'), PLAIN_STYLE);
    expect(diff).toBe('交渉担当者は来月[-東京-]{+大阪+}で再び会う予定だ。');
  });

  it('highlight the changed Chinese word', () => {
    const diff = formatDiff(wordDiff('谈判代表预计下个月在东京再次会面。', '谈判代表预计下个月在大阪再次会面。', 'zh-CN'), PLAIN_STYLE);
    expect(diff).toContain('[-东京-]{+大阪+}');
    expect(diff.startsWith('谈判代表')).toBe(true);
  });
});

describe('edition diff', () => {
  it('shows the English change and the translation change, plain when piped', async () => {
    const dir = reviewProject(retranslated(), markdown(EDITED));
    const run = await runCli(dir, ['diff', 'ko', SLUG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  en: The talks ended without [-an-]{+a final+} agreement, according to a statement from the ministry.\n');
    expect(run.stdout).toContain('  ko: 부처의 성명에 따르면 회담은 {+최종 +}합의 없이 끝났다.\n');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/1 changed segment in ko talks\n$/u);
  });

  it('is coloured on a terminal', async () => {
    const dir = reviewProject(retranslated(), markdown(EDITED));
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const code = await main(['diff', 'ko'], { cwd: dir, env: {}, stdout: stdout as unknown as NodeJS.WriteStream, stderr: new PassThrough() as unknown as NodeJS.WriteStream });
    expect(code).toBe(0);
    expect(out).toContain('회담은 \u001b[32;4m최종 \u001b[0m합의');
  });

  it('lists a kept human translation whose English changed, with the old English', async () => {
    const dir = reviewProject();
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(EDITED));
    const run = await runCli(dir, ['diff', 'ko']);
    expect(run.stdout).toContain(`(${segmentsOf(markdown(EDITED))[2]!.id}) source-changed\n  en: The talks ended without [-an-]{+a final+} agreement`);
  });

  it('compares with a git revision and writes an HTML page with the highlights', async () => {
    const dir = reviewProject();
    commitAll(dir);
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(EDITED));
    writeFileSync(join(dir, `content/translations/ko/${SLUG}.json`), serializeMemory(retranslated()));
    const memoryBefore = readFileSync(join(dir, `content/translations/ko/${SLUG}.json`));
    const run = await runCli(dir, ['diff', 'ko', '--since', 'HEAD', '--html', 'review/diff.html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  ko: 부처의 성명에 따르면 회담은 {+최종 +}합의 없이 끝났다.\n');
    expect(run.stdout).toMatch(/1 changed segment in ko since HEAD\n$/u);
    const html = readFileSync(join(dir, 'review/diff.html'), 'utf8');
    expect(html).toContain('<p lang="ko" dir="ltr">부처의 성명에 따르면 회담은 <ins>최종 </ins>합의 없이 끝났다.</p>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // diff only reads: the memory is byte for byte what it was.
    expect(readFileSync(join(dir, `content/translations/ko/${SLUG}.json`))).toEqual(memoryBefore);

    const bad = await runCli(dir, ['diff', 'ko', '--since', 'no-such-revision']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('hint: give a commit, tag or branch');
  });

  it('compares a fix saved since a revision (its entry moved to the new English, the old forgotten) word by word, and leaves out what was untranslated then and now', async () => {
    const dir = reviewProject();
    commitAll(dir);
    const [oldSegment, newSegment] = [segmentsOf(markdown())[2]!, segmentsOf(markdown(EDITED))[2]!];
    const memory = koreanMemory();
    const { target } = memory.segments[oldSegment.id]!;
    delete memory.segments[oldSegment.id];
    memory.segments[newSegment.id] = { source: newSegment.source, target: target.replace('합의', '최종 합의'), origin: 'human', state: 'reviewed' };
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown([...EDITED, 'A postscript from the desk.']));
    writeFileSync(join(dir, `content/translations/ko/${SLUG}.json`), serializeMemory(memory));
    const run = await runCli(dir, ['diff', 'ko', '--since', 'HEAD']);
    expect(run.stdout).toContain(`(${newSegment.id}) current\n  en: The talks ended without [-an-]{+a final+} agreement`);
    expect(run.stdout).toContain('합의 없이 끝났다.'.replace('합의', '{+최종 +}합의'));
    expect(run.stdout).not.toContain('no translation yet');
    expect(run.stdout).toMatch(/1 changed segment in ko since HEAD\n$/u);
  });

  it('shows a change of markup alone (a link moved to other words), which the readable text would hide', async () => {
    const dir = reviewProject();
    const moved = [PARAGRAPHS[0]!, PARAGRAPHS[1]!.replace('a [statement](https://example.com/) from the ministry', 'a statement from [the ministry](https://example.com/)'), PARAGRAPHS[2]!];
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(moved));
    const run = await runCli(dir, ['diff', 'ko']);
    expect(run.stdout).toContain(
      `(${segmentsOf(markdown(moved))[2]!.id}) source-changed\n  en: The talks ended without an agreement, according to a {+statement from +}<a1>[-statement-]{+the ministry+}</a1>[- from the ministry-].`,
    );
  });

  it('says "no translation yet" on the page, as on the terminal, for a segment with none', async () => {
    const dir = reviewProject();
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown([...EDITED, 'A postscript from the desk.']));
    const run = await runCli(dir, ['diff', 'ko', '--html', 'diff.html']);
    expect(run.stdout).toContain('  ko: (no translation yet)\n');
    expect(readFileSync(join(dir, 'diff.html'), 'utf8')).toContain('<p class="missing" lang="en" dir="ltr">no translation yet</p>');
  });
});
