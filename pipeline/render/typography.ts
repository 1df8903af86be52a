import type { Element, Root, RootContent, Text } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { TYPOGRAPHY_RULES, type TypographyRule } from '../localization/typography.js';

/** Text that is not prose: code, scripts, styles, and anything in another language. */
const SKIP = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);

/**
 * Apply a locale's typography rules to every text of a tree, in reading
 * order, in place. Text inside code, scripts and styles is left as
 * written, and so is any element whose lang names another language.
 */
export function applyTypography<T extends Root | Element>(tree: T, locale: Pick<LocaleConfig, 'code' | 'typography'>): T {
  const rules = (locale.typography ?? []).flatMap((name) => TYPOGRAPHY_RULES.get(name) ?? []);
  if (rules.length === 0) return tree;
  let before = '';
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text') {
      node.value = rules.reduce((text: string, rule: TypographyRule) => rule(text, before), node.value);
      if (node.value !== '') before = node.value.at(-1)!;
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const lang = node.properties['lang'];
      if (SKIP.has(node.tagName) || (typeof lang === 'string' && lang !== locale.code)) {
        before = '';
        return;
      }
      // A footnote marker sits outside the sentence: the text after it follows what came before it
      // (`文。¹ 次` loses its space as `文。 次` does).
      if (node.tagName === 'sup') {
        const outside = before;
        for (const child of node.children) walk(child);
        before = outside;
        return;
      }
    }
    for (const child of node.children) walk(child);
  };
  walk(tree);
  return tree;
}

/** A plain text (a title, a summary) set by the same rules, as a text node of its own. */
export function typesetText(text: string, locale: Pick<LocaleConfig, 'code' | 'typography'>): string {
  const node: Text = { type: 'text', value: text };
  applyTypography({ type: 'root', children: [node] }, locale);
  return node.value;
}

/** The same pass as a unified plugin, for the body processor. */
export function rehypeTypography(locale: Pick<LocaleConfig, 'code' | 'typography'>) {
  return (tree: Root) => {
    applyTypography(tree, locale);
  };
}
