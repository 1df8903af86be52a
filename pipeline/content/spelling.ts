import { diffChars } from 'diff';

/**
 * The known word a misspelt one most likely means: the same but for case,
 * or most of its letters in order (a letter missing, added or swapped);
 * none when no known word is that close (a word of its own).
 */
export function closestSpelling(word: string, known: Iterable<string>): string | undefined {
  let best: { candidate: string; score: number } | undefined;
  const lower = word.toLowerCase();
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    // Only names of a similar length are compared: a short name is no typo of a long one.
    if (Math.abs(other.length - lower.length) > 2) continue;
    const common = diffChars(other, lower).reduce((sum, part) => sum + (part.added || part.removed ? 0 : part.value.length), 0);
    const score = (2 * common) / (other.length + lower.length);
    if (score >= 0.8 && (best === undefined || score > best.score)) best = { candidate, score };
  }
  return best?.candidate;
}
