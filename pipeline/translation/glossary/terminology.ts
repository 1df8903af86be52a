import type { GlossaryEntry } from './glossary-file.js';
import { parseTaggedText, taggedTextToPlain } from '../../segments/tagged-text.js';

/**
 * Glossary terms a translation should use but does not: the source contains
 * the term and the target lacks its translation. Inflected languages may
 * legitimately change a term's form, so this is a report for an editor, not
 * a failure.
 */
export function missingTerms(entries: readonly GlossaryEntry[], source: string, target: string): GlossaryEntry[] {
  const plainSource = plain(source);
  const plainTarget = plain(target);
  if (plainSource === undefined || plainTarget === undefined) return [];
  return entries.filter((entry) => plainSource.includes(entry.source) && !plainTarget.includes(entry.target));
}

function plain(tagged: string): string | undefined {
  try {
    return taggedTextToPlain(parseTaggedText(tagged));
  } catch {
    // A target with broken markup is flagged by the placeholder check instead.
    return undefined;
  }
}
