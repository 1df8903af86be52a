import { posix } from 'node:path';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { CONTROL_CHARACTER_HINT, findForbiddenCharacter } from '../../content/characters.js';
import { EditionError } from '../../errors.js';

/** Where a translation came from: a human, or a machine engine by name. */
export type Origin = 'human' | (string & {});

/** Review states, following XLIFF 2's segment states. */
export const STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type State = (typeof STATES)[number];

export interface MemoryEntry {
  /** Normalized tagged source the target translates. */
  source: string;
  target: string;
  origin: Origin;
  state: State;
  /**
   * Why this target must not be published until someone reviews it (a
   * machine translation that lost or invented a placeholder tag). The entry
   * is kept so the characters are not paid for again; a reviewer fixes the
   * target and deletes the flag.
   */
  flag?: string;
  /**
   * The English changed under a translation that must not be replaced by a
   * machine (human or reviewed): the target is kept, and still published,
   * with a notice to readers, until a reviewer confirms or edits it.
   */
  sourceChanged?: true;
  /** The source the target was made for, before the English changed: what a reviewer diffs against. */
  previousSource?: string;
  /** The machine translation this entry replaced when its source changed, for the diff. */
  previousTarget?: string;
}

/**
 * Translations that no machine may overwrite, by any command: a person
 * wrote them, or an editor vouched for them.
 */
export function isProtected(entry: MemoryEntry): boolean {
  return entry.origin === 'human' || entry.state === 'reviewed' || entry.state === 'final';
}

/**
 * Persist a memory file (an effect, supplied by the CLI). `read` is the
 * memory as the build read it: where the file has changed on disk since
 * (a person editing it during a long build), the save merges three ways
 * instead of writing over that work.
 */
export type SaveMemory = (file: string, memory: MemoryFile, read?: MemoryFile) => Promise<void>;

/** One article's translations into one locale, keyed by segment id. */
export interface MemoryFile {
  article: string;
  locale: string;
  segments: Record<string, MemoryEntry>;
}

/**
 * An article's memory for a locale lives beside it:
 * content/translations/<locale>/<slug>.json. One file per article per
 * locale keeps pull-request diffs small and reviewable per language.
 */
export function memoryFilePath(articleFile: string, slug: string, locale: string): string {
  return posix.join(posix.dirname(articleFile.replaceAll('\\', '/')), 'translations', locale, `${slug}.json`);
}

export function emptyMemory(article: string, locale: string): MemoryFile {
  return { article, locale, segments: Object.create(null) as Record<string, MemoryEntry> };
}

/**
 * Serialize with sorted keys, two-space indent and a final newline: the
 * same memory always gives the same bytes, and an added translation is a
 * small, readable hunk in a diff.
 */
export function serializeMemory(memory: MemoryFile): string {
  const segments = Object.create(null) as Record<string, MemoryEntry>;
  for (const id of Object.keys(memory.segments).sort()) {
    const entry = memory.segments[id]!;
    // Fixed key order, and no `flag` key at all on a clean entry, so files stay byte-stable.
    segments[id] = {
      source: entry.source,
      target: entry.target,
      origin: entry.origin,
      state: entry.state,
      ...reviewFields(entry),
      ...(entry.flag === undefined ? {} : { flag: entry.flag }),
    };
  }
  return `${JSON.stringify({ article: memory.article, locale: memory.locale, segments }, null, 2)}\n`;
}

/** What the path of a memory file says it holds: checked against the fields inside. */
export interface MemoryFileIdentity {
  article: string;
  locale: string;
}

/**
 * Parse a memory file's text; every failure names the file and line. With
 * `expected`, a file whose `article` or `locale` field disagrees with its
 * place (a Korean file copied into ja/) is refused: it would publish one
 * language's text as another's. No message quotes the file's text: a path
 * that led somewhere else (a symlink) must not show what it found there.
 */
export function parseMemory(text: string, file: string, expected?: MemoryFileIdentity): MemoryFile {
  const conflict = conflictMarkerLines(text);
  if (conflict.length > 0) {
    throw new EditionError(`unresolved git merge conflict (markers on line${conflict.length > 1 ? 's' : ''} ${conflict.join(', ')})`, {
      code: 'memory/conflict',
      file,
      line: conflict[0]!,
      hint: 'resolve the conflict: keep one target per segment and delete the <<<<<<< ======= >>>>>>> lines',
    });
  }
  const plain = readPlainMemory(text, expected);
  if (plain) return plain;
  const lineOf = lineCounter(text);
  const syntaxError = (what: string, offset: number): never => {
    throw new EditionError(`not valid JSON: ${what}`, {
      code: 'memory/json',
      file,
      line: lineOf(offset),
      hint: 'fix the JSON syntax (a missing comma or quote), or restore the file from git',
    });
  };
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // The parser recurses per level: only thousands of nested brackets overflow it, and only then is the text scanned for them.
    if (!(error instanceof RangeError)) throw error;
    return syntaxError(`nested more than ${MAX_JSON_DEPTH} levels deep`, tooDeepAt(text) ?? 0);
  }
  const first = errors[0];
  if (first) syntaxError(SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? 'not JSON', first.offset);

  const invalid = (field: string, what: string, at: JsonNode | undefined, hint = 'restore the file from git or fix the entry'): never => {
    // The line of the field's key, or of the object it is missing from.
    const node = at?.parent?.type === 'property' ? at.parent : at;
    throw new EditionError(`${field} ${what}`, { code: 'memory/invalid', file, line: lineOf(node?.offset ?? 0), field, hint });
  };
  if (root?.type !== 'object') return invalid('file', 'must be a JSON object', root);
  const fields = members(root, 'file', invalid);
  refuseUnknown(fields, FILE_KEYS, '', invalid);
  const article = fields.get('article');
  const locale = fields.get('locale');
  const segmentsNode = fields.get('segments');
  if (article?.type !== 'string') invalid('article', 'must be the article slug', article ?? root);
  if (locale?.type !== 'string') invalid('locale', 'must be the locale code', locale ?? root);
  if (segmentsNode?.type !== 'object') invalid('segments', 'must be an object of entries by segment id', segmentsNode ?? root);
  const moved = 'a memory file holds one article in one locale: move it back where it belongs, or restore it from git';
  if (expected && locale!.value !== expected.locale) invalid('locale', `is "${String(locale!.value)}", but the file is in the folder of locale "${expected.locale}"`, locale, moved);
  if (expected && article!.value !== expected.article) {
    // Most often an article renamed with its memory files by hand: the command that does it whole says how.
    const renamed = `if the article ${String(article!.value)} was renamed ${expected.article}, name this file ${String(article!.value)}.json again and run \`edition rename ${String(article!.value)} ${expected.article}\`; else ${moved.slice(moved.indexOf(':') + 2)}`;
    invalid('article', `is "${String(article!.value)}", but the file is named for article "${expected.article}"`, article, renamed);
  }

  // A null prototype: ids come from the file, and "__proto__" must be an id like any other.
  const segments = Object.create(null) as Record<string, MemoryEntry>;
  for (const [id, entryNode] of members(segmentsNode!, 'segments', invalid)) {
    const field = `segments.${id}`;
    if (entryNode.type !== 'object') return invalid(field, 'must be an object', entryNode);
    const entry = members(entryNode, field, invalid);
    refuseUnknown(entry, ENTRY_KEYS, `${field}.`, invalid);
    const textField = (key: string): string | undefined => {
      const node = entry.get(key);
      if (node === undefined) return undefined;
      if (node.type !== 'string') return invalid(`${field}.${key}`, 'must be text', node);
      const control = findForbiddenCharacter(node.value as string);
      if (control) invalid(`${field}.${key}`, `contains the control character ${control.name}`, node, CONTROL_CHARACTER_HINT);
      return node.value as string;
    };
    const [source, target, origin] = (['source', 'target', 'origin'] as const).map((key) => textField(key) ?? invalid(`${field}.${key}`, 'must be text', entryNode));
    const stateNode = entry.get('state');
    if (!STATES.includes(stateNode?.value as State)) invalid(`${field}.state`, `must be one of ${STATES.join(', ')}`, stateNode ?? entryNode);
    const flagNode = entry.get('flag');
    const flag = flagNode?.type === 'string' ? textField('flag') : undefined;
    if (flagNode !== undefined && !flag) invalid(`${field}.flag`, 'must be the reason for review, or be deleted once the target is fixed', entry.get('flag'));
    const sourceChangedNode = entry.get('sourceChanged');
    if (sourceChangedNode !== undefined && sourceChangedNode.value !== true) {
      invalid(`${field}.sourceChanged`, 'must be true, or be deleted once a reviewer has checked the target against the new source', sourceChangedNode);
    }
    const [previousSource, previousTarget] = (['previousSource', 'previousTarget'] as const).map((key) => {
      const value = entry.has(key) && entry.get(key)!.type === 'string' ? textField(key) : undefined;
      if (entry.has(key) && (value === undefined || value === '')) invalid(`${field}.${key}`, 'must be text, or be deleted', entry.get(key));
      return value;
    });
    if (sourceChangedNode !== undefined && previousSource === undefined) {
      invalid(`${field}.previousSource`, 'must hold the old source while sourceChanged is set, so a reviewer can see what changed', entryNode);
    }
    segments[id] = entryOf(source!, target!, origin!, stateNode!.value as State, sourceChangedNode !== undefined, previousSource, previousTarget, flag);
  }
  return { article: article!.value as string, locale: locale!.value as string, segments };
}

function entryOf(
  source: string,
  target: string,
  origin: string,
  state: State,
  sourceChanged: boolean,
  previousSource: string | undefined,
  previousTarget: string | undefined,
  flag: string | undefined,
): MemoryEntry {
  return {
    source,
    target,
    origin,
    state,
    ...reviewFields({
      ...(sourceChanged ? { sourceChanged: true as const } : {}),
      ...(previousSource === undefined ? {} : { previousSource }),
      ...(previousTarget === undefined ? {} : { previousTarget }),
    }),
    ...(flag === undefined ? {} : { flag }),
  };
}

/**
 * A field edition does not write is refused, not carried: a misspelt
 * `flags` would publish the target its writer meant to hold, and any field
 * would be dropped the next time edition writes the file.
 */
function refuseUnknown(
  fields: ReadonlyMap<string, JsonNode>,
  known: ReadonlySet<string>,
  prefix: string,
  invalid: (field: string, what: string, at: JsonNode | undefined, hint?: string) => never,
): void {
  for (const [key, node] of fields) {
    if (known.has(key)) continue;
    invalid(`${prefix}${key.slice(0, 60)}`, `is not a field of a memory ${prefix === '' ? 'file' : 'entry'}`, node, `the fields are ${[...known].join(', ')}; delete it, or correct its name`);
  }
}

const FILE_KEYS = new Set(['article', 'locale', 'segments']);
const ENTRY_KEYS = new Set(['source', 'target', 'origin', 'state', 'flag', 'sourceChanged', 'previousSource', 'previousTarget']);

/**
 * A memory file as edition writes it, read with JSON.parse: the
 * position-aware parser costs several times more, and positions are
 * needed only to name the line of a problem. Any file with a problem, a
 * key given twice or a field edition does not write is left to the full
 * reading (undefined), which finds the problem and its line.
 */
function readPlainMemory(text: string, expected: MemoryFileIdentity | undefined): MemoryFile | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(root) || !hasOnly(root, FILE_KEYS)) return undefined;
  const { article, locale, segments: entries } = root;
  if (typeof article !== 'string' || typeof locale !== 'string' || !isRecord(entries)) return undefined;
  if (expected && (locale !== expected.locale || article !== expected.article)) return undefined;
  // JSON.parse keeps the last of two equal keys where the full reading refuses them: every key must have been read.
  let keys = Object.keys(root).length;
  const segments = Object.create(null) as Record<string, MemoryEntry>;
  for (const [id, entry] of Object.entries(entries)) {
    if (!isRecord(entry) || !hasOnly(entry, ENTRY_KEYS)) return undefined;
    keys += 1 + Object.keys(entry).length;
    const { source, target, origin, state, flag, sourceChanged, previousSource, previousTarget } = entry;
    if (!isCleanText(source) || !isCleanText(target) || !isCleanText(origin) || !STATES.includes(state as State)) return undefined;
    if (flag !== undefined && (!isCleanText(flag) || flag === '')) return undefined;
    if (sourceChanged !== undefined && (sourceChanged !== true || previousSource === undefined)) return undefined;
    for (const previous of [previousSource, previousTarget]) if (previous !== undefined && (!isCleanText(previous) || previous === '')) return undefined;
    segments[id] = entryOf(source, target, origin, state as State, sourceChanged === true, previousSource as string | undefined, previousTarget as string | undefined, flag);
  }
  return keys === keyCount(text) ? { article, locale, segments } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnly(record: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key of Object.keys(record)) if (!keys.has(key)) return false;
  return true;
}

function isCleanText(value: unknown): value is string {
  return typeof value === 'string' && findForbiddenCharacter(value) === undefined;
}

/** How many object keys valid JSON text holds, repeated ones included: every string followed by a colon. */
function keyCount(text: string): number {
  let count = 0;
  // indexOf finds the quotes far faster than a loop over every character.
  for (let start = text.indexOf('"'); start !== -1; start = text.indexOf('"', start + 1)) {
    let end = text.indexOf('"', start + 1);
    while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) break;
    let next = end + 1;
    while (isJsonSpace(text.charCodeAt(next))) next += 1;
    if (text.charCodeAt(next) === COLON) count += 1;
    start = end;
  }
  return count;
}

/** Whether the character at `index` follows an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(index - 1 - slashes) === BACKSLASH) slashes += 1;
  return slashes % 2 === 1;
}

const [SPACE, TAB, LINE_FEED, CARRIAGE_RETURN, COLON] = [' ', '\t', '\n', '\r', ':'].map((char) => char.charCodeAt(0));
const isJsonSpace = (code: number) => code === SPACE || code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN;

/** Deeper than any memory file is written (three levels): where a file nested too deep for the parser is said to go wrong. */
const MAX_JSON_DEPTH = 16;

/** jsonc-parser's error names, as a person fixing the file reads them. */
const SYNTAX_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'a character that JSON does not allow here (text must be in double quotes)',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected (a comma before a closing brace?)',
  ValueExpected: 'a value was expected (a comma before a closing bracket?)',
  ColonExpected: 'a colon was expected after the property name',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'text after the end of the JSON object',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an unknown backslash escape',
  InvalidCharacter: 'a control character (a raw tab or line break?) inside a string',
};

/** An object node's members by key; a key given twice is refused (JSON.parse would silently keep the last). */
function members(node: JsonNode, field: string, invalid: (field: string, what: string, at: JsonNode | undefined) => never): Map<string, JsonNode> {
  const map = new Map<string, JsonNode>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const name = key.value as string;
    if (map.has(name)) invalid(`${field}.${name}`, 'appears twice', value);
    map.set(name, value);
  }
  return map;
}

/** Offset of the first bracket nested deeper than MAX_JSON_DEPTH, outside strings. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return index;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth -= 1;
  }
  return undefined;
}

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = ['"', '\\', '{', '}', '[', ']'].map((char) => char.charCodeAt(0));

/** 1-based line of an offset, by binary search over the line starts. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** The review fields in their fixed order, each only when set, so clean entries keep their bytes. */
function reviewFields(entry: Partial<MemoryEntry>): Partial<MemoryEntry> {
  return {
    ...(entry.sourceChanged === true ? { sourceChanged: true as const } : {}),
    ...(entry.previousSource === undefined ? {} : { previousSource: entry.previousSource }),
    ...(entry.previousTarget === undefined ? {} : { previousTarget: entry.previousTarget }),
  };
}

function conflictMarkerLines(text: string): number[] {
  if (!text.includes('<<<<<<<') && !text.includes('=======') && !text.includes('>>>>>>>')) return [];
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^(<{7}|={7}|>{7})( |$)/u.test(line)) lines.push(index + 1);
  });
  return lines;
}

/**
 * Whether an entry can be published. XLIFF's `initial` state means "not
 * translated yet" (a tool that copies the source into the target leaves it
 * there), and an empty target translates nothing: both count as missing.
 */
export function isUsable(entry: MemoryEntry): boolean {
  return entry.state !== 'initial' && (entry.target.trim() !== '' || entry.source.trim() === '');
}

/**
 * Whether an unusable entry waits for a person: a person's draft (state
 * initial, or an emptied human target), or a machine target a reviewer sent
 * back (state initial). No machine replaces it (it would send the same text
 * back), so nothing is sent for it and it holds its edition.
 */
export function awaitsPerson(draft: MemoryEntry): boolean {
  return isProtected(draft) || draft.state === 'initial';
}
