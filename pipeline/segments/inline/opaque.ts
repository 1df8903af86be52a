import type { InlineHandler } from './state.js';

/**
 * Content the translator must never see or change (inline code, breaks,
 * footnote references): a self-closing placeholder holds its place.
 */
export function opaque(prefix: string): InlineHandler {
  return (node, state) => [{ type: 'element', name: state.name(prefix, node, true), empty: true, children: [] }];
}

/** Images hold their place like opaque content; their alt text and title are segments of their own. */
export const image: InlineHandler = (node, state) => {
  if (node.type === 'image' || node.type === 'imageReference') state.images.push(node);
  if (node.type === 'image' && node.title) state.titled.push(node);
  return opaque('img')(node, state);
};
