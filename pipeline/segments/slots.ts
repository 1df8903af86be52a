import type { Definition, FootnoteDefinition, FootnoteReference, Image, ImageReference, Link, LinkReference, PhrasingContent, Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { isSegmentBlock, segmentBlocks, type SegmentKind } from './blocks.js';
import { tagPhrasing } from './tag-phrasing.js';
import { sourceNodeOf, untagPhrasing } from './untag-phrasing.js';
import { escapeXmlText, parseTaggedText, taggedTextToPlain } from './tagged-text.js';
import { normalizeSegmentText, segmentId } from './normalize.js';

/**
 * One edition's translations, by the place in the source tree they go:
 * what re-assembly writes into its copy of the tree.
 */
export interface Draft {
  /** A block's translated content (its placeholders are the source tree's nodes). */
  blocks: Map<Node, PhrasingContent[]>;
  /** An image's translated alt text. */
  alts: Map<Node, string>;
  /** A link's, an image's or a link definition's translated title. */
  titles: Map<Node, string>;
}

/**
 * A place in an article's tree that holds one segment. `apply` writes a
 * translation for that place into an edition's draft, so extraction and
 * re-assembly walk the tree exactly once, in the same order, with the
 * same handlers, and the slots serve every edition of the article.
 */
export interface Slot<D extends Draft = Draft> {
  id: string;
  source: string;
  kind: SegmentKind;
  /** 1-based line of the source in the article file, when known. */
  line: number | undefined;
  apply(target: string, draft: D): void;
}

/** Every segment slot of a Markdown tree, in document order. */
export function collectSlots(tree: Root): Slot[] {
  const slots: Slot[] = [];
  const shown = shownReferences(tree);
  const titled = new Set<string>();
  // A walk of its own rather than unist-util-visit, whose per-node naming cost more than the work done here.
  // A reference link's title is its definition's: translated there, once for every link that uses it. Only the first
  // definition of a label counts (wherever it is, a note the page leaves out included), and only one a shown link uses.
  const definition = (node: Definition): void => {
    if (shown.definitions.has(node.identifier) && !titled.has(node.identifier)) pushTitle(slots, node, node.position?.start.line);
    titled.add(node.identifier);
  };
  const definitionsIn = (node: Node): void => {
    if (node.type === 'definition') definition(node as Definition);
    else if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) definitionsIn(child);
  };
  const visit = (node: Node): void => {
    if (node.type === 'definition') definition(node as Definition);
    // A note the page does not show (no shown text refers to it, or an earlier one has its label): nothing in it is
    // worth translating, or paying for, but its link definitions serve the whole page.
    if (node.type === 'footnoteDefinition' && shown.notes.get((node as FootnoteDefinition).identifier) !== node) {
      definitionsIn(node);
      return;
    }
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
        apply(target, draft) {
          draft.blocks.set(block, untagPhrasing(target, tagged.placeholders));
        },
      });
    }
    for (const image of tagged.images) {
      if (!image.alt) continue;
      const slot = plainSlot<Draft>(image.alt, 'imageAlt', image.position?.start.line ?? line, (text, draft) => {
        draft.alts.set(image, text);
      });
      if (slot) slots.push(slot);
    }
    for (const titled of tagged.titled) pushTitle(slots, titled, titled.position?.start.line ?? line);
  };
  visit(tree);
  return slots;
}

/**
 * What the page shows of an article's notes and link definitions: the
 * first note of each label its text refers to, and of those shown notes
 * refer to in turn (the renderer lists no other), and the labels of the
 * definitions the links and images of that text use.
 */
function shownReferences(tree: Root): { notes: Map<string, FootnoteDefinition>; definitions: Set<string> } {
  const referred = new Set<string>();
  const definitions = new Set<string>();
  // The first note of each label, in document order: the one the page lists.
  const firstNote = new Map<string, FootnoteDefinition>();
  const walk = (start: Node): void => {
    const stack: Node[] = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'footnoteDefinition' && node !== start) {
        // Read once the text is known to refer to it.
        const note = node as FootnoteDefinition;
        if (!firstNote.has(note.identifier)) firstNote.set(note.identifier, note);
        continue;
      }
      if (node.type === 'footnoteReference') referred.add((node as FootnoteReference).identifier);
      if (node.type === 'linkReference' || node.type === 'imageReference') definitions.add((node as LinkReference | ImageReference).identifier);
      // Pushed last to first, so that nodes are met in document order.
      if ('children' in node && Array.isArray(node.children)) for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as Node);
    }
  };
  walk(tree);
  const notes = new Map<string, FootnoteDefinition>();
  // A Set's iteration reaches what is added to it meanwhile: notes that shown notes refer to are read in turn.
  for (const identifier of referred) {
    const note = firstNote.get(identifier);
    if (note === undefined) continue;
    notes.set(identifier, note);
    for (const child of note.children) walk(child);
  }
  return { notes, definitions };
}

/** A title (a tooltip) is plain text in the edition's language, like alt text. */
function pushTitle(slots: Slot[], node: Link | Image | Definition, line: number | undefined): void {
  if (!node.title) return;
  const slot = plainSlot<Draft>(node.title, 'linkTitle', line, (text, draft) => {
    draft.titles.set(node, text);
  });
  if (slot) slots.push(slot);
}

/** A slot for plain text (title, summary, alt text): no markup may come back. */
export function plainSlot<D extends Draft>(text: string, kind: SegmentKind, line: number | undefined, write: (translated: string, draft: D) => void): Slot<D> | undefined {
  const source = normalizeSegmentText(escapeXmlText(text));
  if (source === '') return undefined;
  return {
    id: segmentId(source),
    source,
    kind,
    line,
    apply(target, draft) {
      write(taggedTextToPlain(toPlainNodes(target)), draft);
    },
  };
}

function toPlainNodes(target: string) {
  // Same validation as phrasing: a tag in a plain segment is a broken translation.
  untagPhrasing(target, new Map());
  return parseTaggedText(target);
}

/**
 * A deep copy of a tree with a draft's translations in place of the
 * source's: each translated block gets its new content, each image its
 * translated alt text, each titled link or image its translated title, and nothing is shared with the source tree. Nodes
 * are plain objects and arrays of plain values, copied by hand as
 * structuredClone would copy them, in a quarter of its time; anything
 * else a plugin may have put in the tree goes to structuredClone.
 * Positions are left out: they are places in the English file, which no
 * translated text has, and copying them made most of the copy's objects.
 */
export function translatedCopy<Tree>(tree: Tree, draft: Draft): Tree {
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const item of value) items.push(copy(item));
      return items;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
    const source = value as Record<string, unknown>;
    const children = draft.blocks.get(source as unknown as Node);
    const alt = draft.alts.get(source as unknown as Node);
    const title = draft.titles.size === 0 ? undefined : draft.titles.get(sourceNodeOf(source) as Node);
    const result: Record<string, unknown> = {};
    for (const key in source) {
      // An own `__proto__` would set the copy's prototype instead of a field.
      if (key === '__proto__' || !Object.hasOwn(source, key)) return structuredClone(source);
      if (key === 'position') continue;
      result[key] = key === 'children' && children ? copy(children) : key === 'alt' && alt !== undefined ? alt : key === 'title' && title !== undefined ? title : copy(source[key]);
    }
    return result;
  };
  return copy(tree) as Tree;
}
