import { describe, expect, it } from 'vitest';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../support/build.js';
import { EDITED, KOREAN, PARAGRAPHS, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf, writeArticleText } from './fixture.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';

const memoryPath = (dir: string) => join(dir, `content/translations/ko/${SLUG}.json`);

/** The article edited after translation, with a machine-translated third paragraph and one new paragraph untranslated. */
function project(): string {
  const paragraphs = [...EDITED.slice(0, 2), 'Negotiators are expected to meet again next month in Tokyo.', 'A postscript from the desk.'];
  return reviewProject(
    koreanMemory((index) => (index === 3 ? { origin: 'deepl', state: 'translated' } : {})),
    markdown(paragraphs),
  );
}

async function exported(dir: string, file = 'ko.xlf'): Promise<string> {
  const run = await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', file]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return readFileSync(join(dir, file), 'utf8');
}

describe('XLIFF export', () => {
  it('writes XLIFF 2.1 with states, inline codes, notes and the source change', async () => {
    const xliff = await exported(project());
    expect(xliff).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ko">/u);
    expect(xliff).toContain('<segment state="translated" subState="edition:source-changed">');
    expect(xliff).toContain('<source>The talks ended without a final agreement, according to a <pc id="a1">statement</pc> from the ministry.</source>');
    expect(xliff).toContain(`<target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target>`);
    expect(xliff).toContain('<note category="previous-source">The talks ended without an agreement, according to a &#x3C;a1>statement&#x3C;/a1> from the ministry.</note>');
    expect(xliff).toContain('<note category="origin">deepl</note>');
    // The new paragraph: a source with no target, state initial.
    expect(xliff).toMatch(/<segment state="initial">\n\s+<source>A postscript from the desk.<\/source>\n\s+<\/segment>/u);
  });
});

describe('XLIFF import', () => {
  it('round-trips byte for byte: export, import, export', async () => {
    const dir = project();
    const first = await exported(dir);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.code).toBe(0);
    const memoryAfterImport = readFileSync(memoryPath(dir), 'utf8');
    expect(await exported(dir, 'again.xlf')).toBe(first);
    // A second import of the same file changes nothing at all.
    await runCli(dir, ['xliff', 'import', 'again.xlf']);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(memoryAfterImport);
  });

  it("reads only its own locale's memories and the articles the file names: another locale's broken file or article stops nothing", async () => {
    const dir = project();
    const first = await exported(dir);
    // A German memory cut off mid-write, and another article whose front matter is broken: neither is the Korean file's.
    mkdirSync(join(dir, 'content/translations/de'));
    writeFileSync(join(dir, `content/translations/de/${SLUG}.json`), '{"article": "talks", "loc');
    writeFileSync(join(dir, 'content/other.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
    expect(await exported(dir, 'again.xlf')).not.toBe('');
    const edited = first.replace(
      '<target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target>',
      '<target>부처 <pc id="a1">성명</pc>에 따르면 회담은 최종 합의 없이 끝났다.</target>',
    );
    expect(edited).not.toBe(first);
    writeFileSync(join(dir, 'ko.xlf'), edited);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`content/translations/ko/${SLUG}.json: 1 segment updated`);
    expect(Object.values(readKorean(dir).segments).some((entry) => entry.target === '부처 <a1>성명</a1>에 따르면 회담은 최종 합의 없이 끝났다.')).toBe(true);
  });

  it('writes a memory file kept elsewhere in the content folder through its link, with the permissions it had', async () => {
    const dir = project();
    const shared = join(dir, 'content/shared/ko-talks.json');
    mkdirSync(dirname(shared));
    renameSync(memoryPath(dir), shared);
    symlinkSync('../../shared/ko-talks.json', memoryPath(dir));
    chmodSync(shared, 0o444);
    const xliff = await exported(dir);
    writeFileSync(join(dir, 'ko.xlf'), xliff.replace('<segment state="translated" subState="edition:source-changed">', '<segment state="reviewed">'));
    expect((await runCli(dir, ['xliff', 'import', 'ko.xlf'])).code).toBe(0);
    expect(lstatSync(memoryPath(dir)).isSymbolicLink()).toBe(true);
    expect(readFileSync(shared, 'utf8')).toContain('"state": "reviewed"');
    expect(statSync(shared).mode & 0o777).toBe(0o444);
  });

  it('refuses a file saved in another encoding than UTF-8, naming its line, and changes nothing', async () => {
    const dir = project();
    const first = await exported(dir);
    const before = readFileSync(memoryPath(dir), 'utf8');
    // A CAT tool that saved the file in Latin-1: é is one byte, 0xE9, which is not UTF-8.
    const latin1 = Buffer.from(first.replace('</target>', ' café</target>'), 'latin1');
    writeFileSync(join(dir, 'latin1.xlf'), latin1);
    const run = await runCli(dir, ['xliff', 'import', 'latin1.xlf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: latin1\.xlf:\d+: file is not UTF-8 text\n {2}hint: save the file with UTF-8 encoding/mu);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
  });

  it('reads an empty <target/>, as CAT tools write an untranslated unit, as no translation: nothing replaced, no draft made', async () => {
    const dir = project();
    const file = await exported(dir);
    // The file as exported, imported first: what it changes (a translation moved to an edited English) is not the point.
    expect((await runCli(dir, ['xliff', 'import', 'ko.xlf'])).code).toBe(0);
    const before = readFileSync(memoryPath(dir), 'utf8');
    const emptied = file.replace(/<target>양국 관리들은[^<]*<\/target>/u, '<target></target>').replace(/(<source>A postscript from the desk.<\/source>)/u, '$1<target/>');
    expect(emptied).not.toBe(file);
    writeFileSync(join(dir, 'empty.xlf'), emptied);
    const run = await runCli(dir, ['xliff', 'import', 'empty.xlf']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
  });

  it("never undoes another reviewer's import with a unit left as exported, and refuses a unit both changed", async () => {
    const dir = project();
    const exportedOnce = await exported(dir);
    const machine = '<target>협상 대표들은';
    // Alice fixes the machine translation; Bob, from the same export, only translates the new paragraph.
    const alice = exportedOnce.replace(machine, '<target>협상단은');
    const bob = exportedOnce.replace(/(<source>A postscript from the desk.<\/source>)/u, '$1<target>데스크의 추신.</target>');
    const carol = exportedOnce.replace(machine, '<target>대표단은');
    for (const [name, text] of [
      ['alice.xlf', alice],
      ['bob.xlf', bob],
      ['carol.xlf', carol],
    ] as const)
      writeFileSync(join(dir, name), text);
    expect((await runCli(dir, ['xliff', 'import', 'alice.xlf'])).code).toBe(0);
    expect((await runCli(dir, ['xliff', 'import', 'bob.xlf'])).stdout).toContain('imported bob.xlf: 1 segment changed in ko');
    const entries = Object.values(readKorean(dir).segments);
    expect(entries.find((entry) => entry.target.startsWith('협상단은'))).toMatchObject({ origin: 'human' });
    expect(entries.find((entry) => entry.target.startsWith('협상 대표들은'))).toBeUndefined();
    expect(entries.find((entry) => entry.target === '데스크의 추신.')).toMatchObject({ origin: 'human' });
    // Carol changed the unit Alice changed, from the old export: neither is overwritten, and nothing of her file is written.
    const memory = readFileSync(memoryPath(dir), 'utf8');
    const refused = await runCli(dir, ['xliff', 'import', 'carol.xlf']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`changed in content/translations/ko/${SLUG}.json since this file was exported, and changed here too`);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(memory);
  });

  /** The English of the third paragraph edited, and built: the build moves its human translation to the new text. */
  async function thirdParagraphEdited(dir: string): Promise<void> {
    writeArticleText(dir, markdown([...PARAGRAPHS.slice(0, 2), 'Negotiators are expected to meet again next month in Osaka.']));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
  }

  /** A reviewer fixes the moved translation at the desk (reviewed, for the new English); its id and the memory file after. */
  function fixedAtTheDesk(dir: string): { id: string; fixed: string } {
    const memory = readKorean(dir);
    const [id, moved] = Object.entries(memory.segments).find(([, entry]) => entry.sourceChanged === true)!;
    memory.segments[id] = { source: moved.source, target: '협상 대표들은 다음 달 오사카에서 다시 만날 예정이다.', origin: 'human', state: 'reviewed' };
    writeFileSync(memoryPath(dir), serializeMemory(memory));
    return { id, fixed: readFileSync(memoryPath(dir), 'utf8') };
  }

  /** An exported file with the third paragraph's unit changed by the agency. */
  const agencyChanged = (xliff: string) => xliff.replace(`<target>${KOREAN[2]}`, '<target>협상단은 다음 달 도쿄에서 다시 만난다.');

  /** A tool that drops every note edition writes (the export stamps among them). */
  const notesDropped = (xliff: string) => xliff.replace(/\s*<notes>[\s\S]*?<\/notes>/gu, '');

  it("refuses an old file's unit whose English was edited since, where a reviewer has fixed the translation the build moved to the new English", async () => {
    const dir = reviewProject();
    const agency = await exported(dir, 'agency.xlf');
    await thirdParagraphEdited(dir);
    const { id, fixed } = fixedAtTheDesk(dir);
    writeFileSync(join(dir, 'agency.xlf'), agencyChanged(agency));
    const run = await runCli(dir, ['xliff', 'import', 'agency.xlf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`since this file was exported (under the edited English's new id ${id}), and changed here too`);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(fixed);
  });

  it('refuses an old file without export notes whose English was edited since, where a reviewer has fixed the moved translation, even for a unit the file left alone', async () => {
    const dir = reviewProject();
    const agency = notesDropped(await exported(dir, 'agency.xlf'));
    expect(agency).not.toContain('<note');
    await thirdParagraphEdited(dir);
    const { id, fixed } = fixedAtTheDesk(dir);
    // The agency's file as exported (the unit untouched), and with the unit changed: neither overwrites the fix.
    for (const text of [agency, agencyChanged(agency)]) {
      writeFileSync(join(dir, 'agency.xlf'), text);
      const run = await runCli(dir, ['xliff', 'import', 'agency.xlf']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the translation of the edited English (id ${id}) in content/translations/ko/${SLUG}.json was fixed or confirmed since`);
      expect(readFileSync(memoryPath(dir), 'utf8')).toBe(fixed);
    }
  });

  it('takes a changed unit of an old file without export notes onto the edited English, with a warning naming it', async () => {
    const dir = reviewProject();
    const agency = notesDropped(await exported(dir, 'agency.xlf'));
    await thirdParagraphEdited(dir);
    writeFileSync(join(dir, 'agency.xlf'), agencyChanged(agency));
    const run = await runCli(dir, ['xliff', 'import', 'agency.xlf']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: agency\.xlf:\d+: unit [0-9a-f]{16} has no "exported" note/u);
    const entry = Object.values(readKorean(dir).segments).find((candidate) => candidate.target === '협상단은 다음 달 도쿄에서 다시 만난다.');
    expect(entry).toMatchObject({ origin: 'human', sourceChanged: true });
  });

  it('makes an edited target a human translation, keeps the state given, and resolves a source change', async () => {
    const dir = project();
    let xliff = await exported(dir);
    xliff = xliff.replace('<target>협상 대표들은', '<target>협상단은').replace('subState="edition:source-changed"', '').replace('<segment state="translated" >', '<segment state="reviewed">');
    xliff = xliff.replace(/(<source>A postscript from the desk.<\/source>)/u, '$1<target>데스크의 추신.</target>');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stdout).toContain('imported ko.xlf: 3 segments changed in ko');
    const entries = Object.values(readKorean(dir).segments);
    expect(entries.find((entry) => entry.target.startsWith('협상단은'))).toMatchObject({ origin: 'human', state: 'translated' });
    expect(entries.find((entry) => entry.target === KOREAN[1])).toEqual({
      source: 'The talks ended without a final agreement, according to a <a1>statement</a1> from the ministry.',
      target: KOREAN[1],
      origin: 'human',
      state: 'reviewed',
    });
    expect(entries.find((entry) => entry.target === '데스크의 추신.')).toMatchObject({ origin: 'human', state: 'initial' });
    // A target left in XLIFF's initial state is not translated yet: check still wants it.
    const pending = await runCli(dir, ['check', '--locales', 'ko']);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toMatch(/missing/u);
    // Marked translated, it is published and check passes; the source change is resolved.
    writeFileSync(join(dir, 'ko.xlf'), xliff.replace(/<segment state="initial">(\s*<source>A postscript from the desk\.)/u, '<segment state="translated">$1'));
    expect((await runCli(dir, ['xliff', 'import', 'ko.xlf'])).code).toBe(0);
    expect((await runCli(dir, ['check', '--locales', 'ko'])).code).toBe(0);
  });

  const refusals: Array<[string, (xliff: string) => string, RegExp]> = [
    ['malformed XML', (xliff) => xliff.replace('</notes>', '</note>'), /malformed XML: .*nothing was imported/u],
    ['an unknown segment id', (xliff) => xliff.replace(/<unit id="[0-9a-f]{16}"/u, '<unit id="0000000000000000"'), /unknown segment id 0000000000000000/u],
    [
      'a source that no longer matches its hash',
      (xliff) => xliff.replace('<source>Trade talks end</source>', '<source>Trade talks ended</source>'),
      /source does not match the article's English \(its hash differs\)/u,
    ],
    ['a lost placeholder tag', (xliff) => xliff.replace('<target>부처의 <pc id="a1">성명</pc>에', '<target>부처의 성명에'), /broken placeholder tags: tag <a1> missing/u],
    ['an invented placeholder tag', (xliff) => xliff.replace('<target>양국', '<target><ph id="code9"/>양국'), /broken placeholder tags: tag <code9> is not in the source/u],
    // Stored, it would make the memory file unreadable and stop every build.
    ['a C1 control character in a target', (xliff) => xliff.replace('<target>양국', '<target>양국&#x9b;'), /target refused: control characters no text may hold, not in the source \(U\+009B\)/u],
    // It would replace a human translation with an empty link on the page.
    [
      'a target of tags and no text',
      (xliff) => xliff.replace(/<target>부처의 <pc id="a1">성명<\/pc>[^<]*<\/target>/u, '<target><pc id="a1"></pc> </target>'),
      /target refused: no text, only tags, for a source that has text/u,
    ],
  ];
  for (const [what, corrupt, message] of refusals) {
    it(`refuses a file with ${what} as a whole, writing nothing`, async () => {
      const dir = project();
      const before = readFileSync(memoryPath(dir), 'utf8');
      // A good change in the same file must not be imported either.
      const xliff = corrupt((await exported(dir)).replace('<target>협상 대표들은', '<target>협상단은'));
      writeFileSync(join(dir, 'ko.xlf'), xliff);
      const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^error: ko\.xlf:\d+/mu);
      expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
    });
  }

  it('names the segment of every refused unit in one message', async () => {
    const dir = project();
    const ids = segmentsOf(markdown(EDITED)).map((segment) => segment.id);
    const xliff = (await exported(dir)).replace('<source>Trade talks end</source>', '<source>Trade talks ended</source>').replace('<target>부처의 <pc id="a1">성명</pc>에', '<target>부처의 성명에');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toContain('ko.xlf refused: 2 problems; nothing was imported');
    expect(run.stderr).toContain(`(${ids[0]})`);
    expect(run.stderr).toContain(`(${ids[2]})`);
  });
});
