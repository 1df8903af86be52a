import type { Nodes as XastNodes } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';

/**
 * Serialize an xast tree so that any text makes well-formed XML.
 * `xast-util-to-xml` escapes `&` and `<` in text and drops C0 controls, but
 * leaves `]]>` as it is (which XML forbids in text) and passes U+FFFE,
 * U+FFFF and lone surrogates, which XML cannot carry at all. Here text is
 * escaped as `xast-util-to-xml` does, plus the `>` of `]]>`, and the
 * characters XML cannot carry are removed. Only `]]>` gains an escape, so
 * files written before keep their bytes.
 */
export function toWellFormedXml(tree: XastNodes, options: { closeEmptyElements?: boolean; tightClose?: boolean } = {}): string {
  return toXml(escapeTexts(tree), { ...options, allowDangerousXml: true });
}

/** Characters XML 1.0 forbids anywhere, by any escape. */
// oxlint-disable-next-line no-control-regex -- these are the characters looked for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

// oxlint-disable-next-line no-control-regex -- the same characters, and every surrogate: text without any has nothing to remove
const NOT_XML_CANDIDATE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXmlTextStrict(value: string): string {
  return (NOT_XML_CANDIDATE.test(value) ? value.replace(NOT_XML, '') : value).replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;').replaceAll(']]>', ']]&#x3E;');
}

/** A copy of the tree with every text node replaced by its escaped raw form; iterative, so no depth overflows the stack. */
function escapeTexts(tree: XastNodes): XastNodes {
  const copy = (node: XastNodes): XastNodes => {
    if (node.type === 'text') return { type: 'raw', value: escapeXmlTextStrict(node.value) } satisfies Raw;
    if (node.type === 'element' || node.type === 'root') return { ...node, children: [...node.children] } as XastNodes;
    return node;
  };
  const root = copy(tree);
  const stack: XastNodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element' && node.type !== 'root') continue;
    const children = node.children as XastNodes[];
    for (let index = 0; index < children.length; index += 1) {
      const child = copy(children[index]!);
      children[index] = child;
      if (child.type === 'element') stack.push(child);
    }
  }
  return root;
}

// oxlint-disable-next-line no-control-regex -- the C0 controls xast-util-to-xml drops from text and attribute values
const C0_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Text as xast-util-to-xml writes it: C0 controls dropped, `&` and `<` as hexadecimal references. */
export function xmlText(value: string): string {
  return value.replace(C0_CONTROLS, '').replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;');
}

/**
 * An element as xast-util-to-xml writes it with `closeEmptyElements`
 * (`<name a="v" />` when it has no content), for a `raw` node: its
 * attribute values (C0 controls dropped, `&`, `<` and `"` as references)
 * are written here because it compiles a pattern for each one, which made
 * it the slowest part of writing a sitemap. `content` is XML already.
 */
export function xmlElement(name: string, attributes: Readonly<Record<string, string>>, content: string): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    open += ` ${key}="${value.replace(C0_CONTROLS, '').replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;').replaceAll('"', '&#x22;')}"`;
  }
  return content === '' ? `${open} />` : `${open}>${content}</${name}>`;
}
