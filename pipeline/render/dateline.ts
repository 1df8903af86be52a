import { h } from 'hastscript';
import type { ElementContent, Root, RootContent } from 'hast';

/**
 * Put the dateline at the head of the story, as newspapers print it: at the
 * start of the first paragraph of text, past any photo, subhead or list
 * that opens the body; as its own line when no paragraph has text.
 */
export function withDateline(body: Root, dateline: string, separator: string): Root {
  const span = h('span', { className: ['dateline'] }, dateline);
  const first = body.children.find((node) => node.type === 'element' && node.tagName === 'p' && hasText(node));
  if (first?.type === 'element') {
    const lead: ElementContent[] = separator ? [span, { type: 'text', value: separator }] : [span];
    const opened = { ...first, children: [...lead, ...first.children] };
    return { ...body, children: body.children.map((node) => (node === first ? opened : node)) };
  }
  return { ...body, children: [h('p', [span]), ...body.children] };
}

/** Whether a node holds text a reader sees (an image's paragraph holds none). */
function hasText(node: RootContent): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  return node.type === 'element' && node.children.some(hasText);
}
