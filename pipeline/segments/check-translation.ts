import { checkPlaceholders } from './check-placeholders.js';
import { parseTaggedText, taggedTextToPlain, type TaggedNode } from './tagged-text.js';

/**
 * What a machine translation must pass before it is stored unflagged. A
 * translator is an outside service (a proxy, a prompt-injected model
 * behind a plug-in), so its output is untrusted. The placeholder check
 * keeps markup out structurally: text can only ever become a text node,
 * which the renderer escapes. The checks here catch what would still
 * reach a reader as text meant to deceive or to be pasted somewhere
 * unescaped: markup, script URLs, addresses and bidi controls the source
 * does not have, links nested in links, and runaway length.
 *
 * Each check compares with the source, so a story about `<script>` tags
 * or a URL in the English may keep them in translation. A check returns
 * why the target must be reviewed, or undefined.
 */
export type TranslationCheck = (source: SegmentText, target: SegmentText) => string | undefined;

/** A segment's tagged text with what the checks look at, computed once. */
export interface SegmentText {
  tagged: string;
  nodes: TaggedNode[];
  /** The text a reader would see, without placeholders. */
  plain: string;
}

/**
 * How much longer than its source a translation may be. Real translations
 * run at most about twice as long (English into German, Russian or Tamil);
 * pseudo-localization about 1.5 times. The slack lets a very short source
 * (a one-word title) grow into a longer word.
 */
export const MAX_LENGTH_RATIO = 3;
export const LENGTH_SLACK = 20;

/** Embedding and isolate controls: they can make text read differently from the bytes a reviewer approved. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
// A `<` right before a letter, `/`, `!` or `?` opens a tag for an HTML parser; `a < b` does not.
const MARKUP = /<\/?[a-z!?][^<>]*>?/giu;
// `data:` only with a media type, so "the data: ..." in prose is not taken for a URL.
const SCRIPT_URL = /\b(?:(?:javascript|vbscript)\s*:|data:[a-z]+\/[\w.+-]+[;,])[^\s]*/giu;
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;

const newIn = (pattern: RegExp, source: string, target: string): string[] => {
  const known = new Set((source.match(pattern) ?? []).map((match) => match.toLowerCase()));
  return [...new Set((target.match(pattern) ?? []).filter((match) => !known.has(match.toLowerCase())))];
};
const quote = (values: readonly string[]) => values.map((value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)).join(', ');

export const translationChecks: Record<string, TranslationCheck> = {
  markup(source, target) {
    const added = newIn(MARKUP, source.plain, target.plain);
    return added.length > 0 ? `text that looks like HTML markup, not in the source: ${quote(added)}` : undefined;
  },
  scriptUrl(source, target) {
    const added = newIn(SCRIPT_URL, source.plain, target.plain);
    return added.length > 0 ? `a script or data URL not in the source: ${quote(added)}` : undefined;
  },
  address(source, target) {
    const added = newIn(ADDRESS, source.plain, target.plain);
    return added.length > 0 ? `a web address not in the source: ${quote(added)}` : undefined;
  },
  bidi(source, target) {
    const added = newIn(BIDI_CONTROLS, source.plain, target.plain);
    const names = added.map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    return added.length > 0 ? `bidirectional control characters not in the source (${names.join(', ')})` : undefined;
  },
  nestedLinks(source, target) {
    return linksInLinks(target.nodes) > linksInLinks(source.nodes) ? 'a link placed inside another link' : undefined;
  },
  length(source, target) {
    const [from, to] = [[...source.plain].length, [...target.plain].length];
    return to > MAX_LENGTH_RATIO * from + LENGTH_SLACK ? `${to} characters for a source of ${from}, more than ${MAX_LENGTH_RATIO} times as long` : undefined;
  },
};

/**
 * Everything wrong with a translation, or undefined when it may be
 * published: its placeholder tags first (a target that does not parse is
 * not looked at further), then every check of the registry.
 */
export function checkTranslation(source: string, target: string, checks: Record<string, TranslationCheck> = translationChecks): string | undefined {
  const placeholders = checkPlaceholders(source, target);
  if (placeholders) return placeholders;
  const from = segmentText(source);
  const to = segmentText(target);
  const problems = Object.values(checks)
    .map((check) => check(from, to))
    .filter((problem): problem is string => problem !== undefined);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

function segmentText(tagged: string): SegmentText {
  const nodes = parseTaggedText(tagged);
  return { tagged, nodes, plain: taggedTextToPlain(nodes) };
}

/** How many link placeholders (`<a1>`) sit inside another one. */
function linksInLinks(nodes: readonly TaggedNode[], inLink = false): number {
  let count = 0;
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    const isLink = /^a\d+$/u.test(node.name);
    if (isLink && inLink) count += 1;
    count += linksInLinks(node.children, inLink || isLink);
  }
  return count;
}
