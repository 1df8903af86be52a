import type { Translator } from '../../pipeline/translation/translator.js';
import { parseTaggedText, serializeTaggedText, type TaggedNode } from '../../pipeline/segments/tagged-text.js';

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
