import type { Link } from 'mdast';
import type { InlineHandler } from './state.js';
import { opaque } from './opaque.js';
import { wrap } from './wrap.js';

/**
 * A link whose text is its own address (`<https://…>`, a bare URL that
 * GFM turns into a link, a mailto) is an address, not prose: it goes as a
 * self-closing placeholder, never translated or billed. Other links wrap
 * their text, which the translator translates. A link's title (its
 * tooltip) is a segment of its own.
 */
export const link: InlineHandler<Link> = (node, state) => {
  if (node.title) state.titled.push(node);
  const only = node.children.length === 1 ? node.children[0] : undefined;
  // GFM adds the scheme it implies: www.example.org links to http://www.example.org.
  const literal = only?.type === 'text' && [only.value, `http://${only.value}`, `https://${only.value}`, `mailto:${only.value}`].includes(node.url);
  return literal ? opaque('a')(node, state) : wrap('a')(node, state);
};
