import type { Root, Yaml } from 'mdast';
import { EditionError } from '../errors.js';
import type { Article } from './article.js';
import { parseMarkdown } from './markdown-parser.js';
import { parseFrontMatter } from './front-matter.js';

/**
 * Parse one article file's text into an Article. Pure: the caller reads the
 * file; `file` is only used in messages and `slug` names the pages.
 */
export function loadArticle(text: string, file: string, slug: string): Article {
  if (text.includes('\u0000')) {
    throw new EditionError('file contains a NUL byte; it is not a text article', {
      code: 'content/binary',
      file,
      hint: 'save the article as UTF-8 text',
    });
  }
  // A BOM would hide the opening --- of the front matter.
  const tree: Root = parseMarkdown(text.replace(/^\uFEFF/u, ''));
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    throw new EditionError('article has no front matter', {
      code: 'front-matter/missing',
      file,
      line: 1,
      hint: 'start the file with ---, title:, date:, dateline:, then ---',
    });
  }
  const yaml = first as Yaml;
  const { frontMatter, fieldLines, warnings } = parseFrontMatter(yaml.value, file, (yaml.position?.start.line ?? 1) + 1);
  tree.children = tree.children.slice(1);
  return { slug, file, frontMatter, fieldLines, tree, warnings };
}
