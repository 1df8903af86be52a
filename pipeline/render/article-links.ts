import { visit } from 'unist-util-visit';
import type { Root } from 'hast';
import { articleLinkTarget } from '../content/article-links.js';

/**
 * A link to another article by its file (`earlier-story.md`, as an editor
 * writes it and a Markdown preview follows it), pointed at that article's
 * page in the same edition (`earlier-story.html`, beside this one), with
 * its `#section` or `?query` kept.
 */
export function linkArticles(body: Root): Root {
  visit(body, 'element', (node) => {
    if (node.tagName !== 'a') return;
    const href = node.properties['href'];
    if (typeof href !== 'string') return;
    const target = articleLinkTarget(href);
    if (target) node.properties['href'] = `${target.slug}.html${target.rest}`;
  });
  return body;
}
