/**
 * `edition serve` at newsroom scale: how long from saving a one-paragraph
 * edit to the served page showing it.
 *
 *     npm run bench:serve                            # 1,000 articles × 10 locales
 *     BENCH_ARTICLES=200 npm run bench:serve
 *
 * Generates the benchmark corpus (every segment already in the memory),
 * starts the server in this process, and then, several times over, edits
 * one paragraph of one article and measures (a) until the server-sent
 * change event for the page arrives, which is what makes the browser
 * reload, and (b) until a request for the page returns the new text. Also
 * measures a reviewer's write through the API until the Korean page shows
 * it. Prints each run and the median, in wall time and in CPU time of this
 * process (server and client share it; the client's part is one request),
 * which a busy machine inflates less. Not a test: timings depend on the
 * machine.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from '../tests/support/corpus.js';
import { startServe } from '../pipeline/cli/serve-command.js';
import { loadArticle } from '../pipeline/content/load-article.js';
import { segmentArticle } from '../pipeline/segments/segment-article.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const articles = Number(process.env['BENCH_ARTICLES'] ?? 1000);
const runs = Number(process.env['BENCH_RUNS'] ?? 7);
const locales = readdirSync(join(root, 'locales'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const dir = mkdtempSync(join(tmpdir(), 'edition-bench-serve-'));
cpSync(join(root, 'locales'), join(dir, 'locales'), { recursive: true });
writeCorpus(
  dir,
  articles,
  locales.filter((code) => code !== 'en'),
);
writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');

const quiet = new PassThrough().resume() as unknown as NodeJS.WriteStream;
console.log(`corpus: ${articles} articles × ${locales.length} locales = ${articles * locales.length} pages, in ${dir}; ${cpus().length} cores, Node ${process.version}`);
let started = performance.now();
const handle = await startServe({ content: 'content', localesDir: 'locales', port: 0, host: '127.0.0.1' }, { cwd: dir, env: {}, stdout: quiet, stderr: process.stderr });
console.log(`first render: ${((performance.now() - started) / 1000).toFixed(2)} s`);
const port = handle.server.port;

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const call = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, body: text }));
    });
    call.on('error', fail);
    call.end(body);
  });
}

/** Resolves with the time the next change event naming `path` arrives. */
function changeEvent(path: string): { opened: Promise<void>; arrived: Promise<number> } {
  let opened!: () => void;
  const ready = new Promise<void>((done) => (opened = done));
  const arrived = new Promise<number>((done, fail) => {
    const call = request({ host: '127.0.0.1', port, path: '/_edition/events', headers: { Host: `127.0.0.1:${port}` } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (chunk.startsWith(':')) opened();
        if (chunk.includes('event: change') && chunk.includes(JSON.stringify(path))) {
          done(performance.now());
          call.destroy();
        }
      });
    });
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') fail(error);
    });
    call.end();
  });
  return { opened: ready, arrived };
}

async function until(path: string, text: string): Promise<number> {
  for (;;) {
    const reply = await get(path);
    if (reply.body.includes(text)) return performance.now();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const events: number[] = [];
const pages: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const slug = `story-${String((run * 137) % articles).padStart(5, '0')}`;
  const file = join(dir, 'content', `${slug}.md`);
  const marker = `as of bulletin ${run}`;
  const edited = readFileSync(file, 'utf8').replace('See [the report]', `See, ${marker}, [the report]`);
  const event = changeEvent(`en/${slug}.html`);
  await event.opened;
  started = performance.now();
  const usage = process.cpuUsage();
  writeFileSync(file, edited);
  const arrived = await event.arrived;
  const spent = process.cpuUsage(usage);
  const served = await until(`/en/${slug}.html`, marker);
  events.push(arrived - started);
  pages.push(served - started);
  cpu.push((spent.user + spent.system) / 1000);
  console.log(`edit ${run + 1}: change event ${(arrived - started).toFixed(0)} ms (CPU ${cpu.at(-1)!.toFixed(0)} ms), served page ${(served - started).toFixed(0)} ms`);
}
console.log(`edit to change event (median of ${runs}): ${median(events).toFixed(0)} ms`);
console.log(`edit to served page (median of ${runs}): ${median(pages).toFixed(0)} ms`);
console.log(`CPU time from edit to change event (median of ${runs}): ${median(cpu).toFixed(0)} ms`);

// A reviewer approves a new Korean paragraph through the API.
const slug = `story-${String(Math.floor(articles / 3)).padStart(5, '0')}`;
const desk = await get(`/_edition/review/ko/${slug}`);
const etag = /<meta name="edition-etag" content="([^"]*)">/u.exec(desk.body)![1]!.replaceAll('&#x22;', '"');
const segment = segmentArticle(loadArticle(readFileSync(join(dir, 'content', `${slug}.md`), 'utf8'), `content/${slug}.md`, slug)).find(
  (candidate) => candidate.kind !== 'title' && candidate.kind !== 'summary' && !candidate.source.includes('<'),
)!;
const target = '검토자가 고친 문단입니다.';
started = performance.now();
const write = await get(
  `/_edition/api/memory/ko/${slug}/${segment.id}`,
  { 'Content-Type': 'application/json', 'X-Edition-Token': handle.token, Origin: `http://127.0.0.1:${port}`, 'If-Match': etag },
  'PUT',
  JSON.stringify({ target, state: 'reviewed' }),
);
const shown = await until(`/ko/${slug}.html`, target);
console.log(`reviewer's write to served page: ${(shown - started).toFixed(0)} ms (status ${write.status})`);

await handle.close();
rmSync(dir, { recursive: true, force: true });
