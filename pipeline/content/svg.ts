import { fromXml } from 'xast-util-from-xml';
import type { Root, RootContent } from 'xast';

/**
 * What in an SVG would run on the newsroom's own site, if anything. Inside
 * an `<img>` an SVG runs nothing, but the published file is one address
 * away: opened on its own, its scripts run with the site's origin (its
 * cookies, its logged-in editors). An image has no need of any: a script
 * element, an event handler attribute, a `javascript:` link, or HTML
 * embedded through `<foreignObject>` is refused, as is an SVG that is not
 * well-formed XML (no one can say what a browser would make of it).
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
    if (node.type !== 'element') continue;
    const name = localName(node.name);
    if (name === 'script' || name === 'foreignobject') return `a <${node.name}> element`;
    for (const [attribute, value] of Object.entries(node.attributes)) {
      if (localName(attribute).startsWith('on')) return `an event handler (${attribute})`;
      // Browsers ignore spaces and control characters before a scheme.
      // eslint-disable-next-line no-control-regex -- those control characters are what is skipped
      if (/^[\s\u0000-\u001F]*javascript:/iu.test(value ?? '')) return `a javascript: address (${attribute})`;
    }
    stack.push(...node.children);
  }
  return undefined;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}
