/**
 * What a published page would run or send a reader to, read from its
 * HTML without a browser: every start tag with its attributes. The
 * serializer escapes `<` in text and `"` in attribute values, so a tag
 * can only start where the page's own markup starts one; JSON-LD escapes
 * `<` too, so a script's text cannot hide one either.
 */
export interface Tag {
  name: string;
  attributes: Record<string, string>;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/gu;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/gu;

export function tagsOf(html: string): Tag[] {
  return [...html.matchAll(TAG)].map((match) => ({
    name: match[1]!.toLowerCase(),
    attributes: Object.fromEntries([...match[2]!.matchAll(ATTRIBUTE)].map((attribute) => [attribute[1]!.toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? ''])),
  }));
}

/** Everything on a page that would run script or embed another page; [] for a safe page. */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const tag of tagsOf(html)) {
    if (tag.name === 'script' && tag.attributes['type'] !== 'application/ld+json') problems.push(`<script> that is not JSON-LD`);
    if (['iframe', 'object', 'embed', 'frame', 'base', 'form'].includes(tag.name)) problems.push(`<${tag.name}>`);
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name.startsWith('on')) problems.push(`${name} on <${tag.name}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && /^\s*(?:javascript|vbscript|data):/iu.test(value)) {
        problems.push(`${name}="${value}" on <${tag.name}>`);
      }
    }
  }
  return problems;
}

/** The links of a page's article body, as (href, text) pairs. */
export function bodyLinks(html: string): string[] {
  const body = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return tagsOf(body)
    .filter((tag) => tag.name === 'a' && tag.attributes['href'] !== undefined && !tag.attributes['hreflang'])
    .map((tag) => tag.attributes['href']!);
}
