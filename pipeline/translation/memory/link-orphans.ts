import { diffWords } from 'diff';
import type { MemoryEntry, MemoryFile } from './memory-file.js';
import { checkPlaceholders } from '../../segments/check-placeholders.js';

/**
 * When the English of a segment changes, so does its id (a hash of the
 * source), and its translation is left behind under the old id: an orphan.
 * Linking finds, for each segment the memory has no translation for, the
 * orphan it most likely came from, so that a human translation is carried
 * over (and marked) instead of being lost, and a machine translation is
 * re-translated with its old text kept for the diff.
 *
 * The rule, chosen to be predictable for a reviewer:
 * - an entry stored under a segment's own id but for another source (an
 *   edit by hand) is linked to that segment;
 * - otherwise candidates are entries whose id is no current segment's id;
 * - a pair scores the share of characters the two sources have in common
 *   by a word diff (2 × common / (length a + length b)), and counts only
 *   at MIN_SIMILARITY or more: an edited sentence links, a new paragraph
 *   does not steal a deleted one's translation;
 * - pairs are taken best first, one orphan per segment; ties go to the
 *   segment earlier in the article, then the smaller orphan id, so the
 *   same files always link the same way.
 * Orphans left unmatched stay in the memory untouched; `edition check`
 * lists them.
 */
export const MIN_SIMILARITY = 0.5;

export interface OrphanLink {
  /** The current segment's id. */
  id: string;
  /** The id the entry is stored under. */
  from: string;
  entry: MemoryEntry;
  similarity: number;
}

export interface LinkResult {
  links: OrphanLink[];
  /** Entries that belong to no current segment and matched none. */
  orphans: string[];
}

export function linkOrphans(segments: readonly { id: string; source: string }[], memory: MemoryFile): LinkResult {
  const current = new Set(segments.map((segment) => segment.id));
  const links: OrphanLink[] = [];
  const unmatched: { id: string; source: string; index: number }[] = [];
  segments.forEach((segment, index) => {
    const stored = memory.segments[segment.id];
    if (stored === undefined) unmatched.push({ ...segment, index });
    else if (stored.source !== segment.source) links.push({ id: segment.id, from: segment.id, entry: stored, similarity: similarity(stored.source, segment.source) });
  });
  const orphanIds = Object.keys(memory.segments)
    .filter((id) => !current.has(id))
    .sort();
  const pairs: { segment: (typeof unmatched)[number]; orphan: string; score: number }[] = [];
  for (const segment of unmatched) {
    for (const orphan of orphanIds) {
      const source = memory.segments[orphan]!.source;
      // The score can be no higher than the shorter text allows: skip the diff when that is already too low.
      const bound = (2 * Math.min(source.length, segment.source.length)) / (source.length + segment.source.length);
      if (bound < MIN_SIMILARITY) continue;
      const score = similarity(source, segment.source);
      if (score >= MIN_SIMILARITY) pairs.push({ segment, orphan, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.segment.index - b.segment.index || (a.orphan < b.orphan ? -1 : a.orphan > b.orphan ? 1 : 0));
  const taken = new Set<string>();
  for (const { segment, orphan, score } of pairs) {
    if (taken.has(segment.id) || taken.has(orphan)) continue;
    taken.add(segment.id).add(orphan);
    links.push({ id: segment.id, from: orphan, entry: memory.segments[orphan]!, similarity: score });
  }
  return { links, orphans: orphanIds.filter((id) => !taken.has(id)) };
}

/** Share of characters two texts have in common, word by word: 1 for equal texts, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const common = diffWords(a, b)
    .filter((part) => !part.added && !part.removed)
    .reduce((sum, part) => sum + part.value.length, 0);
  return (2 * common) / (a.length + b.length);
}

/**
 * A protected translation under a changed source: the same text and state,
 * marked, with the source it was made for. A source edited twice before
 * review keeps the first old source, the one the target really translates;
 * a source edited back to that one leaves the entry unmarked.
 * If the new source's placeholders no longer fit the old target, the entry
 * is flagged so it is not published broken.
 */
export function carryOver(entry: MemoryEntry, source: string): MemoryEntry {
  const previousSource = entry.sourceChanged ? (entry.previousSource ?? entry.source) : entry.source;
  // An edit undone: the target translates this very source again, so nothing is marked (nor shown to readers as changed).
  if (previousSource === source) {
    return { source, target: entry.target, origin: entry.origin, state: entry.state, ...(entry.flag ? { flag: entry.flag } : {}) };
  }
  const problem = checkPlaceholders(source, entry.target);
  return {
    source,
    target: entry.target,
    origin: entry.origin,
    state: entry.state,
    sourceChanged: true,
    previousSource,
    ...(problem ? { flag: `the source changed and its placeholder tags no longer fit this target: ${problem}` } : entry.flag ? { flag: entry.flag } : {}),
  };
}
