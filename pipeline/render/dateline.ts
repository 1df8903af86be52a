import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';

/**
 * Put the dateline at the head of the story, as newspapers print it: inside
 * the first paragraph when the body opens with one, else as its own line.
 */
export function withDateline(body: Root, dateline: string, separator: string): Root {
  const span = h('span', { className: ['dateline'] }, dateline);
  const children = body.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const first = children[0];
  if (first?.type === 'element' && first.tagName === 'p') {
    const lead: ElementContent[] = separator ? [span, { type: 'text', value: separator }] : [span];
    const opened = { ...first, children: [...lead, ...first.children] };
    return { ...body, children: body.children.map((node) => (node === first ? opened : node)) };
  }
  return { ...body, children: [h('p', [span]), ...body.children] };
}
