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

  describe('across an English edit on one branch (its entries moved to the new ids)', () => {
    const OLD = 'The talks ended without an agreement.';
    const NEW = 'The talks ended without a final agreement.';
    const reviewed: MemoryEntry = { source: OLD, target: 'Die Gespräche endeten ohne Einigung.', origin: 'human', state: 'reviewed' };
    const fix: MemoryEntry = { ...reviewed, target: 'Die Gespräche endeten ohne eine Einigung.' };
    // What the build stores for a kept translation whose English changed: the entry under the new id, marked.
    const moved = (entry: MemoryEntry): MemoryEntry => ({ ...entry, source: NEW, sourceChanged: true, previousSource: OLD });
    const base = memory({ old: reviewed });

    it("carries a reviewer's fix made on the old id to the new one, marked for the changed English, whichever side made it", () => {
      const expected = { memory: memory({ new: moved(fix) }), conflicts: [] };
      expect(mergeMemory(base, memory({ new: moved(reviewed) }), memory({ old: fix }))).toEqual(expected);
      expect(mergeMemory(base, memory({ old: fix }), memory({ new: moved(reviewed) }))).toEqual(expected);
    });

    it("takes a person's fix of the old English over a machine translation of the new one", () => {
      const machine: MemoryEntry = { source: NEW, target: 'Die Gespräche endeten ohne endgültige Einigung.', origin: 'deepl', state: 'translated', previousSource: OLD, previousTarget: 'alt' };
      const machineBase = memory({ old: { source: OLD, target: 'alt', origin: 'deepl', state: 'translated' } });
      expect(mergeMemory(machineBase, memory({ new: machine }), memory({ old: fix })).memory.segments).toEqual({ new: moved(fix) });
      // The other branch left the old entry alone: the new translation stands.
      expect(mergeMemory(machineBase, memory({ new: machine }), memory({ old: machineBase.segments['old']! })).memory.segments).toEqual({ new: machine });
    });

    it('keeps the moved entry when the other branch did not touch the old one; a translation confirmed for the new English stays, the old fix is left for check to list', () => {
      expect(mergeMemory(base, memory({ new: moved(reviewed) }), memory({ old: reviewed })).memory.segments).toEqual({ new: moved(reviewed) });
      // A reviewer saved the moved entry for the new English (no longer marked): a fix of the old English does not replace it.
      const confirmed: MemoryEntry = { source: NEW, target: 'Die Gespräche endeten ohne endgültige Einigung.', origin: 'human', state: 'reviewed' };
      expect(mergeMemory(base, memory({ new: confirmed }), memory({ old: fix }))).toEqual({ memory: memory({ new: confirmed, old: fix }), conflicts: [] });
    });

    it('flags the new id when both branches changed the moved translation differently', () => {
      const edited = { ...moved(reviewed), target: 'Die Gespräche endeten ohne jede Einigung.' };
      const merged = mergeMemory(base, memory({ new: edited }), memory({ old: fix }));
      expect(merged.conflicts).toEqual(['new']);
      // The fix is not settled, so it stays under its old id too (check lists it) as well as in the flag.
      expect(merged.memory.segments).toEqual({ new: { ...edited, flag: `merge conflict: the other branch has "${fix.target}" (human); keep one and delete this flag` }, old: fix });
    });

    it('loses nothing when the other branch did not work on the old entry: edited the English too, deleted the old entry, or confirmed its own', () => {
      const elsewhere = { ...moved(reviewed), source: 'The talks ended in no agreement.' };
      // Both branches edited the English differently: each carried the translation to its own new id.
      expect(mergeMemory(base, memory({ new: moved(reviewed) }), memory({ other: elsewhere })).memory.segments).toEqual({ new: moved(reviewed), other: elsewhere });
      // The other branch deleted the old entry (check lists it as an orphan there): the carried one stays.
      expect(mergeMemory(base, memory({ new: moved(reviewed) }), memory({})).memory.segments).toEqual({ new: moved(reviewed) });
      expect(mergeMemory(base, memory({}), memory({ new: moved(reviewed) })).memory.segments).toEqual({ new: moved(reviewed) });
    });

    it('finds an entry whose English was edited twice before review by the first English it keeps', () => {
      const twice = 'The talks ended, officials said, without a final agreement.';
      const once = memory({ mid: moved(reviewed) });
      const again: MemoryEntry = { ...moved(reviewed), source: twice };
      const fixed: MemoryEntry = { ...moved(reviewed), target: fix.target };
      expect(mergeMemory(once, memory({ again }), memory({ mid: fixed })).memory.segments).toEqual({ again: { ...again, target: fix.target } });
    });
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
