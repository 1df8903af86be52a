/**
 * A build given what the last build was given, over the out/ it left, has
 * nothing to do: it reports what a full check reports, and anything that
 * could change a byte of the site (an article, a memory, a linked image,
 * a page in out/, an option) sends it down the full path again.
 */
import { appendFileSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOk, corpusProject, runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { RUN_RECORD } from '../../pipeline/io/staged-output.js';

const TARGETS = ['de', 'ko'];

/**
 * Builds keep their cache outside out/, where it can be made unreadable
 * without touching out/: a build that reads it then renders every edition
 * again, one that does not read it renders none.
 */
const build = (dir: string, ...args: string[]) => buildOk(dir, '--cache', 'state', ...args);
const buildRun = (dir: string, ...args: string[]) => runCli(dir, ['build', '--cache', 'state', ...args]);

function spoilCache(dir: string): void {
  writeFileSync(join(dir, 'state/build.json'), 'not a cache\n');
}

/** Give a file a new modification time, its bytes unchanged. */
function touch(file: string): void {
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
}

describe('a build with nothing to do', { timeout: 60_000 }, () => {
  it('reports what a full check reports, without reading the build cache, and leaves out/ as it is', async () => {
    const dir = corpusProject(3, TARGETS);
    await build(dir);
    const site = readTree(join(dir, 'out'), ['.cache']);
    // A memory file touched without a change: the full check runs, finds every page up to date, and records the run.
    touch(join(dir, 'content/translations/ko/story-00001.json'));
    const full = await build(dir);
    expect(full.stdout).toContain('9 editions (0 rendered, 9 unchanged)');

    spoilCache(dir);
    const unchanged = await build(dir);
    expect(unchanged.stdout).toBe(full.stdout);
    const warnings = (run: { stderr: string }) => run.stderr.split('\n').filter((line) => line.startsWith('warning'));
    expect(warnings(unchanged)).toEqual(warnings(full));
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(site);
    // The same in JSON, held editions and coverage included.
    const json = await build(dir, '--json');
    const summary = JSON.parse(json.stdout) as { heldEditions: unknown[] };
    expect(summary).toMatchObject({ ok: true, articles: 3, editions: 9, rebuilt: 0, held: 21, coverage: { ko: { segments: 57, missing: 0 } } });
    expect(summary.heldEditions).toHaveLength(21);
  });

  it('says again what the articles warned of, whether the build carries them over or has nothing to do, until they are fixed', async () => {
    const dir = corpusProject(2, TARGETS);
    const file = join(dir, 'content/story-00000.md');
    const story = readFileSync(file, 'utf8');
    writeFileSync(file, story.replace('\n---\n', '\nautor: "Jane"\n---\n'));
    const warned = /^warning: content\/story-00000\.md:\d+ \(autor\): unknown front matter field, ignored/mu;
    expect((await build(dir)).stderr).toMatch(warned);
    // Nothing to do.
    expect((await build(dir)).stderr).toMatch(warned);
    // The other article changed: this one is carried over, not read.
    appendFileSync(join(dir, 'content/story-00001.md'), '\nA late paragraph.\n');
    const carried = await build(dir);
    expect(carried.stdout).toContain('rendered');
    expect(carried.stderr).toMatch(warned);
    expect((await build(dir)).stderr).toMatch(warned);
    writeFileSync(file, story);
    expect((await build(dir)).stderr).not.toMatch(warned);
    expect((await build(dir)).stderr).not.toMatch(warned);
  });

  it('says nothing from a cache whose warnings are not text', async () => {
    const dir = corpusProject(2, TARGETS);
    await build(dir);
    const cacheFile = join(dir, 'state/build.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(cacheFile, JSON.stringify({ ...cache, warnings: { 'content/story-00000.md': [{ text: 'x' }, 42] } }));
    appendFileSync(join(dir, 'content/story-00001.md'), '\nA late paragraph.\n');
    const run = await build(dir);
    expect(run.stdout).toContain('(1 rendered, 3 unchanged)');
    expect(run.stderr).not.toContain('warning');
  });

  it('still fails with --strict when the last build held editions back', async () => {
    const dir = corpusProject(2, TARGETS);
    rmSync(join(dir, 'content/translations/ko/story-00001.json'));
    await build(dir);
    await build(dir);
    const strict = await buildRun(dir, '--strict');
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('held back; nothing was published');
    expect(strict.stderr).toMatch(/content\/story-00001\.md: ar, es, fr, ja, ko, ru, uk, zh-CN: 19 segments not translated/u);
  });

  it.each([
    // A new paragraph has no translation yet: its article's German and Korean editions are held.
    ['an article is edited', (dir: string) => appendFileSync(join(dir, 'content/story-00002.md'), '\nOne more paragraph.\n'), 7],
    ['a memory file is deleted', (dir: string) => rmSync(join(dir, 'content/translations/de/story-00000.json')), 8],
    ['a page in out/ is edited', (dir: string) => appendFileSync(join(dir, 'out/ko/story-00001.html'), '<!-- changed -->'), 9],
    ['a page in out/ is deleted', (dir: string) => rmSync(join(dir, 'out/de/story-00000.html')), 9],
  ])('does the full check when %s', async (_, change, published) => {
    const dir = corpusProject(3, TARGETS);
    await build(dir);
    await build(dir);
    change(dir);
    // Without the cache, the full check renders every published edition.
    spoilCache(dir);
    expect((await build(dir)).stdout).toContain(`${published} editions (${published} rendered, 0 unchanged)`);
    expect((await build(dir)).stdout).toContain(`${published} editions (0 rendered, ${published} unchanged)`);
  });

  it('does the full check when a linked image changes, and publishes the new image', async () => {
    const dir = corpusProject(1, TARGETS);
    const file = join(dir, 'content/story-00000.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\n/u, '\n\n![A chart](chart.png)\n\n'));
    writeFileSync(join(dir, 'content/chart.png'), 'first chart');
    rmSync(join(dir, 'content/translations'), { recursive: true });
    await build(dir);
    await build(dir);
    writeFileSync(join(dir, 'content/chart.png'), 'second chart, of another size');
    const run = await build(dir);
    expect(run.stdout).toContain('(1 rendered, 0 unchanged)');
    const page = readFileSync(join(dir, 'out/en/story-00000.html'), 'utf8');
    const published = /src="\.\.\/(assets\/chart\.[0-9a-f]{10}\.png)"/u.exec(page)?.[1];
    expect(published && readFileSync(join(dir, 'out', published), 'utf8')).toBe('second chart, of another size');
  });

  it('refuses, as a full build does, when a file that edition did not write was added to out/', async () => {
    const dir = corpusProject(1, TARGETS);
    await build(dir);
    await build(dir);
    writeFileSync(join(dir, 'out/notes.txt'), 'mine');
    const run = await buildRun(dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('the out folder holds files edition did not write (notes.txt)');
  });

  it('does the full check when its record is not one edition wrote, or names other options', async () => {
    const dir = corpusProject(2, TARGETS);
    await build(dir);
    await build(dir);
    for (const text of ['{"format":"edition run 1","key":', '{"__proto__":{"key":"x"}}', '[]']) {
      writeFileSync(join(dir, 'out', RUN_RECORD), text);
      spoilCache(dir);
      expect((await build(dir)).stdout).toContain('(6 rendered, 0 unchanged)');
    }
    spoilCache(dir);
    expect((await build(dir, '--locales', 'en,ko')).stdout).toContain('(4 rendered, 0 unchanged)');
  });
});
