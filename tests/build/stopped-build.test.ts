/**
 * A build that stops changes no byte of the memory: a human translation
 * whose English was edited is re-keyed only by a build that goes through.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildScratch, corpusProject, runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { article, hardeningProject, TALKS, VALID_FRONT_MATTER } from '../hardening/project.js';

describe('a build that stops', () => {
  it('on broken input leaves every memory file byte for byte; the build that goes through re-keys it', async () => {
    const dir = hardeningProject({ 'content/other.md': article('title: "T"\ndate: "2024-13-45"\ndateline: {city: Seoul}', 'No German for this one yet.') });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // An edit to the English of a reviewed human translation: the build re-keys that entry.
    writeFileSync(join(dir, 'content/talks.md'), TALKS.replace('Officials said *nothing* more.', 'Officials said *nothing* else.'));
    const memory = readTree(join(dir, 'content/translations'));
    const before = JSON.parse(readFileSync(join(dir, 'content/translations/de/talks.json'), 'utf8')) as { segments: Record<string, { source: string; target: string }> };
    const old = Object.values(before.segments).find((entry) => entry.source === 'Officials said <em1>nothing</em1> more.')!;

    const stopped = await runCli(dir, ['build']);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('content/other.md:3 (date): "2024-13-45" is not a calendar date');
    expect(readTree(join(dir, 'content/translations'))).toEqual(memory);

    // Fixed, it has no German yet: that edition is held back, and the build goes through.
    writeFileSync(join(dir, 'content/other.md'), article(VALID_FRONT_MATTER, 'No German for this one yet.'));
    const through = await runCli(dir, ['build']);
    expect(through.code).toBe(0);
    expect(through.stdout).toContain('held: content/other.md: de: ');
    const rekeyed = JSON.parse(readFileSync(join(dir, 'content/translations/de/talks.json'), 'utf8')) as { segments: Record<string, unknown> };
    expect(rekeyed.segments['6ba56379f199e97e']).toEqual({
      source: 'Officials said <em1>nothing</em1> else.',
      target: old.target,
      origin: 'human',
      state: 'reviewed',
      sourceChanged: true,
      previousSource: 'Officials said <em1>nothing</em1> more.',
    });
  });

  it('built in one thread, lets the process hear a signal (Ctrl-C) between articles, not only at the end', async () => {
    const dir = corpusProject(6, ['de']);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    let seen: number | undefined;
    let [done, total] = [0, 0];
    // What a signal handler is: a callback of the event loop, which runs only when the build gives it a turn.
    const onProgress = (count: number, of: number) => {
      if (done === 0) setImmediate(() => (seen = done));
      [done, total] = [count, of];
    };
    await buildScratch(dir, undefined, { onProgress });
    expect(done).toBe(total);
    expect(seen).toBeLessThan(total);
  });
});
