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

  it("sends nothing for a person's draft (state initial): the edition waits for that person, and the estimate and the cap agree", async () => {
    const dir = deeplProject([{ slug: 'draft', title: 'Draft title', paragraphs: [paragraph('d1')] }], ['en', 'de']);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const title = 'Draft title';
    const id = segmentId(normalizeSegmentText(title));
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    const memory = serializeMemory({ article: 'draft', locale: 'de', segments: { [id]: { source: title, target: 'Entwurf des Titels', origin: 'human', state: 'initial' } } });
    writeFileSync(join(dir, 'content/translations/de/draft.json'), memory);
    const estimate = await runEdition(dir, ['estimate'], fakeEnv(fake));
    expect(estimate.stdout).toMatch(/total\s+0\s+0/u);
    const run = await runEdition(dir, ['build', '--max-characters', '0'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('held: content/draft.md: de: 1 segment not translated');
    expect(fake.translateCalls).toEqual([]);
    expect(readFileSync(join(dir, 'content/translations/de/draft.json'), 'utf8')).toBe(memory);
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
