import type { Image, ImageReference, Link, PhrasingContent } from 'mdast';
import { handlerFor } from './inline/index.js';
import type { InlineState, Placeholder } from './inline/state.js';
import { serializeTaggedText, type TaggedNode } from './tagged-text.js';
import { normalizeSegmentText } from './normalize.js';

export interface TaggedPhrasing {
  /** Normalized tagged text: the segment source a translator sees. */
  source: string;
  placeholders: Map<string, Placeholder>;
  images: Array<Image | ImageReference>;
  /** Links and images with a title, in document order. */
  titled: Array<Link | Image>;
}

/** Turn a block's phrasing content into tagged text plus the placeholders it refers to. */
export function tagPhrasing(children: readonly PhrasingContent[]): TaggedPhrasing {
  let count = 0;
  const state: InlineState = {
    placeholders: new Map(),
    images: [],
    titled: [],
    all(nodes) {
      const tagged: TaggedNode[] = [];
      for (const node of nodes) tagged.push(...handlerFor(node)(node, state));
      return tagged;
    },
    name(prefix, node, empty) {
      // One counter per segment, not per prefix: `<em1>`, `<a2>` read in order.
      count += 1;
      const name = `${prefix}${count}`;
      state.placeholders.set(name, { node, empty });
      return name;
    },
  };
  const tagged = state.all(children);
  return { source: normalizeSegmentText(serializeTaggedText(tagged)), placeholders: state.placeholders, images: state.images, titled: state.titled };
}
