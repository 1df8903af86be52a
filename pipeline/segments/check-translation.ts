import { BIDI_CONTROL_RANGE, INVISIBLE_RANGE } from '../content/characters.js';
import { EditionError, EditionErrors } from '../errors.js';
import { expectedTags, placeholderProblems } from './check-placeholders.js';
import { parseTaggedText, TaggedTextError, taggedTextToPlain, type TaggedNode } from './tagged-text.js';

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
  /**
   * The text a reader would see, without placeholders, as the checks look
   * at it: NFKC-normalized, so fullwidth `＜script＞` is `<script>`.
   */
  plain: string;
  /** `plain` without the tab, newline and control characters a browser drops from a URL, so `java\tscript:` is `javascript:`. */
  squeezed: string;
  /** `plain` without the characters a reader cannot see (zero-width spaces and joiners, word joiner, BOM), so `h\u200Bttps://` is `https://`. */
  unseen: string;
  /** The text a reader would see, unnormalized: where invisible characters are looked for. */
  raw: string;
}

/**
 * How much longer than its source a translation may be. Real translations
 * run at most about twice as long (English into German, Russian or Tamil);
 * pseudo-localization about 1.5 times. The slack lets a very short source
 * (a one-word title) grow into a longer word.
 */
export const MAX_LENGTH_RATIO = 3;
export const LENGTH_SLACK = 20;

/**
 * Embedding, override and isolate controls: they can make text read
 * differently from the bytes a reviewer approved (U+202E shows "gpj.exe"
 * as "exe.jpg"). The marks U+200E LRM, U+200F RLM and U+061C ALM are
 * allowed: Arabic and Hebrew writers type them to place punctuation and
 * numbers, they change no order of letters, and refusing them would refuse
 * ordinary RTL text.
 */
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_RANGE}]`, 'gu');
/**
 * Characters no text of a project may hold (content/characters.ts): those XML 1.0 cannot carry (C0 controls but tab and
 * newlines, lone surrogates, U+FFFE/U+FFFF), which break a feed or XLIFF file, and DEL and the C1 controls, invisible in
 * every editor, which a memory file refuses to hold.
 */
// oxlint-disable-next-line no-control-regex -- these are the characters looked for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
// A `<` right before a letter, `/`, `!` or `?` opens a tag for an HTML parser; `a < b` does not.
const MARKUP = /<\/?[a-z!?][^<>]*>?/giu;
// `data:` only with a media type, so "the data: ..." in prose is not taken for a URL.
const SCRIPT_URL = /\b(?:(?:javascript|vbscript)\s*:|data:[a-z]+\/[\w.+-]+[;,])[^\s]*/giu;
// WHATWG URL parsing removes these wherever they stand in a URL.
// oxlint-disable-next-line no-control-regex -- these are the characters looked for
const URL_IGNORED = /[\u0000-\u001F\u007F]/gu;
// Zero-width space, non-joiner, joiner, word joiner, BOM: invisible in an address a reader would copy or follow.
const INVISIBLE = new RegExp(`[${INVISIBLE_RANGE}]`, 'gu');
// Everything a reader could take for part of an address: up to the next space or quote. Cutting it shorter (at the
// first character of another script) would let a translation glue a host onto the English's (`www.who.int\u00AD.evil.com`).
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;
// GFM's rule for the end of an address in text: these, and a `)` that closes nothing, belong to the sentence (with the
// full stops and commas of Chinese and Japanese).
const SENTENCE_END = /[.,:;!?*_~。、，．！？]$/u;
// Japanese, Chinese and Korean run on after an address with no space (`www.example.orgにあります`): such prose is not
// part of it, as long as it holds nothing an address could continue with.
const PROSE_AFTER = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const ADDRESS_LIKE = /[.。．｡/:@\\%A-Za-z0-9]/u;

// Cheap tests that every match of the pattern above them passes (a script URL has a colon...): the
// patterns scan slowly (case-insensitive Unicode with word boundaries), and most text has none.
const MARKUP_HINT = /</u;
const SCRIPT_URL_HINT = /:/u;
const ADDRESS_HINT = /:|www\./iu;
// oxlint-disable-next-line no-control-regex -- these are the characters looked for
const NOT_XML_HINT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Matches of the pattern in the target that the source lacks (case aside), each once; `hint` rules out a target without any. */
const newIn = (pattern: RegExp, source: string, target: string, hint?: RegExp): string[] => {
  const found = hint && !hint.test(target) ? null : target.match(pattern);
  if (found === null) return [];
  const known = new Set((source.match(pattern) ?? []).map((match) => match.toLowerCase()));
  return [...new Set(found.filter((match) => !known.has(match.toLowerCase())))];
};
/** The addresses in a text, as they would be followed: `https://example.org/audit.` ends before its full stop. */
const addressesIn = (text: string): string[] =>
  (text.match(ADDRESS) ?? []).map((match) => {
    let address = match;
    for (;;) {
      if (SENTENCE_END.test(address)) address = address.slice(0, -1);
      else if (address.endsWith(')') && address.split('(').length < address.split(')').length) address = address.slice(0, -1);
      else return address;
    }
  });
/** Addresses in the target the source does not give (case aside), each once: the source's own, with prose after it, is given. */
const newAddresses = (source: string, target: string): string[] => {
  if (!ADDRESS_HINT.test(target)) return [];
  const known = addressesIn(source).map((address) => address.toLowerCase());
  const given = (address: string) => known.some((one) => address === one || (address.startsWith(one) && PROSE_AFTER.test(address.slice(one.length)) && !ADDRESS_LIKE.test(address.slice(one.length))));
  return [...new Set(addressesIn(target).filter((address) => !given(address.toLowerCase())))];
};
const codePoints = (chars: readonly string[]) => chars.map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
const quote = (values: readonly string[]) => values.map((value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)).join(', ');

/** A character a reader sees: anything but spaces (a reader sees no invisible character either; `unseen` has them taken out). */
const VISIBLE = /\S/u;

/**
 * Whether a text shows a reader anything: a letter, a mark, or a code,
 * picture or footnote number its placeholders stand for (`<code1/>` alone
 * is a translation of `<code1/>.`); a line break (`<br1/>`) shows nothing.
 */
function showsSomething(text: SegmentText): boolean {
  if (VISIBLE.test(text.unseen)) return true;
  const stack = [...text.nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (node.empty && !node.name.startsWith('br')) return true;
    stack.push(...node.children);
  }
  return false;
}

export const translationChecks: Record<string, TranslationCheck> = {
  markup(source, target) {
    const added = newIn(MARKUP, source.plain, target.plain, MARKUP_HINT);
    return added.length > 0 ? `text that looks like HTML markup, not in the source: ${quote(added)}` : undefined;
  },
  scriptUrl(source, target) {
    const added = [
      ...new Set([
        ...newIn(SCRIPT_URL, source.plain, target.plain, SCRIPT_URL_HINT),
        ...newIn(SCRIPT_URL, source.squeezed, target.squeezed, SCRIPT_URL_HINT),
        ...newIn(SCRIPT_URL, source.unseen, target.unseen, SCRIPT_URL_HINT),
      ]),
    ];
    return added.length > 0 ? `a script or data URL not in the source: ${quote(added)}` : undefined;
  },
  address(source, target) {
    // Also with invisible characters taken out: `h\u200Bttps://` reads as an address, which is all a deception needs.
    const added = [...new Set([...newAddresses(source.plain, target.plain), ...newAddresses(source.unseen, target.unseen)])];
    return added.length > 0 ? `a web address not in the source: ${quote(added)}` : undefined;
  },
  controls(source, target) {
    const added = newIn(NOT_XML, source.raw, target.raw, NOT_XML_HINT);
    return added.length > 0 ? `control characters no text may hold, not in the source (${codePoints(added)})` : undefined;
  },
  bidi(source, target) {
    const added = newIn(BIDI_CONTROLS, source.raw, target.raw);
    return added.length > 0 ? `bidirectional control characters not in the source (${codePoints(added)})` : undefined;
  },
  nestedLinks(source, target) {
    return linksInLinks(target.nodes) > linksInLinks(source.nodes) ? 'a link or footnote marker placed inside a link' : undefined;
  },
  text(source, target) {
    // Tags with nothing between them (an empty link, a blank paragraph) publish as nothing a reader sees: what a tool
    // returns for a segment it did not translate, or a translation deleted around its tags. An empty target is no
    // translation at all, everywhere (held as missing, sent again), not a broken one.
    const tagsOnly = target.tagged.trim() !== '' && !showsSomething(target);
    return tagsOnly && VISIBLE.test(source.unseen) ? 'no text, only tags, for a source that has text' : undefined;
  },
  length(source, target) {
    const [from, to] = [codePointCount(source.raw), codePointCount(target.raw)];
    return to > MAX_LENGTH_RATIO * from + LENGTH_SLACK ? `${to} characters for a source of ${from}, more than ${MAX_LENGTH_RATIO} times as long` : undefined;
  },
};

/**
 * Everything wrong with a translation, or undefined when it may be
 * published: its placeholder tags first (a target that does not parse is
 * not looked at further), then every check of the registry.
 */
export function checkTranslation(source: string, target: string, checks: Record<string, TranslationCheck> = translationChecks): string | undefined {
  const { placeholders, unsafe } = inspectTranslation(source, target, checks);
  return placeholders ?? unsafe;
}

/** What is wrong with a translation's placeholder tags, and apart from them what the checks find. */
export interface TranslationProblems {
  placeholders: string | undefined;
  /** Only looked for when the tags are sound and checks are asked for. */
  unsafe: string | undefined;
}

/**
 * A translation's placeholder problems and, when its tags are sound, what
 * the checks find (`checks: false` asks for the tags alone), each text
 * parsed once. A source that does not parse throws TaggedTextError.
 */
export function inspectTranslation(source: string, target: string, checks: Record<string, TranslationCheck> | false = translationChecks): TranslationProblems {
  if (checks !== translationChecks) return inspectAfresh(source, target, checks);
  let known = recentAnswers.get(source)?.get(target);
  if (!known) {
    known = inspectAfresh(source, target, checks);
    if (recentAnswerCount >= MAX_RECENT_ANSWERS) {
      recentAnswers.clear();
      recentAnswerCount = 0;
    }
    let ofSource = recentAnswers.get(source);
    if (!ofSource) recentAnswers.set(source, (ofSource = new Map()));
    ofSource.set(target, known);
    recentAnswerCount += 1;
  }
  return { ...known };
}

/**
 * The last answers of the registry's checks, by source then target. An
 * article's editions are checked when their readiness is decided and again
 * just before they are published: the second time finds the answer here.
 * Bounded (emptied when full), and keyed by both whole texts, so a hit is
 * the answer the checks would give.
 */
const recentAnswers = new Map<string, Map<string, TranslationProblems>>();
let recentAnswerCount = 0;
const MAX_RECENT_ANSWERS = 4096;

function inspectAfresh(source: string, target: string, checks: Record<string, TranslationCheck> | false): TranslationProblems {
  const reading = readSource(source);
  let targetNodes: TaggedNode[];
  try {
    targetNodes = parseTaggedText(target);
  } catch (error) {
    if (error instanceof TaggedTextError) return { placeholders: error.message, unsafe: undefined };
    throw error;
  }
  const tags = placeholderProblems(targetNodes, reading.expected);
  if (tags.length > 0) return { placeholders: tags.join('; '), unsafe: undefined };
  if (checks === false) return { placeholders: undefined, unsafe: undefined };
  // Checks from elsewhere get a reading of their own: only this module's are known never to change what they are given.
  const from = checks === translationChecks ? (reading.text ??= segmentText(source, reading.nodes)) : segmentText(source, parseTaggedText(source));
  const to = segmentText(target, targetNodes);
  const problems = Object.values(checks)
    .map((check) => check(from, to))
    .filter((problem): problem is string => problem !== undefined);
  return { placeholders: undefined, unsafe: problems.length > 0 ? problems.join('; ') : undefined };
}

/** A source's tree, its tags, and (once asked for) what the checks look at. */
interface SourceReading {
  nodes: TaggedNode[];
  expected: ReadonlyMap<string, boolean>;
  text?: SegmentText;
}

/**
 * The last sources read. Each source is checked against every locale's
 * target, one locale after another, and again before it is published:
 * reading it once per article instead of once per target halved the
 * checks' time. Bounded, and keyed by the whole source text, so a hit is
 * the reading a fresh parse would give.
 */
const sourceReadings = new Map<string, SourceReading>();
const MAX_SOURCE_READINGS = 512;

/** Throws TaggedTextError for a source that does not parse (nothing is kept then). */
function readSource(source: string): SourceReading {
  let reading = sourceReadings.get(source);
  if (!reading) {
    const nodes = parseTaggedText(source);
    reading = { nodes, expected: expectedTags(nodes) };
    if (sourceReadings.size >= MAX_SOURCE_READINGS) sourceReadings.clear();
    sourceReadings.set(source, reading);
  }
  return reading;
}

function segmentText(tagged: string, nodes: TaggedNode[]): SegmentText {
  const raw = taggedTextToPlain(nodes);
  const plain = raw.normalize('NFKC');
  return { tagged, nodes, raw, plain, squeezed: plain.replace(URL_IGNORED, ''), unseen: plain.replace(INVISIBLE, '') };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters as a reader counts them: a surrogate pair is one. */
function codePointCount(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = text.length;
  for (let index = 0; index < text.length - 1; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
}

/** How many link placeholders (`<a1>`) sit inside another one. */
function linksInLinks(nodes: readonly TaggedNode[], inLink = false): number {
  let count = 0;
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    // A footnote marker is a link on the page: inside another, the HTML is invalid and browsers split the outer one.
    const isLink = /^(?:a|ref)\d+$/u.test(node.name);
    if (isLink && inLink) count += 1;
    count += linksInLinks(node.children, inLink || isLink);
  }
  return count;
}

/**
 * Refuse to publish any unflagged target that fails the checks, whatever
 * its origin: a human target from an XLIFF import or a hand-edited memory
 * passes the same checks as machine output. (Flagged targets are refused
 * before this, with their flag.) Throws one error per target, naming the
 * memory file and the segment.
 */
export function assertTranslationsPass(
  entries: Iterable<readonly [string, { source: string; target: string; flag?: string }]>,
  context: { memoryFile: string; locale: string; articleFile: string },
): void {
  const errors: EditionError[] = [];
  for (const [id, entry] of entries) {
    if (entry.flag !== undefined) continue;
    const problem = checkTranslation(entry.source, entry.target);
    if (problem === undefined) continue;
    errors.push(
      new EditionError(`${context.locale} translation fails the checks every published target passes: ${problem}`, {
        code: 'translation/unchecked',
        file: context.memoryFile,
        field: id,
        // Said on each problem: one alone is reported without the summary's hint.
        hint: `fix the target of ${id} in ${context.memoryFile}: each placeholder tag of the English exactly once, nothing the English does not have`,
      }),
    );
  }
  if (errors.length === 0) return;
  throw new EditionErrors(
    errors,
    `${errors.length} ${context.locale} segment${errors.length === 1 ? '' : 's'} of ${context.articleFile} not published: the target fails the checks`,
    `fix each target in ${context.memoryFile} (remove what the English does not have), then build again`,
  );
}
