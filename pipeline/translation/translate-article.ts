import type { Segment } from '../segments/segment-article.js';
import type { Translator } from './translator.js';
import type { MemoryEntry, MemoryFile } from './memory/memory-file.js';

export interface TranslateArticleInput {
  article: { slug: string; file: string; title: string };
  segments: readonly Segment[];
  sourceLocale: string;
  targetLocale: string;
  memory: MemoryFile;
  translator: Translator;
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
 * the translator uses the memory), the rest in one batch to the translator.
 * A stored entry counts only if its source is the segment's source.
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
  if (pending.length === 0) return { entries, memory, fromMemory, translated: 0 };

  const results = await translator.translate({
    sourceLocale: input.sourceLocale,
    targetLocale: input.targetLocale,
    segments: pending,
    article: input.article,
  });
  const sourceOf = new Map(pending.map((segment) => [segment.id, segment.source]));
  const added: Record<string, MemoryEntry> = {};
  for (const { id, target } of results) {
    const source = sourceOf.get(id);
    if (source === undefined) continue;
    const entry: MemoryEntry = { source, target, origin: translator.name, state: 'translated' };
    entries.set(id, entry);
    added[id] = entry;
  }
  const updated = translator.storesResults ? { ...memory, segments: { ...memory.segments, ...added } } : memory;
  return { entries, memory: updated, fromMemory, translated: Object.keys(added).length };
}
