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
 * Refuse text whose nesting would make the Markdown parser slow, before it
 * runs. A cheap estimate over the raw lines, generous rather than exact
 * (the tree's real depth is checked after parsing): block depth counts each `>` and list marker a line opens with, and each
 * two columns of indentation (a nested list item is indented at least two
 * columns per level). Inline depth counts, within a paragraph, delimiter
 * runs (`*`, `_`, `~`) that can only open, less those that can only
 * close, plus open brackets.
 */
export function refuseDeepNesting(text: string, file: string): void {
  let inline = 0;
  let line = 0;
  // Front matter is YAML, where `*name` is an alias and `- ` a list item: not Markdown.
  const frontMatterEnd = /^\uFEFF?---[ \t]*\r?\n/u.test(text) ? closingFence(text) : 0;
  for (const row of text.split('\n')) {
    line += 1;
    if (line <= frontMatterEnd) continue;
    if (row.trim() === '') {
      inline = 0;
      continue;
    }
    if (blockDepth(row) > MAX_BLOCK_DEPTH) {
      throw nestingError(`block quotes and lists nested more than ${MAX_BLOCK_DEPTH} levels deep (two columns of indentation count as one level)`, file, line);
    }
    inline = inlineDepth(row, inline);
    if (inline > MAX_INLINE_DEPTH) {
      throw nestingError(`emphasis, strikethrough and links nested more than ${MAX_INLINE_DEPTH} levels deep`, file, line);
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

/** The inline depth estimate after `row`, starting from `open` (the paragraph's lines so far). */
function inlineDepth(row: string, open: number): number {
  let depth = open;
  const runs = /[*_~]+|\[|\]/gu;
  for (let match = runs.exec(row); match; match = runs.exec(row)) {
    const run = match[0];
    if (run === '[') depth += 1;
    else if (run === ']') depth = Math.max(0, depth - 1);
    else {
      const before = row[match.index - 1] ?? ' ';
      const after = row[match.index + run.length] ?? ' ';
      const opens = !/\s/u.test(after) && (/\s/u.test(before) || /\p{P}/u.test(before));
      const closes = !/\s/u.test(before) && (/\s/u.test(after) || /\p{P}/u.test(after));
      if (opens && !closes) depth += run.length;
      else if (closes && !opens) depth = Math.max(0, depth - run.length);
    }
    if (depth > MAX_INLINE_DEPTH) return depth;
  }
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
