/**
 * Locale bundles at newsroom scale, measured against plain unified.
 *
 *     npm run bench                      # 1,000 articles × 10 locales
 *     BENCH_ARTICLES=200 npm run bench
 *
 * Generates a synthetic corpus (about 600 words an article with headings,
 * quotes, links, a list and a table, every segment already in the
 * translation memory) in a temporary folder and measures, each in its own
 * process: (a) a full build with the memory translator, (b) a rebuild with
 * nothing changed, (c) a rebuild after one paragraph of one article is
 * edited (and its translations added, as translators would), (d) plain
 * unified over the same articles once per locale, and (e) Hugo over the
 * same translated articles as a multilingual site (when `hugo` is on PATH;
 * Debian's package `hugo`). Prints wall time, pages per second and peak RSS
 * for each, then the ratios on lines of their own.
 * Not a test: timings depend on the machine; compare ratios from one run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from '../tests/support/corpus.js';
import { loadArticle } from '../pipeline/content/load-article.js';
import { segmentArticle } from '../pipeline/segments/segment-article.js';
import { parseMemory, serializeMemory } from '../pipeline/translation/memory/memory-file.js';
import { mockTranslate } from '../tests/support/mock-translator.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const articles = Number(process.env['BENCH_ARTICLES'] ?? 1000);
const locales = readdirSync(join(root, 'locales'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const targets = locales.filter((code) => code !== 'en');
const dir = mkdtempSync(join(tmpdir(), 'edition-bench-'));
cpSync(join(root, 'locales'), join(dir, 'locales'), { recursive: true });
writeCorpus(dir, articles, targets);
writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');
const pages = articles * locales.length;

interface Row {
  name: string;
  seconds: number;
  rssMiB: number;
  /** An edition build's threads, from its JSON summary. */
  workers?: number;
}

/** Run a command and time it. Node processes report their peak RSS themselves; others through GNU time, where it exists. */
function measure(name: string, args: string[], cwd = dir, command = process.execPath): Row {
  const node = command === process.execPath;
  const timed = !node && existsSync('/usr/bin/time');
  const argv = node ? ['--import', join(root, 'scripts/bench/report-rss.mjs'), ...args] : timed ? ['-f', 'maxrss-kib %M', command, ...args] : args;
  const started = performance.now();
  const run = spawnSync(node ? command : timed ? '/usr/bin/time' : command, argv, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${name} failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  const rss = Number(/maxrss-kib (\d+)/u.exec(run.stderr)?.[1] ?? 0);
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  const built = last.startsWith('{') ? (JSON.parse(last) as { editions: number; rebuilt: number; workers: number }) : undefined;
  const summary = built ? `${built.rebuilt} rendered, ${built.editions - built.rebuilt} unchanged, ${built.workers} worker${built.workers === 1 ? '' : 's'}` : last;
  console.log(`${name}: ${seconds.toFixed(2)} s, ${(pages / seconds).toFixed(0)} pages/s, peak RSS ${(rss / 1024).toFixed(0)} MiB${summary ? `  [${summary}]` : ''}`);
  return { name, seconds, rssMiB: rss / 1024, ...(built ? { workers: built.workers } : {}) };
}

const cli = [join(root, 'dist/cli/main.js'), 'build', '--json'];
console.log(`corpus: ${articles} articles × ${locales.length} locales = ${pages} pages, in ${dir}; ${cpus().length} cores, Node ${process.version}`);
const a = measure('(a) full build', [...cli, '--force']);
const b = measure('(b) rebuild, nothing changed', cli);

// (c) one paragraph of one article edited, and its translations added.
const slug = `story-${String(Math.floor(articles / 2)).padStart(5, '0')}`;
const file = join(dir, 'content', `${slug}.md`);
const edited = readFileSync(file, 'utf8').replace('See [the report]', 'See, as of this morning, [the report]');
writeFileSync(file, edited);
const segments = segmentArticle(loadArticle(edited, `content/${slug}.md`, slug));
for (const locale of targets) {
  const memoryFile = join(dir, 'content/translations', locale, `${slug}.json`);
  const memory = parseMemory(readFileSync(memoryFile, 'utf8'), memoryFile);
  for (const segment of segments) {
    memory.segments[segment.id] ??= { source: segment.source, target: mockTranslate(segment.source, locale), origin: 'human', state: 'reviewed' };
  }
  writeFileSync(memoryFile, serializeMemory(memory));
}
const c = measure('(c) rebuild after a one-paragraph edit', cli);
const d = measure('(d) baseline: plain unified', ['--import', 'tsx', join(root, 'scripts/bench/baseline.ts'), join(dir, 'content'), join(dir, 'baseline'), locales.join(',')], root);

// (e) Hugo, over the same translated articles. Writing its content files is not timed.
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
let e: Row | undefined;
if (hugo.status === 0) {
  const site = join(dir, 'hugo');
  mkdirSync(site);
  const written = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/hugo-site.ts'), dir, site], { cwd: root, encoding: 'utf8' });
  if (written.status !== 0) throw new Error(`writing the Hugo site failed:\n${written.stderr.slice(-2000)}`);
  e = measure(`(e) Hugo full build (${hugo.stdout.trim().split(' ').slice(0, 2).join(' ')})`, ['--quiet', '--destination', 'public'], site, 'hugo');
} else {
  console.log('(e) Hugo: not measured, hugo is not on PATH (Debian: apt-get install hugo)');
}

console.log(`a/d ${(a.seconds / d.seconds).toFixed(2)}`);
if (e) {
  console.log(`a/e ${(a.seconds / e.seconds).toFixed(2)}`);
  console.log(`b/e ${(b.seconds / e.seconds).toFixed(2)}`);
  console.log(`c/e ${(c.seconds / e.seconds).toFixed(2)}`);
}
console.log(`b/a ${(b.seconds / a.seconds).toFixed(2)}`);
console.log(`c/a ${(c.seconds / a.seconds).toFixed(2)}`);
console.log(`peak RSS ${Math.max(a.rssMiB, b.rssMiB, c.rssMiB).toFixed(0)} MiB`);
// Threads that built articles in the full build (the build's own thread counts as one when it used none).
console.log(`workers ${a.workers ?? 1}`);
rmSync(dir, { recursive: true, force: true });
