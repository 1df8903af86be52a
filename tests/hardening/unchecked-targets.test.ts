/**
 * Every target passes the same checks, whatever wrote it: an XLIFF import,
 * a hand-edited memory file or a machine. A target that fails is refused
 * at import, reported by `edition check` and never published; a flag
 * clears only when the target changes.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, seedProject } from '../support/build.js';
import { KOREAN, SLUG, koreanMemory, readKorean, reviewProject, segmentsOf, markdown } from '../review/fixture.js';
import type { MemoryEntry, MemoryFile } from '../../pipeline/translation/memory/memory-file.js';

const memoryPath = (dir: string) => join(dir, `content/translations/ko/${SLUG}.json`);
// The paragraph with a link: `<a1>statement</a1>`.
const LINKED = segmentsOf(markdown())[2]!;

function project(entry: (index: number) => Partial<MemoryEntry> = () => ({})): string {
  const dir = reviewProject(koreanMemory(entry));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function exported(dir: string): Promise<string> {
  const run = await runCli(dir, ['xliff', 'export', 'ko', SLUG, '--out', 'ko.xlf']);
  expect(run.code).toBe(0);
  return readFileSync(join(dir, 'ko.xlf'), 'utf8');
}

const ORIGINAL_TARGET = '<target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 합의 없이 끝났다.</target>';
const attacks: Array<[string, string, RegExp]> = [
  ['U+202E', '<target>부처의 <pc id="a1">성명</pc>에 따르면 \u202E회담은 합의 없이 끝났다.</target>', /bidirectional control characters not in the source \(U\+202E\)/u],
  ['a phishing URL', '<target>부처의 <pc id="a1">성명</pc>에 따르면 회담은 끝났다. https://evil.example/login</target>', /a web address not in the source: "https:\/\/evil.example\/login"/u],
  [
    'a tab inside javascript:',
    '<target xml:space="preserve">부처의 <pc id="a1">성명</pc>에 따르면 java\tscript:alert(1) 끝났다.</target>',
    /a script or data URL not in the source: "javascript:alert\(1\)"/u,
  ],
  ['fullwidth markup', '<target>부처의 <pc id="a1">성명</pc>에 따르면 ＜script＞ 끝났다.</target>', /text that looks like HTML markup, not in the source: "<script>"/u],
];

describe('an imported target passes the checks machine output passes', () => {
  for (const [what, target, reason] of attacks) {
    it(`refuses a final target with ${what}, writing nothing`, async () => {
      const dir = project();
      const before = readFileSync(memoryPath(dir), 'utf8');
      const xliff = (await exported(dir)).replace(ORIGINAL_TARGET, target).replace(/<segment state="translated">(\s*<source>The talks ended)/u, '<segment state="final">$1');
      expect(xliff).toContain('<segment state="final">');
      writeFileSync(join(dir, 'ko.xlf'), xliff);
      const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: ko\.xlf:\d+/mu);
      expect(run.stderr).toMatch(reason);
      expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
    });
  }

  it('refuses a final target that puts one link inside another', async () => {
    const paragraphs = ['Read the [statement](https://example.com/a) and the [reply](https://example.com/b).'];
    const segments = segmentsOf(markdown(paragraphs));
    const memory: MemoryFile = { article: SLUG, locale: 'ko', segments: {} };
    for (const [index, segment] of segments.entries()) {
      memory.segments[segment.id] = { source: segment.source, target: index === 0 ? '무역 회담 종료' : '<a1>성명</a1>과 <a2>답변</a2>을 읽으세요.', origin: 'human', state: 'translated' };
    }
    const dir = reviewProject(memory, markdown(paragraphs));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const before = readFileSync(memoryPath(dir), 'utf8');
    const xliff = (await exported(dir)).replace('<target><pc id="a1">성명</pc>과 <pc id="a2">답변</pc>', '<target><pc id="a1">성명과 <pc id="a2">답변</pc></pc>');
    writeFileSync(join(dir, 'ko.xlf'), xliff.replaceAll('state="translated"', 'state="final"'));
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ko\.xlf:\d+ \([0-9a-f]{16}\): target refused: a link or footnote marker placed inside a link\n/u);
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
  });
});

describe('a hand-edited memory is checked like machine output', () => {
  it('is reported by `edition check` and never published, naming the memory file and segment', async () => {
    const dir = project((index) => (index === 2 ? { target: KOREAN[1]!.replace('끝났다.', '끝났다. https://evil.example/login \u202E'), state: 'final' } : {}));
    const check = await runCli(dir, ['check', '--locales', 'ko']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `content/${SLUG}.md\n  segment ${LINKED.id}: unsafe in ko: target fails the checks every published translation passes: a web address not in the source: "https://evil.example/login"; bidirectional control characters not in the source (U+202E)`,
    );
    const build = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(`content/translations/ko/${SLUG}.json (${LINKED.id}): ko translation fails the checks every published target passes: a web address not in the source`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('is exported as text when its tags do not parse, and an untouched import of it changes nothing', async () => {
    const dir = project((index) => (index === 2 ? { target: '부처의 <a1>성명에 따르면 ]]> 끝났다.' } : {}));
    const before = readFileSync(memoryPath(dir), 'utf8');
    const xliff = await exported(dir);
    expect(xliff).toContain('<target>부처의 &#x3C;a1>성명에 따르면 ]]&#x3E; 끝났다.</target>');
    expect(xliff).toContain('<note category="placeholders">not well-formed: ');
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('imported ko.xlf: 0 segments changed in ko\n');
    expect(readFileSync(memoryPath(dir), 'utf8')).toBe(before);
  });
});

describe('a flag clears only when the target changes', () => {
  const flagged = (index: number): Partial<MemoryEntry> => (index === 2 ? { origin: 'deepl', target: KOREAN[1]!.replace('<a1>성명</a1>', '성명'), flag: 'tag <a1> missing' } : {});

  it('keeps the flag when only the state is set to final, and the build still holds the edition back', async () => {
    const dir = project(flagged);
    const xliff = (await exported(dir)).replace(/<segment state="translated">(\s*<source>The talks ended)/u, '<segment state="final">$1');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    // Said at once, not left for the build to show.
    expect(run.stderr).toMatch(new RegExp(`^warning: ko\\.xlf:\\d+: unit ${LINKED.id} is still flagged: a flag clears only when its target changes, so its edition stays held\n`, 'u'));
    expect(run.code).toBe(0);
    expect(readKorean(dir).segments[LINKED.id]).toEqual({ source: LINKED.source, target: '부처의 성명에 따르면 회담은 합의 없이 끝났다.', origin: 'deepl', state: 'final', flag: 'tag <a1> missing' });
    const build = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(build.code).toBe(0);
    expect(build.stdout).toContain(`held: content/${SLUG}.md: ko: 1 segment flagged for review\n`);
    expect(existsSync(join(dir, `out/ko/${SLUG}.html`))).toBe(false);
  });

  it('clears it when the reviewer fixes the target, which becomes a human translation', async () => {
    const dir = project(flagged);
    const xliff = (await exported(dir)).replace('<target>부처의 성명에', '<target>부처의 <pc id="a1">성명</pc>에');
    writeFileSync(join(dir, 'ko.xlf'), xliff);
    const run = await runCli(dir, ['xliff', 'import', 'ko.xlf']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readKorean(dir).segments[LINKED.id]).toEqual({ source: LINKED.source, target: KOREAN[1], origin: 'human', state: 'translated' });
    const build = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(build.code).toBe(0);
  });
});

describe('a build with targets that fail the checks in several editions', () => {
  it('names every one, not only the first edition it met, and publishes nothing', async () => {
    const dir = seedProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const seed = 'kim-jong-un-supports-russia';
    for (const [locale, url] of [
      ['ja', 'https://evil.example.org'],
      ['ko', 'https://evil.example.com'],
    ] as const) {
      const file = join(dir, `content/translations/${locale}/${seed}.json`);
      const memory = JSON.parse(readFileSync(file, 'utf8')) as MemoryFile;
      const entry = Object.values(memory.segments)[3]!;
      entry.target = `${entry.target} ${url}`;
      writeFileSync(file, JSON.stringify(memory, null, 2));
    }
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 2 problems stop this build');
    expect(run.stderr).toContain('ja translation fails the checks every published target passes: a web address not in the source: "https://evil.example.org"');
    expect(run.stderr).toContain('ko translation fails the checks every published target passes: a web address not in the source: "https://evil.example.com"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
