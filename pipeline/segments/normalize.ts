import { hash } from 'node:crypto';

/** Whitespace the normalization changes: a run of two, or any but a plain space. */
const UNEVEN_SPACE = /\s\s|[^\S ]/u;

/**
 * Normalize segment text so that edits a reader cannot see (re-wrapped lines,
 * doubled spaces, composed vs decomposed accents) do not change a segment's
 * identity and so do not cost a re-translation.
 */
export function normalizeSegmentText(text: string): string {
  const composed = text.normalize('NFC');
  // Most text is single-spaced already, and testing for that is cheaper than rewriting it.
  return (UNEVEN_SPACE.test(composed) ? composed.replace(/\s+/gu, ' ') : composed).trim();
}

/** A segment's identity: 16 hex digits of the SHA-256 of its normalized source. */
export function segmentId(normalizedSource: string): string {
  let id = recentIds.get(normalizedSource);
  if (id === undefined) {
    id = hash('sha256', normalizedSource, 'hex').slice(0, 16);
    if (recentIds.size >= MAX_RECENT_IDS) recentIds.clear();
    recentIds.set(normalizedSource, id);
  }
  return id;
}

/**
 * The last sources hashed. A source is hashed when its article is read,
 * and each memory entry's source again, for every locale, when the build
 * checks that the entry's id is its hash (once deciding readiness, once
 * translating). Bounded (emptied when full), keyed by the whole text.
 */
const recentIds = new Map<string, string>();
const MAX_RECENT_IDS = 4096;
