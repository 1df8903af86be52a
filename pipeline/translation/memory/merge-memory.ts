import { isProtected, isUsable, serializeMemory, type MemoryEntry, type MemoryFile } from './memory-file.js';

export interface MemoryMerge {
  memory: MemoryFile;
  /** Segments both sides changed to translations of the same standing: ours was kept, flagged with theirs. */
  conflicts: string[];
}

/**
 * A three-way merge of one memory file, segment by segment, as git's line
 * merge cannot do it: JSON entries side by side conflict in every hunk, and
 * taking one side's file whole undoes the other's work. A segment one side
 * changed takes that side's entry; one both changed alike takes it; one
 * both changed differently takes a publishable translation over a draft (an
 * empty target, state initial) and a person's or reviewer's over a
 * machine's. Otherwise it keeps ours, flagged with theirs, so the edition
 * is held until someone chooses, and is reported. An absent `base` is an
 * empty file (both sides added it).
 */
export function mergeMemory(base: MemoryFile | undefined, ours: MemoryFile, theirs: MemoryFile): MemoryMerge {
  const segments = Object.create(null) as Record<string, MemoryEntry>;
  const conflicts: string[] = [];
  const ids = new Set([...Object.keys(base?.segments ?? {}), ...Object.keys(ours.segments), ...Object.keys(theirs.segments)]);
  for (const id of [...ids].sort()) {
    const [was, mine, their] = [base?.segments[id], ours.segments[id], theirs.segments[id]];
    let kept: MemoryEntry | undefined;
    if (same(mine, their) || same(their, was)) kept = mine;
    else if (same(mine, was)) kept = their;
    else {
      const [mineRank, theirRank] = [rank(mine), rank(their)];
      if (theirRank > mineRank) kept = their;
      else if (mineRank > theirRank) kept = mine;
      else {
        // Two translations of the same standing: neither is published until someone keeps one (the desk or the JSON).
        const conflict = `merge conflict: the other branch has ${their ? JSON.stringify(their.target) : 'no translation'} (${their?.origin ?? 'deleted'}); keep one and delete this flag`;
        kept = mine && { ...mine, flag: mine.flag === undefined ? conflict : `${mine.flag}; ${conflict}` };
        conflicts.push(id);
      }
    }
    if (kept !== undefined) segments[id] = kept;
  }
  return { memory: { ...ours, segments }, conflicts };
}

/** What a side's entry is worth keeping: a person's or reviewer's translation, then a machine's, then a draft, then nothing. */
function rank(entry: MemoryEntry | undefined): number {
  if (entry === undefined) return 0;
  if (!isUsable(entry)) return 1;
  return isProtected(entry) ? 3 : 2;
}

/** Two entries as the memory file writes them. */
function same(a: MemoryEntry | undefined, b: MemoryEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const text = (entry: MemoryEntry) => serializeMemory({ article: '', locale: '', segments: { entry } });
  return text(a) === text(b);
}
