import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import type { ElementContent, Root, RootContent } from 'hast';

const characterReferences = { useNamedReferences: false };

const serializer = unified().use(rehypeStringify, { characterReferences }).freeze();

/**
 * The same serializer for a page whose subtrees were serialized already:
 * their HTML goes in as `raw` nodes, and raw nodes are written out as they
 * are. Only {@link stringifyPage} makes raw nodes; any other in a tree is
 * turned into text first, as the plain serializer would write it.
 */
const assembler = unified().use(rehypeStringify, { characterReferences, allowDangerousHtml: true }).freeze();

/**
 * Serialize a page tree to HTML text, ending with a newline. `known` gives
 * the HTML of some of its nodes, serialized already (with
 * {@link stringifyNode}) for another use: written as given, not again.
 */
export function stringifyPage(tree: Root, known?: ReadonlyMap<RootContent, string>): string {
  return `${known ? assembler.stringify(withKnownHtml(tree, known)) : serializer.stringify(tree)}\n`;
}

/** Serialize a fragment (an article body for a feed entry), with no final newline. */
export function stringifyFragment(tree: Root): string {
  return serializer.stringify(tree);
}

/** Serialize one node as it is written inside a page (outside SVG, where markup is serialized differently). */
export function stringifyNode(node: RootContent): string {
  return serializer.stringify({ type: 'root', children: [node] });
}

/**
 * The tree with each node whose HTML is known replaced by that HTML as a
 * raw node; the tree itself is left as it was.
 * Nothing inside SVG is replaced (the serializer's context changes there).
 */
function withKnownHtml(tree: Root, known: ReadonlyMap<RootContent, string>): Root {
  const replace = (node: RootContent, inSvg: boolean): RootContent => {
    if (node.type === 'raw') return { type: 'text', value: node.value };
    if (!inSvg) {
      const html = known.get(node);
      if (html !== undefined) return { type: 'raw', value: html };
    }
    if (node.type !== 'element') return node;
    const children = replaceAll(node.children, inSvg || node.tagName === 'svg');
    return children === node.children ? node : { ...node, children: children as ElementContent[] };
  };
  const replaceAll = (children: readonly RootContent[], inSvg: boolean): readonly RootContent[] => {
    let copy: RootContent[] | undefined;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index]!;
      const replaced = replace(child, inSvg);
      if (replaced !== child) (copy ??= children.slice())[index] = replaced;
    }
    return copy ?? children;
  };
  const children = replaceAll(tree.children, false);
  return children === tree.children ? tree : { ...tree, children: children as RootContent[] };
}
