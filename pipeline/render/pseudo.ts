import { h } from 'hastscript';
import type { Element, Root } from 'hast';

/** Said on every pseudo-localized page, in English: the text around it is not a language. */
export const PSEUDO_NOTICE = 'Pseudo-localized preview for layout checks: not a translation, not for publication.';

/**
 * A pseudo-localized page says so at the top and asks search engines not
 * to index it, so a preview deployed by mistake is neither read as a
 * translation nor listed.
 */
export function markPseudo(page: Root): Root {
  const html = page.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const head = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head');
  const body = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body');
  if (!html || !head || !body) return page;
  const marked: Element = {
    ...html,
    children: html.children.map((node) => {
      if (node === head) return { ...head, children: [...head.children.slice(0, 1), h('meta', { name: 'robots', content: 'noindex' }), ...head.children.slice(1)] };
      if (node === body) return { ...body, children: [h('p', { className: ['pseudo-notice'], role: 'note', lang: 'en', dir: 'ltr' }, PSEUDO_NOTICE), ...body.children] };
      return node;
    }),
  };
  return { ...page, children: page.children.map((node) => (node === html ? marked : node)) };
}
