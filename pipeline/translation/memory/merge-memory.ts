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
  // A branch that edited the English moved each changed segment's entry to its new id; the other branch's work on the
  // old id is merged there, as if it had been made on the new one.
  const oursMoved = movedEntries(was, ours.segments, theirs.segments);
  const theirsMoved = movedEntries(was, theirs.segments, ours.segments);
  const moved = new Map<string, { mine: MemoryEntry | undefined; their: MemoryEntry | undefined; was: MemoryEntry | undefined }>();
  const left = new Set<string>();
  for (const [from, to] of oursMoved) {
    moved.set(to, { mine: ours.segments[to], their: carried(theirs.segments[from], ours.segments[to]!), was: carried(was[from], ours.segments[to]!) });
    left.add(from);
  }
  for (const [from, to] of theirsMoved) {
    moved.set(to, { mine: carried(ours.segments[from], theirs.segments[to]!), their: theirs.segments[to], was: carried(was[from], theirs.segments[to]!) });
    left.add(from);
  }
  const ids = new Set([...Object.keys(was), ...Object.keys(ours.segments), ...Object.keys(theirs.segments)]);
  for (const id of [...ids].sort()) {
    if (left.has(id)) continue;
    const sides = moved.get(id) ?? { was: was[id], mine: ours.segments[id], their: theirs.segments[id] };
    const kept = mergeEntry(sides.was, sides.mine, sides.their, () => conflicts.push(id));
    if (kept !== undefined) segments[id] = kept;
  }
  return { memory: { ...ours, segments }, conflicts };
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
  const bySource = new Map(Object.entries(base).map(([id, entry]) => [entry.source, id]));
  const moves = new Map<string, string>();
  for (const [id, entry] of Object.entries(side)) {
    if (id in base || id in other || entry.previousSource === undefined) continue;
    const from = bySource.get(entry.previousSource);
    if (from === undefined || from in side || moves.has(from)) continue;
    moves.set(from, id);
  }
  return moves;
}

/** An entry of the old id as it reads on the new one: unchanged it is the moved entry itself, changed it is carried over to the new English (marked, with the English it was made for). */
function carried(entry: MemoryEntry | undefined, moved: MemoryEntry): MemoryEntry | undefined {
  if (entry === undefined) return undefined;
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
