import { visit } from 'unist-util-visit';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import type { Root } from 'hast';
import { fileAddress, type PublishedAsset } from '../content/assets.js';

/**
 * Point a body's images and document links at their published copies
 * (`chart.png` → `../assets/chart.3f2a9c0b1d.png`, from a page one folder
 * deep), and give each published picture its width and height, so the
 * page keeps its room while it loads. `published` is keyed by the
 * addresses as the Markdown wrote them. Addresses the map does not hold
 * (remote URLs, other pages) stay as written.
 */
export function rewriteAssets(body: Root, published: ReadonlyMap<string, PublishedAsset>): Root {
  if (published.size === 0) return body;
  // The HTML tree holds each address as the renderer wrote it, percent-encoded (`img/%EC%B0%A8.png`, `Chart%201.png`).
  const byAddress = new Map([...published].map(([url, asset]) => [normalizeUri(url), asset]));
  visit(body, 'element', (node) => {
    const attribute = node.tagName === 'img' ? 'src' : node.tagName === 'a' ? 'href' : undefined;
    const value = attribute === undefined ? undefined : node.properties[attribute];
    if (typeof value !== 'string') return;
    const asset = byAddress.get(fileAddress(value));
    if (asset === undefined) return;
    node.properties[attribute!] = `../${asset.path}`;
    if (node.tagName === 'img' && asset.size) Object.assign(node.properties, asset.size);
  });
  return body;
}
