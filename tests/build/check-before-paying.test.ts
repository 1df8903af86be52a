import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { normalizeSegmentText, segmentId } from '../../pipeline/segments/normalize.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { join } from 'node:path';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.js';
import { deeplProject, fakeEnv, paragraph, runEdition } from '../support/deepl-project.js';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** Busan names no time zone, so CLDR gives it no name in Korean or German: each locale's cities.yaml must. */
function busanProject(): string {
  const dir = deeplProject([{ slug: 'port', title: 'Port reopens', paragraphs: [paragraph('p1'), paragraph('p2')] }]);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'content/port.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('city: Seoul', 'city: Busan'));
  return dir;
}

describe('check before paying', { timeout: 60_000 }, () => {
  it('reports a missing city name in every locale before any DeepL request, and sends nothing for those editions', async () => {
    const dir = busanProject();
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('built 1 article, 1 edition (1 rendered, 0 unchanged), 2 held: ');
    expect(run.stdout).toContain('held: content/port.md: de, ko: no name for the dateline city "Busan" (add it to the locale\'s cities.yaml)\n');
    expect(fake.log).toEqual([]);
    // The estimate counts what the build sends: nothing for editions it holds anyway.
    expect((await runEdition(dir, ['estimate'], fakeEnv(fake))).stdout).toMatch(/total\s+0\s+0/u);
  });

  // A reviewer's "needs translation" on a machine target (state initial, from an XLIFF import) is a draft too: it is not sent again, to come back the same.
  it.each(['human', 'deepl'])('sends nothing for an entry in state initial (origin %s): the edition waits for a person, and the estimate and the cap agree', async (origin) => {
    const dir = deeplProject([{ slug: 'draft', title: 'Draft title', paragraphs: [paragraph('d1')] }], ['en', 'de']);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const title = 'Draft title';
    const id = segmentId(normalizeSegmentText(title));
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    const memory = serializeMemory({ article: 'draft', locale: 'de', segments: { [id]: { source: title, target: 'Entwurf des Titels', origin, state: 'initial' } } });
    writeFileSync(join(dir, 'content/translations/de/draft.json'), memory);
    const estimate = await runEdition(dir, ['estimate'], fakeEnv(fake));
    expect(estimate.stdout).toMatch(/total\s+0\s+0/u);
    const run = await runEdition(dir, ['build', '--max-characters', '0'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('held: content/draft.md: de: 1 segment not translated');
    expect(fake.translateCalls).toEqual([]);
    expect(readFileSync(join(dir, 'content/translations/de/draft.json'), 'utf8')).toBe(memory);
  });

  // The English edited under a person's draft: the draft is carried to the new text, as a translation is, and still waits for a person.
  it.each([
    ['a draft', { target: 'Entwurf des Titels', state: 'initial' as const }],
    ['an emptied target', { target: '', state: 'translated' as const }],
  ])('sends nothing for %s of a person once the English is edited under it, and the estimate and the cap agree', async (_, draft) => {
    const dir = deeplProject([{ slug: 'draft', title: 'Draft title', paragraphs: [paragraph('d1')] }], ['en', 'de']);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const id = segmentId(normalizeSegmentText('Draft title'));
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    const memory = serializeMemory({ article: 'draft', locale: 'de', segments: { [id]: { source: 'Draft title', origin: 'human', ...draft } } });
    writeFileSync(join(dir, 'content/translations/de/draft.json'), memory);
    const article = join(dir, 'content/draft.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace('title: "Draft title"', 'title: "Draft title, revised"'));
    expect(readFileSync(article, 'utf8')).toContain('Draft title, revised');
    expect((await runEdition(dir, ['estimate'], fakeEnv(fake))).stdout).toMatch(/total\s+0\s+0/u);
    const run = await runEdition(dir, ['build', '--max-characters', '0'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('held: content/draft.md: de: 1 segment not translated');
    expect(fake.translateCalls).toEqual([]);
  });

  it('counts an emptied machine target in the estimate, as the build sends it, and the cap stops it', async () => {
    const dir = deeplProject([{ slug: 'empty', title: 'Empty title', paragraphs: [paragraph('e1')] }], ['en', 'de']);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect((await runEdition(dir, ['build'], fakeEnv(fake))).code).toBe(0);
    const file = join(dir, 'content/translations/de/empty.json');
    const id = segmentId(normalizeSegmentText('Empty title'));
    const memory = JSON.parse(readFileSync(file, 'utf8')) as { segments: Record<string, { target: string }> };
    memory.segments[id]!.target = '';
    writeFileSync(file, JSON.stringify(memory, null, 2));
    fake.reset();
    const estimate = await runEdition(dir, ['estimate'], fakeEnv(fake));
    expect(estimate.stdout).toMatch(/total\s+1\s+11/u);
    const capped = await runEdition(dir, ['build', '--max-characters', '0'], fakeEnv(fake));
    expect(capped.code).toBe(1);
    expect(fake.translateCalls).toEqual([]);
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(fake.translateCalls.flatMap((call) => call.texts)).toEqual(['Empty title']);
    expect(run.stdout).toMatch(/: \d+ segments from memory, 1 translated/u);
  });

  it('sends only the editions that can be published once translated', async () => {
    const dir = busanProject();
    writeFileSync(join(dir, 'locales/ko/cities.yaml'), `${readFileSync(join(dir, 'locales/ko/cities.yaml'), 'utf8')}\nBusan: 부산\n`);
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('held: content/port.md: de: no name for the dateline city "Busan"');
    expect([...new Set(fake.translateCalls.map((call) => call.params['target_lang']))]).toEqual(['ko']);
  });
});
