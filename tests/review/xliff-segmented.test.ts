/**
 * XLIFF as a CAT tool gives it back after segmenting it into sentences:
 * XLIFF 2 units of several `<segment>`s with `<ignorable>` spaces between,
 * XLIFF 1.2 targets in `<mrk mtype="seg">` (Trados, memoQ), and `<bx>`/`<ex>`
 * where a tool cut a `<g>` at a sentence.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { PARAGRAPHS, SLUG, markdown, readKorean, reviewProject, segmentsOf } from './fixture.js';
import type { MemoryFile } from '../../pipeline/translation/memory/memory-file.js';

const TWO_SENTENCES = 'The talks ended without an agreement, according to a [statement](https://example.com/) from the ministry. **Negotiators will meet again. The date is not set.**';
const TEXT = markdown([PARAGRAPHS[0]!, TWO_SENTENCES]);
const [TITLE, FIRST, SPLIT] = segmentsOf(TEXT);
const FIRST_KO = '양국 관리들은 목요일 서울에서 만나 무역을 논의했다.';
const SPLIT_KO = '부처의 <a1>성명</a1>에 따르면 회담은 합의 없이 끝났다. <strong2>협상 대표들은 다시 만날 것이다. 날짜는 정해지지 않았다.</strong2>';

/** The article with its title and first paragraph translated; the two-sentence paragraph not yet. */
function project(): string {
  const memory: MemoryFile = { article: SLUG, locale: 'ko', segments: {} };
  memory.segments[TITLE!.id] = { source: TITLE!.source, target: '무역 회담 종료', origin: 'human', state: 'translated' };
  memory.segments[FIRST!.id] = { source: FIRST!.source, target: FIRST_KO, origin: 'human', state: 'translated' };
  const dir = reviewProject(memory, TEXT);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function exported(dir: string, version: '2.1' | '1.2'): Promise<string> {
  const run = await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--version', version, '--out', 'ko.xlf']);
  expect(run.code).toBe(0);
  return readFileSync(join(dir, 'ko.xlf'), 'utf8');
}

async function importing(dir: string, xliff: string) {
  writeFileSync(join(dir, 'ko.xlf'), xliff);
  return runCli(dir, ['xliff', 'import', 'ko.xlf']);
}

/** The exported unit of the two-sentence paragraph, replaced by what the test's tool wrote. */
function withUnit(xliff: string, open: string, close: string, unit: string): string {
  const start = xliff.indexOf(`${open} id="${SPLIT!.id}"`);
  expect(start).toBeGreaterThan(0);
  const end = xliff.indexOf(close, start) + close.length;
  return `${xliff.slice(0, start)}${unit}${xliff.slice(end)}`;
}

describe('XLIFF 2 units a tool split into sentences', () => {
  it('reads a unit of several <segment>s and <ignorable>s as one translation, a span crossing sentences included', async () => {
    expect(SPLIT!.source).toBe('The talks ended without an agreement, according to a <a1>statement</a1> from the ministry. <strong2>Negotiators will meet again. The date is not set.</strong2>');
    const dir = project();
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<notes><note category="exported">none</note></notes>',
      '<segment id="s1" state="reviewed"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry.</source><target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target></segment>',
      '<ignorable><source> </source></ignorable>',
      '<segment id="s2" state="translated"><source><sc id="strong2"/>Negotiators will meet again.</source><target><sc id="strong2"/>협상 대표들은 다시 만날 것이다.</target></segment>',
      '<ignorable><source xml:space="preserve"> </source></ignorable>',
      '<segment id="s3" state="final"><source>The date is not set.<ec startRef="strong2"/></source><target>날짜는 정해지지 않았다.<ec startRef="strong2"/></target></segment>',
      '</unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`content/translations/ko/${SLUG}.json: 1 segment updated\nimported ko.xlf: 1 segment changed in ko\n`);
    // The least advanced sentence decides: one still "translated" is not a reviewed paragraph.
    expect(readKorean(dir).segments[SPLIT!.id]).toEqual({ source: SPLIT!.source, target: SPLIT_KO, origin: 'human', state: 'translated' });
    const build = await runCli(dir, ['build']);
    expect(build.code).toBe(0);
    expect(readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8')).toContain('<strong>협상 대표들은 다시 만날 것이다. 날짜는 정해지지 않았다.</strong>');
  });

  it('refuses a unit with some sentences translated and others not, and writes nothing', async () => {
    const dir = project();
    const xliff = await exported(dir, '2.1');
    const memory = readFileSync(join(dir, `content/translations/ko/${SLUG}.json`), 'utf8');
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<segment state="translated"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry.</source><target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target></segment>',
      '<ignorable><source> </source></ignorable>',
      '<segment><source><pc id="strong2">Negotiators will meet again. The date is not set.</pc></source><target/></segment>',
      '</unit>',
    ].join('\n');
    const changed = withUnit(xliff, '<unit', '</unit>', unit);
    const run = await importing(dir, changed);
    const line = changed.slice(0, changed.indexOf(`<unit id="${SPLIT!.id}"`)).split('\n').length;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: ko.xlf:${line} (${SPLIT!.id}): unit is partly translated: 1 of its 2 segments has no translation (line ${line + 3}); its target would be partly English\n  hint: translate every sentence of the unit, or none\n`,
    );
    expect(readFileSync(join(dir, `content/translations/ko/${SLUG}.json`), 'utf8')).toBe(memory);
  });

  it.each([
    ['spaces only', '<target> </target>'],
    ['a line break and indentation', '<target>\n        </target>'],
    ['only its tags', '<target><sc id="strong2"/></target>'],
  ])('counts a sentence whose target holds %s as untranslated, and refuses the unit', async (_, empty) => {
    const dir = project();
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<segment state="translated"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry.</source><target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target></segment>',
      '<ignorable><source> </source></ignorable>',
      `<segment state="translated"><source><sc id="strong2"/>Negotiators will meet again.</source>${empty}</segment>`,
      '<ignorable><source> </source></ignorable>',
      '<segment state="translated"><source>The date is not set.<ec startRef="strong2"/></source><target><sc id="strong2"/>날짜는 정해지지 않았다.<ec startRef="strong2"/></target></segment>',
      '</unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unit is partly translated: 1 of its 3 segments has no translation \(line \d+\); its target would be partly English\n/u);
    expect(readKorean(dir).segments[SPLIT!.id]).toBeUndefined();
  });

  it('refuses an <ignorable> holding English with no translation of it, which would be published as it is', async () => {
    const dir = project();
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<segment state="translated"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry. <sc id="strong2"/>Negotiators will meet again.</source><target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다. <sc id="strong2"/>협상 대표들은 다시 만날 것이다.</target></segment>',
      '<ignorable><source> The date is not set.<ec startRef="strong2"/></source></ignorable>',
      '</unit>',
    ].join('\n');
    const changed = withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit);
    const run = await importing(dir, changed);
    expect(run.code).toBe(1);
    const line = changed.split('\n').findIndex((text) => text.startsWith('<ignorable>')) + 1;
    expect(run.stderr).toBe(
      `error: ko.xlf:${line} (${SPLIT!.id}): <ignorable> holds text and no translation of it\n  hint: translate that text in a <segment>, or keep only the spaces between sentences in <ignorable>\n`,
    );
  });

  it("puts the sentences of the target in their order, and keeps each part's own whitespace rule", async () => {
    const dir = project();
    // The target's sentences in the order Korean needs them (order="…"), the last one's spaces kept as written.
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<notes><note category="exported">none</note></notes>',
      '<segment state="translated"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry.</source><target order="3">부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target></segment>',
      '<ignorable><source> </source></ignorable>',
      '<segment state="translated"><source><pc id="strong2">Negotiators will meet again. The date is not set.</pc></source><target order="1" xml:space="preserve"><pc id="strong2">협상 대표들은 다시 만날 것이다.  날짜는 정해지지 않았다.</pc></target></segment>',
      '</unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit));
    expect(run.stderr).toBe('');
    expect(readKorean(dir).segments[SPLIT!.id]!.target).toBe('<strong2>협상 대표들은 다시 만날 것이다.  날짜는 정해지지 않았다.</strong2> 부처의 <a1>성명</a1>에 따르면 회담은 합의 없이 끝났다.');
  });

  it('reads one <segment> with an <ignorable> after it as one text too', async () => {
    const dir = project();
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<notes><note category="exported">none</note></notes>',
      '<segment state="translated"><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry. <pc id="strong2">Negotiators will meet again. The date is not set.</pc></source><target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다. <pc id="strong2">협상 대표들은 다시 만날 것이다. 날짜는 정해지지 않았다.</pc></target></segment>',
      '<ignorable><source> </source></ignorable>',
      '</unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit));
    expect(run.stderr).toBe('');
    expect(readKorean(dir).segments[SPLIT!.id]!.target).toBe(SPLIT_KO);
  });

  it('brings nothing from a split unit no sentence of which is translated', async () => {
    const dir = project();
    const unit = [
      `<unit id="${SPLIT!.id}">`,
      '<segment><source>The talks ended without an agreement, according to a <pc id="a1">statement</pc> from the ministry.</source><target/></segment>',
      '<ignorable><source> </source></ignorable>',
      '<segment><source><pc id="strong2">Negotiators will meet again. The date is not set.</pc></source></segment>',
      '</unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '2.1'), '<unit', '</unit>', unit));
    expect(run.stdout).toBe('imported ko.xlf: 0 segments changed in ko\n');
    expect(readKorean(dir).segments[SPLIT!.id]).toBeUndefined();
  });
});

describe('XLIFF 1.2 as CAT tools segment it', () => {
  it('reads a target in <mrk mtype="seg"> sentences beside a <seg-source>, with the tool\'s own elements and no state', async () => {
    const dir = project();
    const unit = [
      `<trans-unit id="${SPLIT!.id}" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">`,
      '<source>The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry. <g id="strong2">Negotiators will meet again. The date is not set.</g></source>',
      '<seg-source><mrk mtype="seg" mid="1">The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry.</mrk> <g id="strong2"><mrk mtype="seg" mid="2">Negotiators will meet again.</mrk> <mrk mtype="seg" mid="3">The date is not set.</mrk></g></seg-source>',
      '<target><mrk mtype="seg" mid="1">부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.</mrk> <g id="strong2"><mrk mtype="seg" mid="2">협상 대표들은 다시 만날 것이다.</mrk> <mrk mtype="seg" mid="3">날짜는 정해지지 않았다.</mrk></g></target>',
      '<note from="edition:exported">none</note>',
      '<sdl:seg-defs><sdl:seg id="1" conf="Translated"/><sdl:seg id="2" conf="Translated"/><sdl:seg id="3" conf="Translated"/></sdl:seg-defs>',
      '</trans-unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '1.2'), '<trans-unit', '</trans-unit>', unit));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`content/translations/ko/${SLUG}.json: 1 segment updated\nimported ko.xlf: 1 segment changed in ko\n`);
    expect(readKorean(dir).segments[SPLIT!.id]).toEqual({ source: SPLIT!.source, target: SPLIT_KO, origin: 'human', state: 'translated' });
  });

  it('reads <bx>/<ex>, a <g> a tool cut at a sentence, as the span it was', async () => {
    const dir = project();
    const unit = [
      `<trans-unit id="${SPLIT!.id}">`,
      '<source>The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry. <g id="strong2">Negotiators will meet again. The date is not set.</g></source>',
      '<target state="signed-off"><mrk mtype="seg" mid="1">부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.</mrk> <mrk mtype="seg" mid="2"><bx id="7" rid="strong2"/>협상 대표들은 다시 만날 것이다.</mrk> <mrk mtype="seg" mid="3">날짜는 정해지지 않았다.<ex id="8" rid="strong2"/></mrk></target>',
      '<note from="edition:exported">none</note>',
      '</trans-unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '1.2'), '<trans-unit', '</trans-unit>', unit));
    expect(run.stderr).toBe('');
    expect(readKorean(dir).segments[SPLIT!.id]).toEqual({ source: SPLIT!.source, target: SPLIT_KO, origin: 'human', state: 'reviewed' });
  });

  it.each([
    ['left in English, which Trados records as a draft', '<mrk mtype="seg" mid="3">The date is not set.</mrk>', '<sdl:seg id="3" conf="Draft"/>'],
    ['left empty', '<mrk mtype="seg" mid="3"/>', '<sdl:seg id="3"/>'],
  ])('refuses a target one of whose sentences a tool %s', async (_, third, conf) => {
    const dir = project();
    const unit = [
      `<trans-unit id="${SPLIT!.id}" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">`,
      '<source>The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry. <g id="strong2">Negotiators will meet again. The date is not set.</g></source>',
      `<target><mrk mtype="seg" mid="1">부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.</mrk> <g id="strong2"><mrk mtype="seg" mid="2">협상 대표들은 다시 만날 것이다.</mrk> ${third}</g></target>`,
      '<note from="edition:exported">none</note>',
      `<sdl:seg-defs><sdl:seg id="1" conf="Translated"/><sdl:seg id="2" conf="ApprovedTranslation"/>${conf}</sdl:seg-defs>`,
      '</trans-unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '1.2'), '<trans-unit', '</trans-unit>', unit));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unit is partly translated: 1 of its 3 sentences has no translation \(line \d+\); its target would be partly English\n/u);
    expect(readKorean(dir).segments[SPLIT!.id]).toBeUndefined();
  });

  it('pairs <bx> and <ex> by their rid when the placeholder name is the <bx> id', async () => {
    const dir = project();
    const unit = [
      `<trans-unit id="${SPLIT!.id}">`,
      '<source>The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry. <g id="strong2">Negotiators will meet again. The date is not set.</g></source>',
      '<target state="translated"><mrk mtype="seg" mid="1">부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다.</mrk> <mrk mtype="seg" mid="2"><bx id="strong2" rid="1"/>협상 대표들은 다시 만날 것이다.</mrk> <mrk mtype="seg" mid="3">날짜는 정해지지 않았다.<ex id="3" rid="1"/></mrk></target>',
      '<note from="edition:exported">none</note>',
      '</trans-unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '1.2'), '<trans-unit', '</trans-unit>', unit));
    expect(run.stderr).toBe('');
    expect(readKorean(dir).segments[SPLIT!.id]!.target).toBe(SPLIT_KO);
  });

  it('still refuses a <bx> whose pair is missing, naming the unit', async () => {
    const dir = project();
    const unit = [
      `<trans-unit id="${SPLIT!.id}">`,
      '<source>The talks ended without an agreement, according to a <g id="a1">statement</g> from the ministry. <g id="strong2">Negotiators will meet again. The date is not set.</g></source>',
      '<target>부처의 <g id="a1">성명</g>에 따르면 회담은 합의 없이 끝났다. <bx id="strong2"/>협상 대표들은 다시 만날 것이다. 날짜는 정해지지 않았다.</target>',
      '</trans-unit>',
    ].join('\n');
    const run = await importing(dir, withUnit(await exported(dir, '1.2'), '<trans-unit', '</trans-unit>', unit));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: ko\\.xlf:\\d+ \\(${SPLIT!.id}\\): broken placeholder tags: `, 'u'));
    expect(readKorean(dir).segments[SPLIT!.id]).toBeUndefined();
  });
});
