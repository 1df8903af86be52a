/**
 * Translator faults the DeepL tests do not already cover: a server that
 * answers, but slower than the timeout; and a run that writes the memory
 * while it holds entries no segment uses any more.
 */
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.js';
import { deeplProject, fakeEnv, paragraph, readMemory, runEdition } from '../support/deepl-project.js';
import { normalizeSegmentText, segmentId } from '../../pipeline/segments/normalize.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('translator faults', () => {
  it('a server slower than the timeout: exit 75 naming the server, nothing stored; the next run translates', async () => {
    const dir = deeplProject([{ slug: 'slow', title: 'Slow', paragraphs: [paragraph('s1')] }], ['en', 'de']);
    fake.faults.delayMs = 1_500;
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_TIMEOUT_MS: '200', DEEPL_MAX_RETRIES: '1' }));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain(`DeepL server ${fake.url} did not answer`);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(readMemory(dir, 'slow', 'de')).toBeUndefined();

    fake.faults.delayMs = 0;
    const rerun = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(rerun.code).toBe(0);
    expect(Object.keys(readMemory(dir, 'slow', 'de')!.segments)).toHaveLength(2);
  });

  it('an orphan entry survives a run that writes the memory, and is reported', async () => {
    const dir = deeplProject([{ slug: 'kept', title: 'Kept', paragraphs: [paragraph('k1')] }], ['en', 'de']);
    const orphan = 'A paragraph the article no longer has, translated by people.';
    const id = segmentId(normalizeSegmentText(orphan));
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    writeFileSync(
      join(dir, 'content/translations/de/kept.json'),
      serializeMemory({ article: 'kept', locale: 'de', segments: { [id]: { source: orphan, target: 'Ein Absatz, den es nicht mehr gibt.', origin: 'human', state: 'final' } } }),
    );
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`warning: content/translations/de/kept.json (${id}): entry matches no segment of content/kept.md; kept`);
    const memory = readMemory(dir, 'kept', 'de')!;
    expect(Object.keys(memory.segments)).toHaveLength(3);
    expect(memory.segments[id]).toEqual({ source: orphan, target: 'Ein Absatz, den es nicht mehr gibt.', origin: 'human', state: 'final' });
  });
});
