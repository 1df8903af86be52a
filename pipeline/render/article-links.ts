import { visit } from 'unist-util-visit';
import type { Root } from 'hast';

/**
 * A link to another article by its file (`earlier-story.md`, as an editor
 * writes it and a Markdown preview follows it), pointed at that article's
 * page in the same edition (`earlier-story.html`, beside this one), with
 * its `#section` or `?query` kept. Only a bare file name is an article's:
 * articles are the content folder's own `.md` files.
 */
export function linkArticles(body: Root): Root {
  visit(body, 'element', (node) => {
    if (node.tagName !== 'a') return;
    const href = node.properties['href'];
    if (typeof href !== 'string') return;
    const match = ARTICLE_FILE.exec(href);
    if (match) node.properties['href'] = `${match[1]}.html${match[2] ?? ''}`;
  });
  return body;
}

/** `name.md`, or `./name.md`, then any query or fragment: the name as an article's file name may be (read-project's SLUG). */
const ARTICLE_FILE = /^(?:\.\/)?([A-Za-z0-9][A-Za-z0-9._-]{0,199})\.md([?#].*)?$/u;
