import { unified, type Data } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number];
type ConstructRecord = NonNullable<MicromarkExtension['text']>;

/**
 * The Markdown parser, configured once and frozen: every article of a run
 * goes through the same processor (or the same processor less literal
 * autolinks it cannot hold, see {@link parseMarkdown}).
 */
export const markdownParser = gfmParser([]);

function gfmParser(dropped: readonly string[]) {
  const names = new Set(dropped);
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(function dropConstructs() {
      if (names.size === 0) return;
      const data = this.data();
      data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => withoutConstructs(extension, names));
    })
    .freeze();
}

/**
 * GFM's literal autolinks, by what each needs in the text to match: an
 * email address an `@`, a `www.` link that prefix, an `http://` link the
 * `://` after its scheme. Micromark tries the email construct at every
 * letter and digit of the text, which took about a quarter of an article's
 * parse; an article without `@` cannot have one, so it is parsed without.
 * Only the constructs go: mdast-util-gfm-autolink-literal's pass over the
 * parsed text (addresses written with character references) stays.
 */
const LITERAL_AUTOLINKS: ReadonlyArray<{ construct: string; possibleIn: (text: string) => boolean }> = [
  { construct: 'emailAutolink', possibleIn: (text) => text.includes('@') },
  { construct: 'wwwAutolink', possibleIn: (text) => /www\./iu.test(text) },
  { construct: 'protocolAutolink', possibleIn: (text) => text.includes('://') },
];

const parsers = new Map<string, typeof markdownParser>([['', markdownParser]]);

export function parseMarkdown(text: string): Root {
  const dropped = LITERAL_AUTOLINKS.filter((autolink) => !autolink.possibleIn(text)).map((autolink) => autolink.construct);
  const key = dropped.join(',');
  let parser = parsers.get(key);
  if (!parser) parsers.set(key, (parser = gfmParser(dropped)));
  return parser.runSync(parser.parse(text)) as Root;
}

/** A micromark extension without the text constructs of the given names (the extension itself is not changed). */
function withoutConstructs(extension: MicromarkExtension, names: ReadonlySet<string>): MicromarkExtension {
  if (!extension.text) return extension;
  const text: ConstructRecord = {};
  for (const [code, constructs] of Object.entries(extension.text)) {
    const kept = [constructs ?? []].flat().filter((construct) => !names.has(construct.name ?? ''));
    if (kept.length > 0) text[code] = kept;
  }
  return { ...extension, text };
}
