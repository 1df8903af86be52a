import { h } from 'hastscript';
import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * Put the dateline at the head of the story, as newspapers print it: at the
 * start of the first paragraph of text, past a photo or a subhead that
 * opens the body; as its own line at the top when the story opens with
 * anything else (a list, a table, a quote), so that it never lands below it.
 */
export function withDateline(body: Root, dateline: string, separator: string): Root {
  const span = h('span', { className: ['dateline'] }, dateline);
  const first = openingParagraph(body);
  if (first) {
    const lead: ElementContent[] = separator ? [span, { type: 'text', value: separator }] : [span];
    const opened = { ...first, children: [...lead, ...first.children] };
    return { ...body, children: body.children.map((node) => (node === first ? opened : node)) };
  }
  return { ...body, children: [h('p', [span]), ...body.children] };
}

/** The paragraph of text the story opens with, past photos and subheads; none when something else comes first. */
function openingParagraph(body: Root): Element | undefined {
  for (const node of body.children) {
    if (node.type === 'text' && node.value.trim() === '') continue;
    if (node.type !== 'element') return undefined;
    if (node.tagName === 'p' && hasText(node)) return node;
    if (!(node.tagName === 'p' || /^h[1-6]$/u.test(node.tagName))) return undefined;
  }
  return undefined;
}

/** Whether a node holds text a reader sees (an image's paragraph holds none). */
function hasText(node: RootContent): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  return node.type === 'element' && node.children.some(hasText);
}
