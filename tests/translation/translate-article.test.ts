import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { translateArticle } from '../../pipeline/translation/translate-article.js';
import { emptyMemory, parseMemory } from '../../pipeline/translation/memory/memory-file.js';
import { pseudoLocalize, pseudoTranslator } from '../../pipeline/translation/translators/pseudo.js';
import { writeFileAtomic } from '../../pipeline/io/atomic-write.js';
import { mockTranslator } from '../support/mock-translator.js';
import { segmentId } from '../../pipeline/segments/normalize.js';
import type { EditionError } from '../../pipeline/errors.js';
import { runCli } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { tempDir } from '../support/temp.js';

const article = loadArticle('---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nOne *two*.\n\nThree.\n', 'content/a.md', 'a');
const segments = segmentArticle(article);
const input = { article: { slug: 'a', file: 'content/a.md', title: 'T' }, segments, sourceLocale: 'en', targetLocale: 'ko' };

describe('translating an article', () => {
  it('sends only what the memory lacks, and stores what a storing translator returns', async () => {
    const translator = mockTranslator({ store: true });
    const first = await translateArticle({ ...input, memory: emptyMemory('a', 'ko'), translator });
    expect(translator.calls).toEqual([segments.map((segment) => segment.id)]);
    expect(first.translated).toBe(3);
    expect(Object.values(first.memory.segments).map((entry) => entry.origin)).toEqual(['mock', 'mock', 'mock']);

    const second = await translateArticle({ ...input, memory: first.memory, translator });
    expect(translator.calls).toHaveLength(1);
    expect(second).toMatchObject({ fromMemory: 3, translated: 0 });
  });

  it('re-translates a machine entry of an older English, linked to the edited segment', async () => {
    const translator = mockTranslator();
    const memory = emptyMemory('a', 'ko');
    const old = 'One <em1>two</em1> and three.';
    memory.segments[segmentId(old)] = { source: old, target: '옛', origin: 'deepl', state: 'translated' };
    await translateArticle({ ...input, memory, translator });
    expect(translator.calls[0]).toContain(segments[1]!.id);
  });

  it('refuses an entry whose source is not what its id was made from (edited by hand): nothing is sent', async () => {
    const translator = mockTranslator({ store: true });
    const memory = emptyMemory('a', 'ko');
    memory.segments[segments[1]!.id] = { source: 'Old text', target: '옛', origin: 'deepl', state: 'translated' };
    const error = await translateArticle({ ...input, memory, translator, memoryFile: 'content/translations/ko/a.json' }).catch((caught: unknown) => caught);
    expect((error as EditionError).format()).toBe(
      `content/translations/ko/a.json (segments.${segments[1]!.id}.source): source does not match the entry's id (its hash differs)\n` +
        '  hint: restore the source from git; to retranslate the segment instead, delete the entry',
    );
    expect(translator.calls).toEqual([]);
  });

  it('pseudo-localizes every segment, keeps tags, and stores nothing', async () => {
    const result = await translateArticle({ ...input, memory: emptyMemory('a', 'ko'), translator: pseudoTranslator() });
    expect(result.memory.segments).toEqual({});
    expect(pseudoLocalize('One <em1>two</em1>.')).toMatch(/^\[Ó+ñé <em1>ţŵó+<\/em1>\.\]$/u);
  });
});

describe('writing memory files', () => {
  it('writes atomically: no temporary file is left beside the memory', async () => {
    const dir = tempDir('edition-atomic-');
    const file = join(dir, 'translations/ko/a.json');
    await writeFileAtomic(file, '{"a":1}\n');
    await writeFileAtomic(file, '{"a":2}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"a":2}\n');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(dir, 'translations/ko'))).toEqual(['a.json']);
  });

  it('reports a broken memory file with its path and line from the command line', async () => {
    const dir = scratchProject({
      'content/a.md': '---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nOne.\n',
      'content/translations/ko/a.json': '{\n  "article": "a",\n  "locale": "ko"\n  "segments": {}\n}\n',
    });
    const run = await runCli(dir, ['build', '--locales', 'ko']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: content\/translations\/ko\/a\.json:4: not valid JSON/m);
    expect(() => parseMemory(readFileSync(join(dir, 'content/translations/ko/a.json'), 'utf8'), 'x')).toThrow(/not valid JSON/u);
  });
});

describe('entries that translate nothing', () => {
  it.each([
    ['an empty target', { target: '  ', state: 'translated' as const }],
    ['a target in state initial (a tool copied the source)', { target: 'One <em1>two</em1>.', state: 'initial' as const }],
  ])('treats %s as missing', async (_name, entry) => {
    const translator = mockTranslator();
    const memory = emptyMemory('a', 'ko');
    memory.segments[segments[1]!.id] = { source: segments[1]!.source, origin: 'human', ...entry };
    const result = await translateArticle({ ...input, memory, translator });
    expect(translator.calls[0]).toContain(segments[1]!.id);
    expect(result.entries.get(segments[1]!.id)?.target).toMatch(/^⟦ko⟧/);
  });
});
