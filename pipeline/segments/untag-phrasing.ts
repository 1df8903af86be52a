import type { PhrasingContent } from 'mdast';
import type { Placeholder } from './inline/state.js';
import { parseTaggedText, TaggedTextError, type TaggedNode } from './tagged-text.js';

/**
 * A translation whose placeholder tags do not match its source. It is never
 * rendered: the page would lose a link or publish a broken one.
 */
export class PlaceholderError extends Error {}

/**
 * Rebuild phrasing content from a translated segment: text from the
 * translation, every tag replaced by the node it stands for. Every
 * placeholder must appear exactly once, with the same shape, and no other
 * tag may appear.
 */
export function untagPhrasing(target: string, placeholders: ReadonlyMap<string, Placeholder>): PhrasingContent[] {
  let tree: TaggedNode[];
  try {
    tree = parseTaggedText(target);
  } catch (error) {
    throw new PlaceholderError(error instanceof TaggedTextError ? error.message : String(error));
  }
  const used = new Set<string>();

  const build = (nodes: readonly TaggedNode[]): PhrasingContent[] =>
    nodes.map((node): PhrasingContent => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      const placeholder = placeholders.get(node.name);
      if (!placeholder) throw new PlaceholderError(`tag <${node.name}> is not in the source`);
      if (used.has(node.name)) throw new PlaceholderError(`tag <${node.name}> appears more than once`);
      used.add(node.name);
      if (placeholder.empty) {
        if (!node.empty) throw new PlaceholderError(`tag <${node.name}/> must stay self-closing`);
        return placeholder.node;
      }
      if (node.empty) throw new PlaceholderError(`tag <${node.name}> lost its content`);
      return { ...placeholder.node, children: build(node.children) } as PhrasingContent;
    });

  const children = build(tree);
  const missing = [...placeholders.keys()].filter((name) => !used.has(name));
  if (missing.length > 0) {
    throw new PlaceholderError(`tag${missing.length > 1 ? 's' : ''} ${missing.map((name) => `<${name}>`).join(', ')} missing`);
  }
  return children;
}
