/**
 * A proxy that answers DeepL's glossary calls with its own page (a login
 * portal, a gateway error with status 200): the build stops with the
 * "bad answer" error naming the server (try again later), not as a bug;
 * a glossary DeepL refuses points at the newsroom's glossary files.
 */
import { describe, expect, it } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import { fakeEnv, readMemory, runEdition } from '../support/deepl-project.js';

const suite = fakeDeepLSuite();

describe('a proxy page instead of the glossary list', { timeout: 20_000 }, () => {
  it.each([
    ['an HTML page', '<html><body>Please sign in to the proxy</body></html>', 'text/html'],
    ['JSON of another shape', '{"status":"ok"}', 'application/json'],
  ])('%s with status 200: exit 75 naming the server, nothing sent, nothing stored', async (_name, body, contentType) => {
    // locales/ko has a glossary: the first ko request lists the account's glossaries.
    const dir = suite.project([{ slug: 'story', title: 'Story', paragraphs: ['The talks ended.'] }], ['en', 'ko']);
    suite.fake.faults.raw.push({ route: 'GET /v3/glossaries', status: 200, body, contentType });
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(75);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('error: ') || line.startsWith('  hint: '))).toEqual([
      `error: ${suite.fake.url}: the DeepL server answered with something that is not DeepL's JSON (a proxy or gateway page?) while sending the glossary (locales/ko/glossary.txt)`,
      '  hint: check DEEPL_SERVER_URL and any proxy on the way, then build again: translations already received are saved',
    ]);
    expect(run.stderr).not.toContain('sign in');
    expect(suite.fake.translateCalls).toEqual([]);
    expect(readMemory(dir, 'story', 'ko')).toBeUndefined();
  });
});

describe('a glossary DeepL refuses', { timeout: 20_000 }, () => {
  it('stops the build, names what DeepL said and the glossary files, not the locale that sent first or a bug in edition', async () => {
    const dir = suite.project([{ slug: 'story', title: 'Story', paragraphs: ['The talks ended.'] }], ['en', 'de', 'ko']);
    suite.fake.faults.raw.push({ route: 'POST /v3/glossaries', status: 400, body: '{"message":"Invalid glossary entries provided"}', contentType: 'application/json' });
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('error: ') || line.startsWith('  hint: '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+: DeepL refused the request while sending the glossary \(locales\/ko\/glossary\.txt\): .*Invalid glossary entries provided$/u);
    expect(lines[1]).toBe('  hint: check the glossary files (locales/<code>/glossary.txt) for the entries DeepL refuses');
    expect(suite.fake.translateCalls).toEqual([]);
  });
});
