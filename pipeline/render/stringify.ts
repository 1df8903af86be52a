import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import type { Root } from 'hast';

const serializer = unified()
  .use(rehypeStringify, { characterReferences: { useNamedReferences: false } })
  .freeze();

/** Serialize a page tree to HTML text, ending with a newline. */
export function stringifyPage(tree: Root): string {
  return `${serializer.stringify(tree)}\n`;
}

/** Serialize a fragment (an article body for a feed entry), with no final newline. */
export function stringifyFragment(tree: Root): string {
  return serializer.stringify(tree);
}
