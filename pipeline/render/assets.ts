import { visit } from 'unist-util-visit';
import type { Root } from 'hast';

/**
 * Point a body's images and document links at their published copies
 * (`chart.png` → `../assets/chart.3f2a9c0b1d.png`, from a page one folder
 * deep). Addresses the map does not hold (remote URLs, other pages) stay
 * as written.
 */
export function rewriteAssets(body: Root, published: ReadonlyMap<string, string>): Root {
  if (published.size === 0) return body;
  visit(body, 'element', (node) => {
    const attribute = node.tagName === 'img' ? 'src' : node.tagName === 'a' ? 'href' : undefined;
    const value = attribute === undefined ? undefined : node.properties[attribute];
    if (typeof value !== 'string') return;
    const path = published.get(value.replace(/[?#].*$/u, ''));
    if (path !== undefined) node.properties[attribute!] = `../${path}`;
  });
  return body;
}
