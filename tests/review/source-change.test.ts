import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateArticle } from '../../pipeline/translation/translate-article.js';
import { linkOrphans } from '../../pipeline/translation/memory/link-orphans.js';
import { parseMemory, serializeMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { pseudoTranslator } from '../../pipeline/translation/translators/pseudo.js';
import { memoryTranslator } from '../../pipeline/translation/translators/memory.js';
import type { Translator } from '../../pipeline/translation/translator.js';
import { mockTranslator } from '../support/mock-translator.js';
import { buildScratch, runCli } from '../support/build.js';
import { memorySaver } from '../../pipeline/cli/memory-saver.js';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.js';
import { fakeEnv } from '../support/deepl-project.js';
import { EDITED, KOREAN, PARAGRAPHS, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf, writeArticleText } from './fixture.js';

const article = { slug: SLUG, file: `content/${SLUG}.md`, title: 'Trade talks end' };
const translate = (memory: MemoryFile, translator: Translator, text = markdown(EDITED)) =>
  translateArticle({ article, segments: segmentsOf(text), sourceLocale: 'en', targetLocale: 'ko', memory, translator });

/** Ignores the memory and wants to store everything: the worst a translator can do. */
const greedy = (): Translator => ({
  name: 'greedy',
  usesMemory: false,
  storesResults: true,
  async translate({ segments }) {
    return segments.map((segment) => ({ id: segment.id, target: `greedy ${segment.source}` }));
  },
});

const humanTargets = (memory: MemoryFile) =>
  Object.values(memory.segments)
    .filter((entry) => entry.origin === 'human')
    .map((entry) => entry.target)
    .sort();

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());

describe('human and reviewed translations are never overwritten', () => {
  const translators: Array<[string, () => Translator]> = [
    ['memory', memoryTranslator],
    ['pseudo', pseudoTranslator],
    ['mock (storing)', () => mockTranslator({ store: true })],
    ['mock (not storing)', () => mockTranslator()],
    ['greedy (ignores the memory, stores everything)', greedy],
  ];
  for (const [name, make] of translators) {
    it(`keeps every human target through translateArticle with ${name}`, async () => {
      const memory = koreanMemory();
      const result = await translate(memory, make());
      expect(humanTargets(result.memory)).toEqual([...KOREAN, '무역 회담 종료'].sort());
      expect(Object.values(result.memory.segments).every((entry) => entry.origin === 'human')).toBe(true);
    });
  }

  it('keeps a machine translation an editor reviewed, even for a translator that ignores the memory', async () => {
    const memory = koreanMemory((index) => (index === 3 ? { origin: 'deepl', state: 'reviewed', target: '검토된 기계 번역' } : {}));
    const result = await translate(memory, greedy(), markdown());
    const reviewed = Object.values(result.memory.segments).find((entry) => entry.state === 'reviewed');
    expect(reviewed).toMatchObject({ origin: 'deepl', target: '검토된 기계 번역' });
  });

  it('survives `edition build` with the memory, pseudo and deepl translators, the English edited or not', async () => {
    for (const args of [
      ['--translator', 'memory'],
      ['--translator', 'pseudo'],
      ['--translator', 'deepl'],
    ]) {
      for (const text of [markdown(), markdown(EDITED)]) {
        const dir = reviewProject();
        writeArticleText(dir, text);
        const run = await runCli(dir, ['build', '--locales', 'en,ko', ...args], fakeEnv(fake));
        expect(run.stderr, args.join(' ')).not.toMatch(/error/u);
        expect(run.code).toBe(0);
        expect(humanTargets(readKorean(dir)), args.join(' ')).toEqual([...KOREAN, '무역 회담 종료'].sort());
      }
    }
    // Nothing was missing, so nothing went to DeepL: the human entries were served, not re-translated.
    expect(fake.translateCalls).toEqual([]);
  });
});

describe('a memory file edited while a build translates', () => {
  it("keeps the person's edit and the paid translation: the save merges, and says so", async () => {
    // The last paragraph has no Korean yet, so DeepL is asked for it; meanwhile a translator fixes the first paragraph by hand.
    const memory = koreanMemory();
    delete memory.segments[segmentsOf(markdown())[3]!.id];
    const dir = reviewProject(memory);
    const fixed = '양국 관리들은 목요일 서울에서 만나 무역 문제를 논의했다(사람이 고침).';
    const first = segmentsOf(markdown())[1]!;
    fake.faults.mangle = (text) => {
      const onDisk = readKorean(dir);
      onDisk.segments[first.id] = { ...onDisk.segments[first.id]!, target: fixed, state: 'reviewed' };
      writeFileSync(join(dir, `content/translations/ko/${SLUG}.json`), serializeMemory(onDisk));
      fake.faults.mangle = undefined;
      return text;
    };
    const run = await runCli(dir, ['build', '--locales', 'en,ko', '--translator', 'deepl'], fakeEnv(fake));
    fake.faults.mangle = undefined;
    expect(run.code).toBe(0);
    const stored = readKorean(dir);
    expect(stored.segments[first.id]).toMatchObject({ target: fixed, state: 'reviewed', origin: 'human' });
    const last = segmentsOf(markdown())[3]!;
    expect(stored.segments[last.id]).toMatchObject({ origin: 'deepl', state: 'translated' });
    expect(run.stderr).toContain(`warning: content/translations/ko/${SLUG}.json: changed on disk while the build ran; merged, keeping those changes; build again to publish them`);
  });
});

describe('a memory re-keyed for an edited English, saved once the build goes through', () => {
  it('is merged with the file as it is then, keeping what a person changed in it meanwhile', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    const fixed = '양국 관리들은 목요일 서울에서 만나 무역 문제를 논의했다(사람이 고침).';
    const first = segmentsOf(markdown())[1]!;
    const warnings: string[] = [];
    const saver = memorySaver(dir, warnings);
    await buildScratch(dir, memoryTranslator(), {
      // A person saves a fix to another paragraph after the build read the file, before it saves the re-keyed memory.
      saveMemory: async (file, memory, read) => {
        const onDisk = readKorean(dir);
        onDisk.segments[first.id] = { ...onDisk.segments[first.id]!, target: fixed, state: 'reviewed' };
        writeFileSync(join(dir, file), serializeMemory(onDisk));
        await saver(file, memory, read);
      },
    });
    const stored = readKorean(dir);
    expect(stored.segments[first.id]).toMatchObject({ target: fixed, state: 'reviewed' });
    const [edited] = segmentsOf(markdown(EDITED)).filter((segment) => segment.source.includes('final agreement'));
    expect(stored.segments[edited!.id]).toMatchObject({ target: KOREAN[1], sourceChanged: true });
    expect(warnings).toEqual([`content/translations/ko/${SLUG}.json: changed on disk while the build ran; merged, keeping those changes; build again to publish them`]);
  });
});

describe('when the English of one paragraph changes', () => {
  it('flags exactly that segment, keeps its text and records the old source', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    const run = await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(run.code).toBe(0);
    const memory = readKorean(dir);
    const changed = Object.entries(memory.segments).filter(([, entry]) => entry.sourceChanged);
    const [editedSegment] = segmentsOf(markdown(EDITED)).filter((segment) => segment.source.includes('final agreement'));
    expect(changed.map(([id]) => id)).toEqual([editedSegment!.id]);
    expect(changed[0]![1]).toMatchObject({
      source: editedSegment!.source,
      target: KOREAN[1],
      origin: 'human',
      previousSource: 'The talks ended without an agreement, according to a <a1>statement</a1> from the ministry.',
    });
    // The old id is gone (moved, not dropped): four entries for four segments.
    expect(Object.keys(memory.segments)).toHaveLength(4);
  });

  it('shows readers the notice in their language until a reviewer resolves it', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    await runCli(dir, ['build', '--locales', 'en,ko']);
    const page = readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8');
    expect(page).toContain('<p class="notice" role="note">이 번역이 작성된 뒤 영어 원문이 수정되어 내용이 최신이 아닐 수 있습니다.</p>');
    expect(page).toContain('부처의 <a href="https://example.com/">성명</a>에 따르면');
    expect(readFileSync(join(dir, `out/en/${SLUG}.html`), 'utf8')).not.toContain('class="notice"');

    // The reviewer confirms the translation: the flag and the old source go, and so does the notice.
    const memory = readKorean(dir);
    for (const entry of Object.values(memory.segments)) {
      delete entry.sourceChanged;
      delete entry.previousSource;
    }
    const file = join(dir, `content/translations/ko/${SLUG}.json`);
    (await import('node:fs')).writeFileSync(file, serializeMemory(memory));
    await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8')).not.toContain('class="notice"');
  });

  it('drops the mark and the notice when the English is edited back to what the translation was made for', async () => {
    const dir = reviewProject();
    const original = readFileSync(join(dir, `content/translations/ko/${SLUG}.json`), 'utf8');
    writeArticleText(dir, markdown(EDITED));
    await runCli(dir, ['build', '--locales', 'en,ko']);
    expect(Object.values(readKorean(dir).segments).some((entry) => entry.sourceChanged)).toBe(true);
    writeArticleText(dir, markdown(PARAGRAPHS));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    // The translation is of this English again: the memory is as before the edit, and readers see no notice.
    expect(readFileSync(join(dir, `content/translations/ko/${SLUG}.json`), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, `out/ko/${SLUG}.html`), 'utf8')).not.toContain('class="notice"');
  });

  it('re-translates a machine translation and keeps the old source and target for the diff', async () => {
    const machine = koreanMemory((index) => (index === 2 ? { origin: 'deepl', target: '옛 기계 번역 <a1>성명</a1>' } : {}));
    const translator = mockTranslator({ store: true });
    const result = await translate(machine, translator);
    const [editedSegment] = segmentsOf(markdown(EDITED)).filter((segment) => segment.source.includes('final agreement'));
    expect(translator.calls).toEqual([[editedSegment!.id]]);
    expect(result.memory.segments[editedSegment!.id]).toMatchObject({
      origin: 'mock',
      state: 'translated',
      previousSource: 'The talks ended without an agreement, according to a <a1>statement</a1> from the ministry.',
      previousTarget: '옛 기계 번역 <a1>성명</a1>',
    });
    expect(result.memory.segments[editedSegment!.id]!.sourceChanged).toBeUndefined();
    expect(Object.keys(result.memory.segments)).toHaveLength(4);
  });

  it('flags a kept human target whose placeholders no longer fit the new English, so it is not published broken', async () => {
    const withLink = PARAGRAPHS.map((text, index) => (index === 0 ? 'Officials from both countries met in [Seoul](https://example.com/seoul) on Thursday to discuss trade.' : text));
    const result = await translate(koreanMemory(), memoryTranslator(), markdown(withLink)).catch((error: Error) => error);
    expect(String((result as Error).message)).toMatch(/flagged for review/u);
  });
});

describe('linking orphans', () => {
  it('links an edited sentence, but not a new paragraph, and keeps unmatched orphans', () => {
    const memory = koreanMemory();
    const changed = [PARAGRAPHS[0]!, EDITED[1]!, 'A completely different closing paragraph about the weather.'];
    const { links, orphans } = linkOrphans(segmentsOf(markdown(changed)), memory);
    expect(links).toHaveLength(1);
    expect(links[0]!.entry.target).toBe(KOREAN[1]);
    expect(links[0]!.similarity).toBeGreaterThan(0.9);
    // The Tokyo paragraph was deleted and the new one shares too little with it: kept, not reused.
    expect(orphans.map((id) => memory.segments[id]!.source)).toEqual([PARAGRAPHS[2]]);
  });

  it('lists a deleted paragraph as an orphan in `edition check`, as a warning that does not fail', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(PARAGRAPHS.slice(0, 2)));
    const run = await runCli(dir, ['check', '--locales', 'ko']);
    expect(run.stdout).toMatch(/^  segment [0-9a-f]{16}: warning: orphan in ko: translation of English the article no longer has$/mu);
    expect(run.code).toBe(0);
    expect(Object.values(readKorean(dir).segments)).toHaveLength(4);
  });
});

describe('memory file review fields', () => {
  it('serializes them in a fixed order and validates them', () => {
    const memory = koreanMemory();
    const id = Object.keys(memory.segments)[0]!;
    memory.segments[id] = { ...memory.segments[id]!, previousTarget: 'b', previousSource: 'a', sourceChanged: true };
    const text = serializeMemory(memory);
    expect(text).toMatch(/"state": "translated",\n\s+"sourceChanged": true,\n\s+"previousSource": "a",\n\s+"previousTarget": "b"\n/u);
    expect(serializeMemory(parseMemory(text, 'm.json'))).toBe(text);
    expect(() => parseMemory(text.replace('"sourceChanged": true', '"sourceChanged": "yes"'), 'm.json')).toThrow(/sourceChanged must be true/u);
    expect(() => parseMemory(text.replace('"previousSource": "a",', ''), 'm.json')).toThrow(/previousSource must hold the old source/u);
  });
});

describe('edition estimate after an edit', () => {
  it('counts nothing to send for a human translation kept over a changed English', async () => {
    const dir = reviewProject();
    writeArticleText(dir, markdown(EDITED));
    const run = await runCli(dir, ['estimate', '--locales', 'ko']);
    expect(run.stdout).toMatch(/^ko\s+0\s+0$/mu);
  });
});
