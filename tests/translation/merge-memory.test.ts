import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('keeps ours, flagged with theirs so the edition is held, and reports a segment both sides changed to translations of the same standing', () => {
    const base = memory({ a: entry('alt') });
    const merged = mergeMemory(base, memory({ a: entry('unsere') }), memory({ a: entry('ihre') }));
    expect(merged.memory.segments['a']).toEqual({ ...entry('unsere'), flag: 'merge conflict: the other branch has "ihre" (human); keep one and delete this flag' });
    expect(merged.conflicts).toEqual(['a']);
  });

  it("takes a publishable translation over a person's draft (state initial, or an empty target) where both sides changed a segment", () => {
    const paid = entry('bezahlt', 'deepl');
    for (const draft of [entry('Entwurf', 'human', 'initial'), entry('', 'human')]) {
      const merged = mergeMemory(undefined, memory({ a: draft }), memory({ a: paid }));
      expect(merged).toEqual({ memory: memory({ a: paid }), conflicts: [] });
    }
  });

  it('follows a deletion made on one side, and takes a file both sides added as the union', () => {
    const base = memory({ a: entry('eins'), b: entry('zwei') });
    expect(Object.keys(mergeMemory(base, memory({ a: entry('eins'), b: entry('zwei') }), memory({ a: entry('eins') })).memory.segments)).toEqual(['a']);
    expect(Object.keys(mergeMemory(undefined, memory({ a: entry('eins') }), memory({ b: entry('zwei') })).memory.segments)).toEqual(['a', 'b']);
  });
});

/** A repository with the merge driver set, a base commit, and a branch `other` changing the memory file as `theirs` does, then main as `ours`. */
function branches(base: Record<string, MemoryEntry>, theirs: Record<string, MemoryEntry>, ours: Record<string, MemoryEntry>) {
  const dir = tempDir('edition-merge-');
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=e@example.org', '-c', 'user.name=E', ...args], { cwd: dir, encoding: 'utf8' });
  const file = join(dir, 'content/translations/de/talks.json');
  const write = (segments: Record<string, MemoryEntry>) => {
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    writeFileSync(file, serializeMemory(memory(segments)));
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, '.gitattributes'), readFileSync(join(repoRoot, '.gitattributes'), 'utf8'));
  write(base);
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'other');
  write(theirs);
  git('commit', '-qam', 'theirs');
  git('checkout', '-q', 'main');
  write(ours);
  git('commit', '-qam', 'ours');
  const tsx = createRequire(join(repoRoot, 'package.json')).resolve('tsx/esm');
  git('config', 'merge.edition-memory.driver', `"${process.execPath}" --import "${tsx}" "${join(repoRoot, 'pipeline/cli/main.ts')}" merge-memory %O %A %B %P`);
  return { merge: () => git('merge', '--no-edit', 'other'), read: () => parseMemory(readFileSync(file, 'utf8'), 'talks.json').segments };
}

describe('edition merge-memory as a git merge driver', { timeout: 60_000 }, () => {
  it('merges a branch of machine translations into a main that marked a neighbouring entry reviewed, where git alone conflicts', () => {
    const repo = branches(
      { a: entry('eins'), b: entry('Kim Jong-un') },
      { a: entry('eins'), b: entry('Kim Jong-un'), c: entry('drei', 'deepl') },
      { a: entry('eins'), b: entry('Kim Jong Un', 'human', 'reviewed') },
    );
    expect(repo.merge().status).toBe(0);
    expect(repo.read()).toEqual({ a: entry('eins'), b: entry('Kim Jong Un', 'human', 'reviewed'), c: entry('drei', 'deepl') });
  });

  it('stops a merge where both sides translated a segment differently, naming the file; ours is kept flagged, so nothing unchosen is published', () => {
    const repo = branches({ a: entry('alt') }, { a: entry('ihre') }, { a: entry('unsere') });
    const merged = repo.merge();
    expect(merged.status).not.toBe(0);
    expect(merged.stdout + merged.stderr).toContain('error: content/translations/de/talks.json: 1 segment changed on both sides (a)');
    expect(repo.read()['a']).toEqual({ ...entry('unsere'), flag: 'merge conflict: the other branch has "ihre" (human); keep one and delete this flag' });
  });
});
