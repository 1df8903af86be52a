import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from '../../support/fake-deepl.js';
import { deeplProject, fakeEnv, paragraph, readMemory, runEdition, taggedParagraph, type ArticleSpec } from '../../support/deepl-project.js';
import { deeplTranslator } from '../../../pipeline/translation/translators/deepl/index.js';
import { deeplSettings } from '../../../pipeline/translation/translators/deepl/client.js';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const articles = (count: number): ArticleSpec[] =>
  Array.from({ length: count }, (_, index) => ({
    slug: `story-${index}`,
    title: `Story ${index}`,
    paragraphs: [paragraph(`s${index}p1`), paragraph(`s${index}p2`)],
  }));
const memorySize = (dir: string, slug: string, locale: string) => Object.keys(readMemory(dir, slug, locale)?.segments ?? {}).length;

/** Key never shown: in output, and in the error object a debugger or logger would print. */
function expectNoKey(...texts: string[]) {
  for (const text of texts) expect(text).not.toContain(fake.key);
}

describe('deepl failures', () => {
  it('403: says the key was refused, never shows it, exit 77', async () => {
    const dir = deeplProject(articles(1), ['en', 'de']);
    const run = await runEdition(dir, ['build'], { ...fakeEnv(fake), DEEPL_AUTH_KEY: 'wrong-key-abc123' });
    expect(run.code).toBe(77);
    expect(run.stderr).toContain('DeepL refused the authentication key');
    expect(run.stderr).not.toContain('wrong-key-abc123');
    expect(run.stdout).not.toContain('wrong-key-abc123');

    const translator = deeplTranslator({ env: { ...fakeEnv(fake), DEEPL_AUTH_KEY: 'wrong-key-abc123' } });
    const error = await translator.usage().catch((caught: unknown) => caught);
    expect(inspect(error, { depth: 10 })).not.toContain('wrong-key-abc123');
    expect(String((error as Error).stack)).not.toContain('wrong-key-abc123');
  });

  it('456: stops, keeps every batch received, reports what remains; the rerun sends only that', async () => {
    // 40 articles of three texts: three requests (50, 50, 20 texts) in flight at once; the quota lets about two through.
    const dir = deeplProject(articles(40), ['en', 'de']);
    const perArticle = (index: number) => [`Story ${index}`, taggedParagraph(`s${index}p1`), taggedParagraph(`s${index}p2`)];
    const all = Array.from({ length: 40 }, (_, index) => perArticle(index)).flat();
    fake.faults.quotaCharacters = all.slice(0, 100).reduce((sum, text) => sum + [...text].length, 0) + 5;

    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain('DeepL quota exceeded');
    // the error is said once, not once per article
    expect(run.stderr.match(/quota exceeded/gu)).toHaveLength(1);
    // which requests the quota let through depends on their order of arrival; what came back is all kept
    const received = fake.texts();
    expect(fake.translateCalls).toHaveLength(2);
    expect(run.stderr).toContain(`deepl de: 2 requests, ${received.length} segments`);
    expect(run.stderr).toContain(`${120 - received.length} segments not translated yet`);
    const stored = Array.from({ length: 40 }, (_, index) => Object.values(readMemory(dir, `story-${index}`, 'de')?.segments ?? {}).map((entry) => entry.source)).flat();
    expect(stored.sort()).toEqual([...received].sort());
    // after the 456 nothing more is sent
    expect(fake.log.filter((line) => line === 'POST /v2/translate')).toHaveLength(3);
    expectNoKey(run.stdout, run.stderr);

    fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(rerun.code).toBe(0);
    expect(fake.texts().sort()).toEqual(all.filter((text) => !received.includes(text)).sort());
  });

  it('429 bursts are retried by the client', async () => {
    const dir = deeplProject(articles(1), ['en', 'de']);
    fake.faults.statuses = [429];
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_MAX_RETRIES: '3' }));
    expect(run.code).toBe(0);
    expect(fake.log.filter((line) => line === 'POST /v2/translate')).toHaveLength(2);
    expect(memorySize(dir, 'story-0', 'de')).toBe(3);
  });

  it('429 that does not stop: a clear error after the retries', async () => {
    const dir = deeplProject(articles(1), ['en', 'de']);
    fake.faults.statuses = [429, 429, 429];
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_MAX_RETRIES: '2' }));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain('429 Too Many Requests after 2 attempts');
    expect(readMemory(dir, 'story-0', 'de')).toBeUndefined();
  });

  it('500: a server error after the retries', async () => {
    const dir = deeplProject(articles(1), ['en', 'de']);
    fake.faults.statuses = [500, 500];
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain('DeepL server error 500');
    expectNoKey(run.stdout, run.stderr);
  });

  it('a hanging server: a timeout naming the server', async () => {
    const dir = deeplProject(articles(1), ['en', 'de']);
    fake.faults.hang = 1;
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_TIMEOUT_MS: '300' }));
    expect(run.code).toBe(75);
    expect(run.stderr).toContain(`${fake.url}: the DeepL server did not answer`);
  });

  it('connection refused: names the server, no retries', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const dir = deeplProject(articles(1), ['en', 'de']);
    const run = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_SERVER_URL: `http://127.0.0.1:${closed}` }));
    expect(run.code).toBe(69);
    expect(run.stderr).toContain(`http://127.0.0.1:${closed}: cannot reach the DeepL server (ECONNREFUSED)`);
    expectNoKey(run.stdout, run.stderr);
  });

  it('dropped or invented tags: stored flagged, never published, not sent again', async () => {
    const dir = deeplProject([{ slug: 'tags', title: 'Tags', paragraphs: [paragraph('t1'), paragraph('t2')] }], ['en', 'de']);
    fake.faults.mangle = (text, index) => (index === 1 ? text.replace(/<\/?em1>/gu, '') : index === 2 ? text.replace('statement.', 'statement <b9>new</b9>.') : text);
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    // The German edition is held back; the English one is published.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('built 1 article, 1 edition (1 rendered, 0 unchanged), 1 held: ');
    expect(run.stdout).toContain('held: content/tags.md: de: 2 segments flagged for review\n');
    expect(run.stdout).toContain('deepl de: 1 request, 3 segments');
    expect(run.stdout).toContain('2 flagged for review');
    const check = await runEdition(dir, ['check'], {});
    expect(check.stdout).toContain('flagged in de: translation flagged for review: tag <em1> missing');
    expect(check.stdout).toContain('flagged in de: translation flagged for review: tag <b9> is not in the source');
    const entries = Object.values(readMemory(dir, 'tags', 'de')!.segments);
    expect(entries.filter((entry) => entry.flag !== undefined)).toHaveLength(2);

    fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('held: content/tags.md: de: 2 segments flagged for review\n');
    expect(fake.log.filter((line) => line === 'POST /v2/translate')).toHaveLength(0);
  });

  it('an empty DEEPL_SERVER_URL (a CI variable without its value) is an error, not the paid service', () => {
    for (const value of ['', '  ']) {
      expect(() => deeplSettings({ DEEPL_AUTH_KEY: fake.key, DEEPL_SERVER_URL: value })).toThrow(
        expect.objectContaining({
          code: 'deepl/server-url',
          message: 'DEEPL_SERVER_URL is set but empty',
          hint: 'set it to the server meant (e.g. http://127.0.0.1:8080), or unset it to use DeepL itself',
        }),
      );
    }
    expect(deeplSettings({ DEEPL_AUTH_KEY: fake.key }).serverUrl).toBeUndefined();
  });

  it('a locale DeepL cannot serve is an error before anything is sent', () => {
    const translator = deeplTranslator({ env: fakeEnv(fake) });
    expect(() => translator.checkLocales!(['de', 'en', 'xx'])).toThrow(/DeepL cannot serve 2 locales; nothing was sent/u);
    expect(fake.log).toEqual([]);
  });
});
