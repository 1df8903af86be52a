import { isProtected, isUsable, serializeMemory, type MemoryEntry, type MemoryFile } from './memory-file.js';
import { carryOver } from './link-orphans.js';

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
 * empty file (both sides added it). A segment whose English one side
 * edited is matched across its move to the new id, so a fix the other side
 * made to it lands on the new id (marked for the changed English) instead
 * of staying behind as an orphan under the old one.
 */
export function mergeMemory(base: MemoryFile | undefined, ours: MemoryFile, theirs: MemoryFile): MemoryMerge {
  const segments = Object.create(null) as Record<string, MemoryEntry>;
  const conflicts: string[] = [];
  const was = base?.segments ?? {};
  const done = new Set<string>();
  // A branch that edited the English moved each changed segment's entry to its new id. Where the other branch worked on
  // the old id (changed its entry), that work is merged on the new id, as if it had been made there; the old id goes only
  // when that work landed. Anything else (the other branch left it, deleted it, or moved it too) is merged id by id.
  const carryAcross = (moves: Map<string, string>, side: MemoryFile, other: MemoryFile, ourSide: boolean) => {
    for (const [from, to] of moves) {
      const worked = other.segments[from];
      if (worked === undefined || same(worked, was[from])) continue;
      const moved = side.segments[to]!;
      const [mine, their] = ourSide ? [moved, carried(worked, moved)] : [carried(worked, moved), moved];
      const kept = mergeEntry(carried(was[from]!, moved), mine, their, () => conflicts.push(to));
      if (kept !== undefined) segments[to] = kept;
      done.add(to);
      if (kept === (ourSide ? their : mine)) done.add(from);
    }
  };
  carryAcross(movedEntries(was, ours.segments, theirs.segments), ours, theirs, true);
  carryAcross(movedEntries(was, theirs.segments, ours.segments), theirs, ours, false);
  const ids = new Set([...Object.keys(was), ...Object.keys(ours.segments), ...Object.keys(theirs.segments)]);
  for (const id of [...ids].sort()) {
    if (done.has(id)) continue;
    const kept = mergeEntry(was[id], ours.segments[id], theirs.segments[id], () => conflicts.push(id));
    if (kept !== undefined) segments[id] = kept;
  }
  // The file writes its entries sorted by id (serializeMemory): only the report is put in order here.
  return { memory: { ...ours, segments }, conflicts: conflicts.sort() };
}

function mergeEntry(was: MemoryEntry | undefined, mine: MemoryEntry | undefined, their: MemoryEntry | undefined, conflicted: () => void): MemoryEntry | undefined {
  if (same(mine, their) || same(their, was)) return mine;
  if (same(mine, was)) return their;
  const [mineRank, theirRank] = [rank(mine), rank(their)];
  if (theirRank > mineRank) return their;
  if (mineRank > theirRank) return mine;
  // Two translations of the same standing: neither is published until someone keeps one (the desk or the JSON).
  const conflict = `merge conflict: the other branch has ${their ? JSON.stringify(their.target) : 'no translation'} (${their?.origin ?? 'deleted'}); keep one and delete this flag`;
  conflicted();
  return mine && { ...mine, flag: mine.flag === undefined ? conflict : `${mine.flag}; ${conflict}` };
}

/**
 * The entries one side moved to a new id because it edited their English
 * (old id → new id): an entry the base and the other side do not have,
 * made for a source the base held under an id this side no longer has
 * (its `previousSource`, as the build and the import record it).
 */
function movedEntries(base: Record<string, MemoryEntry>, side: Record<string, MemoryEntry>, other: Record<string, MemoryEntry>): Map<string, string> {
  // An entry is found by the English it was made for: its source, or (English edited twice before review) the first old one it keeps.
  const byEnglish = new Map<string, string>();
  for (const [id, entry] of Object.entries(base)) byEnglish.set(entry.source, id);
  for (const [id, entry] of Object.entries(base)) if (entry.sourceChanged && entry.previousSource !== undefined && !byEnglish.has(entry.previousSource)) byEnglish.set(entry.previousSource, id);
  const moves = new Map<string, string>();
  for (const [id, entry] of Object.entries(side)) {
    if (id in base || id in other || entry.previousSource === undefined) continue;
    const from = byEnglish.get(entry.previousSource);
    if (from === undefined || from in side || moves.has(from)) continue;
    moves.set(from, id);
  }
  return moves;
}

/** An entry of the old id as it reads on the new one: carried over to the new English (marked, with the English it was made for). */
function carried(entry: MemoryEntry, moved: MemoryEntry): MemoryEntry {
  return carryOver(entry, moved.source);
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
