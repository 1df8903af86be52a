import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { mergeMemory } from '../../pipeline/translation/memory/merge-memory.js';
import { parseMemory, serializeMemory, type MemoryEntry, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { repoRoot } from '../support/project.js';
import { tempDir } from '../support/temp.js';

const entry = (target: string, origin = 'human', state: MemoryEntry['state'] = 'translated'): MemoryEntry => ({ source: `source of ${target}`, target, origin, state });
const memory = (segments: Record<string, MemoryEntry>): MemoryFile => ({ article: 'talks', locale: 'de', segments });

describe('merging a memory file three ways', () => {
  it("keeps a reviewer's fix made on one side and the machine translations added on the other (git's line merge conflicts, and taking a file whole undoes one)", () => {
    const base = memory({ a: entry('Kim Jong-un'), b: entry('zwei') });
    const ours = memory({ a: entry('Kim Jong Un'), b: entry('zwei') });
    const theirs = memory({ a: entry('Kim Jong-un'), b: entry('zwei'), c: entry('drei', 'deepl') });
    expect(mergeMemory(base, ours, theirs)).toEqual({ memory: memory({ a: entry('Kim Jong Un'), b: entry('zwei'), c: entry('drei', 'deepl') }), conflicts: [] });
  });

  it("takes a person's translation over a machine's where both sides changed a segment, whichever side it is on", () => {
    const base = memory({ a: entry('alt', 'deepl') });
    const human = entry('von Hand');
    const machine = entry('neu', 'deepl');
    expect(mergeMemory(base, memory({ a: human }), memory({ a: machine })).memory.segments['a']).toEqual(human);
    expect(mergeMemory(base, memory({ a: machine }), memory({ a: human })).memory.segments['a']).toEqual(human);
    expect(mergeMemory(base, memory({ a: machine }), memory({ a: entry('anders', 'deepl', 'reviewed') })).conflicts).toEqual([]);
  });

  it('keeps ours and reports a segment both sides changed to different translations of the same standing', () => {
    const base = memory({ a: entry('alt') });
    const merged = mergeMemory(base, memory({ a: entry('unsere') }), memory({ a: entry('ihre') }));
    expect(merged.memory.segments['a']).toEqual(entry('unsere'));
    expect(merged.conflicts).toEqual(['a']);
  });

  it('follows a deletion made on one side, and takes a file both sides added as the union', () => {
    const base = memory({ a: entry('eins'), b: entry('zwei') });
    expect(Object.keys(mergeMemory(base, memory({ a: entry('eins'), b: entry('zwei') }), memory({ a: entry('eins') })).memory.segments)).toEqual(['a']);
    expect(Object.keys(mergeMemory(undefined, memory({ a: entry('eins') }), memory({ b: entry('zwei') })).memory.segments)).toEqual(['a', 'b']);
  });
});

describe('edition merge-memory as a git merge driver', { timeout: 60_000 }, () => {
  it('merges a branch of machine translations into a main that fixed one by hand, where git alone conflicts', () => {
    const dir = tempDir('edition-merge-');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=e@example.org', '-c', 'user.name=E', ...args], { cwd: dir, encoding: 'utf8' });
    const file = join(dir, 'content/translations/de/talks.json');
    const write = (segments: Record<string, MemoryEntry>) => {
      execFileSync('mkdir', ['-p', join(dir, 'content/translations/de')]);
      writeFileSync(file, serializeMemory(memory(segments)));
    };
    git('init', '-q', '-b', 'main');
    write({ a: entry('eins'), b: entry('Kim Jong-un') });
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'translations');
    write({ a: entry('eins'), b: entry('Kim Jong-un'), c: entry('drei', 'deepl') });
    git('commit', '-qam', 'machine translations');
    git('checkout', '-q', 'main');
    // The fix is next to where the other branch added its entry: git's line merge conflicts here.
    write({ a: entry('eins'), b: entry('Kim Jong Un', 'human', 'reviewed') });
    git('commit', '-qam', 'reviewer fix');

    writeFileSync(join(dir, '.gitattributes'), 'content/translations/**/*.json merge=edition-memory\n');
    const tsx = createRequire(join(repoRoot, 'package.json')).resolve('tsx/esm');
    git('config', 'merge.edition-memory.driver', `"${process.execPath}" --import "${tsx}" "${join(repoRoot, 'pipeline/cli/main.ts')}" merge-memory %O %A %B`);
    git('merge', '-q', '--no-edit', 'translations');
    expect(parseMemory(readFileSync(file, 'utf8'), 'talks.json').segments).toEqual({ a: entry('eins'), b: entry('Kim Jong Un', 'human', 'reviewed'), c: entry('drei', 'deepl') });
  });
});
