import { posix } from 'node:path';
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
  return { article, locale, segments: {} };
}

/**
 * Serialize with sorted keys, two-space indent and a final newline: the
 * same memory always gives the same bytes, and an added translation is a
 * small, readable hunk in a diff.
 */
export function serializeMemory(memory: MemoryFile): string {
  const segments: Record<string, MemoryEntry> = {};
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

/** Parse a memory file's text; every failure names the file and line. */
export function parseMemory(text: string, file: string): MemoryFile {
  const conflict = conflictMarkerLines(text);
  if (conflict.length > 0) {
    throw new EditionError(`unresolved git merge conflict (markers on line${conflict.length > 1 ? 's' : ''} ${conflict.join(', ')})`, {
      code: 'memory/conflict',
      file,
      line: conflict[0]!,
      hint: 'resolve the conflict: keep one target per segment and delete the <<<<<<< ======= >>>>>>> lines',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/u.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new EditionError(`not valid JSON: ${message}`, {
      code: 'memory/json',
      file,
      ...(line === undefined ? {} : { line }),
      hint: 'fix the JSON syntax (a missing comma or quote), or restore the file from git',
    });
  }
  const invalid = (field: string, what: string): never => {
    const line = fieldLine(text, field);
    throw new EditionError(`${field} ${what}`, {
      code: 'memory/invalid',
      file,
      ...(line === undefined ? {} : { line }),
      field,
      hint: 'restore the file from git or fix the entry',
    });
  };
  if (!isRecord(data)) return invalid('file', 'must be a JSON object');
  if (typeof data['article'] !== 'string') invalid('article', 'must be the article slug');
  if (typeof data['locale'] !== 'string') invalid('locale', 'must be the locale code');
  if (!isRecord(data['segments'])) invalid('segments', 'must be an object of entries by segment id');
  const segments: Record<string, MemoryEntry> = {};
  for (const [id, entry] of Object.entries(data['segments'] as Record<string, unknown>)) {
    if (!isRecord(entry)) return invalid(`segments.${id}`, 'must be an object');
    for (const key of ['source', 'target', 'origin'] as const) {
      if (typeof entry[key] !== 'string') invalid(`segments.${id}.${key}`, 'must be text');
    }
    if (!STATES.includes(entry['state'] as State)) invalid(`segments.${id}.state`, `must be one of ${STATES.join(', ')}`);
    const flag = entry['flag'];
    if (flag !== undefined && (typeof flag !== 'string' || flag === '')) {
      invalid(`segments.${id}.flag`, 'must be the reason for review, or be deleted once the target is fixed');
    }
    const sourceChanged = entry['sourceChanged'];
    if (sourceChanged !== undefined && sourceChanged !== true) {
      invalid(`segments.${id}.sourceChanged`, 'must be true, or be deleted once a reviewer has checked the target against the new source');
    }
    for (const key of ['previousSource', 'previousTarget'] as const) {
      const value = entry[key];
      if (value !== undefined && (typeof value !== 'string' || value === '')) invalid(`segments.${id}.${key}`, 'must be text, or be deleted');
    }
    if (sourceChanged === true && entry['previousSource'] === undefined) {
      invalid(`segments.${id}.previousSource`, 'must hold the old source while sourceChanged is set, so a reviewer can see what changed');
    }
    segments[id] = {
      source: entry['source'] as string,
      target: entry['target'] as string,
      origin: entry['origin'] as string,
      state: entry['state'] as State,
      ...reviewFields(entry),
      ...(flag === undefined ? {} : { flag: flag as string }),
    };
  }
  return { article: data['article'] as string, locale: data['locale'] as string, segments };
}

/** The review fields in their fixed order, each only when set, so clean entries keep their bytes. */
function reviewFields(entry: Partial<MemoryEntry>): Partial<MemoryEntry> {
  return {
    ...(entry.sourceChanged === true ? { sourceChanged: true as const } : {}),
    ...(entry.previousSource === undefined ? {} : { previousSource: entry.previousSource }),
    ...(entry.previousTarget === undefined ? {} : { previousTarget: entry.previousTarget }),
  };
}

/**
 * The line of a field such as `segments.<id>.state` in the file's text: the
 * line of its last key found, each searched after the one before it.
 */
function fieldLine(text: string, field: string): number | undefined {
  let offset = -1;
  for (const [depth, key] of field.split('.').entries()) {
    const found = text.indexOf(`${JSON.stringify(key)}:`, offset + 1);
    // A key missing from its entry must not be found in the next one: then the entry's own line is the place.
    const close = depth < 2 ? -1 : text.indexOf('}', offset);
    if (found < 0 || (close >= 0 && close < found)) break;
    offset = found;
  }
  return offset < 0 ? undefined : text.slice(0, offset).split('\n').length;
}

function conflictMarkerLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^(<{7}|={7}|>{7})( |$)/u.test(line)) lines.push(index + 1);
  });
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether an entry can be published. XLIFF's `initial` state means "not
 * translated yet" (a tool that copies the source into the target leaves it
 * there), and an empty target translates nothing: both count as missing.
 */
export function isUsable(entry: MemoryEntry): boolean {
  return entry.state !== 'initial' && (entry.target.trim() !== '' || entry.source.trim() === '');
}
