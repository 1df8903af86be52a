/**
 * A translator is an outside service: whatever it returns is untrusted.
 * The fake DeepL server plays a compromised one, and the tests assert on
 * what a reader would get: the build holds back every edition with a
 * flagged segment (edition check names each one) and publishes the rest;
 * the flagged text is kept (it was paid for) and not sent again; and if a
 * reviewer cleared the flags without fixing anything,
 * the build would still refuse to publish it.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.js';
import { deeplProject, fakeEnv, paragraph, readMemory, runEdition, writeArticle } from '../support/deepl-project.js';
import { readTree } from '../support/tree.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { checkTranslation } from '../../pipeline/segments/check-translation.js';
import { writePreviousBuild } from './project.js';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface Hostile {
  /** What the compromised translator does to a translated paragraph. */
  mangle: (text: string) => string;
  /** The flag it must earn. */
  flag: RegExp;
  /** Only text changed: with the flag cleared by hand, it would be published, escaped. */
  textOnly: boolean;
}

const hostile: Record<string, Hostile> = {
  script: { mangle: (t) => t.replace('statement.', 'statement.<script>alert(1)</script>'), flag: /tag <script> is not in the source/u, textOnly: false },
  handler: { mangle: (t) => t.replace('<a2>', '<a2 onmouseover="alert(1)">'), flag: /tag <a2> has attributes/u, textOnly: false },
  newlink: { mangle: (t) => t.replace('statement.', 'statement. <a9>Click here</a9>'), flag: /tag <a9> is not in the source/u, textOnly: false },
  nested: { mangle: (t) => t.replace('<em1>the talks</em1>', '<em1>the <em1>talks</em1></em1>'), flag: /tag <em1> appears more than once/u, textOnly: false },
  escaped: {
    mangle: (t) => t.replace('statement.', 'statement. &lt;img src=x onerror=alert(1)&gt;'),
    flag: /text that looks like HTML markup, not in the source: "<img src=x onerror=alert\(1\)>"/u,
    textOnly: true,
  },
  jsurl: { mangle: (t) => t.replace('Seoul</a2>', 'javascript:alert(document.cookie)</a2>'), flag: /a script or data URL not in the source: "javascript:alert\(document.cookie\)"/u, textOnly: true },
  dataurl: { mangle: (t) => t.replace('statement.', 'statement. data:text/html;base64,PHNjcmlwdD4='), flag: /a script or data URL not in the source/u, textOnly: true },
  address: {
    mangle: (t) => t.replace('statement.', 'statement. Details: https://evil.example/login today.'),
    flag: /a web address not in the source: "https:\/\/evil.example\/login"/u,
    textOnly: true,
  },
  bidi: { mangle: (t) => t.replace('firm', '\u202Emrif\u202C \u2066x\u2069'), flag: /bidirectional control characters not in the source \(U\+202E, U\+202C, U\+2066, U\+2069\)/u, textOnly: true },
  long: { mangle: (t) => t.replace('statement.', `statement.${' And more.'.repeat(120)}`), flag: /characters for a source of \d+, more than 3 times as long/u, textOnly: true },
};
const names = Object.keys(hostile);
const SEED = /Report (\w+) says/u;

describe('hostile translator output', () => {
  it('is flagged, never published, kept without being sent again, and still refused if a reviewer clears the flag', async () => {
    const dir = deeplProject(
      names.map((name) => ({ slug: name, title: `Story ${name}`, paragraphs: [paragraph(name)] })),
      ['en', 'de'],
    );
    fake.faults.mangle = (text) => {
      const name = SEED.exec(text)?.[1];
      return name && hostile[name] ? hostile[name].mangle(text) : text;
    };
    writePreviousBuild(dir);
    const run = await runEdition(dir, ['build'], fakeEnv(fake));
    // A flagged segment holds back its own edition; the English editions are published.
    expect(run.code).toBe(0);
    for (const name of names) expect(run.stdout, name).toContain(`held: content/${name}.md: de: 1 segment flagged for review\n`);
    // One request: the translation pass batches across articles.
    expect(run.stdout).toContain(`deepl de: 1 request, ${names.length * 2} segments`);
    expect(run.stdout).toContain(`${names.length} flagged for review`);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(readdirSync(join(dir, 'out/en')).filter((file) => file.endsWith('.html')).length).toBe(names.length + 1);
    expect(existsSync(join(dir, 'out/de'))).toBe(false);
    // edition check names each flagged segment and why.
    const check = await runEdition(dir, ['check'], {});
    expect(check.code).toBe(1);
    for (const [name, { flag }] of Object.entries(hostile)) {
      const block = check.stdout.split(/^(?=content\/)/mu).find((part) => part.startsWith(`content/${name}.md\n`)) ?? '';
      const flagged = block.split('\n').filter((line) => line.includes(': flagged in de: '));
      expect(flagged, name).toHaveLength(1);
      expect(flagged[0], name).toMatch(/translation flagged for review: /u);
      expect(flagged[0], name).toMatch(flag);
    }

    // Paid for, so kept, flagged; a rerun sends nothing and still refuses.
    for (const name of names) {
      const entries = Object.values(readMemory(dir, name, 'de')!.segments);
      expect(
        entries.filter((entry) => entry.flag !== undefined),
        name,
      ).toHaveLength(1);
    }
    fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(fake));
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`${names.length} held`);
    expect(fake.log.filter((line) => line === 'POST /v2/translate')).toEqual([]);

    const previousBuild = readTree(join(dir, 'out'));
    // A careless reviewer deletes every flag without reading.
    for (const name of names) {
      const memory = readMemory(dir, name, 'de')!;
      for (const entry of Object.values(memory.segments)) delete entry.flag;
      writeFileSync(join(dir, `content/translations/de/${name}.json`), serializeMemory(memory));
    }
    const careless = await runEdition(dir, ['build', '--translator', 'memory'], {});
    // Every target passes the same checks before it is published, flag or no flag: the build names each memory file and segment.
    expect(careless.code).toBe(1);
    for (const name of names) {
      const refused = careless.stderr.split('\n').filter((line) => line.includes(`content/translations/de/${name}.json (`));
      expect(refused, name).toHaveLength(1);
      expect(refused[0], name).toMatch(/de translation fails the checks every published target passes: /u);
      expect(refused[0], name).toMatch(hostile[name]!.flag);
    }
    expect(readTree(join(dir, 'out'))).toEqual(previousBuild);
  });

  it('checks every translator, not only DeepL: each hostile change is named', () => {
    const source = 'Report x says <em1>the talks</em1> in <a2>Seoul</a2> ended with <code3/> and a <strong4>firm</strong4> statement.';
    for (const [name, { mangle, flag }] of Object.entries(hostile)) expect(checkTranslation(source, mangle(source)), name).toMatch(flag);
    expect(checkTranslation(source, 'Bericht x: <strong4>feste</strong4> Erklärung, <code3/>, <a2>Seoul</a2>, <em1>die Gespräche</em1>.')).toBeUndefined();
    // What the English has may stay: a story about markup, or one that quotes an address.
    const quoting = 'The page at https://example.org/a used &lt;script&gt; and a \u202Bmark\u202C.';
    expect(checkTranslation(quoting, 'Die Seite https://example.org/a nutzte &lt;script&gt; und \u202Bmark\u202C.')).toBeUndefined();
  });

  it('no DEEPL_AUTH_KEY in out/, the memory, the cache or anything printed', async () => {
    const dir = deeplProject([{ slug: 'keyed', title: 'Keyed', paragraphs: [paragraph('k1')] }], ['en', 'de', 'ko']);
    const run = await runEdition(dir, ['build', '--archive', '--json'], fakeEnv(fake));
    expect(run.code).toBe(0);
    // A failure's message names the server, never the key.
    writeArticle(dir, { slug: 'unsent', title: 'Unsent', paragraphs: [paragraph('u1')] });
    const failed = await runEdition(dir, ['build'], fakeEnv(fake, { DEEPL_SERVER_URL: 'http://127.0.0.1:9' }));
    expect(failed.code).toBe(69);
    const files = { ...readTree(join(dir, 'out')), ...readTree(join(dir, 'content')) };
    expect(Object.keys(files).length).toBeGreaterThan(5);
    const needle = [fake.key, Buffer.from(fake.key).toString('base64'), encodeURIComponent(fake.key)];
    for (const [path, base64] of Object.entries(files)) {
      const bytes = Buffer.from(base64, 'base64');
      for (const form of needle) expect(bytes.includes(form), path).toBe(false);
      // Archives are gzip: look inside too.
      if (path.endsWith('.tar.gz')) expect((await import('node:zlib')).gunzipSync(bytes).includes(fake.key), path).toBe(false);
    }
    for (const text of [run.stdout, run.stderr, failed.stdout, failed.stderr]) expect(text).not.toContain(fake.key);
    expect(readdirSync(dir).some((name) => name.includes('staging'))).toBe(false);
  });
});
