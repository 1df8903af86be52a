import { SaxesParser } from 'saxes';
import { fromXml } from 'xast-util-from-xml';
import type { Element as XastElement, RootContent as XastContent } from 'xast';
import { EditionError } from '../../errors.js';

/**
 * An XML element with its namespace resolved: tools write XLIFF with a
 * default namespace (`<xliff xmlns="…">`) or a prefix (`<ns0:xliff
 * xmlns:ns0="…">`, Python's ElementTree), and both mean the same. Text is
 * kept as strings, CDATA included, adjacent runs merged.
 */
export interface XmlElement {
  /** The namespace URI, or '' for none. */
  namespace: string;
  /** The name without its prefix. */
  name: string;
  /** Attributes without a namespace by local name; `xml:space` and `xml:lang` by their full name. */
  attributes: Map<string, string>;
  children: Array<XmlElement | string>;
  line: number;
  /** The name the file wrote, when a reader renamed the element (XLIFF 1.2's `<g>` read as 2's `<pc>`): what messages call it. */
  written?: string;
}

/** Larger than any edition's XLIFF (a 1,000-article export in one locale is about 8 MB); parsing is in memory, so it is bounded before it starts. */
export const MAX_XLIFF_BYTES = 32 * 1024 * 1024;
/**
 * Deeper than any XLIFF needs (the structure is five levels, inline codes
 * as deep as the article's emphasis), and shallow enough for the parser,
 * which recurses once per level.
 */
export const MAX_XLIFF_DEPTH = 200;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Parse an XLIFF file's text, refusing what no XLIFF tool writes: more
 * than MAX_XLIFF_BYTES, nesting deeper than MAX_XLIFF_DEPTH, a DOCTYPE
 * (entity expansion), an undeclared prefix. Every refusal names a line.
 */
export function readXml(text: string, file: string): XmlElement {
  const malformed = (message: string, line: number) =>
    new EditionError(`malformed XML: ${message}; nothing was imported`, { code: 'xliff/malformed', file, line, hint: 'fix the XML (an unclosed tag, a bare &), or export a fresh file' });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_XLIFF_BYTES) {
    throw new EditionError(`file is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_XLIFF_BYTES / 1024 / 1024} MB an XLIFF import takes`, {
      code: 'xliff/too-large',
      file,
      hint: 'export and import fewer articles at a time (`edition xliff export <locale> <slug>`)',
    });
  }
  const deep = tooDeep(text);
  if (deep !== undefined) throw malformed(`elements nested more than ${MAX_XLIFF_DEPTH} deep`, deep);
  let root: XastContent | undefined;
  try {
    const tree = fromXml(text);
    const doctype = tree.children.find((node) => node.type === 'doctype');
    if (doctype) throw malformed('a DOCTYPE is not allowed in an XLIFF file', doctype.position?.start.line ?? 1);
    root = tree.children.find((node) => node.type === 'element');
  } catch (error) {
    if (error instanceof EditionError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message.replace(/ \(line \d+, column \d+\)[\s\S]*$/u, '') : 'unreadable';
    throw malformed(reason, (error as { line?: number }).line ?? 1);
  }
  if (root?.type !== 'element') throw malformed('no root element', 1);
  return resolve(root, new Map([['xml', XML_NS]]), malformed);
}

function resolve(element: XastElement, outer: ReadonlyMap<string, string>, malformed: (message: string, line: number) => EditionError): XmlElement {
  const line = element.position?.start.line ?? 1;
  let scope = outer;
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value ?? '');
    }
  }
  const split = (qualified: string, isAttribute: boolean): [string, string] => {
    const colon = qualified.indexOf(':');
    if (colon < 0) return [isAttribute ? '' : (scope.get('') ?? ''), qualified];
    const prefix = qualified.slice(0, colon);
    const namespace = scope.get(prefix);
    if (namespace === undefined) throw malformed(`prefix "${prefix}" of <${qualified}> is not declared`, line);
    return [namespace, qualified.slice(colon + 1)];
  };
  const [namespace, name] = split(element.name, false);
  const attributes = new Map<string, string>();
  for (const [qualified, value] of Object.entries(element.attributes)) {
    if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue;
    const [attributeNamespace, local] = split(qualified, true);
    if (attributeNamespace === '') attributes.set(local, value ?? '');
    else if (attributeNamespace === XML_NS) attributes.set(`xml:${local}`, value ?? '');
  }
  const children: XmlElement['children'] = [];
  for (const child of element.children) {
    if (child.type === 'element') children.push(resolve(child, scope, malformed));
    else if (child.type === 'text' || child.type === 'cdata') {
      const last = children.at(-1);
      if (typeof last === 'string') children[children.length - 1] = last + child.value;
      else children.push(child.value);
    }
  }
  return { namespace, name, attributes, children, line };
}

/**
 * The line where nesting first passes MAX_XLIFF_DEPTH, found by a
 * streaming parser that keeps a count, not a stack of elements. What is
 * malformed is passed over here (counting goes on) and named by the parse
 * that follows.
 */
function tooDeep(text: string): number | undefined {
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let line: number | undefined;
  parser.on('error', () => undefined);
  parser.on('opentag', () => {
    depth += 1;
    if (depth <= MAX_XLIFF_DEPTH) return;
    line = parser.line;
    // Nothing after this changes the answer.
    throw FOUND;
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== FOUND) throw error;
  }
  return line;
}

const FOUND = Symbol('too deep');

/** The child elements of `parent` with this namespace and name (text and other elements passed over). */
export function childElements(parent: XmlElement, namespace: string, name: string): XmlElement[] {
  return parent.children.filter((child): child is XmlElement => typeof child !== 'string' && child.namespace === namespace && child.name === name);
}

/** Whether `xml:space` says to keep whitespace as written, inherited from the enclosing elements. */
export function spaceOf(element: XmlElement, inherited: boolean): boolean {
  const value = element.attributes.get('xml:space');
  return value === undefined ? inherited : value === 'preserve';
}
