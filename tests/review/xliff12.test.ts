/** XLIFF 1.2 beside 2.1: the same units, states and checks, and the same byte-exact round trip. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { EDITED, KOREAN, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf } from './fixture.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';

const memoryPath = (dir: string) => join(dir, `content/translations/ko/${SLUG}.json`);
const [, , LINKED, THIRD, POSTSCRIPT] = segmentsOf(markdown([...EDITED, 'A postscript from the desk.']));

/** The article edited after translation (a source change under a human translation), a machine-translated paragraph, one new paragraph. */
function project(): string {
  const dir = reviewProject(
    koreanMemory((index) => (index === 3 ? { origin: 'deepl', state: 'translated' } : {})),
    markdown([...EDITED, 'A postscript from the desk.']),
  );
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function exported(dir: string, file: string): Promise<string> {
  const run = await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--version', '1.2', '--out', file]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(join(dir, file), 'utf8');
}

/** Export the article as 1.2, change the file as a tool would, and import it. */
async function importedAfter(dir: string, change: (xliff: string) => string) {
  writeFileSync(join(dir, 'ko.xlf'), change(await exported(dir, 'ko.xlf')));
  return runCli(dir, ['xliff', 'import', 'ko.xlf']);
}

describe('XLIFF 1.2', () => {
  it('writes trans-units with <g>/<x> codes, 1.2 states and the source change as a state-qualifier', async () => {
    // What each unit held when exported is a digest (see the import tests); shown here as its shape.
    const xliff = (await exported(project(), 'ko.xlf')).replace(/<note from="edition:exported">[0-9a-f]{16}<\/note>/gu, '<note from="edition:exported">DIGEST</note>');
    expect(xliff).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n  <file original="content\/talks.md" source-language="en" target-language="ko" datatype="plaintext">\n    <body>\n/u,
    );
    expect(xliff).toContain(
      [
        `      <trans-unit id="${LINKED!.id}">`,
        '        <source>The talks ended without a final agreement, according to a <g id="a1">statement</g> from the ministry.</source>',
        `        <target state="translated" state-qualifier="x-edition-source-changed">부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.</target>`,
        '        <note from="edition:kind">paragraph</note>',
        '        <note from="edition:exported">DIGEST</note>',
        '        <note from="edition:origin">human</note>',
        '        <note from="edition:previous-source">The talks ended without an agreement, according to a &#x3C;a1>statement&#x3C;/a1> from the ministry.</note>',
        '      </trans-unit>',
      ].join('\n'),
    );
    expect(xliff).toContain(
      `      <trans-unit id="${POSTSCRIPT!.id}">\n        <source>A postscript from the desk.</source>\n        <note from="edition:kind">paragraph</note>\n        <note from="edition:exported">none</note>\n      </trans-unit>`,
    );
  });

  it('round-trips byte for byte: export, import, export', async () => {
    const dir = project();
    const first = await exported(dir, 'ko.xlf');
    // The first import stores the source-changed entry under its new id, as a build would; its text and marks stay.
    expect((await runCli(dir, ['xliff', 'import', 'ko.xlf'])).stdout).toBe(`content/translations/ko/${SLUG}.json: 1 segment updated\nimported ko.xlf: 1 segment changed in ko\n`);
    const memory = readFileSync(memoryPath(dir), 'utf8');
    expect(await exported(dir, 'again.xlf')).toBe(first);
    expect((await runCli(dir, ['xliff', 'import', 'again.xlf'])).stdout).toBe('imported again.xlf: 0 segments changed in ko\n');
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(memory);
  });

  it("keeps another reviewer's import when a unit comes back as it was exported, as 2.1 does", async () => {
    const dir = project();
    const once = await exported(dir, 'ko.xlf');
    writeFileSync(join(dir, 'alice.xlf'), once.replace('<target state="translated">협상 대표들은', '<target state="translated">협상단은'));
    writeFileSync(
      join(dir, 'bob.xlf'),
      once.replace('<source>A postscript from the desk.</source>', '<source>A postscript from the desk.</source>\n        <target state="translated">데스크의 추신.</target>'),
    );
    expect((await runCli(dir, ['xliff', 'import', 'alice.xlf'])).code).toBe(0);
    expect((await runCli(dir, ['xliff', 'import', 'bob.xlf'])).code).toBe(0);
    const targets = Object.values(readKorean(dir).segments).map((entry) => entry.target);
    expect(targets.some((target) => target.startsWith('협상단은'))).toBe(true);
    expect(targets.some((target) => target.startsWith('협상 대표들은'))).toBe(false);
    expect(targets).toContain('데스크의 추신.');
  });

  it('imports edited targets and states as 2.1 does', async () => {
    const dir = project();
    const xliff = (await exported(dir, 'ko.xlf'))
      .replace('<target state="translated">협상 대표들은', '<target state="signed-off">협상단은')
      .replace(' state-qualifier="x-edition-source-changed"', '')
      .replace('<source>A postscript from the desk.</source>', '<source>A postscript from the desk.</source>\n        <target state="translated">데스크의 추신.</target>');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('imported ko.xlf: 3 segments changed in ko');
    const segments = readKorean(dir).segments;
    expect(segments[THIRD!.id]).toEqual({ source: THIRD!.source, target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.', origin: 'human', state: 'reviewed' });
    expect(segments[LINKED!.id]).toEqual({ source: LINKED!.source, target: KOREAN[1], origin: 'human', state: 'translated' });
    expect(segments[POSTSCRIPT!.id]).toEqual({ source: POSTSCRIPT!.source, target: '데스크의 추신.', origin: 'human', state: 'translated' });
  });

  it("keeps the English's change marked when a tool writes its own state-qualifier in the mark's place: only removing it confirms", async () => {
    const dir = project();
    expect((await importedAfter(dir, (xliff) => xliff.replace('state-qualifier="x-edition-source-changed"', 'state-qualifier="leveraged-tm"'))).code).toBe(0);
    expect(readKorean(dir).segments[LINKED!.id]).toMatchObject({ target: KOREAN[1], sourceChanged: true });
  });

  it("clears the English's change of a target changed in the file, whatever the mark says: it translates the English the file shows", async () => {
    const dir = project();
    const run = await importedAfter(dir, (xliff) =>
      xliff
        .replace('state-qualifier="x-edition-source-changed"', 'state-qualifier="exact-match"')
        .replace('부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.', '부처의 <g id="a1">성명</g>에 따르면 회담은 최종 합의 없이 끝났다.'),
    );
    expect(run.code).toBe(0);
    expect(readKorean(dir).segments[LINKED!.id]).toEqual({ source: LINKED!.source, target: '부처의 <a1>성명</a1>에 따르면 회담은 최종 합의 없이 끝났다.', origin: 'human', state: 'translated' });
  });

  it('warns of a unit left flagged and of a target that is its English word for word', async () => {
    const dir = project();
    const memory = readKorean(dir);
    const flaggedId = Object.keys(memory.segments).find((id) => memory.segments[id]!.target.startsWith('협상 대표들은'))!;
    memory.segments[flaggedId] = { ...memory.segments[flaggedId]!, flag: 'check the place name' };
    writeFileSync(memoryPath(dir), serializeMemory(memory));
    const run = await importedAfter(dir, (xliff) =>
      xliff
        .replace('<target state="translated">협상 대표들은', '<target state="final">협상 대표들은')
        .replace('<source>A postscript from the desk.</source>', '<source>A postscript from the desk.</source>\n        <target>A postscript from the desk.</target>'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`warning: ko\\.xlf:\\d+: unit ${THIRD!.id} is still flagged: a flag clears only when its target changes, so its edition stays held`, 'u'));
    expect(run.stderr).toMatch(new RegExp(`warning: ko\\.xlf:\\d+: unit ${POSTSCRIPT!.id}'s target is its English, word for word`, 'u'));
  });

  it("refuses a target language written with a region (ko-KR), naming 1.2's attribute and the configured locale meant", async () => {
    const run = await importedAfter(project(), (xliff) => xliff.replace('target-language="ko"', 'target-language="ko-KR"'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('target-language "ko-KR" is not a configured target locale');
    expect(run.stderr).toContain('hint: did you mean ko? If the file is for that locale, set target-language="ko" and import again');
  });

  it('reads the 1.2 states a CAT tool writes: needs-review-* as translated, needs-* as initial', async () => {
    const dir = project();
    const xliff = (await exported(dir, 'ko.xlf'))
      .replace('<target state="translated">협상 대표들은', '<target state="needs-review-translation">협상단은')
      .replace('<source>A postscript from the desk.</source>', '<source>A postscript from the desk.</source>\n        <target state="needs-l10n">데스크의 추신.</target>');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    // The needs-l10n unit is kept as a draft, which holds its edition: the import says so.
    const line = xliff.slice(0, xliff.indexOf('<target state="needs-l10n">')).split('\n').length;
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      0,
      `warning: ko.xlf:${line}: unit ${POSTSCRIPT!.id} has a translation but its state says it still needs one (initial): stored as a draft, it holds its edition`,
    ]);
    const segments = readKorean(dir).segments;
    expect(segments[THIRD!.id]).toMatchObject({ target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.', origin: 'human', state: 'translated' });
    expect(segments[POSTSCRIPT!.id]).toMatchObject({ target: '데스크의 추신.', origin: 'human', state: 'initial' });
  });

  it('keeps the state of a target left as exported whose state a tool dropped, and reads an edited one as translated', async () => {
    const dir = reviewProject(koreanMemory(() => ({ state: 'reviewed' })));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const before = readFileSync(memoryPath(dir), 'utf8');
    const xliff = (await exported(dir, 'ko.xlf')).replaceAll(' state="signed-off"', '');
    expect(xliff).not.toContain('state=');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    expect((await runCli(dir, ['xliff', 'import', 'ko.xlf'])).code).toBe(0);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
    writeFileSync(join(dir, 'edited.xlf'), xliff.replace(`<target>${KOREAN[2]}`, '<target>협상단은 다음 달 도쿄에서 다시 만난다.'));
    expect((await runCli(dir, ['xliff', 'import', 'edited.xlf'])).code).toBe(0);
    const edited = Object.values(readKorean(dir).segments).find((entry) => entry.target.startsWith('협상단은'));
    expect(edited).toMatchObject({ origin: 'human', state: 'translated' });
  });

  it('refuses broken placeholder codes with the line, writing nothing', async () => {
    const dir = project();
    const xliff = (await exported(dir, 'ko.xlf')).replace(
      '<target state="translated" state-qualifier="x-edition-source-changed">부처의 <g id="a1">성명</g>에',
      '<target state="translated">부처의 성명에',
    );
    const memory = readFileSync(memoryPath(dir), 'utf8');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.code).toBe(1);
    const line = xliff.slice(0, xliff.indexOf('<target state="translated">부처의 성명에')).split('\n').length;
    expect(run.stderr).toBe(
      `error: ko.xlf:${line} (${LINKED!.id}): broken placeholder tags: tag <a1> missing\n  hint: keep each inline code of the source (<pc>/<ph>, or <g>/<x> in XLIFF 1.2) exactly once\n`,
    );
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(memory);
  });

  it("names broken inline codes by 1.2's elements, not 2.x's", async () => {
    const target = '<target state="translated" state-qualifier="x-edition-source-changed">부처의 <g id="a1">성명</g>에';
    const problems = [
      ['부처의 <g id="a1"><x id="a1">성명</x></g>에', '<x> "a1" must be empty'],
      ['부처의 <g id="a1"><bpt id="1">[</bpt>성명</g>에', '<bpt> is not an inline code this project uses (only <g>, <bx>/<ex> and <x>)'],
      ['부처의 <g id="link">성명</g>에', '<g> has id "link", not a placeholder name like em1'],
    ];
    for (const [changed, problem] of problems) {
      const run = await importedAfter(project(), (xliff) => xliff.replace(target, `<target state="translated">${changed}`));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`broken placeholder tags: ${problem}\n`);
    }
  });
});
