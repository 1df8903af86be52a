/**
 * An incremental build carries a page over from the previous out/ only
 * when its bytes are the ones the cache recorded: a page truncated or
 * edited since is rendered again, so out/ always matches its manifest.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
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
