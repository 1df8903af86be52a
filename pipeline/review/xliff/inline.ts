import { createHash } from 'node:crypto';
import { x } from 'xastscript';
import type { ElementContent as XastContent } from 'xast';
import { escapeXmlText, parseTaggedText, TaggedTextError, type TaggedNode } from '../../segments/tagged-text.js';
import type { XmlElement } from './read-xml.js';

/**
 * A target as inline content. One whose tags do not parse (a memory edited
 * by hand) is written as the text it is, so the reviewer sees it and can
 * fix it; `sameTarget` knows it again on import.
 */
export function targetToInline(tagged: string): XastContent[] {
  try {
    return toInline(tagged);
  } catch (error) {
    if (error instanceof TaggedTextError) return [{ type: 'text', value: tagged }];
    throw error;
  }
}

/** Whether an imported target is the stored one, also when the stored one was exported as text because its tags do not parse. */
export function sameTarget(stored: string, imported: string): boolean {
  if (stored === imported) return true;
  if (imported !== escapeXmlText(stored)) return false;
  try {
    parseTaggedText(stored);
    return false;
  } catch (error) {
    if (error instanceof TaggedTextError) return true;
    throw error;
  }
}

/**
 * Placeholder tags as XLIFF 2 inline codes: `<em1>…</em1>` is written as
 * `<pc id="em1">…</pc>` and `<code3/>` as `<ph id="code3"/>`. Reading also
 * takes the `<sc id="em1"/>…<ec startRef="em1"/>` pairs some translation
 * tools write instead of `<pc>`: they mean the same span.
 */
export function toInline(tagged: string): XastContent[] {
  const convert = (nodes: readonly TaggedNode[]): XastContent[] =>
    nodes.map((node) => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      return node.empty ? x('ph', { id: node.name }) : x('pc', { id: node.name }, convert(node.children));
    });
  return convert(parseTaggedText(tagged));
}

export const PLACEHOLDER = /^[a-z]+\d+$/u;

const INLINE_CODES = new Set(['pc', 'ph', 'sc', 'ec']);

/**
 * Tagged text from a `<source>` or `<target>`, or the reason its codes are
 * broken, in the words of the file's version (a 1.2 file's `<g>`, read as
 * a `<pc>`, is called `<g>`).
 */
export function fromInline(element: XmlElement, namespace: string, version: '2' | '1.2' = '2'): string | { problem: string } {
  const codes = version === '1.2' ? '<g>, <bx>/<ex> and <x>' : '<pc>, <sc>/<ec> and <ph>';
  let out = '';
  // Iterative, with the closing tag of each <pc> stacked under its children.
  const stack: Array<XmlElement | string | { close: string }> = [];
  const pushAll = (children: XmlElement['children']) => {
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  };
  pushAll(element.children);
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (typeof child === 'string') {
      out += escapeXmlText(child);
      continue;
    }
    if ('close' in child) {
      out += `</${child.close}>`;
      continue;
    }
    const shown = child.written ?? child.name;
    if (child.namespace !== namespace) return { problem: `<${shown}> is not an XLIFF ${version} inline code` };
    // Annotations a tool adds (a term, a comment, a span not to translate) mark text, not markup: their text is kept.
    if (child.name === 'mrk') {
      pushAll(child.children);
      continue;
    }
    if ((child.name === 'sm' || child.name === 'em') && child.children.length === 0) continue;
    if (!INLINE_CODES.has(child.name)) return { problem: `<${shown}> is not an inline code this project uses (only ${codes})` };
    const id = child.name === 'ec' ? (child.attributes.get('startRef') ?? '') : (child.attributes.get('id') ?? '');
    const attribute = child.name === 'ec' ? 'startRef' : 'id';
    // A 1.2 <bx>/<ex> is named by its id or its rid: its name is said, not an attribute it may not have.
    const named = child.written === 'bx' || child.written === 'ex' ? `<${shown}> names "${id}"` : `<${shown}> has ${attribute} "${id}"`;
    const tag = child.written === undefined ? `<${shown} ${attribute}="${id}">` : `<${shown}> "${id}"`;
    if (!PLACEHOLDER.test(id)) return { problem: `${named}, not a placeholder name like em1` };
    if (child.name === 'ph' || child.name === 'sc' || child.name === 'ec') {
      if (child.children.length > 0) return { problem: `${tag} must be empty` };
      if (child.attributes.get('isolated') === 'yes') return { problem: `${tag} is isolated; a span must start and end in the same segment` };
      out += child.name === 'ph' ? `<${id}/>` : child.name === 'sc' ? `<${id}>` : `</${id}>`;
    } else {
      out += `<${id}>`;
      stack.push({ close: id });
      pushAll(child.children);
    }
  }
  try {
    parseTaggedText(out);
  } catch (error) {
    if (error instanceof TaggedTextError) return { problem: error.message };
    throw error;
  }
  return out;
}

/**
 * XLIFF's default whitespace handling: a tool may re-indent the file, so
 * runs of spaces, tabs and line breaks are one space and the ends are
 * trimmed. `xml:space="preserve"` keeps the text as written; the export
 * sets it on every target whose text this would change.
 */
export function normalizeSpace(tagged: string): string {
  return tagged.replace(/[ \t\r\n]+/gu, ' ').trim();
}

/**
 * What a unit held when it was exported, as a short digest of its target,
 * state and "source changed": written into every unit (a note), so that an
 * import can tell a unit the reviewer left alone from one they changed, and
 * a memory entry changed since the export from one that was not.
 */
export function exportedStamp(entry: { target: string; state: string; sourceChanged?: boolean | undefined } | undefined): string {
  if (entry === undefined) return 'none';
  return createHash('sha256')
    .update(`${entry.state}\u0000${entry.sourceChanged === true ? 1 : 0}\u0000${entry.target}`)
    .digest('hex')
    .slice(0, 16);
}
