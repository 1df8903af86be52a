/**
 * kill -9 at random points of real builds (the compiled CLI in a child
 * process, translating through the fake DeepL server on 127.0.0.1, so that
 * kills land while memory files are being written and while out/ is being
 * swapped). After every kill, as the next build would find things:
 * - every memory file is valid, every entry is a correct translation, and
 *   nothing saved before is gone;
 * - every segment the server answered is saved, except those of the at
 *   most 4 requests (the DeepL translator's concurrency) in flight;
 * - nothing saved is ever sent (and billed) again;
 * - out/ is one complete build (every file of its manifest, byte for
 *   byte), or absent only while no build has ever finished; no staging or
 *   previous folder is left.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTranslate, startFakeDeepL, type FakeDeepL, type TranslateCall } from '../support/fake-deepl.js';
import { syntheticArticle } from '../support/corpus.js';
import { repoRoot } from '../support/project.js';
import { parseMemory, type MemoryEntry } from '../../pipeline/translation/memory/memory-file.js';
import { recoverOutput } from '../../pipeline/io/staged-output.js';
import { tempDir } from '../support/temp.js';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';

/** The CLI bundled from the current source as `npm run build` bundles it, apart from dist/ so a build there is not disturbed. */
const compiled = join(repoRoot, 'node_modules/.cache/edition-kill-test');
const cli = join(compiled, 'cli/main.js');
/** Kills that must land inside a build; a build that beats its kill point does not count, and another round runs. */
const KILLS = 20;
const MAX_ROUNDS = 40;
const CONCURRENCY = 4;
const LOCALES = { de: 'DE', ko: 'KO' } as const;

let fake: FakeDeepL;
beforeAll(async () => {
  const bundle = spawnSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--outdir', compiled], { cwd: repoRoot, encoding: 'utf8' });
  expect(bundle.status, bundle.stdout + bundle.stderr).toBe(0);
  fake = await startFakeDeepL();
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

/** A seeded generator: the same kill points on every run of the suite. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeArticles(dir: string, from: number, count: number): void {
  for (let index = from; index < from + count; index += 1) writeFileSync(join(dir, 'content', `story-${index}.md`), syntheticArticle(index));
}

/** Every memory entry by `locale/slug` and id; throws (failing the test) on a file that is not a valid memory. */
function readMemories(dir: string): Map<string, Map<string, MemoryEntry>> {
  const all = new Map<string, Map<string, MemoryEntry>>();
  for (const locale of Object.keys(LOCALES)) {
    const folder = join(dir, 'content/translations', locale);
    for (const name of existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.json') && !file.startsWith('.')) : []) {
      const file = join(folder, name);
      all.set(`${locale}/${name.slice(0, -'.json'.length)}`, new Map(Object.entries(parseMemory(readFileSync(file, 'utf8'), file).segments)));
    }
  }
  return all;
}

/**
 * The memories (`locale/slug`) a text of a translate request was for: every
 * article of the request's locale that has the text as a segment (a
 * request carries segments of several articles, and a text such as a
 * table heading may be in many).
 */
function memoriesOf(dir: string): (call: TranslateCall, text: string) => string[] {
  const slugsBySource = new Map<string, string[]>();
  for (const name of readdirSync(join(dir, 'content')).filter((file) => file.endsWith('.md'))) {
    const slug = name.slice(0, -'.md'.length);
    const article = loadArticle(readFileSync(join(dir, 'content', name), 'utf8'), `content/${name}`, slug);
    for (const segment of segmentArticle(article)) slugsBySource.set(segment.source, [...new Set([...(slugsBySource.get(segment.source) ?? []), slug])]);
  }
  return (call, text) => (slugsBySource.get(text) ?? []).map((slug) => `${call.params['target_lang']!.toLowerCase()}/${slug}`);
}

/** True when out/ holds every file its manifest lists, with the listed bytes. */
function completeBuild(out: string): boolean {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
  expect(manifest.files.length).toBeGreaterThan(0);
  for (const file of manifest.files) {
    const bytes = readFileSync(join(out, file.path));
    expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
  }
  return true;
}

/** When to kill: so long after the start, or so long after the first batch came back (while memory files are written). */
type KillPoint = { afterStartMs: number } | { afterFirstBatchMs: number; otherwiseAfterStartMs: number };

function runBuild(dir: string, kill: KillPoint | undefined, args: readonly string[] = []): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'build', ...args], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', DEEPL_AUTH_KEY: fake.key, DEEPL_SERVER_URL: fake.url, DEEPL_MAX_RETRIES: '1', DEEPL_TIMEOUT_MS: '5000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const timers: NodeJS.Timeout[] = [];
  const killAfter = (ms: number) => timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
  child.stderr.on('data', (chunk) => {
    // The translator prints "deepl de: 19/454 segments" as each batch returns, just before saving it.
    if (kill && 'afterFirstBatchMs' in kill && !stderr.includes('deepl ') && String(chunk).includes('deepl ')) killAfter(kill.afterFirstBatchMs);
    stderr += chunk;
  });
  if (kill) killAfter('afterStartMs' in kill ? kill.afterStartMs : kill.otherwiseAfterStartMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('kill -9 during builds', () => {
  it(`${KILLS} or more kills at random points lose nothing saved and never leave half an out/`, async () => {
    const dir = tempDir('edition-kill-');
    for (const locale of ['en', ...Object.keys(LOCALES)]) cpSync(join(repoRoot, 'locales', locale), join(dir, 'locales', locale), { recursive: true });
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\n');
    writeArticles(dir, 0, 20);
    // Answers spread over time, so kills land between and during memory writes.
    fake.faults.delayMs = 4;
    const next = random(20240627);
    let saved = readMemories(dir);
    let built = false;
    let killed = 0;
    let translatingKills = 0;
    let buildMs = 0;

    for (let round = 0; killed < KILLS && round < MAX_ROUNDS; round += 1) {
      if (round === 8 || round === 16) writeArticles(dir, 100 + round * 10, 6);
      const calls = fake.translateCalls.length;
      // Even rounds translate and are killed while batches are being saved. Odd ones build what is ready
      // (the memory translator publishes that and holds the rest, so they finish without the translations)
      // and are killed anywhere from
      // start-up to the swap of out/; some finish, and the next kills land on a previous build.
      // The first of those runs unkilled, and the time of any that finishes scales the next kill points
      // to this machine's speed at the moment (a CI runner under load is several times slower).
      const started = Date.now();
      const run =
        round % 2 === 0
          ? await runBuild(dir, { afterFirstBatchMs: Math.floor(next() * 300), otherwiseAfterStartMs: 60_000 })
          : await runBuild(dir, round === 1 ? undefined : { afterStartMs: Math.floor((0.05 + 0.9 * next()) * buildMs) }, ['--translator', 'memory']);
      if (round % 2 === 1 && run.signal !== 'SIGKILL') buildMs = Date.now() - started;
      if (run.signal === 'SIGKILL') killed += 1;
      else expect(run.code, run.stderr).toBe(0);
      const answered = fake.translateCalls.slice(calls);
      if (answered.length > 0 && run.signal === 'SIGKILL') translatingKills += 1;

      const memories = readMemories(dir);
      for (const [memory, entries] of memories) {
        const target = LOCALES[memory.split('/')[0] as keyof typeof LOCALES];
        for (const [id, entry] of entries) expect(entry.target, `${memory} ${id}`).toBe(fakeTranslate(entry.source, target));
      }
      for (const [memory, entries] of saved) {
        // Nothing saved before is lost, or changed.
        for (const [id, entry] of entries) expect(memories.get(memory)?.get(id), `${memory} ${id} lost`).toEqual(entry);
      }
      const memoriesOfText = memoriesOf(dir);
      const savedIn = (memories: Map<string, Map<string, MemoryEntry>>, call: TranslateCall, text: string) =>
        memoriesOfText(call, text).filter((memory) => [...(memories.get(memory)?.values() ?? [])].some((entry) => entry.source === text));
      // Nothing saved before was sent again: a text is sent only while some article that has it lacks it.
      const resent = answered.flatMap((call) => call.texts.filter((text) => savedIn(saved, call, text).length === memoriesOfText(call, text).length));
      expect(resent, `round ${round}: sent again although saved`).toEqual([]);
      // Every answered request is saved, but for those in flight at the kill.
      const unsaved = answered.filter((call) => call.texts.some((text) => savedIn(memories, call, text).length === 0));
      expect(unsaved.length, `round ${round}: answered requests not saved`).toBeLessThanOrEqual(CONCURRENCY);
      saved = memories;

      // What the next build does first.
      await recoverOutput(join(dir, 'out'));
      expect(readdirSync(dir).filter((name) => /^out\.(staging|previous)-/u.test(name))).toEqual([]);
      if (existsSync(join(dir, 'out'))) built = completeBuild(join(dir, 'out'));
      else expect(built, `round ${round}: out/ disappeared after a complete build`).toBe(false);
    }

    const final = await runBuild(dir, undefined);
    expect(final.code, final.stderr).toBe(0);
    expect(completeBuild(join(dir, 'out'))).toBe(true);
    const pages = readdirSync(join(dir, 'out/ko')).filter((name) => name.startsWith('story-'));
    expect(pages).toHaveLength(20 + 12);
    expect(readdirSync(dir).filter((name) => /^out\.|\.lock$/u.test(name))).toEqual([]);
    for (const locale of Object.keys(LOCALES)) {
      expect(readdirSync(join(dir, 'content/translations', locale)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    // The kills really landed: during builds, several while translating.
    expect(killed, `kills in ${MAX_ROUNDS} rounds`).toBeGreaterThanOrEqual(KILLS);
    expect(translatingKills, `kills while translating, of ${killed}`).toBeGreaterThanOrEqual(3);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
