import { parseTaggedText, TaggedTextError, type TaggedNode } from './tagged-text.js';

/**
 * Compare a translation's placeholder tags with its source's, without the
 * article at hand: a machine translation is checked when it arrives, before
 * it is stored, so a broken one is flagged rather than discovered at render.
 *
 * Returns what is wrong, or undefined when the tags match.
 */
export function checkPlaceholders(source: string, target: string): string | undefined {
  const expected = expectedTags(parseTaggedText(source));

  let tree: TaggedNode[];
  try {
    tree = parseTaggedText(target);
  } catch (error) {
    if (error instanceof TaggedTextError) return error.message;
    throw error;
  }
  const problems = placeholderProblems(tree, expected);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The source's tags, each name → whether it is self-closing, in document order. */
export function expectedTags(source: readonly TaggedNode[]): Map<string, boolean> {
  const expected = new Map<string, boolean>();
  collect(source, (node) => expected.set(node.name, node.empty));
  return expected;
}

/**
 * The placeholder rules, the one place they are written: every tag of the
 * source (name → self-closing) must come back exactly once, with the same
 * shape, and no other tag may appear. Problems come in document order, a
 * missing tag last, so the first is the one to fix first.
 */
export function placeholderProblems(tree: readonly TaggedNode[], expected: ReadonlyMap<string, boolean>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  collect(tree, (node) => {
    const empty = expected.get(node.name);
    if (empty === undefined) problems.push(`tag <${node.name}> is not in the source`);
    else if (seen.has(node.name)) problems.push(`tag <${node.name}> appears more than once`);
    else if (empty && !node.empty) problems.push(`tag <${node.name}/> must stay self-closing`);
    else if (!empty && node.empty) problems.push(`tag <${node.name}> lost its content`);
    seen.add(node.name);
  });
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length > 0) problems.push(`tag${missing.length > 1 ? 's' : ''} ${missing.map((name) => `<${name}>`).join(', ')} missing`);
  return problems;
}

/** Every element in document order (parent before children); iterative, whatever the depth. */
function collect(nodes: readonly TaggedNode[], visit: (node: TaggedNode & { type: 'element' }) => void): void {
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    visit(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index]!);
  }
}
