/**
 * Registry of inline handlers, one per mdast phrasing node type: how each
 * kind of inline markup is carried through a translator.
 */
import type { PhrasingContent } from 'mdast';
import type { InlineHandler } from './state.js';
import { text } from './text.js';
import { wrap } from './wrap.js';
import { image, opaque } from './opaque.js';
import { link } from './link.js';

export const inlineHandlers: Record<string, InlineHandler<any>> = {
  text,
  emphasis: wrap('em'),
  strong: wrap('strong'),
  delete: wrap('del'),
  link,
  linkReference: wrap('a'),
  inlineCode: opaque('code'),
  break: opaque('br'),
  footnoteReference: opaque('ref'),
  image,
  imageReference: image,
  // Raw HTML is never published (the renderer sanitizes it away), so it
  // is not sent to a translator either.
  html: () => [],
};

export function handlerFor(node: PhrasingContent): InlineHandler {
  const handler = inlineHandlers[node.type];
  // Unknown node types from third-party plugins stay untranslatable but intact.
  return handler ?? opaque('x');
}
