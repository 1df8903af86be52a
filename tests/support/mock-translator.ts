import type { Translator } from '../../pipeline/translation/translator.js';
import { parseTaggedText, serializeTaggedText, type TaggedNode } from '../../pipeline/segments/tagged-text.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { serializeMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';

/**
 * A deterministic translator for tests: marks every text with the target
 * locale, uppercases it, and moves tags by reversing the order of each
 * segment's top-level nodes, as a real translator reorders phrases.
 */
export function mockTranslator(options: { store?: boolean; name?: string } = {}): Translator & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: options.name ?? 'mock',
    usesMemory: true,
    storesResults: options.store ?? false,
    calls,
    async translate({ segments, targetLocale }) {
      calls.push(segments.map((segment) => segment.id));
      return segments.map((segment) => ({ id: segment.id, target: mockTranslate(segment.source, targetLocale) }));
    },
  };
}

export function mockTranslate(source: string, locale: string): string {
  const transform = (node: TaggedNode): TaggedNode => (node.type === 'text' ? { type: 'text', value: node.value.toUpperCase() } : { ...node, children: node.children.map(transform) });
  const nodes = parseTaggedText(source).map(transform).reverse();
  return `⟦${locale}⟧ ${serializeTaggedText(nodes)}`;
}

/** A human translation of every segment of a project's article into a locale, as translators deliver it (mock text, in the memory file). */
export function translateByHand(dir: string, slug: string, locale: string, state: 'translated' | 'reviewed' = 'translated'): void {
  const article = loadArticle(readFileSync(join(dir, 'content', `${slug}.md`), 'utf8'), `content/${slug}.md`, slug);
  const memory: MemoryFile = { article: slug, locale, segments: {} };
  for (const segment of segmentArticle(article)) memory.segments[segment.id] = { source: segment.source, target: mockTranslate(segment.source, locale), origin: 'human', state };
  mkdirSync(join(dir, 'content/translations', locale), { recursive: true });
  writeFileSync(join(dir, 'content/translations', locale, `${slug}.json`), serializeMemory(memory));
}
