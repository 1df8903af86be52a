import type { Segment } from '../segments/segment-article.js';
import { checkTranslation } from '../segments/check-translation.js';
import { replaceForbiddenCharacters } from '../content/characters.js';
import { segmentId } from '../segments/normalize.js';
import { EditionError, EditionErrors } from '../errors.js';
import type { TranslatedSegment, TranslationRequest, Translator } from './translator.js';
import { isProtected, isUsable, type MemoryEntry, type MemoryFile } from './memory/memory-file.js';
import { carryOver, linkOrphans, type OrphanLink } from './memory/link-orphans.js';

export interface TranslateArticleInput {
  article: TranslationRequest['article'];
  segments: readonly Segment[];
  sourceLocale: string;
  targetLocale: string;
  memory: MemoryFile;
  translator: Translator;
  /** Where the memory is saved, for messages about flagged segments. */
  memoryFile?: string;
  /** Persist the memory (an effect); called after every batch a translator returns. */
  /** Persist the memory after each batch; `read` is the memory as given (as the build read it). */
  saveMemory?: (memory: MemoryFile, read: MemoryFile) => Promise<void>;
}

export interface TranslateArticleResult {
  /** Entries of the memory that belong to no segment of the article and matched none: kept, to be reported. */
  orphans: string[];
  /** Segment id → translation entry used for this edition. */
  entries: Map<string, MemoryEntry>;
  /** The memory with new translations added (same object when nothing was added). */
  memory: MemoryFile;
  fromMemory: number;
  translated: number;
}

/**
 * Translate one article into one locale: stored translations first (when
 * the translator uses the memory), the rest to the translator, which hands
 * back batches as they arrive; each is saved at once. A stored entry counts
 * only if its source is the segment's source.
 *
 * When the English changed, the segment's old entry is found by
 * `linkOrphans`. A human or reviewed translation keeps its text under the
 * new id, marked `sourceChanged` with its old source; a machine one is
 * sent again and the new entry keeps the old source and target for the
 * diff. Whatever the translator, nothing it returns replaces a human or
 * reviewed translation in the memory.
 */
export async function translateArticle(input: TranslateArticleInput): Promise<TranslateArticleResult> {
  const { segments, memory, translator } = input;
  // A translator that neither reads nor writes the memory (pseudo) must leave it exactly as it was.
  const touchesMemory = translator.usesMemory || translator.storesResults;
  if (touchesMemory) checkIds(memory, input);
  const { links, orphans } = touchesMemory ? linkOrphans(segments, memory) : { links: [], orphans: [] };
  let current = memory;
  const stale = new Map<string, OrphanLink>();
  for (const link of links) {
    if (isProtected(link.entry)) current = moveEntry(current, link.from, link.id, carryOver(link.entry, segments.find((segment) => segment.id === link.id)!.source));
    else stale.set(link.id, link);
  }

  const entries = new Map<string, MemoryEntry>();
  const pending = [];
  for (const segment of segments) {
    const stored = translator.usesMemory ? current.segments[segment.id] : undefined;
    if (stored && stored.source === segment.source && isUsable(stored)) entries.set(segment.id, stored);
    else pending.push({ id: segment.id, source: segment.source });
  }
  const fromMemory = entries.size;
  if (pending.length === 0) {
    rejectFlagged(entries, input);
    return { entries, memory: current, orphans, fromMemory, translated: 0 };
  }
  refuseOversized(pending, input);

  const sourceOf = new Map(pending.map((segment) => [segment.id, segment.source]));
  let translated = 0;
  const accept = (results: readonly TranslatedSegment[]) => {
    for (const result of results) {
      const { id } = result;
      const source = sourceOf.get(id);
      if (source === undefined) continue;
      // Whatever the translator, its output is untrusted until checked against the source.
      const flag = result.flag ?? checkTranslation(source, result.target);
      // A control character in the memory file would stop every later build on reading it: kept as U+FFFD, the flag names it.
      const target = replaceForbiddenCharacters(result.target);
      const old = stale.get(id);
      const entry: MemoryEntry = {
        source,
        target,
        origin: translator.name,
        state: 'translated',
        ...(old ? { previousSource: old.entry.source, previousTarget: old.entry.target } : {}),
        ...(flag ? { flag } : {}),
      };
      entries.set(id, entry);
      // An empty answer is kept (the next build sends it again) but is no translation: counted, it was counted again when
      // the edition asked for it, and taken off what the edition read from the memory.
      if (isUsable(entry)) translated += 1;
      if (!translator.storesResults) continue;
      const existing = current.segments[id];
      if (existing && isProtected(existing) && existing.source === source) continue;
      current = old ? moveEntry(current, old.from, id, entry) : { ...current, segments: { ...current.segments, [id]: entry } };
    }
  };
  // Saves run one after another so the last write on disk is the fullest memory.
  let saving: Promise<void> = Promise.resolve();
  const save = input.saveMemory;
  const onBatch =
    translator.storesResults && save
      ? async (results: TranslatedSegment[]) => {
          accept(results);
          const snapshot = current;
          saving = saving.then(() => save(snapshot, input.memory));
          await saving;
        }
      : undefined;

  let results: TranslatedSegment[];
  try {
    results = await translator.translate({
      sourceLocale: input.sourceLocale,
      targetLocale: input.targetLocale,
      segments: pending,
      article: input.article,
      ...(onBatch ? { onBatch } : {}),
    });
  } catch (error) {
    // The translator's error already tells of a failed save (it stopped because of it), and says more.
    await saving.catch(() => undefined);
    throw error;
  }
  await saving;
  // Batches already accepted through onBatch come back in the final list too; count and store each once.
  accept(results.filter((result) => !entries.has(result.id)));
  rejectFlagged(entries, input);
  return { entries, memory: current, orphans, fromMemory, translated };
}

/**
 * An entry's id is the hash of its source. One that is not was edited by
 * hand (or mangled by a merge): which English its target translates is
 * unknown, so it is neither served nor carried over.
 */
function checkIds(memory: MemoryFile, input: TranslateArticleInput): void {
  const errors = Object.entries(memory.segments)
    .filter(([id, entry]) => segmentId(entry.source) !== id)
    .map(
      ([id]) =>
        new EditionError("source does not match the entry's id (its hash differs)", {
          code: 'memory/hash',
          ...(input.memoryFile ? { file: input.memoryFile } : {}),
          field: `segments.${id}.source`,
          hint: 'restore the source from git; to retranslate the segment instead, delete the entry',
        }),
    );
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new EditionErrors(errors, `${errors.length} entries of ${input.memoryFile ?? 'the memory'} do not match their ids`);
}

/** A segment too large for one request of the translator is refused before anything of the article is sent. */
function refuseOversized(pending: readonly { id: string; source: string }[], input: TranslateArticleInput): void {
  const limit = input.translator.maxSegmentBytes;
  if (limit === undefined) return;
  const lineOf = new Map(input.segments.map((segment) => [segment.id, segment.line]));
  const errors = pending
    .filter((segment) => Buffer.byteLength(segment.source, 'utf8') > limit)
    .map((segment) => {
      const line = lineOf.get(segment.id);
      return new EditionError(`segment is ${kib(Buffer.byteLength(segment.source, 'utf8'))}, over the ${kib(limit)} ${input.translator.name} takes in one request; nothing of this article was sent`, {
        code: 'translation/too-large',
        file: input.article.file,
        ...(line === undefined ? {} : { line }),
        field: segment.id,
        hint: 'split the paragraph into shorter ones',
      });
    });
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new EditionErrors(errors, `${errors.length} segments of ${input.article.file} are too large to translate`);
}

function kib(bytes: number): string {
  const value = bytes / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} KiB`;
}

function moveEntry(memory: MemoryFile, from: string, to: string, entry: MemoryEntry): MemoryFile {
  const segments = { ...memory.segments };
  delete segments[from];
  segments[to] = entry;
  return { ...memory, segments };
}

/**
 * A flagged entry is never published: the edition fails, naming each
 * segment and why, until a reviewer fixes the target and removes the flag.
 */
function rejectFlagged(entries: ReadonlyMap<string, MemoryEntry>, input: TranslateArticleInput): void {
  const file = input.memoryFile;
  const errors = [...entries]
    .filter(([, entry]) => entry.flag !== undefined)
    .map(
      ([id, entry]) =>
        new EditionError(`${input.targetLocale} translation flagged for review: ${entry.flag}`, {
          code: 'translation/flagged',
          ...(file ? { file } : {}),
          field: id,
        }),
    );
  if (errors.length === 0) return;
  throw new EditionErrors(
    errors,
    `${errors.length} ${input.targetLocale} segment${errors.length === 1 ? '' : 's'} of ${input.article.file} flagged for review`,
    `fix each target in ${file ?? 'the translation memory'} so its tags match the source, then delete its "flag"`,
  );
}
