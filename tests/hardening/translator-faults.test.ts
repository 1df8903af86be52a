/**
 * Translator faults the DeepL tests do not already cover: a server slower
 * than the timeout, a connection cut without an answer, a gateway's page
 * or status in DeepL's place; and a run that writes the memory while it
 * holds entries no segment uses any more.
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
    expect(run.stderr).toContain(`${fake.url}: the DeepL server did not answer`);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(readMemory(dir, 'slow', 'de')).toBeUndefined();

    fake.faults.delayMs = 0;
    const rerun = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(rerun.code).toBe(0);
    expect(Object.keys(readMemory(dir, 'slow', 'de')!.segments)).toHaveLength(2);
  });

  it('a connection cut once is retried by the client, and the build succeeds', async () => {
    const dir = deeplProject([{ slug: 'cut', title: 'Cut', paragraphs: [paragraph('c1')] }], ['en', 'de']);
    fake.faults.reset = 1;
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_MAX_RETRIES: '2' }));
    expect(run.code).toBe(0);
    expect(Object.keys(readMemory(dir, 'cut', 'de')!.segments)).toHaveLength(2);
  });

  it.each([
    [
      'a connection cut every time',
      { reset: 9 },
      /^error: http:\/\/127\.0\.0\.1:\d+: the DeepL server closed the connection without answering \(ECONNRESET, 2 attempts\) while translating into de$/mu,
    ],
    [
      'a 200 answer that is not DeepL JSON (a proxy page)',
      { garbage: 9 },
      /^error: http:\/\/127\.0\.0\.1:\d+: the DeepL server answered with something that is not DeepL's JSON \(a proxy or gateway page\?\) while translating into de$/mu,
    ],
    ['a 502 from a gateway', { statuses: [502, 502] }, /DeepL server error 502 after 2 attempts/u],
    ['a 503', { statuses: [503, 503] }, /DeepL server error 503 after 2 attempts/u],
  ])('%s: exit 75, the server named, nothing stored, no stack; the next run translates', async (_name, faults, message) => {
    const dir = deeplProject([{ slug: 'faulty', title: 'Faulty', paragraphs: [paragraph('f1')] }], ['en', 'de']);
    Object.assign(fake.faults, faults);
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_MAX_RETRIES: '2' }));
    expect(run.code).toBe(75);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('deepl de: 0 requests, 0 segments, 0 billed characters, 2 segments not translated yet');
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/u);
    expect(run.stderr).not.toContain(fake.key);
    expect(readMemory(dir, 'faulty', 'de')).toBeUndefined();

    fake.reset();
    expect((await runEdition(dir, ['build'], fakeEnv(fake))).code).toBe(0);
    expect(Object.keys(readMemory(dir, 'faulty', 'de')!.segments)).toHaveLength(2);
  });

  it.each([
    ['0', 1, 'after 1 attempt while'],
    ['3', 3, 'after 3 attempts while'],
  ])('DEEPL_MAX_RETRIES=%s: says how many requests it made, as it made them', async (retries, requests, message) => {
    const dir = deeplProject([{ slug: 'faulty', title: 'Faulty', paragraphs: [paragraph('f1')] }], ['en', 'de']);
    fake.faults.statuses = [503, 503, 503, 503];
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_MAX_RETRIES: retries }));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain(`DeepL server error 503 ${message}`);
    expect(fake.log.filter((line) => line.endsWith('/translate'))).toHaveLength(requests);
  });

  it('an answer with fewer translations than texts is refused, never matched by position: exit 75, nothing stored', async () => {
    const dir = deeplProject([{ slug: 'short', title: 'Short', paragraphs: [paragraph('p1'), paragraph('p2')] }], ['en', 'de']);
    // Three texts sent (title and two paragraphs), two translations back: each later text would get its neighbour's.
    const body = JSON.stringify({
      translations: [
        { detected_source_language: 'EN', text: 'Eins' },
        { detected_source_language: 'EN', text: 'Zwei' },
      ],
    });
    fake.faults.raw.push({ route: 'POST /v2/translate', status: 200, contentType: 'application/json', body });
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(75);
    expect(run.stderr).toMatch(/answered with something that is not DeepL's JSON .* while translating into de/u);
    expect(readMemory(dir, 'short', 'de')).toBeUndefined();
    expect((await runEdition(dir, ['build'], fakeEnv(fake))).code).toBe(0);
    expect(Object.keys(readMemory(dir, 'short', 'de')!.segments)).toHaveLength(3);
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
