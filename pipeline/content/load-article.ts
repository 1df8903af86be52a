import type { Html, Link, LinkReference, Root } from 'mdast';
import type { Node } from 'unist';
import { EditionError } from '../errors.js';
import type { Article } from './article.js';
import { parseMarkdown } from './markdown-parser.js';
import { parseFrontMatter } from './front-matter.js';
import { CONTROL_CHARACTER_HINT, findForbiddenCharacter, lineAtOffset } from './characters.js';
import { refuseDeepNesting, refuseDeepTree } from './limits.js';

/**
 * Parse one article file's text into an Article. Pure: the caller reads the
 * file; `file` is only used in messages and `slug` names the pages.
 */
export function loadArticle(text: string, file: string, slug: string): Article {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new EditionError(`article is ${(bytes / MIB).toFixed(1)} MiB; an article may be at most ${MAX_ARTICLE_BYTES / MIB} MiB`, {
      code: 'content/too-large',
      file,
      hint: 'split it into several articles (a long story is rarely over 100 KB: check that nothing was pasted by mistake)',
    });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new EditionError('file contains a NUL byte; it is not a text article', {
      code: 'content/binary',
      file,
      line: lineAtOffset(text, nul),
      hint: 'save the article as UTF-8 text, without the control character on that line',
    });
  }
  const control = findForbiddenCharacter(text);
  if (control) {
    throw new EditionError(`line contains the control character ${control.name}`, {
      code: 'content/control-character',
      file,
      line: lineAtOffset(text, control.offset),
      hint: CONTROL_CHARACTER_HINT,
    });
  }
  refuseDeepNesting(text, file);
  // A BOM would hide the opening --- of the front matter.
  const unmarked = text.replace(/^\uFEFF/u, '');
  const tree: Root = parseMarkdown(unmarked);
  refuseDeepTree(tree, file);
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    if (/^---[ \t]*\r?\n/u.test(unmarked)) {
      throw new EditionError('front matter opened on line 1 is not closed', {
        code: 'front-matter/unclosed',
        file,
        line: 1,
        hint: 'end the front matter with a line --- before the story',
      });
    }
    throw new EditionError('article has no front matter', {
      code: 'front-matter/missing',
      file,
      line: 1,
      hint: 'start the file with ---, title:, date:, dateline:, then ---',
    });
  }
  const yaml = first;
  const { frontMatter, fieldLines, warnings } = parseFrontMatter(yaml.value, file, (yaml.position?.start.line ?? 1) + 1);
  tree.children = tree.children.slice(1);
  // Raw HTML (a comment left as a reminder) and link definitions show nothing on the page.
  if (!tree.children.some((node) => !SHOWS_NOTHING.has(node.type))) {
    // An edition with a headline and nothing under it is never what an editor meant to publish.
    throw new EditionError('article has no text after its front matter', {
      code: 'content/empty',
      file,
      line: (yaml.position?.end.line ?? 1) + 1,
      hint: 'write the story below the closing ---',
    });
  }
  checkLinks(tree, file, warnings);
  return { slug, file, frontMatter, fieldLines, tree, warnings };
}

/**
 * What the article's links and markup would break, in one walk: a footnote
 * marker inside a link's text would be a link inside a link (invalid HTML,
 * which browsers split, cutting the outer link short), refused; a link
 * showing only an image without alt text has no name, warned of; and raw
 * HTML, which is never published (`<iframe>`, `<sup>`, a `<br>` whose
 * words then run together), warned of by line. HTML comments, an editor's
 * notes, are meant to show nothing and are not.
 */
function checkLinks(tree: Root, file: string, warnings: string[]): void {
  const stack: Array<[Node, boolean]> = [[tree, false]];
  const markup: Array<{ line: number; tag: string }> = [];
  while (stack.length > 0) {
    const [node, inLink] = stack.pop()!;
    if (node.type === 'html') {
      const value = (node as Html).value.trim();
      if (!/^<!--[\s\S]*-->$/u.test(value)) markup.push({ line: node.position?.start.line ?? 1, tag: /^<\/?[A-Za-z][A-Za-z0-9-]*/u.exec(value)?.[0] ?? value.slice(0, 12) });
    }
    if ((node.type === 'link' || node.type === 'linkReference') && isNamelessImageLink(node as Link | LinkReference)) {
      warnings.push(
        `${file}:${node.position?.start.line ?? 1}: a link whose only content is an image without alt text has no name for screen readers; give the image alt text (![what the link opens](…))`,
      );
    }
    if (inLink && node.type === 'footnoteReference') {
      throw new EditionError("a footnote marker inside a link's text", {
        code: 'content/note-in-link',
        file,
        ...(node.position ? { line: node.position.start.line } : {}),
        hint: 'put the marker after the link: [the report](https://…)[^1]',
      });
    }
    const children = (node as { children?: Node[] }).children;
    if (children) for (const child of children) stack.push([child, inLink || node.type === 'link' || node.type === 'linkReference']);
  }
  if (markup.length > 0) {
    // The first tag of each line, in reading order.
    const lines = [...new Map(markup.sort((a, b) => a.line - b.line).map((found) => [found.line, `line ${found.line}: ${found.tag}>`])).values()];
    warnings.push(
      `${file}:${markup[0]!.line}: raw HTML is not published (${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ` and ${lines.length - 5} more` : ''}): its tags are dropped, and what only they held (an embed, a line break) is lost; write it in Markdown (a link, an image, a line break as a backslash at the end of the line), or leave it out`,
    );
  }
}

/** A link showing only images, none with alt text: a screen reader announces it as a link and nothing more. */
function isNamelessImageLink(link: Link | LinkReference): boolean {
  const shown = link.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return shown.length > 0 && shown.every((child) => (child.type === 'image' || child.type === 'imageReference') && !(child.alt ?? '').trim());
}

const SHOWS_NOTHING = new Set(['html', 'definition', 'footnoteDefinition']);

const MIB = 1024 * 1024;

/**
 * Far above any news story, far below what would make a build (or a
 * translation bill) explode: a file this large is a paste gone wrong.
 */
export const MAX_ARTICLE_BYTES = MIB;
