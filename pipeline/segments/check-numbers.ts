import { parseTaggedText, taggedTextToPlain, TaggedTextError } from './tagged-text.js';

/** How each side writes a decimal number: the decimal separator of the source's and of the target's locale. */
export interface DecimalMarks {
  source: string;
  target: string;
}

/**
 * The numbers of a segment's English that its translation does not write:
 * a figure dropped or mistyped (1,250 as 125, or as 12,50 in German, where
 * that is twelve and a half), which no other check sees. A number is
 * compared by its value, each side read the way its language writes
 * numbers: 1,250 in the English is 1.250 or 1 250 in a translation, 12.5
 * is 12,5, Arabic may write ١٬٢٥٠. Numbers the translation adds (a month
 * written in figures, a number the English spells out) are not looked at,
 * nor English numbers that a language may rightly write with other
 * figures: before a word of magnitude (3 million, which Korean writes
 * 300만) and ordinals (21st). Tags and their names are not text; text
 * whose tags do not parse gives nothing here (the placeholder check
 * reports it).
 */
export function missingNumbers(source: string, target: string, marks: DecimalMarks = { source: '.', target: '.' }): string[] {
  const written = new Set<string>();
  for (const match of plainText(target).matchAll(TARGET_NUMBER)) {
    written.add(valueOf(match[0], marks.target));
    // Grouped with spaces, or two numbers a space apart (2023 150): either reading.
    for (const piece of match[0].split(SPACES)) written.add(valueOf(piece, marks.target));
  }
  const missing = new Map<string, string>();
  const text = plainText(source);
  for (const match of text.matchAll(SOURCE_NUMBER)) {
    const value = valueOf(match[0], marks.source);
    if (written.has(value) || missing.has(value)) continue;
    if (OTHERWISE.test(text.slice(match.index + match[0].length, match.index + match[0].length + 12))) continue;
    missing.set(value, match[0]);
  }
  return [...missing.values()];
}

function plainText(tagged: string): string {
  try {
    return taggedTextToPlain(parseTaggedText(tagged));
  } catch (error) {
    if (error instanceof TaggedTextError) return '';
    throw error;
  }
}

/** Digit groups joined by the marks written inside a number: comma, full stop, apostrophes, Arabic's decimal and thousands signs. */
const SOURCE_NUMBER = /\p{Nd}+(?:[.,'\u2019\u066B\u066C]\p{Nd}+)*/gu;
/** The same, and the spaces some languages group digits with, before a group of three. */
const TARGET_NUMBER = /\p{Nd}+(?:(?:[.,'\u2019\u066B\u066C]|[ \u00A0\u202F\u2009](?=\p{Nd}{3}(?!\p{Nd})))\p{Nd}+)*/gu;
const SPACES = /[ \u00A0\u202F\u2009]/u;
const MARK = /[.,'\u2019\u066B\u066C \u00A0\u202F\u2009]/u;

/** What follows a number whose figures a translation may rightly change. */
const OTHERWISE = /^(?:st|nd|rd|th|\s*(?:hundred|thousand|million|billion|trillion|k|m|bn|tn)\b)/iu;

/**
 * A number's value as text (1250, 12.5), whatever digits and marks write
 * it. Only its last mark may be a decimal point: Arabic's decimal sign
 * always is; the language's decimal mark is; a full stop or comma that
 * cannot be grouping (not before three digits) is; any other mark groups.
 */
function valueOf(written: string, decimal: string): string {
  const groups = written.split(MARK).map(asciiDigits);
  const marks = [...written].filter((character) => MARK.test(character));
  const last = marks.at(-1);
  const lastGroup = groups.at(-1) ?? '';
  const isDecimal = last !== undefined && (last === '\u066B' || last === decimal || ((last === '.' || last === ',') && lastGroup.length !== 3));
  const whole = (isDecimal ? groups.slice(0, -1) : groups).join('').replace(/^0+(?=\d)/u, '');
  const fraction = isDecimal ? lastGroup.replace(/0+$/u, '') : '';
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The digits of a number in ASCII, from any script's: Unicode's decimal
 * digits come in runs of ten from zero, so a digit's value is how far it
 * is from the start of its run, counted in tens.
 */
function asciiDigits(text: string): string {
  let digits = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code >= 0x30 && code <= 0x39) digits += character;
    else if (/\p{Nd}/u.test(character)) {
      let start = code;
      while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
      digits += String((code - start) % 10);
    }
  }
  return digits;
}
