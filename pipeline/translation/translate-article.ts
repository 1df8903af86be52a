import type { Segment } from '../segments/segment-article.js';
import { EditionError, EditionErrors } from '../errors.js';
import type { TranslatedSegment, Translator } from './translator.js';
import type { MemoryEntry, MemoryFile } from './memory/memory-file.js';

export interface TranslateArticleInput {
  article: { slug: string; file: string; title: string };
  segments: readonly Segment[];
  sourceLocale: string;
  targetLocale: string;
  memory: MemoryFile;
  translator: Translator;
  /** Where the memory is saved, for messages about flagged segments. */
  memoryFile?: string;
  /** Persist the memory (an effect); called after every batch a translator returns. */
  saveMemory?: (memory: MemoryFile) => Promise<void>;
}

export interface TranslateArticleResult {
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
 */
export async function translateArticle(input: TranslateArticleInput): Promise<TranslateArticleResult> {
  const { segments, memory, translator } = input;
  const entries = new Map<string, MemoryEntry>();
  const pending = [];
  for (const segment of segments) {
    const stored = translator.usesMemory ? memory.segments[segment.id] : undefined;
    if (stored && stored.source === segment.source) entries.set(segment.id, stored);
    else pending.push({ id: segment.id, source: segment.source });
  }
  const fromMemory = entries.size;
  if (pending.length === 0) {
    rejectFlagged(entries, input);
    return { entries, memory, fromMemory, translated: 0 };
  }

  const sourceOf = new Map(pending.map((segment) => [segment.id, segment.source]));
  let current = memory;
  const added: Record<string, MemoryEntry> = {};
  const accept = (results: readonly TranslatedSegment[]) => {
    for (const { id, target, flag } of results) {
      const source = sourceOf.get(id);
      if (source === undefined) continue;
      const entry: MemoryEntry = { source, target, origin: translator.name, state: 'translated', ...(flag ? { flag } : {}) };
      entries.set(id, entry);
      added[id] = entry;
    }
    if (translator.storesResults && results.length > 0) current = { ...current, segments: { ...current.segments, ...added } };
  };
  // Saves run one after another so the last write on disk is the fullest memory.
  let saving: Promise<void> = Promise.resolve();
  const save = input.saveMemory;
  const onBatch =
    translator.storesResults && save
      ? async (results: TranslatedSegment[]) => {
          accept(results);
          const snapshot = current;
          saving = saving.then(() => save(snapshot));
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
  } finally {
    await saving;
  }
  accept(results);
  rejectFlagged(entries, input);
  return { entries, memory: current, fromMemory, translated: Object.keys(added).length };
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
