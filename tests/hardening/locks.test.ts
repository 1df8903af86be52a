/**
 * Two builds at once, and the leftovers of a killed one: the second build
 * is refused with who holds the folder, nothing is corrupted, and a crash
 * never blocks or breaks the next build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { OUT_RECORD, recoverOutput } from '../../pipeline/io/staged-output.js';
import { hardeningProject } from './project.js';

const lockOf = (pid: number) => `${JSON.stringify({ pid, host: hostname(), since: '2024-06-27T00:00:00.000Z' })}\n`;
/** The pid of a process that has exited: what a lock left by kill -9 holds. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;
const leftovers = (dir: string) => readdirSync(dir).filter((name) => /\.(staging|previous)-|\.lock$/u.test(name));

describe('two builds at once', () => {
  it('on the same project: one builds, the other is refused naming the holder; out/ and the memory are intact', async () => {
    const dir = hardeningProject();
    const memory = readTree(join(dir, 'content'));
    const [first, second] = await Promise.all([runCli(dir, ['build']), runCli(dir, ['build'])]);
    const codes = [first.code, second.code].sort((a, b) => a - b);
    expect(codes).toEqual([0, 75]);
    const refused = first.code === 75 ? first : second;
    expect(refused.stderr).toMatch(
      new RegExp(
        `^error: content/\\.edition\\.lock: the translation memory in content is in use by another edition process \\(pid ${process.pid} on .+, since .+\\)\\n  hint: wait for it to finish and run again`,
        'u',
      ),
    );
    expect(readTree(join(dir, 'content'))).toEqual(memory);
    expect(readFileSync(join(dir, 'out/de/talks.html'), 'utf8')).toContain('</html>');
    expect(leftovers(dir)).toEqual([]);
  });

  it('into the same out folder from two content folders: the out folder is locked too', async () => {
    const dir = hardeningProject({ 'other/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\n', 'other/talks.md': readFileSync(join(hardeningProject(), 'content/talks.md'), 'utf8') });
    const [first, second] = await Promise.all([runCli(dir, ['build']), runCli(dir, ['build', '--content', 'other', '--locales', 'en'])]);
    expect([first.code, second.code].sort((a, b) => a - b)).toEqual([0, 75]);
    expect((first.code === 75 ? first : second).stderr).toContain('out.edition.lock: the out folder out is in use by another edition process');
  });

  it('reached through a symbolic link, the out folder has the same lock', async () => {
    const dir = hardeningProject();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    symlinkSync('out', join(dir, 'site'));
    writeFileSync(join(dir, 'out.edition.lock'), lockOf(process.ppid));
    const site = readTree(join(dir, 'out'));
    const run = await runCli(dir, ['build', '--out', 'site', '--force']);
    expect(run.code).toBe(75);
    expect(run.stderr).toContain('is in use by another edition process');
    expect(readTree(join(dir, 'out'))).toEqual(site);
  });

  it('a lock held by a live process is left alone; one whose process is gone is taken over', async () => {
    const dir = hardeningProject();
    writeFileSync(join(dir, 'content/.edition.lock'), lockOf(process.ppid));
    const busy = await runCli(dir, ['build']);
    expect(busy.code).toBe(75);
    expect(busy.stderr).toContain(`in use by another edition process (pid ${process.ppid} on ${hostname()}, since 2024-06-27T00:00:00.000Z)`);
    expect(readFileSync(join(dir, 'content/.edition.lock'), 'utf8')).toBe(lockOf(process.ppid));
    expect(existsSync(join(dir, 'out'))).toBe(false);

    writeFileSync(join(dir, 'content/.edition.lock'), lockOf(deadPid()));
    writeFileSync(join(dir, 'out.edition.lock'), lockOf(deadPid()));
    const taken = await runCli(dir, ['build']);
    expect(taken.code).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(join(dir, 'content/.edition.lock'))).toBe(false);
  });

  it('xliff import is refused while the memory is locked, and manifest while out/ is', async () => {
    const dir = hardeningProject();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect((await runCli(dir, ['xliff', 'export', 'de', '-o', 'de.xlf'])).code).toBe(0);
    writeFileSync(join(dir, 'content/.edition.lock'), lockOf(process.ppid));
    writeFileSync(join(dir, 'out.edition.lock'), lockOf(process.ppid));
    const memory = readTree(join(dir, 'content'));
    const imported = await runCli(dir, ['xliff', 'import', 'de.xlf']);
    expect(imported.code).toBe(75);
    expect(imported.stderr).toContain('error: content/.edition.lock: the translation memory in content is in use by another edition process');
    expect(readTree(join(dir, 'content'))).toEqual(memory);
    const merged = await runCli(dir, ['manifest']);
    expect(merged.code).toBe(75);
    expect(merged.stderr).toContain('error: out.edition.lock: the out folder out is in use by another edition process');
  });
});

describe('after a build was killed', () => {
  /** A build's folder as edition leaves it: its pages and its record of them (complete once committed). */
  const build = (dir: string, folder: string, marker: string, complete = true) => {
    mkdirSync(join(dir, folder, 'de'), { recursive: true });
    mkdirSync(join(dir, folder, '.cache'), { recursive: true });
    writeFileSync(join(dir, folder, 'de/talks.html'), marker);
    writeFileSync(join(dir, folder, OUT_RECORD), `${JSON.stringify({ format: 'edition out folder 1', complete, files: ['de/talks.html'] })}\n`);
  };
  const page = (text: string) => ({ '.cache/out.json': expect.any(String), 'de/talks.html': Buffer.from(text).toString('base64') });

  it('between the two renames of its commit: the new build is put in place', async () => {
    const dir = hardeningProject();
    const pid = deadPid();
    build(dir, `out.previous-${pid}`, 'old');
    build(dir, `out.staging-${pid}`, 'new');
    await recoverOutput(join(dir, 'out'));
    expect(readTree(join(dir, 'out'))).toEqual(page('new'));
    expect(leftovers(dir)).toEqual([]);
  });

  it('before its commit: the previous build stays and the half-built staging folder goes', async () => {
    const dir = hardeningProject();
    build(dir, 'out', 'old');
    build(dir, `out.staging-${deadPid()}`, 'half', false);
    build(dir, `out.previous-${deadPid()}`, 'older');
    await recoverOutput(join(dir, 'out'));
    expect(readTree(join(dir, 'out'))).toEqual(page('old'));
    expect(leftovers(dir)).toEqual([]);
  });

  it('the next build recovers by itself, and removes temporary memory files the kill left', async () => {
    const dir = hardeningProject();
    const pid = deadPid();
    build(dir, `out.previous-${pid}`, 'old');
    build(dir, `out.staging-${pid}`, 'new');
    writeFileSync(join(dir, 'content/translations/de/.talks.json.0123456789ab.tmp'), '{"article": "talk');
    writeFileSync(join(dir, 'content/.edition.lock'), lockOf(deadPid()));
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out/de/talks.html'), 'utf8')).toContain('</html>');
    expect(readdirSync(join(dir, 'content/translations/de'))).toEqual(['talks.json']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('while taking a lock: the next build removes the temporary lock files of processes that are gone, and no other', async () => {
    const dir = hardeningProject();
    const dead = `out.edition.lock.${deadPid()}.0123456789ab.tmp`;
    const live = `out.edition.lock.${process.pid}.0123456789ab.tmp`;
    const theirs = 'out.edition.lock.notes.tmp';
    for (const name of [dead, live, theirs]) writeFileSync(join(dir, name), lockOf(1));
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(
      readdirSync(dir)
        .filter((name) => name.endsWith('.tmp'))
        .sort(),
    ).toEqual([live, theirs].sort());
  });
});
