import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { EditionError, type ErrorCode } from '../errors.js';
import { CONTROL_CHARACTER_HINT, INVISIBLE_RANGE, UNCLOSED_BIDI_HINT, findForbiddenCharacter, findUnclosedBidi } from './characters.js';
import type { ArticleDate, Correction, FrontMatter, LeadImage } from './article.js';
import { closestSpelling } from './spelling.js';

const KNOWN_FIELDS = new Set(['title', 'summary', 'date', 'dateline', 'byline', 'corrections', 'updated', 'tags', 'image']);
const KNOWN_DATELINE_FIELDS = new Set(['city', 'timezone']);
const KNOWN_IMAGE_FIELDS = new Set(['src', 'alt']);
const KNOWN_CORRECTION_FIELDS = new Set(['date', 'text']);

/** YAML aliases a front matter may expand: none is needed, and a few nested ones expand to gigabytes. */
const MAX_ALIAS_COUNT = 100;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ParsedFrontMatter {
  frontMatter: FrontMatter;
  fieldLines: Record<string, number>;
  warnings: string[];
}

/**
 * Validate an article's YAML front matter against the contract in the README.
 * `firstLine` is the file line of the YAML's first line, so every error and
 * warning names the line the user has to fix.
 */
export function parseFrontMatter(yamlText: string, file: string, firstLine: number): ParsedFrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? firstLine : firstLine + lineCounter.linePos(offset).line - 1);

  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new EditionError(`front matter is not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      code: 'front-matter/yaml',
      file,
      line: lineOf(yamlError.pos[0]),
      hint: 'fix the YAML between the --- lines (quote values that contain a colon)',
    });
  }
  if (!isMap(doc.contents)) {
    throw new EditionError('front matter must be a set of "field: value" lines', {
      code: 'front-matter/not-a-map',
      file,
      line: firstLine,
      hint: 'start the article with ---, then title:, date: and dateline:, then ---',
    });
  }

  const fieldLines: Record<string, number> = Object.create(null) as Record<string, number>;
  const warnings: string[] = [];
  // The line of the field, or of the nearest field above it that is there (a missing image.alt: the line of image).
  const nodeLine = (path: string[]) => {
    for (let length = path.length; length > 0; length -= 1) {
      const start = (doc.getIn(path.slice(0, length), true) as { range?: readonly number[] } | undefined)?.range?.[0];
      if (start !== undefined) return lineOf(start);
    }
    return lineOf(undefined);
  };
  // Unknown fields by the known one each most likely misspells (`datline`, `correction`).
  const misspelt = new Map<string, string>();
  const fail = (field: string, message: string, hint: string, code: ErrorCode = 'front-matter/invalid'): never => {
    const typo = code === 'front-matter/missing-field' ? misspelt.get(field) : undefined;
    if (typo !== undefined) throw new EditionError(message, { code, file, line: fieldLines[typo]!, field, hint: `"${typo}" looks like ${field} misspelt: rename it ${field}` });
    throw new EditionError(message, { code, file, line: nodeLine(field.split('.')), field, hint });
  };

  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    fieldLines[key] = lineOf((pair.key as { range?: readonly number[] }).range?.[0]);
    if (!KNOWN_FIELDS.has(key)) {
      const meant = closestSpelling(key, KNOWN_FIELDS);
      if (meant !== undefined && !misspelt.has(meant)) misspelt.set(meant, key);
      const guess = meant === undefined ? '' : `did you mean ${meant}? `;
      warnings.push(`${file}:${fieldLines[key]} (${key}): unknown front matter field, ignored (${guess}known: ${[...KNOWN_FIELDS].join(', ')})`);
    }
  }

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    // The only failure left once the document parsed: aliases that expand exponentially (a "billion laughs").
    throw new EditionError(`front matter expands its aliases (*name) more than ${MAX_ALIAS_COUNT} times`, {
      code: 'front-matter/yaml',
      file,
      line: firstLine,
      hint: 'write each value out instead of repeating it through YAML aliases',
      cause: error,
    });
  }
  const title = requiredString(data, 'title', fail);
  const summary = optionalString(data, 'summary', fail);
  const byline = parseByline(data['byline'], fail);
  const date = parseArticleDate(data['date'], fail);

  const dateline = data['dateline'];
  if (dateline === undefined || dateline === null) {
    fail('dateline', 'front matter has no dateline', 'add "dateline:" with "city: Seoul" (and "timezone: Asia/Seoul" for a city the gazetteer lacks)', 'front-matter/missing-field');
  }
  if (typeof dateline !== 'object' || Array.isArray(dateline)) {
    return fail('dateline', 'dateline must be a map with city and timezone', 'write "dateline:" then indented "city: Seoul"');
  }
  const datelineData = dateline as Record<string, unknown>;
  for (const key of Object.keys(datelineData)) {
    if (!KNOWN_DATELINE_FIELDS.has(key)) {
      warnings.push(`${file}:${nodeLine(['dateline', key])} (dateline.${key}): unknown dateline field, ignored (known: city, timezone)`);
    }
  }
  const city = requiredString(datelineData, 'city', (field, message, hint, code) => fail(`dateline.${field}`, message, hint, code));
  const timezone = optionalString(datelineData, 'timezone', (field, message, hint, code) => fail(`dateline.${field}`, message, hint, code));
  if (timezone !== undefined && !isTimeZone(timezone)) {
    fail('dateline.timezone', `unknown time zone "${timezone}"`, 'use an IANA time zone name such as Asia/Seoul or Europe/Kyiv');
  }

  const corrections = parseCorrections(data['corrections'], fail);
  for (const [index, item] of corrections.length > 0 ? (data['corrections'] as Array<Record<string, unknown>>).entries() : []) {
    // Each correction's own line, for what is said about it later (its translation, a date the city's calendar refuses).
    fieldLines[`corrections.${index}`] = nodeLine(['corrections', String(index)]);
    for (const key of Object.keys(item)) {
      if (!KNOWN_CORRECTION_FIELDS.has(key)) {
        warnings.push(`${file}:${nodeLine(['corrections', String(index), key])} (corrections.${index}.${key}): unknown correction field, ignored (known: date, text)`);
      }
    }
  }
  const updated =
    data['updated'] === undefined || data['updated'] === null
      ? undefined
      : parseArticleDate(data['updated'], (_field, message, hint, code) => fail('updated', message.replace(/^date /u, 'updated '), hint.replace('date: ', 'updated: '), code));
  // An update before publication is a typo (a wrong month, a wrong year): readers would see the story updated before it ran.
  if (updated !== undefined && updatedBefore(updated, date)) {
    fail('updated', `updated (${updated.iso}) is earlier than date (${date.iso})`, 'correct the date or the update; updated is when the story last changed, after it was published');
  }
  for (const [index, correction] of corrections.entries()) {
    if (updatedBefore(correction.date, date)) {
      fail(`corrections.${index}.date`, `correction date (${correction.date.iso}) is earlier than date (${date.iso})`, 'correct the date: a correction is published after the story it corrects');
    }
  }
  const tags = parseTags(data['tags'], fail);
  const image = parseImage(data['image'], fail);
  // A caption or a credit would be lost without a word: the page shows the picture with its alt text only.
  for (const key of image ? Object.keys(data['image'] as object) : []) {
    if (!KNOWN_IMAGE_FIELDS.has(key)) warnings.push(`${file}:${nodeLine(['image', key])} (image.${key}): unknown image field, ignored (known: src, alt)`);
  }
  const texts: Array<[string, string | undefined]> = [
    ['title', title],
    ['summary', summary],
    ...(byline ?? []).map((name, index): [string, string] => [typeof data['byline'] === 'string' ? 'byline' : `byline.${index}`, name]),
    ['dateline.city', city],
    ['image.alt', image?.alt],
    ...tags.map((tag): [string, string] => ['tags', tag]),
    ...corrections.map((correction, index): [string, string] => [`corrections.${index}.text`, correction.text]),
  ];
  for (const [field, text] of texts) {
    const unclosed = text === undefined ? undefined : findUnclosedBidi(text);
    if (unclosed) fail(field, `${field} opens the bidirectional control ${unclosed.name} and does not close it`, UNCLOSED_BIDI_HINT);
    const typed = text === undefined ? undefined : typedAsWritten(field, text);
    if (typed) warnings.push(`${file}:${nodeLine(field.split('.'))} (${field}): ${typed}`);
  }

  const frontMatter: FrontMatter = {
    title,
    date,
    dateline: timezone === undefined ? { city } : { city, timezone },
    ...(summary === undefined ? {} : { summary }),
    ...(byline === undefined ? {} : { byline }),
    ...(corrections.length === 0 ? {} : { corrections }),
    ...(updated === undefined ? {} : { updated }),
    ...(tags.length === 0 ? {} : { tags }),
    ...(image === undefined ? {} : { image }),
  };
  return { frontMatter, fieldLines, warnings };
}

/**
 * Whether an update certainly comes before the publication. Two instants
 * compare as moments. A plain date is a day in the dateline city, whose
 * zone is not known here: an instant is compared with the days it falls
 * on anywhere (UTC−12 to UTC+14), so only an update before the date in
 * every zone is refused, never one a city's clock puts on the same day.
 */
function updatedBefore(updated: ArticleDate, date: ArticleDate): boolean {
  if (updated.kind === 'instant' && date.kind === 'instant') return updated.epochMs < date.epochMs;
  const latestDay = (value: ArticleDate) => (value.kind === 'date' ? value.iso : new Date(value.epochMs + 14 * HOUR_MS).toISOString().slice(0, 10));
  const earliestDay = (value: ArticleDate) => (value.kind === 'date' ? value.iso : new Date(value.epochMs - 12 * HOUR_MS).toISOString().slice(0, 10));
  return latestDay(updated) < earliestDay(date);
}

const HOUR_MS = 3_600_000;

type Fail = (field: string, message: string, hint: string, code?: ErrorCode) => never;

function requiredString(data: Record<string, unknown>, field: string, fail: Fail): string {
  const value = data[field];
  if (value === undefined || value === null) {
    return fail(field, `front matter has no ${field}`, `add a line "${field}: ..."`, 'front-matter/missing-field');
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(field, `${field} must be non-empty text`, `write ${field} as text in quotes`);
  }
  return refuseControl(value, field, fail);
}

function optionalString(data: Record<string, unknown>, field: string, fail: Fail): string | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(field, `${field} must be non-empty text`, `write ${field} as text in quotes, or remove the line`);
  }
  return refuseControl(value, field, fail);
}

/** A YAML escape such as "\x07" can put a control character in a value that the raw text does not show. */
function refuseControl(value: string, field: string, fail: Fail): string {
  const found = findForbiddenCharacter(value);
  return found ? fail(field, `${field} contains the control character ${found.name}`, CONTROL_CHARACTER_HINT, 'content/control-character') : value;
}

/** `image:` — {src, alt}: a relative path or an http(s) URL, and its alt text. */
function parseImage(value: unknown, fail: Fail): LeadImage | undefined {
  if (value === undefined || value === null) return undefined;
  const hint = 'write image: {src: "img/lead.jpg", alt: "What the picture shows"}';
  if (typeof value !== 'object' || Array.isArray(value)) return fail('image', 'image must have src and alt', hint);
  const { src, alt } = value as Record<string, unknown>;
  if (typeof src !== 'string' || src.trim() === '') return fail('image.src', 'image needs its src', hint, 'front-matter/missing-field');
  if (typeof alt !== 'string' || alt.trim() === '') return fail('image.alt', 'image needs its alt text, what it shows', hint, 'front-matter/missing-field');
  if (/^[a-z][a-z0-9+.-]*:/iu.test(src) && !/^https?:\/\//iu.test(src)) return fail('image.src', 'image src must be a relative path or an http(s) URL', hint);
  return { src, alt };
}

/**
 * `byline:` — who wrote the story: one name, or a list of names (two
 * reporters, a reporter and a photographer), each as written (without
 * spaces around it), in the order written, each once. Each edition joins
 * them as its press does (`bylineSeparator`, `bylineLastSeparator`), and
 * JSON-LD and the feed name each author. A plain string is one name, "Jane
 * Doe and John Roe" included.
 */
function parseByline(value: unknown, fail: Fail): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (value.trim() === '') return fail('byline', 'byline must be non-empty text', 'write byline as text in quotes, or remove the line');
    return [bylineName(value, 'byline', fail)];
  }
  if (!Array.isArray(value)) return fail('byline', 'byline must be a name or a list of names', BYLINE_HINT);
  if (value.length === 0) return fail('byline', 'byline is an empty list, which names no one', 'give the names, or remove the line');
  if (value.length > MAX_BYLINE_NAMES) return fail('byline', `byline names more than ${MAX_BYLINE_NAMES} people`, "name the story's writers; credit the others in the text");
  const names: string[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'string') return fail(`byline.${index}`, `each name of a byline must be text of 1 to ${MAX_NAME_LENGTH} characters`, BYLINE_HINT);
    const name = bylineName(item, `byline.${index}`, fail);
    if (names.includes(name)) return fail(`byline.${index}`, `byline names ${JSON.stringify(name)} twice`, 'name each writer once');
    names.push(name);
  }
  return names;
}

/**
 * What an author typed into a text field that the page would show as
 * typed, not as meant: Markdown (the fields are plain text, so `**third**`
 * is published with its asterisks), and a byline's own "By", which every
 * edition writes itself in its language ("By By Jane Doe").
 */
function typedAsWritten(field: string, text: string): string | undefined {
  if (field.startsWith('byline')) {
    const by = /^by\s+/iu.exec(text)?.[0];
    return by === undefined
      ? undefined
      : `${JSON.stringify(text.slice(0, 60))} starts with "${by.trim()}", which each edition writes itself before the names, in its language (its byline string in locales/): the page would say it twice ("By By Jane Doe" in English); write the name alone`;
  }
  if (field === 'dateline.city' || field === 'tags') return undefined;
  const markup = MARKDOWN_MARKUP.exec(text)?.[0];
  return markup === undefined
    ? undefined
    : `${JSON.stringify(markup.slice(0, 40))} is Markdown, which a front matter field does not read: it is published as typed, marks and all; write the text plain`;
}

/**
 * Emphasis, a link or code as Markdown writes them, within a line; a lone
 * asterisk or underscore (5 * 3, snake_case) is not. Bounded, so that a
 * long field of brackets costs a pass, not one per bracket.
 */
const MARKDOWN_MARKUP =
  /\*\*[^*\s][^*\n]{0,200}?\*\*|__[^_\s][^_\n]{0,200}?__|(?<![\w*])\*[^*\s][^*\n]{0,200}?(?<!\s)\*(?![\w*])|(?<![\p{L}\p{N}_])_[^_\s][^_\n]{0,200}?(?<!\s)_(?![\p{L}\p{N}_])|\[[^\]\n]{1,200}\]\([^)\s]{1,200}\)|`[^`\n]{1,200}`/u;

/** One name of a byline, without the spaces around it: something a reader can see, of at most MAX_NAME_LENGTH characters. */
function bylineName(text: string, field: string, fail: Fail): string {
  const name = refuseControl(text, field, fail).trim();
  const what = field === 'byline' ? 'a byline' : 'each name of a byline';
  if (name.replace(UNSEEN, '') === '') return fail(field, `${what} must show a name: this one has no visible character`, BYLINE_HINT);
  if (name.length > MAX_NAME_LENGTH) return fail(field, `${what} must be text of 1 to ${MAX_NAME_LENGTH} characters`, BYLINE_HINT);
  return name;
}

const BYLINE_HINT = 'write byline: "Jane Doe", or a list: byline: ["Jane Doe", "John Roe"]';

/** Spaces of every kind and the characters a reader cannot see: a name of only these shows nothing. */
const UNSEEN = new RegExp(`[\\s${INVISIBLE_RANGE}]`, 'gu');
const MAX_NAME_LENGTH = 200;

const MAX_BYLINE_NAMES = 20;

/** `tags:` — a list of short texts, in the order written, each once. */
function parseTags(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  const hint = 'write tags as a list: tags: ["North Korea", "Russia"]';
  if (!Array.isArray(value)) return fail('tags', 'tags must be a list', hint);
  const tags: string[] = [];
  for (const [index, tag] of value.entries()) {
    if (typeof tag !== 'string' || tag.trim() === '' || tag.length > 100) return fail(`tags.${index}`, 'each tag must be text of 1 to 100 characters', hint);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** `corrections:` — a list of {date, text}, in the order the newsroom published them. */
function parseCorrections(value: unknown, fail: Fail): Correction[] {
  if (value === undefined || value === null) return [];
  const hint = 'write corrections as a list of "- date: "2024-06-28"" with an indented "text: ..." under each';
  if (!Array.isArray(value)) return fail('corrections', 'corrections must be a list', hint);
  return value.map((item: unknown, index) => {
    const field = `corrections.${index}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail(field, 'each correction must have a date and a text', hint);
    const { date, text } = item as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '') return fail(`${field}.text`, 'a correction needs its text', hint, 'front-matter/missing-field');
    const parsed = typeof date === 'string' ? parseArticleDate(date, (_field, message, dateHint, code) => fail(`${field}.date`, message, dateHint, code)) : undefined;
    if (parsed?.kind !== 'date') return fail(`${field}.date`, "a correction's date must be a plain date", 'write the date as "YYYY-MM-DD", in quotes');
    return { date: parsed, text: refuseControl(text, `${field}.text`, fail) };
  });
}

function parseArticleDate(value: unknown, fail: Fail): ArticleDate {
  if (value === undefined || value === null) {
    return fail('date', 'front matter has no date', 'add a line date: "2024-06-27"', 'front-matter/missing-field');
  }
  if (typeof value !== 'string') {
    return fail('date', 'date must be text such as "2024-06-27" or "2024-06-27T09:30:00+09:00"', 'put the date in quotes');
  }
  const plain = PLAIN_DATE.exec(value);
  if (plain) {
    const [year, month, day] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
    if (!isCalendarDate(year, month, day)) {
      return fail('date', `"${value}" is not a calendar date`, 'write the date as YYYY-MM-DD, e.g. "2024-06-27"');
    }
    return { kind: 'date', iso: value, year, month, day };
  }
  const instant = INSTANT.exec(value);
  if (instant) {
    const [year, month, day] = [Number(instant[1]), Number(instant[2]), Number(instant[3])];
    const epochMs = Date.parse(value);
    if (!isCalendarDate(year, month, day) || Number.isNaN(epochMs) || Number(instant[4]) > 23 || Number(instant[5]) > 59) {
      return fail('date', `"${value}" is not a valid date and time`, 'write an instant as "2024-06-27T09:30:00+09:00"');
    }
    return { kind: 'instant', iso: value, epochMs };
  }
  return fail('date', `"${value}" is neither a date nor an instant with an offset`, 'write "2024-06-27", or "2024-06-27T09:30:00+09:00" with the offset');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  // Not Date.UTC(year, ...): it reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
