/**
 * Tagged text: the string form of a segment that a translator sees.
 *
 * Inline markup travels as XML-like placeholder tags (`<em1>…</em1>`,
 * `<a2>…</a2>`, `<code3/>`) so that any translator that can keep XML tags
 * (DeepL with tag_handling 'xml', a human in an editor) can reorder them
 * without touching what they stand for. This module converts between that
 * string and a small tree, with a strict XML parser so a broken tag is an
 * error, never a guess.
 */
import { SaxesParser } from 'saxes';

export type TaggedNode = TaggedText | TaggedElement;
export interface TaggedText {
  type: 'text';
  value: string;
}
export interface TaggedElement {
  type: 'element';
  /** Placeholder name, e.g. `em1`, `a2`, `code3`. */
  name: string;
  /** Self-closing placeholders stand for content the translator never sees. */
  empty: boolean;
  children: TaggedNode[];
}

export class TaggedTextError extends Error {}

const ROOT = 'segment';

/**
 * Deeper than any article can nest its inline markup (see content/limits),
 * so only a hostile target reaches it; bounded because the functions over
 * the tree recurse.
 */
export const MAX_TAG_DEPTH = 200;

/** Parse tagged text into a tree; throws TaggedTextError on malformed XML. */
export function parseTaggedText(text: string): TaggedNode[] {
  return parsePlainTags(text) ?? parseTaggedTextStrictly(text);
}

/**
 * Bare tags (`<em1>`, `</em1>`, `<br2/>`) between text with no character
 * the XML parser reads other than as itself (only the five predefined
 * entities, no carriage return, no `]]>`, no character XML forbids): what
 * every source and nearly every target is. The tree is the one the XML
 * parser builds, at a fraction of its cost (it was a tenth of a build);
 * anything else, and every error, goes to the XML parser, so its rules and
 * messages stay the only ones.
 */
function parsePlainTags(text: string): TaggedNode[] | undefined {
  const root: TaggedElement = { type: 'element', name: ROOT, empty: false, children: [] };
  const stack: TaggedElement[] = [root];
  let start = 0;
  BARE_TAG.lastIndex = 0;
  for (let match = BARE_TAG.exec(text); ; match = BARE_TAG.exec(text)) {
    const end = match ? match.index : text.length;
    if (end > start) {
      const value = plainCharacters(text.slice(start, end));
      if (value === undefined) return undefined;
      stack.at(-1)!.children.push({ type: 'text', value });
    }
    if (!match) break;
    start = BARE_TAG.lastIndex;
    const [, close, name, selfClosing] = match as unknown as [string, string, string, string];
    if (close) {
      if (selfClosing || stack.length === 1 || stack.at(-1)!.name !== name) return undefined;
      stack.pop();
      continue;
    }
    // Deep nesting is left to the XML parser, which enforces the limit.
    if (stack.length > PLAIN_DEPTH) return undefined;
    const element: TaggedElement = { type: 'element', name: name, empty: selfClosing !== '', children: [] };
    stack.at(-1)!.children.push(element);
    if (!element.empty) stack.push(element);
  }
  return stack.length === 1 ? root.children : undefined;
}

const BARE_TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)(\/?)>/g;
const PLAIN_DEPTH = 64;
/**
 * Text the XML parser passes through unchanged: no markup, no carriage
 * return (it would become a newline), only characters XML allows, with
 * surrogates in pairs.
 */
// oxlint-disable-next-line no-control-regex -- these are the characters looked for
const PLAIN_TEXT = /^(?:[^<&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const ENTITY_VALUES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text a run of characters between tags stands for, or undefined when only the XML parser can say. */
function plainCharacters(run: string): string | undefined {
  if (run.includes(']]>')) return undefined;
  if (!run.includes('&')) return PLAIN_TEXT.test(run) ? run : undefined;
  const value = run.replace(ENTITY, (_entity, name: string) => ENTITY_VALUES[name]!);
  return PLAIN_TEXT.test(run.replace(ENTITY, '')) ? value : undefined;
}

/** The XML parser's reading of tagged text, which parseTaggedText always agrees with. */
export function parseTaggedTextStrictly(text: string): TaggedNode[] {
  const parser = new SaxesParser({ position: true });
  const root: TaggedElement = { type: 'element', name: ROOT, empty: false, children: [] };
  const stack: TaggedElement[] = [root];
  let failure: Error | undefined;

  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('text', (value) => {
    const parent = stack.at(-1)!;
    const last = parent.children.at(-1);
    if (last?.type === 'text') last.value += value;
    else parent.children.push({ type: 'text', value });
  });
  parser.on('opentag', (tag) => {
    if (Object.keys(tag.attributes).length > 0) {
      failure ??= new TaggedTextError(`tag <${tag.name}> has attributes; placeholder tags carry none`);
    }
    if (stack.length > MAX_TAG_DEPTH) {
      failure ??= new TaggedTextError(`tags nested more than ${MAX_TAG_DEPTH} levels deep`);
      // Thrown out of the parser: the rest of a hostile text is not worth reading.
      throw failure;
    }
    const element: TaggedElement = { type: 'element', name: tag.name, empty: tag.isSelfClosing, children: [] };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('cdata', () => {
    failure ??= new TaggedTextError('CDATA sections are not allowed in a segment');
  });
  parser.on('processinginstruction', () => {
    failure ??= new TaggedTextError('processing instructions are not allowed in a segment');
  });
  // A comment is text no page shows: a note a translator left there would vanish from the page unseen.
  parser.on('comment', () => {
    failure ??= new TaggedTextError('comments are not allowed in a segment (a page would leave them out)');
  });

  try {
    parser.write(`<${ROOT}>${text}</${ROOT}>`).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) {
    throw failure instanceof TaggedTextError ? failure : new TaggedTextError(`not well-formed: ${failure.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
  }
  return root.children[0]?.type === 'element' ? root.children[0].children : [];
}

/** Serialize a tagged tree back to its string form (inverse of parseTaggedText). */
export function serializeTaggedText(nodes: readonly TaggedNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += escapeXmlText(node.value);
    else if (node.empty) out += `<${node.name}/>`;
    else out += `<${node.name}>${serializeTaggedText(node.children)}</${node.name}>`;
  }
  return out;
}

export function escapeXmlText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Plain text of tagged text: what a reader sees, without placeholders. */
export function taggedTextToPlain(nodes: readonly TaggedNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : taggedTextToPlain(node.children))).join('');
}
