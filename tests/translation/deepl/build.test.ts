import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from '../../support/fake-deepl.js';
import { deeplProject, fakeEnv, paragraph, readMemory, runEdition, writeArticle, type ArticleSpec } from '../../support/deepl-project.js';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.glossaries.length = 0;
});

const shared = 'This sentence appears in every article.';
const articles = (): ArticleSpec[] => [
  { slug: 'alpha', title: 'Alpha report', paragraphs: [paragraph('a1'), paragraph('a2'), shared] },
  { slug: 'beta', title: 'Beta report', paragraphs: [paragraph('b1'), shared, 'Putin met Kim Jong-un and Zelensky spoke.'] },
];
const chars = (texts: string[]) => texts.reduce((sum, text) => sum + [...text].length, 0);
const translateCalls = () => fake.translateCalls;

describe('an answer DeepL left empty', () => {
  it('holds the edition, and is asked again by the next build, as estimate says', async () => {
    const dir = deeplProject(articles(), ['en', 'ko']);
    const env = fakeEnv(fake);
    fake.faults.mangle = (text) => (text.includes('spoke') ? ' ' : text);
    const first = await runEdition(dir, ['build'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('held: content/beta.md: ko: 1 segment not translated');
    // The empty answer is no translation: counted neither as translated nor against what came from the memory.
    expect(first.stdout).toContain('0 segments from memory, 7 translated (deepl)');
    fake.faults.mangle = undefined;
    const estimate = await runEdition(dir, ['estimate', '--json'], env);
    expect((JSON.parse(estimate.stdout) as { segments: number }).segments).toBe(1);
    fake.reset();
    const second = await runEdition(dir, ['build'], env);
    expect(second.code).toBe(0);
    expect(fake.translateCalls.flatMap((call) => call.texts)).toEqual(['Putin met Kim Jong-un and Zelensky spoke.']);
    expect(second.stdout).not.toContain('held:');
  });
});

describe('glossaries on an account other sites share', () => {
  it("keeps another site's or branch's recent glossary, which its running builds name, and deletes edition's week-old ones", async () => {
    const old = { name: 'edition-0000000000000001', creation_time: new Date(Date.now() - 8 * 24 * 3_600_000).toISOString() };
    const recent = { name: 'edition-0000000000000002', creation_time: new Date(Date.now() - 3_600_000).toISOString() };
    const mine = { name: 'mine-not-edition', creation_time: new Date(0).toISOString() };
    for (const [index, glossary] of [old, recent, mine].entries()) fake.glossaries.push({ glossary_id: `other-${index}`, ...glossary, dictionaries: [] });
    const dir = deeplProject(articles());
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    const names = fake.glossaries.map((glossary) => glossary.name);
    expect(names.filter((name) => !['edition-0000000000000002', 'mine-not-edition'].includes(name))).toEqual([expect.stringMatching(/^edition-[0-9a-f]{16}$/u)]);
    expect(names).toEqual(expect.arrayContaining(['edition-0000000000000002', 'mine-not-edition']));
    expect(fake.glossaries.some((glossary) => glossary.name === 'edition-0000000000000001')).toBe(false);
  });
});

describe('deepl build against the fake server', () => {
  it('sends each distinct segment once per locale, then nothing on a rebuild, then only an edit', async () => {
    const dir = deeplProject(articles());
    const env = fakeEnv(fake);

    const estimate = await runEdition(dir, ['estimate'], env);
    expect(estimate.code).toBe(0);
    const estimateJson = await runEdition(dir, ['estimate', '--json'], env);
    expect(estimateJson.code).toBe(0);
    expect(fake.log).toEqual([]);

    const first = await runEdition(dir, ['build'], env);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    // alpha: title + 3 paragraphs; beta: title + 2 new paragraphs (shared one cached): 7 texts per locale.
    const byLocale = (locale: string) => translateCalls().filter((call) => call.params['target_lang'] === locale);
    expect(byLocale('ko').flatMap((call) => call.texts)).toHaveLength(7);
    expect(byLocale('de').flatMap((call) => call.texts)).toHaveLength(7);
    expect(new Set(byLocale('ko').flatMap((call) => call.texts)).size).toBe(7);
    // one request per locale: batches cross articles
    expect(translateCalls()).toHaveLength(2);
    const koBilled = chars(byLocale('ko').flatMap((call) => call.texts));
    expect(first.stdout).toContain(`deepl ko: 1 request, 7 segments, ${koBilled.toLocaleString('en-US')} billed characters`);
    expect(estimate.stdout).toMatch(new RegExp(`ko\\s+7\\s+${koBilled.toLocaleString('en-US')}`));
    // The same figures as data, for a CI job that decides on the cost before the build.
    const figures = JSON.parse(estimateJson.stdout) as { ok: boolean; segments: number; characters: number; locales: Record<string, { segments: number; characters: number }> };
    const deBilled = chars(byLocale('de').flatMap((call) => call.texts));
    expect(figures).toEqual({ ok: true, segments: 14, characters: koBilled + deBilled, locales: { de: { segments: 7, characters: deBilled }, ko: { segments: 7, characters: koBilled } } });

    for (const call of translateCalls()) {
      expect(call.params['tag_handling']).toBe('xml');
      expect(call.params['formality']).toBe('prefer_more');
      // a request that carries two articles goes without either's context
      expect(call.params['context']).toBeUndefined();
    }
    // the glossary exists for ko only, and is used for ko only
    expect(fake.glossaries).toHaveLength(1);
    expect(byLocale('ko').every((call) => call.params['glossary_id'] === fake.glossaries[0]!.glossary_id)).toBe(true);
    expect(byLocale('de').every((call) => call.params['glossary_id'] === undefined)).toBe(true);

    const memory = readMemory(dir, 'beta', 'ko')!;
    const entries = Object.values(memory.segments);
    expect(entries).toHaveLength(4);
    expect(entries.every((entry) => entry.origin === 'deepl' && entry.flag === undefined)).toBe(true);
    expect(entries.map((entry) => entry.target)).toContain('ko⟦푸틴 met 김정은 and 젤렌스키 spoke.⟧');

    // Every segment of both articles in both locales was translated in this run (the shared line once per article), none came from the memory.
    expect(first.stdout).toContain('6 editions (6 rendered, 0 unchanged): 0 segments from memory, 16 translated (deepl)');

    fake.reset();
    const second = await runEdition(dir, ['build'], env);
    expect(second.code).toBe(0);
    expect(translateCalls()).toHaveLength(0);
    // The pages were rendered from the memory as saved: nothing is rendered again.
    expect(second.stdout).toContain('6 editions (0 rendered, 6 unchanged)');
    // the glossary is found by its hash, not created again
    expect(fake.log.filter((line) => line.startsWith('POST /v3/glossaries'))).toEqual([]);

    fake.reset();
    const edited = articles()[0]!;
    edited.paragraphs[1] = 'An edited paragraph.';
    writeArticle(dir, edited);
    const third = await runEdition(dir, ['build'], env);
    expect(third.code).toBe(0);
    expect(translateCalls().map((call) => call.texts)).toEqual([['An edited paragraph.'], ['An edited paragraph.']]);
    expect(fake.billed).toBe(2 * [...'An edited paragraph.'].length);
    // one article's request carries its title as context (not billed)
    expect(translateCalls().map((call) => call.params['context'])).toEqual(['Alpha report', 'Alpha report']);
  });

  it('keeps batches within 50 texts and translates them concurrently', async () => {
    const long = { slug: 'long', title: 'Long', paragraphs: Array.from({ length: 120 }, (_, index) => `Paragraph number ${index}.`) };
    const dir = deeplProject([long], ['en', 'de']);
    fake.faults.delayMs = 100;
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(
      translateCalls()
        .map((call) => call.texts.length)
        .sort((a, b) => a - b),
    ).toEqual([21, 50, 50]);
    expect(fake.maxInFlight).toBe(3);
    expect(Object.keys(readMemory(dir, 'long', 'de')!.segments)).toHaveLength(121);
    expect(run.stderr).toContain('deepl de: 121/121 segments');
  });

  it('sends the title and the summary as context, which is not billed', async () => {
    const dir = deeplProject([{ slug: 'gamma', title: 'Gamma report', summary: 'Talks resume in Seoul.', paragraphs: [paragraph('g1')] }]);
    expect((await runEdition(dir, ['build'], fakeEnv(fake))).code).toBe(0);
    expect(translateCalls().length).toBeGreaterThan(0);
    for (const call of translateCalls()) expect(call.params['context']).toBe('Gamma report\nTalks resume in Seoul.');
  });

  it('sends nothing when the estimate is over --max-characters', async () => {
    const dir = deeplProject(articles());
    const run = await runEdition(dir, ['build', '--max-characters', '10'], fakeEnv(fake));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('over --max-characters 10; nothing was sent');
    expect(fake.log).toEqual([]);
  });

  it("holds a shard to its own locales' estimate under --max-characters, not the whole build's", async () => {
    const dir = deeplProject(articles(), ['en', 'de', 'fr']);
    const whole = await runEdition(dir, ['estimate'], fakeEnv(fake));
    const characters = (code: string) => Number(new RegExp(`^${code}\\s+\\d+\\s+([\\d,]+)$`, 'mu').exec(whole.stdout)![1]!.replace(/,/gu, ''));
    // Shards deal the sorted locales de, en, fr: 1/3 builds de alone, 2/3 the English alone.
    const english = await runEdition(dir, ['build', '--shard', '2/3', '--max-characters', '0', '--out', 'shard-2'], fakeEnv(fake));
    expect(english.code).toBe(0);
    expect(fake.translateCalls).toEqual([]);
    const german = await runEdition(dir, ['build', '--shard', '1/3', '--max-characters', String(characters('de')), '--out', 'shard-1'], fakeEnv(fake));
    expect(german.code).toBe(0);
    expect(new Set(fake.translateCalls.map((call) => call.params['target_lang']))).toEqual(new Set(['de']));
    expect(characters('fr')).toBeGreaterThan(0);
  });

  it('picks deepl by default when DEEPL_AUTH_KEY is set, memory otherwise', async () => {
    const dir = deeplProject(articles(), ['en', 'de']);
    const withoutKey = await runEdition(dir, ['build'], {});
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.stdout).toContain('held: content/alpha.md: de: 4 segments not translated\n');
    const withKey = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(withKey.code).toBe(0);
    expect(withKey.stdout).toContain('translated (deepl)');
  });

  it('reports glossary terms the translation does not use', async () => {
    fake.faults.mangle = (text) => text.replace('푸틴', 'Putin');
    const dir = deeplProject([{ slug: 'terms', title: 'Terms', paragraphs: ['Putin spoke.'] }], ['en', 'ko']);
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/terminology: ko: content\/terms\.md \([0-9a-f]{16}\): "Putin" not translated as "푸틴"/u);
  });

  it('shows the account usage', async () => {
    const dir = deeplProject([]);
    const run = await runEdition(dir, ['usage'], fakeEnv(fake));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${fake.url}: 0 of 500,000 characters used (0.0%), 500,000 left\n`);
    const json = await runEdition(dir, ['usage', '--json'], fakeEnv(fake));
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, server: fake.url, characters: { used: 0, limit: 500_000, left: 500_000 } });
  });
});
