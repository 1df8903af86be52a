import { SKIP, visit } from 'unist-util-visit';
import { LIST_PAGE, SLUG_PATTERN, type Article } from './article.js';

/**
 * Where an article links another article by its file: the other's name
 * and the line of the link (or of its definition). A link to a Markdown
 * file that is not read as an article's (`../strike.md`, `Strike.MD`) has
 * its address instead of a name: edition publishes no such file.
 */
export type ArticleLink = { slug: string; line: number } | { href: string; line: number };

/**
 * The article a link's address names by its file (`strike.md`,
 * `./strike.md#background`), and what follows the name (`#background`).
 * Only a bare file name is an article's: articles are the content folder's
 * own `.md` files, named as {@link SLUG_PATTERN} allows.
 */
export function articleLinkTarget(href: string): { slug: string; rest: string } | undefined {
  const match = ARTICLE_FILE.exec(href);
  return match ? { slug: match[1]!, rest: match[2] ?? '' } : undefined;
}

const ARTICLE_FILE = new RegExp(`^(?:\\./)?(${SLUG_PATTERN})\\.md([?#].*)?$`, 'u');

/** A relative address of a Markdown file, of any case, before any query or fragment. */
const MARKDOWN_FILE = /^(?![a-z][a-z0-9+.-]*:|\/\/)[^?#]*\.md(?:[?#]|$)/iu;

/**
 * Every other article the story links by its file, once each, at its first
 * line, in the order of the lines, and every other link to a Markdown file:
 * a link written inline, or the definition a reference uses (the first of
 * its label, as Markdown reads it; a definition no reference uses shows
 * nothing). Links in a footnote no marker calls are not published either.
 * The English names them for every edition: a translation keeps the
 * English's addresses.
 */
export function linkedArticles(article: Article): ArticleLink[] {
  const referenced = new Set<string>();
  const called = new Set<string>();
  visit(article.tree, (node) => {
    if (node.type === 'linkReference') referenced.add(node.identifier);
    if (node.type === 'footnoteReference') called.add(node.identifier);
  });
  const defined = new Set<string>();
  const first = new Map<string, ArticleLink>();
  visit(article.tree, (node) => {
    if (node.type === 'footnoteDefinition' && !called.has(node.identifier)) return SKIP;
    let url: string;
    if (node.type === 'link') url = node.url;
    else if (node.type === 'definition') {
      const { identifier } = node;
      if (defined.has(identifier)) return;
      defined.add(identifier);
      if (!referenced.has(identifier)) return;
      url = node.url;
    } else return;
    const line = node.position?.start.line ?? 1;
    const target = articleLinkTarget(url);
    if (target && (target.slug === article.slug || target.slug === LIST_PAGE)) return;
    if (!target && !MARKDOWN_FILE.test(url)) return;
    const key = target ? `article:${target.slug}` : `href:${url}`;
    if ((first.get(key)?.line ?? Infinity) > line) first.set(key, target ? { slug: target.slug, line } : { href: url, line });
  });
  const name = (link: ArticleLink) => ('slug' in link ? link.slug : link.href);
  return [...first.values()].sort((a, b) => a.line - b.line || (name(a) < name(b) ? -1 : 1));
}
