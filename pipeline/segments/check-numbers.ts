import { parseTaggedText, taggedTextToPlain, TaggedTextError } from './tagged-text.js';

/** How each side writes a decimal number: the decimal separator of the source's and of the target's locale. */
export interface DecimalMarks {
  source: string;
  target: string;
}

/**
 * The figures of a segment's English that its translation does not write:
 * a figure dropped or mistyped (1,250 as 125, or as 12,50 in German, where
 * that is twelve and a half). A warning a reviewer must be able to trust,
 * so it looks only where a correct translation keeps the figure:
 *
 * - Each side is read as its language writes numbers: 1,250 in the
 *   English is 1.250, 1 250 or ١٬٢٥٠ in a translation, 12.5 is 12,5; and
 *   by value, so that 150,000 may be 15万 or 15 тыс., 1,250 1천250.
 * - Only figures of three digits or more are compared: a language writes
 *   small numbers as words (zehn Jahre, 两名), and times, scores and ages
 *   in its own figures (8 p.m. is 20 Uhr).
 * - Not a figure fused to letters or joined to another by a hyphen, a
 *   dash or a slash (G7, COVID-19, 2024-25, 1/3, a phone number), a
 *   decade (1990s, 20世纪90年代), a time, an identifier of several dots
 *   (iOS 17.4.1), an ordinal, or one before an imperial unit, which a
 *   translation rightly writes otherwise (200 miles as 320 km).
 * - A figure with a word of magnitude is compared with its value (1.25
 *   billion may be 12억5천만 or 1,25 Milliarden, not 1,25 Billionen).
 *
 * Numbers the translation adds are not looked at. Tags and their names
 * are not text; text whose tags do not parse gives nothing (the
 * placeholder check reports it).
 */
export function missingNumbers(source: string, target: string, marks: DecimalMarks = { source: '.', target: '.' }): string[] {
  const written = writtenValues(plainText(target), marks.target);
  const missing = new Map<string, string>();
  const text = plainText(source);
  for (const match of text.matchAll(NUMBER)) {
    const figure = match[0];
    const before = text.slice(Math.max(0, match.index - 1), match.index);
    const after = text.slice(match.index + figure.length, match.index + figure.length + 40);
    if (asciiDigits(figure).length < 3 || (figure.match(/[.\uFF0E]/gu)?.length ?? 0) > 1) continue;
    if (JOINED_BEFORE.test(before) || JOINED_AFTER.test(after) || OTHERWISE.test(after)) continue;
    // 1.25 billion is compared as 1,250,000,000: written 12억5천만, 1,25 Milliarden; 1,25 Billionen is a thousand times more.
    const magnitude = MAGNITUDE.exec(after)?.[1]?.toLowerCase();
    const value = magnitude === undefined ? valueOf(figure, marks.source) : scaled(valueOf(figure, marks.source), MAGNITUDES.get(magnitude)!);
    if (written.has(value) || missing.has(value)) continue;
    missing.set(value, figure);
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

/** Digit groups joined by the marks written inside a number: comma, full stop (also full-width), apostrophes, Arabic's decimal and thousands signs. */
const NUMBER = /\p{Nd}+(?:[.,'\u2019\u066B\u066C\uFF0C\uFF0E]\p{Nd}+)*/gu;
/** The same, and the spaces some languages group digits with, before a group of three. */
const TARGET_NUMBER = /\p{Nd}+(?:(?:[.,'\u2019\u066B\u066C\uFF0C\uFF0E]|[ \u00A0\u202F\u2009](?=\p{Nd}{3}(?!\p{Nd})))\p{Nd}+)*/gu;
const MARK = /[.,'\u2019\u066B\u066C\uFF0C\uFF0E \u00A0\u202F\u2009]/u;
const DECIMAL_SIGNS = new Set(['\u066B', '\uFF0E']);

/** A figure fused to a letter, or joined to another by a hyphen, a dash, a slash or a colon (a name, a range, a fraction, a time). */
const JOINED_BEFORE = /[\p{L}\-\u2010-\u2015/:]$/u;
const JOINED_AFTER = /^(?:[\p{L}\-\u2010-\u2015/:]|['\u2019]s\b|\s*[ap]\.?m\b)/iu;

/** What follows a figure that a translation may rightly write with other figures: an ordinal, a word of magnitude, an imperial unit. */
const OTHERWISE =
  /^(?:st|nd|rd|th)\b|^\s*(?:hundred|k|m|mn|bn|tn|mph|(?:(?:square|sq\.?|cubic|cu\.?|fluid|fl\.?)[\s-]*)?(?:miles?|mi|feet|foot|ft|inch(?:es)?|yards?|yd|ounces?|oz)|acres?|gallons?|pounds?|lbs?|(?:degrees?\s*)?(?:fahrenheit|f)|°\s*f)\b/iu;

/** An English word of magnitude after a figure, and the power of ten it stands for. */
const MAGNITUDE = /^\s*(thousand|million|billion|trillion)\b/iu;
const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ['thousand', 3],
  ['million', 6],
  ['billion', 9],
  ['trillion', 12],
]);

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
  const isDecimal = last !== undefined && (DECIMAL_SIGNS.has(last) || last === decimal || ((last === '.' || last === ',') && lastGroup.length !== 3));
  const whole = (isDecimal ? groups.slice(0, -1) : groups).join('').replace(/^0+(?=\d)/u, '');
  const fraction = isDecimal ? lastGroup.replace(/0+$/u, '') : '';
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Powers of ten the signs of East Asian numbers stand for: myriads, and the smaller units within one. */
const BIG: ReadonlyMap<string, number> = new Map([
  ['万亿', 12],
  ['萬億', 12],
  ['万', 4],
  ['萬', 4],
  ['만', 4],
  ['億', 8],
  ['亿', 8],
  ['억', 8],
  ['兆', 12],
  ['조', 12],
]);
const SMALL: ReadonlyMap<string, number> = new Map([
  ['千', 3],
  ['천', 3],
  ['百', 2],
  ['백', 2],
  ['十', 1],
  ['십', 1],
]);
/** Words of magnitude after a figure, in the project's languages, and the power of ten each stands for. */
const WORDS: ReadonlyArray<[RegExp, number]> = [
  [/^\s?(?:тыс\.?|тысяч[аи]?|тис\.?|тисяч[аі]?|Tsd\.|Tausend)(?![\p{L}])/u, 3],
  [/^\s?(?:млн|миллион(?:а|ов)?|мільйон(?:а|ів)?|Mio\.?|Millionen|Million|millions?|millones|millón|milhões|milhão|مليون|ملايين)(?![\p{L}])/u, 6],
  [/^\s?(?:млрд|миллиард(?:а|ов)?|мільярд(?:а|ів)?|Mrd\.?|Milliarden|Milliarde|milliards?|mil millones|mil milhões|مليارات|مليار)(?![\p{L}])/u, 9],
  [/^\s?(?:трлн|триллион(?:а|ов)?|трильйон(?:а|ів)?|Billionen|Billion|billones|billón|billions?)(?![\p{L}])/u, 12],
  [/^\s?(?:mil|ألف|آلاف)(?![\p{L}])(?!\s+mil)/u, 3],
];

/**
 * Every value the translation writes: each number as its language reads
 * it, each piece of one (grouped with spaces, or a date of dots), and a
 * number with its words of magnitude (15 тыс., 1,2 Milliarden) or in
 * East Asian writing by myriads (1万2500, 1천250, 5천만, 12억 5천만).
 */
function writtenValues(text: string, decimal: string): Set<string> {
  const written = new Set<string>();
  const matches = [...text.matchAll(TARGET_NUMBER)];
  // Where the last run of East Asian figures ended: each run is read once, from its first number.
  let readTo = -1;
  for (const [index, match] of matches.entries()) {
    written.add(valueOf(match[0], decimal));
    for (const piece of match[0].split(MARK)) written.add(valueOf(piece, decimal));
    const end = match.index + match[0].length;
    const after = text.slice(end, end + 24);
    const word = WORDS.find(([pattern]) => pattern.test(after));
    if (word) written.add(scaled(valueOf(match[0], decimal), word[1]));
    if (index > readTo && signAt(text, end) !== undefined) {
      const run = myriads(text, matches, index, decimal);
      written.add(run.value);
      readTo = run.last;
    }
  }
  return written;
}

/** The East Asian sign of magnitude at a position, and how many characters it takes. */
function signAt(text: string, position: number): { power: number; big: boolean; length: number } | undefined {
  const two = text.slice(position, position + 2);
  if (BIG.has(two)) return { power: BIG.get(two)!, big: true, length: 2 };
  const one = text[position] ?? '';
  if (BIG.has(one)) return { power: BIG.get(one)!, big: true, length: 1 };
  if (SMALL.has(one)) return { power: SMALL.get(one)!, big: false, length: 1 };
  return undefined;
}

/**
 * The value of East Asian figures written by myriads from the number at
 * `index`, and the index of its last number: digits before 千/천, 百/백
 * or 十/십 count those, and each run before 万/만, 億/억, 兆/조 (or 万亿,
 * a million millions) is multiplied by it (1万2500 is 12,500; 5천만 is
 * 50,000,000). Korean writes a space after each myriad (12억 5천만).
 */
function myriads(text: string, matches: readonly RegExpMatchArray[], index: number, decimal: string): { value: string; last: number } {
  let total = 0n;
  let group = 0n;
  let position = matches[index]!.index!;
  let last = index;
  for (let at = index; matches[at]?.index === position; at += 1) {
    const match = matches[at]!;
    last = at;
    const amount = units(valueOf(match[0], decimal), 0);
    position += match[0].length;
    const sign = signAt(text, position);
    if (sign === undefined) {
      group += amount;
      break;
    }
    position += sign.length;
    if (!sign.big) group += amount * 10n ** BigInt(sign.power);
    // A myriad's sign closes the run before it, and may follow a smaller one (5천만: five thousand myriads).
    const after = sign.big ? sign : signAt(text, position);
    if (after === undefined || !after.big) continue;
    total += (group + (sign.big ? amount : 0n)) * 10n ** BigInt(after.power);
    group = 0n;
    if (!sign.big) position += after.length;
    if (text[position] === ' ' && /\p{Nd}/u.test(text[position + 1] ?? '')) position += 1;
  }
  return { value: fromUnits(total + group), last };
}

/** Values are compared to a millionth: as whole millionths. */
const PLACES = 6;

function units(value: string, power: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(`${whole}${fraction.slice(0, PLACES + power).padEnd(PLACES + power, '0')}`);
}

function fromUnits(amount: bigint): string {
  const text = amount.toString().padStart(PLACES + 1, '0');
  const whole = text.slice(0, -PLACES).replace(/^0+(?=\d)/u, '');
  const fraction = text.slice(-PLACES).replace(/0+$/u, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

function scaled(value: string, power: number): string {
  return fromUnits(units(value, power));
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
