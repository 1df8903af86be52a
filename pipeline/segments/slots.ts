import type { Root, PhrasingContent } from 'mdast';
import type { Node, Parent } from 'unist';
import { isSegmentBlock, segmentBlocks, type SegmentKind } from './blocks.js';
import { tagPhrasing } from './tag-phrasing.js';
import { untagPhrasing } from './untag-phrasing.js';
import { escapeXmlText, parseTaggedText, taggedTextToPlain } from './tagged-text.js';
import { normalizeSegmentText, segmentId } from './normalize.js';

/**
 * A place in an article's tree that holds one segment. `apply` writes a
 * translation into that place, so extraction and re-assembly walk the tree
 * exactly once, in the same order, with the same handlers.
 */
export interface Slot {
  id: string;
  source: string;
  kind: SegmentKind;
  /** 1-based line of the source in the article file, when known. */
  line: number | undefined;
  apply(target: string): void;
}

/** Every segment slot of a Markdown tree, in document order. */
export function collectSlots(tree: Root): Slot[] {
  const slots: Slot[] = [];
  // A walk of its own rather than unist-util-visit, whose per-node naming cost more than the work done here.
  const visit = (node: Node): void => {
    if (!isSegmentBlock(node.type)) {
      if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) visit(child);
      return;
    }
    const block = node as Parent & { children: PhrasingContent[] };
    const tagged = tagPhrasing(block.children);
    const line = block.position?.start.line;
    // A block of nothing but placeholders (a lone image, a bare link) has no
    // words to translate: it stays as it is in every edition.
    if (taggedTextToPlain(parseTaggedText(tagged.source)).trim() !== '') {
      slots.push({
        id: segmentId(tagged.source),
        source: tagged.source,
        kind: segmentBlocks[node.type],
        line,
        apply(target) {
          block.children = untagPhrasing(target, tagged.placeholders);
        },
      });
    }
    for (const image of tagged.images) {
      if (!image.alt) continue;
      const slot = plainSlot(image.alt, 'imageAlt', image.position?.start.line ?? line, (text) => {
        image.alt = text;
      });
      if (slot) slots.push(slot);
    }
  };
  visit(tree);
  return slots;
}

/** A slot for plain text (title, summary, alt text): no markup may come back. */
export function plainSlot(text: string, kind: SegmentKind, line: number | undefined, write: (translated: string) => void): Slot | undefined {
  const source = normalizeSegmentText(escapeXmlText(text));
  if (source === '') return undefined;
  return {
    id: segmentId(source),
    source,
    kind,
    line,
    apply(target) {
      write(taggedTextToPlain(toPlainNodes(target)));
    },
  };
}

function toPlainNodes(target: string) {
  // Same validation as phrasing: a tag in a plain segment is a broken translation.
  untagPhrasing(target, new Map());
  return parseTaggedText(target);
}
