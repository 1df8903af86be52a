import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import type { ElementContent, Root, RootContent } from 'hast';

type Raw = Extract<RootContent, { type: 'raw' }>;

const characterReferences = { useNamedReferences: false };

const serializer = unified().use(rehypeStringify, { characterReferences }).freeze();

/**
 * The same serializer for a page whose subtrees were serialized already:
 * their HTML goes in as `raw` nodes, and raw nodes are written out as they
 * are. The only raw nodes written so are those {@link stringifyPage} makes
 * and those of {@link serializedOnce}; any other in a tree is turned into
 * text first, as the plain serializer would write it.
 */
const assembler = unified().use(rehypeStringify, { characterReferences, allowDangerousHtml: true }).freeze();

/**
 * Serialize a page tree to HTML text, ending with a newline. `known` gives
 * the HTML of some of its nodes, serialized already (with
 * {@link stringifyNode}) for another use: written as given, not again.
 */
export function stringifyPage(tree: Root, known: ReadonlyMap<RootContent, string> = new Map()): string {
  return `${assembler.stringify(withKnownHtml(tree, known))}\n`;
}

/** Serialize a fragment (an article body for a feed entry), with no final newline. */
export function stringifyFragment(tree: Root): string {
  return serializer.stringify(tree);
}

/** Serialize one node as it is written inside a page (outside SVG, where markup is serialized differently). */
export function stringifyNode(node: RootContent): string {
  return serializer.stringify({ type: 'root', children: [node] });
}

/** Raw nodes made by {@link serializedOnce}: the only ones written out as they are. */
const serialized = new WeakSet<Raw>();

/**
 * Nodes serialized now, to stand in many pages' trees for what they would
 * write: a page writes the HTML as it is, as if it held the nodes (which
 * must be outside SVG, and not text of a script or style).
 */
export function serializedOnce(nodes: readonly ElementContent[]): Raw {
  const raw: Raw = { type: 'raw', value: stringifyFragment({ type: 'root', children: [...nodes] }) };
  serialized.add(raw);
  return raw;
}

/**
 * The tree with each node whose HTML is known replaced by that HTML as a
 * raw node; the tree itself is left as it was.
 * Nothing inside SVG is replaced (the serializer's context changes there).
 */
function withKnownHtml(tree: Root, known: ReadonlyMap<RootContent, string>): Root {
  const replace = (node: RootContent, inSvg: boolean): RootContent => {
    if (node.type === 'raw') return serialized.has(node) && !inSvg ? node : { type: 'text', value: node.value };
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
