import { unified, type Processor } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { rehypeTypography } from './typography.js';

/** The words a body's generated markup needs, in the edition's language. */
export interface BodyLabels {
  locale: string;
  /** Heading of the footnotes section (screen readers). */
  footnotes: string;
  /** Label of a footnote's link back to its reference. */
  footnoteBack: (reference: number) => string;
  /** The locale's typography rules, applied to the body's text. */
  typography?: readonly string[] | undefined;
  /** The edition's direction: a right-to-left edition mirrors table cells' alignment and keeps code left to right. */
  dir?: 'ltr' | 'rtl' | undefined;
}

/**
 * remark-rehype already prefixes the ids it generates (footnotes) with
 * `user-content-`; sanitizing must not prefix them again, or footnote
 * links would point nowhere. Raw HTML, the other source of ids, never gets
 * this far.
 */
const schema = {
  ...defaultSchema,
  clobberPrefix: '',
  // A newsroom prints hotlines: a tel: link is kept (GitHub's schema drops it, and the link's text with no target).
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.['href'] ?? []), 'tel'] },
};

/**
 * What a right-to-left edition changes in the body's markup:
 * - a column the English aligns left (where its text starts) aligns right,
 *   and the other way round: Markdown's `:---` and `---:` mean start and
 *   end, which HTML's `align` can only say as sides;
 * - code stays left to right: inheriting the page's `rtl`, a line such as
 *   `const x = "<b>";` is drawn with its punctuation moved to the other end;
 * - so does a `tel:` link's number: `+82 2 123 4567` would read `4567 123 2 82+`.
 */
function rehypeRightToLeft(options: { rtl: boolean }) {
  return (tree: HastRoot) => {
    if (!options.rtl) return;
    visit(tree, 'element', (node) => {
      // A block's code inherits its pre's direction.
      if (node.tagName === 'pre' || node.tagName === 'code') {
        node.properties['dir'] = 'ltr';
        return SKIP;
      }
      // A phone number reads left to right in every script: in Arabic its groups would otherwise come in reverse order.
      if (node.tagName === 'a' && typeof node.properties['href'] === 'string' && node.properties['href'].startsWith('tel:')) {
        node.properties['dir'] = 'ltr';
        return;
      }
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties['align'];
      if (align === 'left' || align === 'right') node.properties['align'] = align === 'left' ? 'right' : 'left';
    });
  };
}

/**
 * The body's headings as an outline under the page's `<h1>` (the title):
 * the first is an `<h2>`, and none is more than one level below the one it
 * follows, whatever levels the Markdown used. A story whose subheads are
 * `###`, or that skips from `##` to `####`, would otherwise give a page
 * whose headings skip levels (an error to the Nu Html Checker, and a gap
 * to screen readers' heading navigation), and a body `# Heading` a second
 * `<h1>`. Levels keep their order: `##` then `####` then `##` become h2, h3,
 * h2. The footnotes' own heading is left as it is.
 */
function rehypeOutline() {
  return (tree: HastRoot) => {
    const open: Array<{ from: number; to: number }> = [];
    visit(tree, 'element', (node) => {
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP;
      const rank = HEADING_RANK.get(node.tagName);
      if (rank === undefined) return;
      while (open.length > 0 && open.at(-1)!.from >= rank) open.pop();
      const to = Math.min(6, (open.at(-1)?.to ?? 1) + 1);
      open.push({ from: rank, to });
      node.tagName = `h${to}`;
    });
  };
}

/**
 * Each table in a box of its own that scrolls sideways: a table of many
 * columns (election results, a budget) cannot wrap to a phone's width, and
 * would otherwise widen the whole page. The box takes keyboard focus so
 * that it can be scrolled without a pointer: Chromium and Firefox make a
 * box that scrolls focusable themselves, Safari does not (WCAG 2.1.1); a
 * table that fits costs one more stop on the keyboard's path.
 */
function rehypeTableScroll() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || parent === undefined || index === undefined) return;
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [node] };
      return SKIP;
    });
  };
}

const HEADING_RANK = new Map(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((name, index) => [name, index + 1]));

const processors = new Map<string, Processor<undefined, MdastRoot, HastRoot>>();

/**
 * Markdown body to HTML tree, sanitized: raw HTML in an article is dropped
 * by remark-rehype (no allowDangerousHtml), and rehype-sanitize's GitHub
 * schema removes anything else unsafe (javascript: URLs, event handlers).
 * One frozen processor per locale, built once and reused for every page.
 */
export function bodyToHast(tree: MdastRoot, labels: BodyLabels): HastRoot {
  const key = [labels.locale, labels.dir ?? 'ltr', labels.footnotes, labels.footnoteBack(1), ...(labels.typography ?? [])].join('\u0000');
  let processor = processors.get(key);
  if (!processor) {
    processor = unified()
      .use(remarkRehype, {
        footnoteLabel: labels.footnotes,
        footnoteBackLabel: (referenceIndex: number) => labels.footnoteBack(referenceIndex + 1),
      })
      .use(rehypeSanitize, schema)
      .use(rehypeOutline)
      .use(rehypeTypography, { code: labels.locale, typography: labels.typography })
      .use(rehypeRightToLeft, { rtl: labels.dir === 'rtl' })
      .use(rehypeTableScroll)
      .freeze();
    processors.set(key, processor);
  }
  return processor.runSync(tree);
}
