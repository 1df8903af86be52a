/**
 * Worker threads: a build on several threads writes the bytes a build on
 * one thread writes (pages, lists, manifest, archives and cache), whatever
 * order the threads finish in, and reports the same held editions and the
 * same problems.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOk, corpusProject, runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { memoryFor } from '../hardening/project.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { OUT_RECORD, RUN_RECORD } from '../../pipeline/io/staged-output.js';

/** edition's records of the out folder, which name inodes and modification times. */
const RECORDS = [OUT_RECORD, RUN_RECORD];

const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const TARGETS = LOCALES.filter((code) => code !== 'en');

/** A corpus where not every edition is ready: one Korean memory lacks an entry, one Arabic memory file is missing. */
function project(): string {
  const dir = corpusProject(12, TARGETS);
  const ko = join(dir, 'content/translations/ko/story-00003.json');
  const memory = JSON.parse(readFileSync(ko, 'utf8')) as { segments: Record<string, unknown> };
  delete memory.segments[Object.keys(memory.segments)[0]!];
  writeFileSync(ko, `${JSON.stringify(memory, null, 2)}\n`);
  rmSync(join(dir, 'content/translations/ar/story-00007.json'));
  return dir;
}

describe('a build on worker threads', { timeout: 120_000 }, () => {
  it('writes byte for byte what a one-thread build writes, manifest, archives and cache included, and holds the same editions', async () => {
    const dir = project();
    const one = await buildOk(dir, '--workers', '1', '--archive', '--out', 'one', '--json');
    const three = await buildOk(dir, '--workers', '3', '--archive', '--out', 'three', '--json');
    const summary = (run: { stdout: string }) => {
      const { out: _, workers, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
      return { workers, rest };
    };
    expect(summary(one).workers).toBe(1);
    expect(summary(three).workers).toBe(3);
    expect(summary(three).rest).toEqual(summary(one).rest);
    expect(summary(one).rest).toMatchObject({ editions: 118, held: 2, rebuilt: 118 });
    // The out folder's record names each file's inode and modification time, which are the file system's.
    const tree = readTree(join(dir, 'one'), RECORDS);
    expect(Object.keys(tree)).toContain('ko.tar.gz');
    expect(Object.keys(tree)).toContain('.cache/build.json');
    expect(readTree(join(dir, 'three'), RECORDS)).toEqual(tree);
  });

  it('rebuilds an edited article the way a one-thread build does', async () => {
    const dir = project();
    await buildOk(dir, '--workers', '1', '--out', 'one');
    await buildOk(dir, '--workers', '2', '--out', 'two');
    const file = join(dir, 'content/story-00005.md');
    const text = readFileSync(file, 'utf8').replace('title: "Story 5:', 'title: "Story 5 (updated):');
    writeFileSync(file, text);
    for (const locale of TARGETS) writeFileSync(join(dir, 'content/translations', locale, 'story-00005.json'), serializeMemory(memoryFor(text, 'story-00005', locale)));
    const one = await buildOk(dir, '--workers', '1', '--out', 'one');
    const two = await buildOk(dir, '--workers', '2', '--out', 'two');
    expect(two.stdout.replace('-> two', '')).toEqual(one.stdout.replace('-> one', ''));
    expect(one.stdout).toContain('(10 rendered, 108 unchanged)');
    expect(readTree(join(dir, 'two'), RECORDS)).toEqual(readTree(join(dir, 'one'), RECORDS));
  });

  it('are started when new settings or locale files render every page again, though no article changed', async () => {
    const dir = corpusProject(3, TARGETS);
    await buildOk(dir, '--workers', '2');
    const file = join(dir, 'locales/ko/translation.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const again = JSON.parse((await buildOk(dir, '--workers', '2', '--json')).stdout) as { rebuilt: number; workers: number };
    expect(again).toMatchObject({ rebuilt: 3, workers: 2 });
  });

  it('stops on the same problems, each named once, and publishes nothing', async () => {
    const dir = project();
    for (const slug of ['story-00002', 'story-00009']) {
      const file = join(dir, 'content', `${slug}.md`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/city: [A-Za-z ]+\n/u, 'city: Atlantis\n'));
    }
    const one = await runCli(dir, ['build', '--workers', '1', '--out', 'one']);
    const two = await runCli(dir, ['build', '--workers', '2', '--out', 'two']);
    expect(one.code).not.toBe(0);
    expect({ code: two.code, stderr: two.stderr.replaceAll('two', 'one') }).toEqual({ code: one.code, stderr: one.stderr });
    expect(one.stderr).toContain('content/story-00002.md');
    expect(one.stderr).toContain('content/story-00009.md');
    expect(one.stderr).toContain('city "Atlantis" is not in the gazetteer');
  });
});
