import type { Segment } from '../segments/segment-article.js';
import type { MemoryEntry, MemoryFile } from '../translation/memory/memory-file.js';
import { linkOrphans } from '../translation/memory/link-orphans.js';
import { editionStatus, type Status } from './segment-status.js';

/** One segment whose English or translation changed: the texts before and after. */
export interface SegmentChange {
  id: string;
  status: Status;
  sourceBefore: string;
  sourceAfter: string;
  targetBefore: string;
  targetAfter: string;
}

/**
 * The segments of an edition that changed. Without `before`, the changes
 * the memory itself records: a kept translation whose English changed
 * (old source → new), a machine translation redone (old source and target
 * → new), one still to redo, and segments with no translation yet. With
 * `before` (the memory at an earlier revision), every segment whose source
 * or target differs from that memory's, an edited paragraph followed from
 * its old id to its new one.
 */
export function changedSegments(segments: readonly Segment[], memory: MemoryFile | undefined, before?: MemoryFile): SegmentChange[] {
  const changes: SegmentChange[] = [];
  // A fix saved from the desk or imported moves the entry to its new id and forgets the old English: the earlier
  // memory's entry is then found as the build finds an edited paragraph's, by the likeness of the English.
  const likeBefore = before ? new Map(linkOrphans(segments, before).links.map((link) => [link.id, before.segments[link.from]])) : undefined;
  for (const row of editionStatus(segments, memory).rows) {
    const { segment, entry } = row;
    const after = { id: segment.id, status: row.status, sourceAfter: segment.source, targetAfter: entry && row.status !== 'stale' ? entry.target : '' };
    let old: Pick<MemoryEntry, 'source' | 'target'> | undefined;
    if (before) {
      old = before.segments[segment.id] ?? (row.linkedFrom ? before.segments[row.linkedFrom] : undefined) ?? findBySource(before, entry?.previousSource) ?? likeBefore?.get(segment.id);
      // Untranslated then and now: nothing of the translation changed.
      if (!old && !entry) continue;
    } else if (row.status === 'stale') {
      old = entry;
    } else if (entry?.previousSource !== undefined) {
      old = { source: entry.previousSource, target: entry.previousTarget ?? entry.target };
    } else if (!entry) {
      old = { source: '', target: '' };
    }
    if (before && !old) old = { source: '', target: '' };
    if (!old || (old.source === after.sourceAfter && old.target === after.targetAfter)) continue;
    changes.push({ ...after, sourceBefore: old.source, targetBefore: old.target });
  }
  return changes;
}

function findBySource(memory: MemoryFile, source: string | undefined): MemoryEntry | undefined {
  if (source === undefined) return undefined;
  return Object.values(memory.segments).find((entry) => entry.source === source);
}
