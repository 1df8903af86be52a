import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import type { Element, ElementContent, Root, RootContent } from 'hast';

const characterReferences = { useNamedReferences: false };

const serializer = unified().use(rehypeStringify, { characterReferences }).freeze();

/**
 * The same serializer for a page whose subtrees were serialized already:
 * their HTML goes in as `raw` nodes, and raw nodes are written out as they
 * are. Only {@link stringifyPage} makes raw nodes; any other in a tree is
 * turned into text first, as the plain serializer would write it.
 */
const assembler = unified().use(rehypeStringify, { characterReferences, allowDangerousHtml: true }).freeze();

/** Serialize a page tree to HTML text, ending with a newline. */
export function stringifyPage(tree: Root, known?: ReadonlyMap<RootContent, string>): string {
  return `${assembler.stringify(withKnownHtml(tree, known ?? new Map()))}\n`;
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
 * Subtrees many pages repeat word for word (the hreflang links of an
 * article's ten editions, the entries of its language switcher): marked by
 * the page that makes them, serialized once and reused while they last.
 */
const repeated = new WeakSet<Element>();

/** Mark an element that other pages of the run are likely to contain unchanged. */
export function repeatedAcrossPages<T extends Element>(element: T): T {
  repeated.add(element);
  return element;
}

/**
 * The HTML of repeated subtrees, by their JSON: two trees with the same
 * JSON serialize alike (the serializer reads only what JSON keeps, and the
 * pages hold strings, booleans and arrays of strings, never a number JSON
 * would change). Bounded: emptied when full.
 */
const repeatedHtml = new Map<string, string>();
const MAX_REPEATED = 2048;

function htmlOfRepeated(element: Element): string {
  const key = JSON.stringify(element);
  let html = repeatedHtml.get(key);
  if (html === undefined) {
    html = stringifyNode(element);
    if (repeatedHtml.size >= MAX_REPEATED) repeatedHtml.clear();
    repeatedHtml.set(key, html);
  }
  return html;
}

/**
 * The tree with each node whose HTML is known, and each repeated subtree,
 * replaced by that HTML as a raw node; the tree itself is left as it was.
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
    if (!inSvg && repeated.has(node)) return { type: 'raw', value: htmlOfRepeated(node) };
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
