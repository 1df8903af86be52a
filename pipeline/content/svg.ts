import { fromXml } from 'xast-util-from-xml';
import type { Root, RootContent } from 'xast';

/**
 * What in an SVG would run on the newsroom's own site, if anything. Inside
 * an `<img>` an SVG runs nothing, but the published file is one address
 * away: opened on its own, its scripts run with the site's origin (its
 * cookies, its logged-in editors). An image has no need of any: a script
 * element, an event handler attribute, a `javascript:` address in any
 * attribute, embedded HTML (`<foreignObject>`, frames, plug-ins) or an
 * XSLT stylesheet is refused, as is an SVG that is not well-formed XML (no
 * one can say what a browser would make of it).
 */
export function activeContentIn(text: string): string | undefined {
  let tree: Root;
  try {
    tree = fromXml(text);
  } catch {
    // Malformed, or nested deeper than the parser reads (its RangeError is caught here too).
    return 'XML that does not parse';
  }
  const stack: RootContent[] = [...tree.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // An XSLT stylesheet can make the file any document at all.
    if (node.type === 'instruction' && node.name.toLowerCase() === 'xml-stylesheet') return 'an <?xml-stylesheet?> instruction';
    if (node.type !== 'element') continue;
    const name = localName(node.name);
    if (EMBEDDING.has(name)) return `a <${node.name}> element`;
    for (const [attribute, value] of Object.entries(node.attributes)) {
      if (localName(attribute).startsWith('on')) return `an event handler (${attribute})`;
      // Anywhere in a value, not only an href: an <animate> or <set> can give an href its value. Browsers drop
      // tabs and line breaks anywhere in an address, and spaces and controls before it: so are they here.
      // eslint-disable-next-line no-control-regex -- those control characters are what is dropped
      if (/javascript:/iu.test((value ?? '').replace(/[\s\u0000-\u001F]+/gu, ''))) return `a javascript: address (${attribute})`;
    }
    stack.push(...node.children);
  }
  return undefined;
}

/** Elements that run or embed another document: a script, HTML through foreignObject, or HTML's frames and plug-ins in their own namespace. */
const EMBEDDING = new Set(['script', 'foreignobject', 'iframe', 'frame', 'embed', 'object', 'applet', 'portal']);

/** An XML name without its prefix, lowercased (`svg:SVG` → `svg`). */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}
