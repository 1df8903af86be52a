import type { Image, ImageReference, Link, PhrasingContent } from 'mdast';
import type { TaggedNode } from '../tagged-text.js';

/** What a placeholder tag stands for: the original node, kept out of the translator's reach. */
export interface Placeholder {
  node: PhrasingContent;
  /** Self-closing: the node's whole content is hidden (code, images, breaks). */
  empty: boolean;
}

/** State shared by inline handlers while one block's phrasing content is tagged. */
export interface InlineState {
  placeholders: Map<string, Placeholder>;
  /** Images met on the way: their alt text becomes a segment of its own. */
  images: Array<Image | ImageReference>;
  /** Links and images with a title (the tooltip): each title is a segment of its own. */
  titled: Array<Link | Image>;
  /** Tag the children of a node (recursion entry for wrapping handlers). */
  all(nodes: readonly PhrasingContent[]): TaggedNode[];
  /** Register a placeholder for `node` and return its unique tag name (`em1`, `a2`...). */
  name(prefix: string, node: PhrasingContent, empty: boolean): string;
}

export type InlineHandler<Node extends PhrasingContent = PhrasingContent> = (node: Node, state: InlineState) => TaggedNode[];
