import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

/**
 * The Markdown parser, configured once and frozen: every article of a run
 * goes through the same processor.
 */
export const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return markdownParser.runSync(markdownParser.parse(text)) as Root;
}
