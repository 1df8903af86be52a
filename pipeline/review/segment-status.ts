import type { Segment } from '../segments/segment-article.js';
import { inspectTranslation, translationChecks } from '../segments/check-translation.js';
import { isProtected, isUsable, type MemoryEntry, type MemoryFile } from '../translation/memory/memory-file.js';
import { carryOver, linkOrphans } from '../translation/memory/link-orphans.js';

/**
 * Where each segment of an edition stands, computed from the article and
 * its memory alone, exactly as the next build would see them:
 * - `current`: translated for this very source;
 * - `missing`: nothing in the memory for it;
 * - `stale`: a machine translation of an older source, which the next
 *   build with a machine translator replaces;
 * - `source-changed`: a human or reviewed translation kept over a changed
 *   source, published with a notice until a reviewer confirms it;
 * - `flagged`: a target with broken placeholder tags, never published;
 * - `unreviewed-correction`: a correction no editor has reviewed yet.
 */
export type Status = 'current' | 'missing' | 'stale' | 'source-changed' | 'flagged' | 'unreviewed-correction';

export interface SegmentStatus {
  segment: Segment;
  status: Status;
  /** The entry that translates the segment, as the next build would have it. */
  entry: MemoryEntry | undefined;
  /** The orphan id the entry (or the draft) was linked from, when the English changed. */
  linkedFrom?: string;
  /**
   * For a missing segment: the entry the memory holds for it that cannot be
   * published yet (a person's draft, a target emptied or sent back), under
   * its id or carried over from the English before an edit.
   */
  draft?: MemoryEntry;
  /** What is wrong with the target's placeholder tags, if anything. */
  placeholders?: string;
  /**
   * Why the target fails the checks every published target passes (markup,
   * script URLs, addresses, bidi controls the source lacks...), whatever its
   * origin: a hand-edited memory is checked like machine output. Only for
   * targets with sound placeholders and no flag.
   */
  unsafe?: string;
}

export interface EditionStatus {
  rows: SegmentStatus[];
  /** Entries that translate nothing in the article any more. */
  orphans: string[];
}

export function editionStatus(segments: readonly Segment[], memory: MemoryFile | undefined): EditionStatus {
  if (!memory) return { rows: segments.map((segment) => ({ segment, status: 'missing', entry: undefined })), orphans: [] };
  const { links, orphans } = linkOrphans(segments, memory);
  const linked = new Map(links.map((link) => [link.id, link]));
  const rows = segments.map((segment): SegmentStatus => {
    const link = linked.get(segment.id);
    if (link && !isProtected(link.entry)) return { segment, status: 'stale', entry: link.entry, linkedFrom: link.from };
    const entry = link ? carryOver(link.entry, segment.source) : memory.segments[segment.id];
    if (!entry) return { segment, status: 'missing', entry: undefined };
    if (!isUsable(entry)) return { segment, status: 'missing', entry: undefined, draft: entry, ...(link ? { linkedFrom: link.from } : {}) };
    // A flagged target is not looked at beyond its tags: its flag already holds it.
    const { placeholders, unsafe } = inspectTranslation(segment.source, entry.target, entry.flag === undefined ? translationChecks : false);
    const base = { segment, entry, ...(link ? { linkedFrom: link.from } : {}), ...(placeholders ? { placeholders } : {}), ...(unsafe ? { unsafe } : {}) };
    if (entry.flag !== undefined) return { ...base, status: 'flagged' };
    if (entry.sourceChanged) return { ...base, status: 'source-changed' };
    if (segment.kind === 'correction' && entry.state !== 'reviewed' && entry.state !== 'final') return { ...base, status: 'unreviewed-correction' };
    return { ...base, status: 'current' };
  });
  return { rows, orphans };
}

/**
 * A machine translation no reviewer has passed, in a segment the build
 * would otherwise use (not missing, stale or flagged, which are counted as
 * such): what a policy of reviewed machine translations holds, and what
 * `check` and `status` count.
 */
export function isUnreviewedMachine(row: SegmentStatus): boolean {
  if (row.status === 'missing' || row.status === 'stale' || row.status === 'flagged') return false;
  return row.entry!.origin !== 'human' && row.entry!.state === 'translated';
}

/** Whether a row's target fails the checks every published translation passes (its tags, or what the registry looks for). */
export function failsChecks(row: SegmentStatus): boolean {
  return row.placeholders !== undefined || row.unsafe !== undefined;
}

/**
 * Whether a reviewer has something to do for a segment: anything but a
 * current translation that a person wrote or that someone reviewed. An
 * unreviewed machine translation counts, even where the site's policy
 * publishes it.
 */
export function needsAttention(row: SegmentStatus): boolean {
  // A target that fails the checks stops every build, whatever its status says.
  if (row.status !== 'current' || failsChecks(row)) return true;
  const entry = row.entry!;
  return entry.origin !== 'human' && entry.state !== 'reviewed' && entry.state !== 'final';
}
