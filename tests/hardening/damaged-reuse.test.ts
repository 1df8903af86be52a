/**
 * An incremental build carries a page over from the previous out/ only
 * when its bytes are the ones the cache recorded: a page truncated or
 * edited since is rendered again, so out/ always matches its manifest.
 * A page whose size, modification time and inode are those the previous
 * build recorded is trusted without being read.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { hardeningProject } from './project.js';

describe('an incremental build after out/ was damaged', () => {
  it('renders the truncated and edited pages again, and out/ matches its manifest', async () => {
    const dir = hardeningProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const pristine = readTree(join(dir, 'out'), ['.cache']);
    const out = (path: string) => join(dir, 'out', path);
    truncateSync(out('de/talks.html'), 100);
    // The same size, other bytes: only the hash can tell.
    const english = readFileSync(out('en/talks.html'), 'utf8');
    writeFileSync(out('en/talks.html'), english.replace('Trade talks end', 'Trade talks END'));
    writeFileSync(out('de/feed.xml'), '');

    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(2 rendered, 0 unchanged\)/u);
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(pristine);
    const manifest = JSON.parse(readFileSync(out('manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string; size: number }> };
    for (const file of manifest.files) {
      const bytes = readFileSync(out(file.path));
      expect({ path: file.path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }).toEqual(file);
    }
  });
});

describe('a page carried over by its stamp', () => {
  const OLD = new Date('2020-01-02T03:04:05Z');
  const PAGE = 'en/talks.html';
  const sameSize = (text: string) => text.replace('Trade talks end', 'Trade talks END');

  /** A built project whose page was last modified long before the build that recorded it. */
  async function settled(): Promise<{ dir: string; out: (path: string) => string }> {
    const dir = hardeningProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = (path: string) => join(dir, 'out', path);
    expect((await runCli(dir, ['build'])).code).toBe(0);
    utimesSync(out(PAGE), OLD, OLD);
    // Its time changed, so this build reads and hashes it, then records its stamp.
    expect((await runCli(dir, ['build'])).stdout).toMatch(/\(0 rendered, 2 unchanged\)/u);
    return { dir, out };
  }

  it('is not read: bytes edited in place with the size and time put back stay (the stamp cannot tell)', async () => {
    const { dir, out } = await settled();
    const edited = sameSize(readFileSync(out(PAGE), 'utf8'));
    writeFileSync(out(PAGE), edited);
    utimesSync(out(PAGE), OLD, OLD);
    expect((await runCli(dir, ['build'])).stdout).toMatch(/\(0 rendered, 2 unchanged\)/u);
    expect(readFileSync(out(PAGE), 'utf8')).toBe(edited);
  });

  it('is rendered again when replaced by another file of the same size and time', async () => {
    const { dir, out } = await settled();
    const pristine = readFileSync(out(PAGE), 'utf8');
    writeFileSync(out('replacement'), sameSize(pristine));
    utimesSync(out('replacement'), OLD, OLD);
    renameSync(out('replacement'), out(PAGE));
    expect((await runCli(dir, ['build'])).stdout).toMatch(/\(1 rendered, 1 unchanged\)/u);
    expect(readFileSync(out(PAGE), 'utf8')).toBe(pristine);
  });

  it('is read when its time is not older than the record of its build: an edit in the same clock tick need not change it', async () => {
    const dir = hardeningProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = (path: string) => join(dir, 'out', path);
    expect((await runCli(dir, ['build'])).code).toBe(0);
    // Later than any record: as a page written in the tick its record was.
    const LATER = new Date('2100-01-02T03:04:05Z');
    utimesSync(out(PAGE), LATER, LATER);
    expect((await runCli(dir, ['build'])).stdout).toMatch(/\(0 rendered, 2 unchanged\)/u);
    const pristine = readFileSync(out(PAGE), 'utf8');
    writeFileSync(out(PAGE), sameSize(pristine));
    utimesSync(out(PAGE), LATER, LATER);
    expect((await runCli(dir, ['build'])).stdout).toMatch(/\(1 rendered, 1 unchanged\)/u);
    expect(readFileSync(out(PAGE), 'utf8')).toBe(pristine);
  });
});
