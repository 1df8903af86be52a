/**
 * What the DeepL translator sends for a synthetic newsroom: 200 articles
 * into 5 locales, against the loopback fake DeepL server. Not a timing
 * test: it counts requests, texts and billed characters for a first build
 * (which sends what the memory lacks in batches that cross articles),
 * a rebuild with nothing changed, and a rebuild after one paragraph edit.
 *
 *     npm run bench:deepl [-- --articles 200]
 */
import { rmSync } from 'node:fs';
import { startFakeDeepL } from '../tests/support/fake-deepl.js';
import { MAX_BYTES, MAX_TEXTS } from '../pipeline/translation/translators/deepl/batches.js';
import { deeplProject, fakeEnv, runEdition, writeArticle, type ArticleSpec } from '../tests/support/deepl-project.js';

const articleCount = Number(process.argv[process.argv.indexOf('--articles') + 1]) || 200;
const locales = ['en', 'de', 'fr', 'ja', 'ko', 'zh-CN'];
const targets = locales.length - 1;

// Every article ends with the same boilerplate line, as newsroom copy does:
// it must be billed once per locale, not once per article.
const BOILERPLATE = 'Reporting by the *Edition* newsroom; edited by the Seoul desk.';
function article(index: number): ArticleSpec {
  return {
    slug: `story-${String(index).padStart(3, '0')}`,
    title: `Story ${index}: talks in Seoul continue`,
    paragraphs: [
      ...Array.from(
        { length: 6 },
        (_, paragraph) =>
          `Paragraph ${paragraph} of story ${index}: officials met in [Seoul](https://example.com/${index}) and said the *talks* would resume, citing \`doc-${index}-${paragraph}\` and a **joint** statement.`,
      ),
      BOILERPLATE,
    ],
  };
}

const fake = await startFakeDeepL({ characterLimit: 100_000_000 });
const env = fakeEnv(fake, { DEEPL_MAX_RETRIES: '3', DEEPL_TIMEOUT_MS: '10000' });
const corpus = Array.from({ length: articleCount }, (_, index) => article(index));
const dir = deeplProject(corpus, locales);

interface Row {
  run: string;
  requests: number;
  /** Most texts, and most UTF-8 bytes of text, in one request. */
  largest: { texts: number; bytes: number };
  texts: number;
  billed: number;
  seconds: number;
}
const rows: Row[] = [];
async function measure(run: string): Promise<string> {
  fake.reset();
  const started = performance.now();
  const result = await runEdition(dir, ['build'], env);
  if (result.code !== 0) throw new Error(`${run} failed:\n${result.stderr}`);
  rows.push({
    run,
    requests: fake.translateCalls.length,
    largest: {
      texts: Math.max(0, ...fake.translateCalls.map((call) => call.texts.length)),
      bytes: Math.max(0, ...fake.translateCalls.map((call) => call.texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0))),
    },
    texts: fake.texts().length,
    billed: fake.billed,
    seconds: (performance.now() - started) / 1000,
  });
  return result.stdout;
}

const estimate = await runEdition(dir, ['estimate'], env);
await measure('1. first build');
await measure('2. rebuild, nothing changed');
const edited = corpus[17]!;
edited.paragraphs[3] = 'An edited paragraph: the talks ended without a joint statement.';
writeArticle(dir, edited);
await measure('3. rebuild, one paragraph edited');
await fake.close();
rmSync(dir, { recursive: true, force: true });

const distinct = articleCount * 7 + 1; // title + 6 paragraphs per article, one shared boilerplate line
const format = (value: number) => value.toLocaleString('en-US');
process.stdout.write(`corpus: ${articleCount} articles x ${targets} target locales (${locales.slice(1).join(', ')}); ${format(distinct)} distinct segments per locale\n`);
process.stdout.write(`estimate before the first build:\n${estimate.stdout.trimEnd().replace(/^/gmu, '  ')}\n`);
process.stdout.write(`${'run'.padEnd(34)} ${'requests'.padStart(9)} ${'texts'.padStart(8)} ${'billed chars'.padStart(13)} ${'seconds'.padStart(8)}\n`);
for (const row of rows) {
  process.stdout.write(`${row.run.padEnd(34)} ${format(row.requests).padStart(9)} ${format(row.texts).padStart(8)} ${format(row.billed).padStart(13)} ${row.seconds.toFixed(1).padStart(8)}\n`);
}
process.stdout.write(`first build requests ${rows[0]!.requests}\n`);
process.stdout.write(`largest first-build request: ${rows[0]!.largest.texts} texts, ${format(rows[0]!.largest.bytes)} bytes (limits ${MAX_TEXTS} texts, ${format(MAX_BYTES)} bytes)\n`);
const editedChars = [...'An edited paragraph: the talks ended without a joint statement.'].length;
process.stdout.write(
  `checks: first build texts = distinct x locales: ${rows[0]!.texts === distinct * targets}; ` +
    `rebuild sends nothing: ${rows[1]!.requests === 0}; edit bills ${editedChars} chars x ${targets}: ${rows[2]!.billed === editedChars * targets}\n`,
);
