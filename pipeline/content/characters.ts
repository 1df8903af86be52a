/**
 * Characters no text of a project may hold. Placeholder tags are parsed as
 * XML, and XML 1.0 has no way to carry C0 controls (except tab, line feed
 * and carriage return), lone surrogates, U+FFFE or U+FFFF. DEL and the C1
 * controls are allowed by XML but invisible in every editor: pasted from a
 * terminal or a mis-decoded Windows file, they would be published unseen.
 * They are refused, never removed, so what is published is the text the
 * editor saved.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

// eslint-disable-next-line no-control-regex -- the same set, and every surrogate
const CANDIDATE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

export interface ForbiddenCharacter {
  /** UTF-16 offset in the text. */
  offset: number;
  /** `U+0007`: how a message names it, since printing it raw would reach the terminal. */
  name: string;
}

/** The first character of `text` that no article or translation may hold, if any. */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  // Most text has none: a plain character class (any surrogate, paired or not) rules it out fast.
  if (!CANDIDATE.test(text)) return undefined;
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  return { offset: match.index, name: codePointName(match[0].charCodeAt(0)) };
}

const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');

/**
 * The text with each character no text may hold replaced by U+FFFD: for a
 * translator's output only, stored flagged (its flag names what was there),
 * because a memory file holding the character itself could not be read
 * again, and every later build would stop on it.
 */
export function replaceForbiddenCharacters(text: string): string {
  return CANDIDATE.test(text) ? text.replace(FORBIDDEN_ALL, '\uFFFD') : text;
}

export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based line of a UTF-16 offset in `text`. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/**
 * The bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069), as the body of a character class: each check, display
 * and printer that looks for them builds its pattern on this one range.
 */
export const BIDI_CONTROL_RANGE = '\\u202A-\\u202E\\u2066-\\u2069';
const BIDI_CONTROL = new RegExp(`[${BIDI_CONTROL_RANGE}]`, 'u');

/**
 * Characters a reader cannot see: zero-width space, non-joiner and joiner,
 * word joiner, BOM. As the body of a character class, for the checks that
 * look past them (an address split by one, a name made of them).
 */
export const INVISIBLE_RANGE = '\\u200B-\\u200D\\u2060\\uFEFF';

export const UNCLOSED_BIDI_HINT = 'close it with U+202C (U+2069 after an isolate), or delete it: left open, it reverses the text set after it';

export const CONTROL_CHARACTER_HINT = 'delete the invisible control character (editors show it as a box or ^ sequence; search for it by its code)';

/**
 * The first bidirectional embedding, override or isolate a text opens and
 * does not close, if any. A front-matter text is set into other strings
 * (`{{title}} | {{publication}}` in the window title, feed entries): an
 * override left open there reverses what follows it, the newsroom's name
 * included.
 */
export function findUnclosedBidi(text: string): ForbiddenCharacter | undefined {
  if (!BIDI_CONTROL.test(text)) return undefined;
  const open: Array<{ offset: number; isolate: boolean }> = [];
  for (let offset = 0; offset < text.length; offset += 1) {
    const code = text.charCodeAt(offset);
    if ((code >= 0x202a && code <= 0x202b) || (code >= 0x202d && code <= 0x202e)) open.push({ offset, isolate: false });
    else if (code >= 0x2066 && code <= 0x2068) open.push({ offset, isolate: true });
    else if (code === 0x202c && open.length > 0 && !open.at(-1)!.isolate) open.pop();
    else if (code === 0x2069) {
      // A PDI closes its isolate and whatever was opened inside it.
      const isolate = open.findLastIndex((entry) => entry.isolate);
      if (isolate >= 0) open.length = isolate;
    }
  }
  const first = open[0];
  return first === undefined ? undefined : { offset: first.offset, name: codePointName(text.charCodeAt(first.offset)) };
}
