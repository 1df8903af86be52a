import { createHash } from 'node:crypto';

/**
 * Normalize segment text so that edits a reader cannot see (re-wrapped lines,
 * doubled spaces, composed vs decomposed accents) do not change a segment's
 * identity and so do not cost a re-translation.
 */
export function normalizeSegmentText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A segment's identity: 16 hex digits of the SHA-256 of its normalized source. */
export function segmentId(normalizedSource: string): string {
  return createHash('sha256').update(normalizedSource, 'utf8').digest('hex').slice(0, 16);
}
