import { isProtected, serializeMemory, type MemoryEntry, type MemoryFile } from './memory-file.js';

export interface MemoryMerge {
  memory: MemoryFile;
  /** Segments both sides changed, each keeping a translation neither protects over the other: ours was kept. */
  conflicts: string[];
}

/**
 * A three-way merge of one memory file, segment by segment, as git's line
 * merge cannot do it: JSON entries side by side conflict in every hunk, and
 * taking one side's file whole undoes the other's work. A segment one side
 * changed takes that side's entry; one both changed alike takes it; one
 * both changed differently takes the translation a person wrote or
 * reviewed over a machine's, and otherwise keeps ours and is reported.
 * An absent `base` is an empty file (both sides added it).
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
      const [mineProtected, theirProtected] = [mine !== undefined && isProtected(mine), their !== undefined && isProtected(their)];
      if (theirProtected && !mineProtected) kept = their;
      else {
        kept = mine;
        if (mineProtected === theirProtected) conflicts.push(id);
      }
    }
    if (kept !== undefined) segments[id] = kept;
  }
  return { memory: { ...ours, segments }, conflicts };
}

/** Two entries as the memory file writes them. */
function same(a: MemoryEntry | undefined, b: MemoryEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const text = (entry: MemoryEntry) => serializeMemory({ article: '', locale: '', segments: { entry } });
  return text(a) === text(b);
}
