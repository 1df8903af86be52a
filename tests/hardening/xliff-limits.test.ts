/**
 * An XLIFF file is outside input: it is bounded in size and nesting, and a
 * file that would silently lose or double units (the same article twice,
 * a unit twice, a segment whose English the unit's does not have) is
 * refused, naming the lines.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { reviewProject, SLUG } from '../review/fixture.js';
import { checkTranslation } from '../../pipeline/segments/check-translation.js';

const memoryPath = (dir: string) => join(dir, `content/translations/ko/${SLUG}.json`);

async function exportedProject(): Promise<{ dir: string; xliff: string; memory: string }> {
  const dir = reviewProject();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  expect((await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', 'ko.xlf'])).code).toBe(0);
  return { dir, xliff: readFileSync(join(dir, 'ko.xlf'), 'utf8'), memory: readFileSync(memoryPath(dir), 'utf8') };
}

const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

async function refused(dir: string, xliff: string, memory: string): Promise<string> {
  writeFileSync(join(dir, 'ko.xlf'), xliff);
  const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
  expect(run.code).toBe(1);
  expect(readFileSync(memoryPath(dir), 'utf8')).toBe(memory);
  return run.stderr;
}

describe('XLIFF import refuses what would lose or double units', () => {
  it('refuses the same article in two <file> elements, naming both lines', async () => {
    const { dir, xliff, memory } = await exportedProject();
    const file = xliff.slice(xliff.indexOf('  <file'), xliff.indexOf('</file>') + '</file>'.length);
    const doubled = xliff.replace('</file>', `</file>\n${file.replace('협상 대표들은', '협상단은')}`);
    const second = lineOf(doubled, '<file', doubled.indexOf('</file>'));
    expect(await refused(dir, doubled, memory)).toBe(`error: ko.xlf:${second}: a second <file id="${SLUG}"> (the first is on line 3)\n  hint: put each article in one <file>\n`);
  });

  it('refuses a unit given twice', async () => {
    const { dir, xliff, memory } = await exportedProject();
    const unit = xliff.slice(xliff.indexOf('<unit'), xliff.indexOf('</unit>') + '</unit>'.length);
    const id = /<unit id="([0-9a-f]+)"/u.exec(unit)![1]!;
    const doubled = xliff.replace('</unit>', `</unit>\n    ${unit}`);
    expect(await refused(dir, doubled, memory)).toBe(
      `error: ko.xlf:${lineOf(doubled, '<unit', doubled.indexOf('</unit>'))} (${id}): the unit is given twice (the first is on line 4)\n  hint: keep each unit once\n`,
    );
  });

  it('refuses a unit given a second <segment> of English the unit was not made for', async () => {
    const { dir, xliff, memory } = await exportedProject();
    // Read with the first as one text (as a tool that splits sentences writes it), the sources are no longer the article's English.
    const extra = xliff.replace('</segment>', '</segment>\n      <segment state="final"><source>Trade talks end</source><target>다른 번역</target></segment>');
    expect(await refused(dir, extra, memory)).toMatch(/^error: ko\.xlf:\d+ \([0-9a-f]{16}\): source does not match the article's English \(its hash differs\)\n/u);
  });
});

describe('XLIFF import limits', () => {
  it('refuses a file over 32 MB before parsing it', async () => {
    const { dir, xliff, memory } = await exportedProject();
    const big = xliff.replace('</xliff>', `<!--${'x'.repeat(33 * 1024 * 1024)}-->\n</xliff>`);
    expect(await refused(dir, big, memory)).toBe(
      'error: ko.xlf: file is 33.0 MB, over the 32 MB an XLIFF import takes\n  hint: export and import fewer articles at a time (`edition xliff export <locale> <slug>`)\n',
    );
  });

  it('refuses 200,000 nested <pc> with a message, not a crash', async () => {
    const { dir, xliff, memory } = await exportedProject();
    const deep = xliff.replace('<target>양국', `<target>${'<pc id="em1">'.repeat(200_000)}x${'</pc>'.repeat(200_000)}양국`);
    const stderr = await refused(dir, deep, memory);
    expect(stderr).toMatch(/^error: ko\.xlf:\d+: malformed XML: elements nested more than 200 deep; nothing was imported\n/u);
  });
});

describe('the text checks', () => {
  const source = 'Officials met in Seoul.';
  it('refuse a tab inside a script URL and fullwidth markup', () => {
    expect(checkTranslation(source, '관리들은 java\tscript:alert(1) 서울에서 만났다.')).toBe('a script or data URL not in the source: "javascript:alert(1)"');
    expect(checkTranslation(source, '관리들은 ＜script＞ 서울에서 만났다.')).toBe('text that looks like HTML markup, not in the source: "<script>"');
  });

  it('allow the bidi marks RTL writers type (LRM, RLM, ALM) and refuse embeddings, overrides and isolates', () => {
    expect(checkTranslation(source, 'التقى المسؤولون في سيول\u200F (Seoul)\u200E \u061C.')).toBeUndefined();
    expect(checkTranslation(source, 'التقى \u202Bالمسؤولون\u202C في \u2067سيول\u2069.')).toBe('bidirectional control characters not in the source (U+202B, U+202C, U+2067, U+2069)');
  });
});
