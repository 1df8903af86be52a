import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { MAX_BLOCK_DEPTH, MAX_FENCED_MARKERS, MAX_INLINE_DEPTH, MAX_OPEN_MARKERS, MAX_PARAGRAPH_MARKERS } from '../../pipeline/content/limits.js';
import { EditionError } from '../../pipeline/errors.js';

const article = (body: string) => `---\ntitle: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;

function failure(body: string): Pick<EditionError, 'code' | 'message' | 'line'> | undefined {
  try {
    loadArticle(article(body), 'content/a.md', 'a');
    return undefined;
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    return { code: error.code, message: error.message, line: error.line };
  }
}

const blockError = (line: number) => ({
  code: 'content/too-deep',
  message: `block quotes and lists nested more than ${MAX_BLOCK_DEPTH} levels deep (two columns of indentation count as one level)`,
  line,
});
const openError = (line: number) => ({ code: 'content/too-deep', message: `more than ${MAX_OPEN_MARKERS} emphasis or strikethrough markers or brackets left open in one paragraph`, line });
const inlineError = (line: number) => ({ code: 'content/too-deep', message: `emphasis, strikethrough and links nested more than ${MAX_INLINE_DEPTH} levels deep`, line });

describe('nesting limits', () => {
  it.each([
    ['quotes 100 deep', `${'> '.repeat(100)}deep`],
    ['a list 50 deep', Array.from({ length: 50 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')],
    ['emphasis 10 deep', `${Array.from({ length: 10 }, () => '*a').join(' ')} x${' b*'.repeat(10)}`],
    ['bold italic, strikethrough and a link', '***a*** ~~b~~ [**c**](https://example.org) `*d*` snake_case_name 2*3*4'],
    ['40 approximations, never closed', Array.from({ length: 40 }, (_, index) => `region ${index} ~${index}0`).join(', ')],
    ['a table of approximations', `| a | b |\n| - | - |\n${'| ~10 | ~20 |\n'.repeat(40)}`],
    ['fenced code full of markers', `\`\`\`sh\n${'cp ~/reports/x.csv ~/archive/ && *out = *in; [[ -f x ]]\n'.repeat(40)}\`\`\``],
    ['40 brackets never closed', `${'[a '.repeat(40)}b`],
    ['as many emphasised words as a paragraph may hold, and ten such paragraphs', Array.from({ length: 10 }, () => '*a* '.repeat(MAX_PARAGRAPH_MARKERS / 2)).join('\n\n')],
    [
      'an election table of 700 rows, each with markers',
      `| district | candidate | votes | source |\n| - | - | - | - |\n${Array.from({ length: 700 }, (_, index) => `| district_${index} | **Candidate ${index}** | 12,345 | [report](results/district_${index}.pdf) |`).join('\n')}`,
    ],
    ['a round-up of 2,000 links in a tight list', Array.from({ length: 2000 }, (_, index) => `- [Filing ${index}](https://example.org/filings/f_${index}.pdf)`).join('\n')],
    ['a code sample in a list item', `- Step one:\n\n    \`\`\`python\n${'        self._cache = load(self._path, **self._options)\n'.repeat(90)}    \`\`\``],
  ])('accept %s', (_name, body) => {
    expect(failure(body)).toBeUndefined();
  });

  it.each([
    ['quotes 101 deep', `${'>'.repeat(101)} deep`, blockError(7)],
    ['a list indented 200 columns', `${' '.repeat(200)}- item`, blockError(7)],
    ['quotes and list markers together', `${'> - '.repeat(51)}deep`, blockError(7)],
    ['a run of 33 asterisks', `${'*'.repeat(33)}a${'*'.repeat(33)}`, inlineError(7)],
    ['33 nested brackets', `${'['.repeat(33)}a${']'.repeat(33)}`, inlineError(7)],
    ['emphasis nested over two lines', `${'*a '.repeat(20)}\n${'*b '.repeat(20)}x${' y*'.repeat(40)}`, inlineError(8)],
    // Ways around the estimate: closing emphasis does not close the brackets opened inside it, and neither a line of
    // inline code nor a fence in a quote the next line leaves hides the rest of the file.
    ['brackets left open inside closed emphasis', `${'*a '.concat('['.repeat(100), ' b* ').repeat(3)}x`, openError(7)],
    ['brackets after inline code that starts a line with three backticks', `\`\`\`x\`\`\` inline code\n\nHello ${'['.repeat(MAX_OPEN_MARKERS + 1)}x`, openError(9)],
    // A fence its container ends (a quote, a list item, an HTML comment): what follows is text to the parser.
    ...[`> \`\`\``, `- item\n  \`\`\``, `<!--\n\`\`\`\n-->`].map((start): [string, string, { code: string; message: string; line: number }] => [
      `thousands of markers after a fence that ${start.split('\n')[0]} opens`,
      `${start}\n\n${'*a '.repeat(600)}${' b_'.repeat(600)}`,
      { code: 'content/too-deep', message: `more than ${MAX_FENCED_MARKERS} *, _, ~, [ or ] in one fenced code block`, line: 7 + start.split('\n').length + 1 },
    ]),
    // Closed at once, they nest nothing, but the parser pairs them in time that grows with the square of their number.
    [
      'more emphasised words than a paragraph may hold',
      `${'*a* '.repeat(MAX_PARAGRAPH_MARKERS / 4)}\n${'*a* '.repeat(MAX_PARAGRAPH_MARKERS / 4 + 1)}`,
      { code: 'content/too-deep', message: `more than ${MAX_PARAGRAPH_MARKERS} *, _, ~, [ or ] in one paragraph`, line: 8 },
    ],
    // Lines that only look like rows or items continue the paragraph: no way around the bound.
    [
      'emphasised words in lines that look like table rows, with no delimiter row',
      `Intro\n${'| *a* *a* *a* *a* *a* *a* *a* *a* *a* *a*\n'.repeat(300)}`,
      { code: 'content/too-deep', message: `more than ${MAX_PARAGRAPH_MARKERS} *, _, ~, [ or ] in one paragraph`, line: 258 },
    ],
    [
      'emphasised words in lines numbered 2. on, which cannot interrupt a paragraph',
      `Intro\n${Array.from({ length: 300 }, (_, index) => `${index + 2}. *a* *a* *a* *a* *a* *a* *a* *a* *a* *a*`).join('\n')}`,
      { code: 'content/too-deep', message: `more than ${MAX_PARAGRAPH_MARKERS} *, _, ~, [ or ] in one paragraph`, line: 258 },
    ],
    [
      'more markers left open than a paragraph may hold',
      '*a '.repeat(MAX_OPEN_MARKERS + 1),
      { code: 'content/too-deep', message: `more than ${MAX_OPEN_MARKERS} emphasis or strikethrough markers or brackets left open in one paragraph`, line: 7 },
    ],
  ])('refuse %s', (_name, body, expected) => {
    expect(failure(body)).toEqual(expected);
  });

  it('count a paragraph from its first line: a blank line closes what it opened', () => {
    expect(failure(`${'*a '.repeat(20)}\n\n${'*b '.repeat(20)}x${' y*'.repeat(20)}`)).toBeUndefined();
  });

  it('accept a paragraph holding open as many markers as it may, whatever closing markers follow', () => {
    const text = `${'*a '.repeat(MAX_OPEN_MARKERS)}${' b_'.repeat(4000)}`;
    expect(failure(text)).toBeUndefined();
  });
});
