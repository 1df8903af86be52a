/**
 * XLIFF as other tools write it: a namespace prefix, `<sc>/<ec>` pairs,
 * re-indented targets; and a file made before the English changed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { KOREAN, PARAGRAPHS, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf, writeArticleText } from './fixture.js';
import { serializeMemory, type MemoryEntry } from '../../pipeline/translation/memory/memory-file.js';

const [TITLE, FIRST, LINKED, THIRD] = segmentsOf(markdown());

function project(entry: (index: number) => Partial<MemoryEntry> = () => ({})): string {
  const dir = reviewProject(koreanMemory(entry));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function exported(dir: string, file = 'ko.xlf'): Promise<string> {
  const run = await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', file]);
  expect(run.code).toBe(0);
  return readFileSync(join(dir, file), 'utf8');
}

async function imported(dir: string, xliff: string): Promise<string> {
  writeFileSync(join(dir, 'ko.xlf'), xliff);
  const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('XLIFF from other tools', () => {
  it('warns of a unit translated but left in state initial: stored as a draft, which holds its edition', async () => {
    const dir = project();
    const xliff = (await exported(dir))
      .replace('<segment state="translated">\n        <source>Negotiators', '<segment state="initial">\n        <source>Negotiators')
      .replace('협상 대표들은', '협상단은');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.code).toBe(0);
    const line = xliff.slice(0, xliff.indexOf('<target>협상단은')).split('\n').length;
    expect(run.stderr).toBe(
      `warning: ko.xlf:${line}: unit ${THIRD!.id} has a translation but its state says it still needs one (initial): stored as a draft, it holds its edition\n  hint: set state="translated" (XLIFF 1.2: state="translated"), or a review state, on each unit that is done, and import again\n`,
    );
    expect(readKorean(dir).segments[THIRD!.id]).toMatchObject({ target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.', state: 'initial' });
  });

  it('reads elements by namespace, whatever the prefix (as Python ElementTree writes them)', async () => {
    const dir = project();
    const xliff = (await exported(dir))
      .replace('<xliff xmlns=', '<ns0:xliff xmlns:ns0=')
      .replace(/<(\/?)(xliff|file|unit|notes|note|segment|source|target|pc|ph)\b/gu, '<$1ns0:$2')
      .replace('<ns0:ns0:xliff', '<ns0:xliff')
      .replace('협상 대표들은', '협상단은');
    expect(xliff).toContain('<ns0:target>협상단은');
    expect(await imported(dir, xliff)).toBe(`content/translations/ko/${SLUG}.json: 1 segment updated\nimported ko.xlf: 1 segment changed in ko\n`);
    expect(readKorean(dir).segments[THIRD!.id]).toEqual({ source: THIRD!.source, target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.', origin: 'human', state: 'translated' });
  });

  it('reads units a tool put in <group> elements', async () => {
    const dir = project();
    const xliff = (await exported(dir))
      .replace(/(<file [^>]*>)/u, '$1<group id="g1">')
      .replace('</file>', '</group></file>')
      .replace('협상 대표들은', '협상단은');
    expect(await imported(dir, xliff)).toBe(`content/translations/ko/${SLUG}.json: 1 segment updated\nimported ko.xlf: 1 segment changed in ko\n`);
    expect(readKorean(dir).segments[THIRD!.id]!.target).toBe('협상단은 다음 달 도쿄에서 다시 만날 예정이다.');
  });

  it('maps <sc>/<ec> pairs to the same placeholders as <pc>', async () => {
    const dir = project();
    const xliff = (await exported(dir)).replace('<target>부처의 <pc id="a1">성명</pc>에', '<target>부처의 <sc id="a1"/>공식 성명<ec startRef="a1"/>에');
    await imported(dir, xliff);
    expect(readKorean(dir).segments[LINKED!.id]!.target).toBe('부처의 <a1>공식 성명</a1>에 따르면 회담은 합의 없이 끝났다.');
  });

  it("reads the text of a tool's annotations (<mrk> for a term or a comment, <sm>/<em> markers) in a target, dropping only the annotation", async () => {
    const dir = project();
    const xliff = (await exported(dir))
      .replace('<target>부처의 <pc id="a1">성명</pc>에', '<target>부처의 <pc id="a1"><mrk id="m1" type="term" value="statement">성명</mrk></pc>에')
      .replace('<target>협상 대표들은', '<target><sm id="c1" type="comment" value="check"/>협상단은<em startRef="c1"/>');
    await imported(dir, xliff);
    const segments = readKorean(dir).segments;
    expect(segments[LINKED!.id]!.target).toBe(KOREAN[1]);
    expect(segments[THIRD!.id]!.target).toBe('협상단은 다음 달 도쿄에서 다시 만날 예정이다.');
  });

  it('stores a pretty-printed target without its indentation, and keeps spaces under xml:space="preserve"', async () => {
    const dir = project();
    const xliff = (await exported(dir))
      .replace('<target>협상 대표들은', '<target>\n          협상단은\n          ')
      .replace(/<target>양국 관리들은(.*)<\/target>/u, '<target xml:space="preserve">  양국 관리들은$1 </target>');
    await imported(dir, xliff);
    const segments = readKorean(dir).segments;
    expect(segments[THIRD!.id]!.target).toBe('협상단은 다음 달 도쿄에서 다시 만날 예정이다.');
    expect(segments[FIRST!.id]!.target).toBe(`  ${KOREAN[0]} `);
    // The export says so in turn, and gives back the same bytes.
    const again = await exported(dir, 'again.xlf');
    expect(again).toContain(`<target xml:space="preserve">  ${KOREAN[0]} </target>`);
    await imported(dir, again);
    expect(await exported(dir, 'third.xlf')).toBe(again);
  });
});

describe('XLIFF made before the English changed', () => {
  it('rebases the work of the reviewer onto the new English, marked source-changed, and keeps what matches nothing', async () => {
    const dir = project();
    const old = await exported(dir);
    // After the export, a copy editor changes one paragraph and deletes another.
    const edited = PARAGRAPHS[2]!.replace('next month', 'in two weeks');
    writeArticleText(dir, markdown([PARAGRAPHS[1]!, edited]));
    const [, , newThird] = segmentsOf(markdown([PARAGRAPHS[1]!, edited]));
    const xliff = old.replace('<target>협상 대표들은', '<target>협상단은').replace('<target>양국 관리들은', '<target>두 나라 관리들은');
    const stdout = await imported(dir, xliff);
    const line = (id: string) => xliff.slice(0, xliff.indexOf(`<unit id="${id}"`)).split('\n').length;
    expect(stdout).toBe(
      [
        `content/translations/ko/${SLUG}.json: 2 segments updated`,
        `ko.xlf:${line(FIRST!.id)}: unit ${FIRST!.id} was made for an older English; matched no segment of the new English: kept under its old id (\`edition check\` lists it)`,
        `ko.xlf:${line(THIRD!.id)}: unit ${THIRD!.id} was made for an older English; stored for segment ${newThird!.id}, marked source-changed`,
        'imported ko.xlf: 2 segments changed in ko',
        '',
      ].join('\n'),
    );
    const segments = readKorean(dir).segments;
    expect(segments[newThird!.id]).toEqual({
      source: newThird!.source,
      target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.',
      origin: 'human',
      state: 'translated',
      sourceChanged: true,
      previousSource: THIRD!.source,
    });
    expect(segments[THIRD!.id]).toBeUndefined();
    expect(segments[FIRST!.id]).toEqual({ source: FIRST!.source, target: `두 나라 관리들은${KOREAN[0]!.slice('양국 관리들은'.length)}`, origin: 'human', state: 'translated' });
    expect(segments[TITLE!.id]).toEqual({ source: TITLE!.source, target: '무역 회담 종료', origin: 'human', state: 'translated' });
  });
});

describe('a file left as exported while the memory moved on', () => {
  it('changes nothing where a build has translated the changed English since: the new translation stands', async () => {
    const dir = project((index) => (index === 3 ? { origin: 'deepl' } : {}));
    const old = await exported(dir);
    const edited = PARAGRAPHS[2]!.replace('next month', 'in two weeks');
    writeArticleText(dir, markdown([PARAGRAPHS[0]!, PARAGRAPHS[1]!, edited]));
    const [, , , newThird] = segmentsOf(markdown([PARAGRAPHS[0]!, PARAGRAPHS[1]!, edited]));
    // What a DeepL build leaves: the stale machine entry replaced by a translation of the new English, linked to the old one.
    const memory = readKorean(dir);
    const stale = memory.segments[THIRD!.id]!;
    delete memory.segments[THIRD!.id];
    memory.segments[newThird!.id] = {
      source: newThird!.source,
      target: '협상 대표들은 2주 뒤 도쿄에서 다시 만난다.',
      origin: 'deepl',
      state: 'translated',
      previousSource: stale.source,
      previousTarget: stale.target,
    };
    const file = join(dir, `content/translations/ko/${SLUG}.json`);
    writeFileSync(file, serializeMemory(memory));
    const before = readFileSync(file, 'utf8');
    expect(await imported(dir, old)).toBe('imported ko.xlf: 0 segments changed in ko\n');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("warns, unit by unit, where a tool dropped the notes that tell a reviewer's change from the memory's", async () => {
    const dir = project();
    const xliff = (await exported(dir)).replace(/\s*<note category="exported">[^<]*<\/note>/gu, '').replace('<target>협상 대표들은', '<target>협상단은');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.code).toBe(0);
    const line = xliff.slice(0, xliff.indexOf('<target>협상단은')).split('\n').length;
    expect(run.stderr).toBe(
      `warning: ko.xlf:${line}: unit ${THIRD!.id} has no "exported" note (the tool dropped it), so a change made in the memory since the export cannot be told from the reviewer's: taken as the reviewer's\n  hint: if this file is older than the memory, export again and redo the work there (keep the notes edition writes)\n`,
    );
    expect(readKorean(dir).segments[THIRD!.id]!.target).toBe('협상단은 다음 달 도쿄에서 다시 만날 예정이다.');
  });
});

describe('flags and origins', () => {
  const machine = (index: number): Partial<MemoryEntry> =>
    index === 2 ? { origin: 'deepl', target: KOREAN[1]!.replace('<a1>성명</a1>', '성명'), flag: 'tag <a1> missing' } : index === 3 ? { origin: 'deepl' } : {};

  it('imports the rest of a file whose flagged unit the reviewer did not touch; that unit stays flagged', async () => {
    const dir = project(machine);
    const before = readKorean(dir).segments[LINKED!.id];
    await imported(dir, (await exported(dir)).replace('<target>양국 관리들은', '<target>두 나라 관리들은'));
    const segments = readKorean(dir).segments;
    expect(segments[LINKED!.id]).toEqual(before);
    expect(segments[LINKED!.id]!.flag).toBe('tag <a1> missing');
    expect(segments[FIRST!.id]!.target.startsWith('두 나라 관리들은')).toBe(true);
  });

  it('makes a fixed machine translation a human one', async () => {
    const dir = project(machine);
    await imported(dir, (await exported(dir)).replace('<target>협상 대표들은', '<target>협상단은'));
    expect(readKorean(dir).segments[THIRD!.id]).toEqual({ source: THIRD!.source, target: '협상단은 다음 달 도쿄에서 다시 만날 예정이다.', origin: 'human', state: 'translated' });
  });
});
