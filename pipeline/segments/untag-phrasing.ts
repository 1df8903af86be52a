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
      return placeholder.empty ? placeholder.node : ({ ...placeholder.node, children: build(node.children) } as PhrasingContent);
    });
  return build(tree);
}
