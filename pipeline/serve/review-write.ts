import { EditionError } from '../errors.js';
import { digestText } from '../build/build-cache.js';
import { checkPlaceholders } from '../segments/check-placeholders.js';
import { checkTranslation } from '../segments/check-translation.js';
import type { Segment } from '../segments/segment-article.js';
import { parseTaggedText, serializeTaggedText, TaggedTextError } from '../segments/tagged-text.js';
import { editionStatus } from '../review/segment-status.js';
import { emptyMemory, parseMemory, serializeMemory, type MemoryEntry, type State } from '../translation/memory/memory-file.js';

/** The states a reviewer can set from the desk; `initial` would unpublish a translation, which is not a review. */
const WRITABLE_STATES: readonly State[] = ['translated', 'reviewed', 'final'];

/** What `PUT /_edition/api/memory/<locale>/<slug>/<segment-id>` asks for. */
export interface ReviewWrite {
  target: string;
  state: State;
  /** Drop the entry's flag: the reviewer fixed what it was about. */
  clearFlag: boolean;
}

/** The ETag of a memory file: its digest, or `absent` before the file exists. */
export function memoryTag(text: string | undefined): string {
  return `"${text === undefined ? 'absent' : digestText(text)}"`;
}

/** Read the JSON body of a write; anything else is refused before the memory is read. */
export function parseReviewWrite(body: string): ReviewWrite {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw refusal('serve/bad-request', 'the body is not JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw refusal('serve/bad-request', 'the body must be a JSON object');
  const record = data as Record<string, unknown>;
  const { target, state, clearFlag = false } = record;
  if (typeof target !== 'string') throw refusal('serve/bad-request', '"target" must be text');
  if (typeof state !== 'string' || !WRITABLE_STATES.includes(state as State)) throw refusal('serve/bad-request', `"state" must be one of ${WRITABLE_STATES.join(', ')}`);
  if (typeof clearFlag !== 'boolean') throw refusal('serve/bad-request', '"clearFlag" must be true or false');
  const unknown = Object.keys(record).filter((key) => !['target', 'state', 'clearFlag'].includes(key));
  if (unknown.length > 0) throw refusal('serve/bad-request', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}`);
  return { target, state: state as State, clearFlag };
}

export interface ReviewTarget {
  /** The memory file, as shown to the user. */
  file: string;
  slug: string;
  locale: string;
  segments: readonly Segment[];
  id: string;
  /** The ETag the page was loaded with (`If-Match`). */
  expected: string | undefined;
}

/**
 * The memory file's new text after a reviewer's write, or a refusal. The
 * reviewer's target replaces the entry for the segment's current English:
 * an edited target is a person's translation (origin human, so no machine
 * run replaces it), and saving it confirms it against a changed source.
 */
export function applyReviewWrite(text: string | undefined, where: ReviewTarget, write: ReviewWrite): string {
  // What the request names comes first (404), then whether the file is still the one the page showed (409), then the text (400, 422).
  const segment = where.segments.find((candidate) => candidate.id === where.id);
  if (!segment) throw refusal('serve/not-found', `no segment ${where.id} in ${where.slug}`);
  if (where.expected === undefined) throw refusal('serve/conflict', 'the write has no If-Match header with the ETag the page was loaded with');
  if (where.expected !== memoryTag(text)) throw refusal('serve/conflict', `${where.file} changed since the page was loaded`);
  if (write.target.trim() === '' && segment.source.trim() !== '') throw refusal('serve/empty-target', 'the translation is empty');
  const broken = checkPlaceholders(segment.source, write.target);
  if (broken) throw new WriteRefusal('segment/placeholders', `the placeholder tags do not match the English: ${broken}`, broken);
  // The checks every published target passes, whoever wrote it: a target the build would refuse to publish is refused here, with the reason.
  const unsafe = checkTranslation(segment.source, write.target);
  if (unsafe !== undefined) throw new WriteRefusal('translation/unchecked', `the translation fails the checks every published target passes: ${unsafe}`, unsafe);

  const memory = text === undefined ? emptyMemory(where.slug, where.locale) : parseMemory(text, where.file);
  const row = editionStatus(where.segments, memory).rows.find((candidate) => candidate.segment.id === where.id)!;
  const before = row.entry;
  const edited = before === undefined || !sameTarget(before.target, write.target);
  // The entry as stored (under the old English's id when that changed): its flag stays until cleared. A flag the page
  // only worked out (the new English's tags no longer fit the old target) is not stored: this save's tags are checked above.
  const stored = memory.segments[row.linkedFrom ?? where.id] ?? memory.segments[where.id];
  const flag = write.clearFlag ? undefined : stored?.flag;
  const entry: MemoryEntry = {
    source: segment.source,
    // Unchanged, the target keeps its own bytes (the desk writes `"` where it held `&quot;`).
    target: edited ? write.target : before.target,
    origin: edited ? 'human' : before.origin,
    state: write.state,
    ...(flag === undefined ? {} : { flag }),
  };
  // The entry was found under the id of the English before it changed: it now lives under the new one.
  if (row.linkedFrom !== undefined) delete memory.segments[row.linkedFrom];
  memory.segments[where.id] = entry;
  const written = serializeMemory(memory);
  // What is stored is a memory file every command reads: a target it would refuse (a control character) is refused now, before the file is replaced.
  parseMemory(written, where.file);
  return written;
}

/** Whether two targets say the same: the same text and tags, however the characters are escaped (`&quot;` or `"`, `<code1 />` or `<code1/>`). */
function sameTarget(stored: string, written: string): boolean {
  if (stored === written) return true;
  try {
    return serializeTaggedText(parseTaggedText(stored)) === serializeTaggedText(parseTaggedText(written));
  } catch (error) {
    if (error instanceof TaggedTextError) return false;
    throw error;
  }
}

/**
 * A write the desk refuses for what the reviewer typed, with the check's
 * own words (`tag <a1> missing`) apart, so the desk can say the rest in
 * its language.
 */
export class WriteRefusal extends EditionError {
  constructor(
    code: 'segment/placeholders' | 'translation/unchecked',
    message: string,
    readonly detail: string,
  ) {
    super(message, { code });
  }
}

function refusal(code: 'serve/bad-request' | 'serve/conflict' | 'serve/not-found' | 'serve/empty-target', message: string): EditionError {
  return new EditionError(message, { code });
}
