import type { Root } from 'mdast';
import type { Node } from 'unist';
import { EditionError } from '../errors.js';

/**
 * How deeply an article may nest. Far above any story (a quote in a list
 * in a quote is three levels), far below what the parser, the tree walks
 * and `structuredClone` can take: Markdown's emphasis and container rules
 * make deep nesting cost time quadratic in its depth, and every recursive
 * walk a stack frame per level.
 */
export const MAX_BLOCK_DEPTH = 100;
export const MAX_INLINE_DEPTH = 32;
/** Nodes from the root to the deepest leaf, both kinds of nesting together. */
const MAX_TREE_DEPTH = MAX_BLOCK_DEPTH + MAX_INLINE_DEPTH + 8;

const NESTING_HINT = 'flatten the quotes, lists or emphasis: an article that nests this deep is a paste gone wrong';

/**
 * Markers an inline scan may hold open in one paragraph. The parser pairs
 * each closing marker with the open ones before it, so a paragraph of
 * many of both takes time in their product: bounded here, far above any
 * prose (`~10`, `*note`), far below what slows a build.
 */
export const MAX_OPEN_MARKERS = 256;

/**
 * Markers one paragraph may hold, closed or not. The parser resolves each
 * pair of emphasis markers by rewriting the paragraph's list of events, so
 * a paragraph of thousands of short pairs (`*a* *a* …`) takes time in the
 * square of their number: 40,000 took 13 s, where the same pairs over forty
 * paragraphs took 2 s. Counted per paragraph, table row and list item
 * (each is paired on its own): far above any of them in a story.
 */
export const MAX_PARAGRAPH_MARKERS = 5000;

/** A table's delimiter row (`| - | :-: |`), after which each row is paired on its own. */
const TABLE_DELIMITER = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*\r?$/u;
const TABLE_ROW = /^[ \t>]*\|/u;
/** A list item's first line: a bullet, or an ordered marker (its number captured). */
const LIST_ITEM = /^[ \t>]*(?:[-*+]|(\d{1,9})[.)])[ \t]+\S/u;

/**
 * Markers a fenced code block may hold. Read as code they cost nothing;
 * read as text (a fence its container ended) a few thousand would slow the
 * parser for seconds: a bound far above any code sample, below that.
 */
export const MAX_FENCED_MARKERS = 1024;

/**
 * Refuse text whose nesting would make the Markdown parser slow, before it
 * runs. A cheap estimate over the raw lines, generous rather than exact
 * (the tree's real depth is checked after parsing): block depth counts each `>` and list marker a line opens with, and each
 * two columns of indentation (a nested list item is indented at least two
 * columns per level). Inline depth pairs, within a paragraph, delimiter
 * runs (`*`, `_`, `~`) that can only close with those that can only open,
 * and brackets with brackets, as the parser does: a marker never closed
 * (`about ~10 people`) nests nothing. Fenced code is not paired: its
 * markers only count against a bound of their own.
 */
export function refuseDeepNesting(text: string, file: string): void {
  let inline = emptyInline();
  let line = 0;
  let fence: string | undefined;
  let fenced = 0;
  // Markers in the paragraph so far, paired or not; whether its block is a table or a list, and its lines so far.
  let markers = 0;
  let table = false;
  let list = false;
  let blockLines = 0;
  // Front matter is YAML, where `*name` is an alias and `- ` a list item: not Markdown.
  const frontMatterEnd = /^\uFEFF?---[ \t]*\r?\n/u.test(text) ? closingFence(text) : 0;
  for (const row of text.split('\n')) {
    line += 1;
    if (line <= frontMatterEnd) continue;
    // Fenced code is not Markdown: its markers are not paired. Which fence is really code cannot be told without
    // parsing (in a list, a quote or an HTML block, the container may end it first), so a fenced block's lines count
    // every marker against a bound of their own, which no code sample reaches and no slow input stays under.
    if (fence !== undefined) {
      const closing = /^[ \t>]*(`{3,}|~{3,})[ \t]*\r?$/u.exec(row)?.[1];
      if (closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length) {
        fence = undefined;
        continue;
      }
      fenced += row.match(/[*_~[\]]/gu)?.length ?? 0;
      if (fenced > MAX_FENCED_MARKERS) {
        throw new EditionError(`more than ${MAX_FENCED_MARKERS} *, _, ~, [ or ] in one fenced code block`, {
          code: 'content/too-deep',
          file,
          line,
          hint: 'split the code block, and check that it is closed with a fence like the one that opens it',
        });
      }
      continue;
    }
    const opening = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/u.exec(row);
    if (opening && !(opening[1]![0] === '`' && opening[2]!.includes('`'))) {
      fence = opening[1]!;
      fenced = 0;
      inline = emptyInline();
      markers = 0;
      table = false;
      list = false;
      blockLines = 0;
      continue;
    }
    if (row.trim() === '') {
      inline = emptyInline();
      markers = 0;
      table = false;
      list = false;
      blockLines = 0;
      continue;
    }
    if (blockDepth(row) > MAX_BLOCK_DEPTH) {
      throw nestingError(`block quotes and lists nested more than ${MAX_BLOCK_DEPTH} levels deep (two columns of indentation count as one level)`, file, line);
    }
    const problem = scanInline(row, inline);
    if (problem === 'deep') throw nestingError(`emphasis, strikethrough and links nested more than ${MAX_INLINE_DEPTH} levels deep`, file, line);
    if (problem === 'open') {
      throw new EditionError(`more than ${MAX_OPEN_MARKERS} emphasis or strikethrough markers or brackets left open in one paragraph`, {
        code: 'content/too-deep',
        file,
        line,
        hint: 'write a literal *, _, ~ or [ as \\*, \\_, \\~ or \\[, or split the paragraph',
      });
    }
    // A table row and a list item are each parsed on their own: only a paragraph's run of lines adds up. A line that
    // only looks like one (a row before any delimiter row, `2.` that cannot interrupt a paragraph) continues it.
    if (TABLE_DELIMITER.test(row)) table = true;
    const item = LIST_ITEM.exec(row);
    if (item && (item[1] === undefined || item[1] === '1' || blockLines === 0 || list)) list = true;
    if ((table && TABLE_ROW.test(row)) || (item && list)) markers = 0;
    blockLines += 1;
    markers += row.match(/[*_~[\]]/gu)?.length ?? 0;
    if (markers > MAX_PARAGRAPH_MARKERS) {
      throw new EditionError(`more than ${MAX_PARAGRAPH_MARKERS} *, _, ~, [ or ] in one paragraph`, {
        code: 'content/too-deep',
        file,
        line,
        hint: 'split the paragraph (a blank line), or write a literal * or _ as a word: so many markers make the parser slow',
      });
    }
  }
}

/** The line of the front matter's closing `---`, or 0 when it has none. */
function closingFence(text: string): number {
  const close = /\n---[ \t]*\r?(?:\n|$)/u.exec(text);
  return close ? text.slice(0, close.index + 1).split('\n').length : 0;
}

function blockDepth(row: string): number {
  let depth = 0;
  let columns = 0;
  let index = 0;
  while (index < row.length && depth + Math.ceil(columns / 2) <= MAX_BLOCK_DEPTH) {
    const char = row[index]!;
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += 4 - (columns % 4);
    else {
      const marker = /^(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/u.exec(row.slice(index, index + 12));
      if (!marker) break;
      // A marker and the space that belongs to it: one level.
      depth += 1;
      index += marker[0].length;
      continue;
    }
    index += 1;
  }
  return depth + Math.ceil(columns / 2);
}

/** Markers of one kind a paragraph holds open, each with the depth of what closed inside it. */
interface OpenMarkers {
  open: string[];
  inner: number[];
}

/**
 * A paragraph's open markers: brackets and emphasis apart, as the parser
 * pairs them (closing emphasis never closes a bracket opened inside it).
 */
interface InlineScan {
  brackets: OpenMarkers;
  emphasis: OpenMarkers;
}

function emptyInline(): InlineScan {
  return { brackets: { open: [], inner: [] }, emphasis: { open: [], inner: [] } };
}

/** Scan one line of a paragraph, going on from what its lines before left open. */
function scanInline(row: string, scan: InlineScan): 'deep' | 'open' | undefined {
  const runs = /[*_~]+|\[|\]/gu;
  for (let match = runs.exec(row); match; match = runs.exec(row)) {
    const run = match[0];
    if (run === '[') {
      scan.brackets.open.push('[');
      scan.brackets.inner.push(0);
    } else if (run === ']') {
      if (closePair(scan.brackets, '[') > MAX_INLINE_DEPTH) return 'deep';
    } else {
      const before = row[match.index - 1] ?? ' ';
      const after = row[match.index + run.length] ?? ' ';
      const opens = !/\s/u.test(after) && (/\s/u.test(before) || /\p{P}/u.test(before));
      const closes = !/\s/u.test(before) && (/\s/u.test(after) || /\p{P}/u.test(after));
      // A run that may do both pairs either way: it nests nothing the estimate need count.
      if (opens === closes) continue;
      for (let count = run.length; count > 0; count -= 1) {
        if (opens) {
          scan.emphasis.open.push(run[0]!);
          scan.emphasis.inner.push(0);
        } else if (closePair(scan.emphasis, run[0]!) > MAX_INLINE_DEPTH) return 'deep';
      }
    }
    if (scan.brackets.open.length + scan.emphasis.open.length > MAX_OPEN_MARKERS) return 'open';
  }
  return undefined;
}

/**
 * Close the nearest open marker of a kind: the markers of its kind opened
 * after it are left as text, and what closed inside any of them is inside
 * it. Its depth (it, and the deepest pair inside) is what the one it sits
 * in holds.
 */
function closePair(markers: OpenMarkers, opener: string): number {
  const at = markers.open.lastIndexOf(opener);
  if (at < 0) return 0;
  let depth = 0;
  for (let index = at; index < markers.inner.length; index += 1) depth = Math.max(depth, markers.inner[index]!);
  depth += 1;
  markers.open.length = at;
  markers.inner.length = at;
  if (at > 0) markers.inner[at - 1] = Math.max(markers.inner[at - 1]!, depth);
  return depth;
}

/**
 * After parsing: the tree's real depth. Iterative, so a tree that slipped
 * past the estimate cannot overflow the stack here; bounded, so no later
 * walk (or `structuredClone`) can either.
 */
export function refuseDeepTree(tree: Root, file: string): void {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) throw nestingError(`Markdown nested more than ${MAX_TREE_DEPTH} levels deep`, file, node.position?.start.line);
    const children = (node as { children?: Node[] }).children;
    if (children) for (let index = children.length - 1; index >= 0; index -= 1) stack.push([children[index]!, depth + 1]);
  }
}

function nestingError(message: string, file: string, line: number | undefined): EditionError {
  return new EditionError(message, { code: 'content/too-deep', file, ...(line === undefined ? {} : { line }), hint: NESTING_HINT });
}
