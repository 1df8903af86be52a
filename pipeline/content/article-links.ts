import { visit } from 'unist-util-visit';
import type { Article } from './article.js';

/** Where an article links another article by its file: the other's name and the line of the link (or of its definition). */
export interface ArticleLink {
  slug: string;
  line: number;
}

/**
 * The article a link's address names by its file (`strike.md`,
 * `./strike.md#background`), and what follows the name (`#background`).
 * Only a bare file name is an article's: articles are the content folder's
 * own `.md` files, and their names are read-project's SLUG.
 */
export function articleLinkTarget(href: string): { slug: string; rest: string } | undefined {
  const match = ARTICLE_FILE.exec(href);
  return match ? { slug: match[1]!, rest: match[2] ?? '' } : undefined;
}

const ARTICLE_FILE = /^(?:\.\/)?([A-Za-z0-9][A-Za-z0-9._-]{0,199})\.md([?#].*)?$/u;

/**
 * Every other article the story links by its file, once each, at its first
 * line, in the order of the lines: a link written inline, or a reference's
 * definition (`[1]: strike.md`). The English names them for every edition:
 * a translation keeps the English's addresses.
 */
export function linkedArticles(article: Article): ArticleLink[] {
  const first = new Map<string, number>();
  visit(article.tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const target = articleLinkTarget(node.url);
    if (!target || target.slug === article.slug) return;
    const line = node.position?.start.line ?? 1;
    if ((first.get(target.slug) ?? Infinity) > line) first.set(target.slug, line);
  });
  return [...first].map(([slug, line]) => ({ slug, line })).sort((a, b) => a.line - b.line || (a.slug < b.slug ? -1 : 1));
}
