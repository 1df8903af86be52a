import type { PhrasingContent } from 'mdast';
import type { Placeholder } from './inline/state.js';
import { placeholderProblems } from './check-placeholders.js';
import { parseTaggedText, TaggedTextError, type TaggedNode } from './tagged-text.js';

/**
 * A translation whose placeholder tags do not match its source. It is never
 * rendered: the page would lose a link or publish a broken one.
 */
export class PlaceholderError extends Error {}

/**
 * Rebuild phrasing content from a translated segment: text from the
 * translation, every tag replaced by the node it stands for. The tags
 * must pass the placeholder rules (`placeholderProblems`); the first
 * problem is thrown.
 */
export function untagPhrasing(target: string, placeholders: ReadonlyMap<string, Placeholder>): PhrasingContent[] {
  let tree: TaggedNode[];
  try {
    tree = parseTaggedText(target);
  } catch (error) {
    throw new PlaceholderError(error instanceof TaggedTextError ? error.message : String(error));
  }
  const expected = new Map([...placeholders].map(([name, placeholder]) => [name, placeholder.empty] as const));
  const [problem] = placeholderProblems(tree, expected);
  if (problem !== undefined) throw new PlaceholderError(problem);

  // The tags match: each one is the node it stands for.
  const build = (nodes: readonly TaggedNode[]): PhrasingContent[] =>
    nodes.map((node): PhrasingContent => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      const placeholder = placeholders.get(node.name)!;
      if (placeholder.empty) return placeholder.node;
      const rebuilt = { ...placeholder.node, children: build(node.children) } as PhrasingContent;
      rebuiltFrom.set(rebuilt, placeholder.node);
      return rebuilt;
    });
  return build(tree);
}

/** Each wrapping node rebuilt with translated children → the source node it stands for. */
const rebuiltFrom = new WeakMap<object, PhrasingContent>();

/**
 * The source tree's node a node of untagged content stands for: itself, or
 * the node it was rebuilt from. A draft keys what it translates about a
 * node (a link's title) by the source's nodes.
 */
export function sourceNodeOf(node: object): object {
  return rebuiltFrom.get(node) ?? node;
}
