import type { PhrasingContent } from 'mdast';
import type { InlineHandler } from './state.js';

type Parent = Extract<PhrasingContent, { children: unknown }>;

/**
 * Markup around translatable text (emphasis, strong, strikethrough, links):
 * the translator sees `<em1>…</em1>` and may move it; the URL, title and
 * reference of a link stay in the placeholder and come back byte-identical.
 */
export function wrap(prefix: string): InlineHandler<Parent> {
  return (node, state) => [{ type: 'element', name: state.name(prefix, node, false), empty: false, children: state.all(node.children) }];
}
