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
  return hash('sha256', normalizedSource, 'hex').slice(0, 16);
}
