import { EditionError } from '../errors.js';

/**
 * Typography rules a locale's press follows, as a registry keyed by name:
 * a locale lists the ones it wants in locale.yaml (`typography:`), and the
 * render stage applies them to every text of its pages. Each rule maps one
 * run of text to another, given the character that came before it in
 * reading order (so a rule can see across element boundaries), and must
 * give the same text when applied twice.
 */
export type TypographyRule = (text: string, before: string) => string;

const NARROW_NBSP = '\u202F';
const FRENCH_MARKS = /[«»;:!?]/u;
const CJK_MARKS = /[。！？，、；：]/u;

export const TYPOGRAPHY_RULES: ReadonlyMap<string, TypographyRule> = new Map<string, TypographyRule>([
  [
    // French: a narrow no-break space inside « » and before ; : ! ? so that
    // guillemets and these marks never start or end a line alone: a space
    // typed there becomes one, and one left out (« Pourquoi? ») is added.
    'french-spacing',
    (text, before) => (!FRENCH_MARKS.test(text) && before !== '«' ? text : frenchSpacing(text, before)),
  ],
  [
    // Chinese and Japanese: full stops and marks are full width and carry
    // their own space; an ASCII space after them is a gap in the line.
    'cjk-spacing',
    (text, before) =>
      !CJK_MARKS.test(text) && !CJK_MARKS.test(before) ? text : text.replace(/([。！？，、；：])[ \t]+/gu, '$1').replace(/^[ \t]+/u, (spaces) => (/[。！？，、；：]$/u.test(before) ? '' : spaces)),
  ],
]);

/**
 * The French rule over a run of text and the character before it (read
 * with the run, so a mark at the start of a run sees the word it follows).
 * A space is added only where a word, a figure or a closing mark meets the
 * mark directly, and for `:` only where a space or the end of the run
 * follows: "10:30", "http://" and "3:1" are left alone, as are "?!" (one
 * space, before the first) and a mark after an opening bracket.
 */
function frenchSpacing(text: string, before: string): string {
  const joined = `${before}${text}`
    .replace(/(«)[ \u00A0]+/gu, `$1${NARROW_NBSP}`)
    .replace(/[ \u00A0]+([»;:!?])/gu, `${NARROW_NBSP}$1`)
    .replace(/«(?=[\p{L}\p{N}])/gu, `«${NARROW_NBSP}`)
    .replace(/(?<=[\p{L}\p{N}\p{Pe}\p{Pf}\p{Po}])»/gu, `${NARROW_NBSP}»`)
    .replace(/(?<=[\p{L}\p{N}\p{Pe}\p{Pf}])([;!?]+)(?=$|[\s\p{Pe}\p{Pf}.,])/gu, `${NARROW_NBSP}$1`)
    .replace(/(?<=[\p{L}\p{N}\p{Pe}\p{Pf}]):(?=$|\s)/gu, `${NARROW_NBSP}:`);
  return joined.slice(before.length);
}

/** Validate a locale's `typography:` list into its rules, in the order given. */
export function typographyRules(value: unknown, file: string): string[] {
  if (value === undefined) return [];
  const known = [...TYPOGRAPHY_RULES.keys()].join(', ');
  if (!Array.isArray(value)) {
    throw new EditionError('typography must be a list of rule names', { code: 'locale/invalid', file, field: 'typography', hint: `use some of: ${known}` });
  }
  return value.map((name: unknown, index) => {
    if (typeof name !== 'string' || !TYPOGRAPHY_RULES.has(name)) {
      throw new EditionError(`typography rule "${String(name)}" does not exist`, { code: 'locale/invalid', file, field: `typography.${index}`, hint: `use some of: ${known}` });
    }
    return name;
  });
}
