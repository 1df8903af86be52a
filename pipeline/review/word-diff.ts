import { diffWords } from 'diff';
import { parseTaggedText, type TaggedNode } from '../segments/tagged-text.js';

/** One run of a word diff: kept, removed from the old text, or added in the new one. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * Word-level differences between two texts of one language. Words come
 * from Intl.Segmenter for the locale, so Korean, Japanese, Chinese and Thai
 * (written without spaces between words) are compared word by word, not as
 * one long run; the diff package takes the segmenter as its own option.
 */
export function wordDiff(before: string, after: string, locale: string): DiffPart[] {
  const intlSegmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return diffWords(before, after, { intlSegmenter }).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}

/**
 * What a reviewer reads of tagged text: entities decoded, wrapping tags
 * dropped (their text stays), and each self-closing placeholder (inline
 * code, a line break, a footnote marker, an image) kept as its tag, so
 * where the translation puts it can be checked.
 */
export function readable(tagged: string): string {
  try {
    const text = (nodes: readonly TaggedNode[]): string => nodes.map((node) => (node.type === 'text' ? node.value : node.empty ? `<${node.name}/>` : text(node.children))).join('');
    return text(parseTaggedText(tagged));
  } catch {
    // A broken target is shown as it is stored, so the reviewer can see what is wrong.
    return tagged;
  }
}

/**
 * How a segment's text changed, as a reviewer reads it: the readable texts
 * compared word by word; when only its markup changed (a link moved to
 * other words, or added), the tagged texts, so the change shows at all.
 */
export function textDiff(before: string, after: string, locale: string): DiffPart[] {
  const [plainBefore, plainAfter] = [readable(before), readable(after)];
  return plainBefore === plainAfter && before !== after ? wordDiff(before, after, locale) : wordDiff(plainBefore, plainAfter, locale);
}

/** How a diff is shown: on a terminal in colour, piped as plain text a diff tool or a person can read. */
export interface DiffStyle {
  removed(text: string): string;
  added(text: string): string;
}

export const ANSI_STYLE: DiffStyle = {
  removed: (text) => `\u001b[31;9m${text}\u001b[0m`,
  added: (text) => `\u001b[32;4m${text}\u001b[0m`,
};

/** git's --word-diff=plain markers. */
export const PLAIN_STYLE: DiffStyle = {
  removed: (text) => `[-${text}-]`,
  added: (text) => `{+${text}+}`,
};

export function formatDiff(parts: readonly DiffPart[], style: DiffStyle): string {
  return parts.map((part) => (part.kind === 'same' ? part.text : part.kind === 'removed' ? style.removed(part.text) : style.added(part.text))).join('');
}
