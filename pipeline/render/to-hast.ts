import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';

/**
 * Markdown body to HTML tree, sanitized: raw HTML in an article is dropped
 * by remark-rehype (no allowDangerousHtml), and rehype-sanitize's GitHub
 * schema removes anything else unsafe (javascript: URLs, event handlers).
 * Built once, reused for every page.
 */
const bodyProcessor = unified().use(remarkRehype).use(rehypeSanitize).freeze();

export function bodyToHast(tree: MdastRoot): HastRoot {
  return bodyProcessor.runSync(tree) as HastRoot;
}
