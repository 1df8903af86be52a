import { dirname } from 'node:path';
import type { ArticleLink } from '../content/article-links.js';

/** An article and the other articles it links by their files. */
export interface LinkingArticle {
  file: string;
  slug: string;
  links: readonly ArticleLink[];
}

/** A link to another article that leads nowhere in some published edition. */
export interface DeadArticleLink {
  /** The linking article's file, and the line of the link. */
  file: string;
  line: number;
  /** The linked article's name. */
  target: string;
  /** No article has that name: the link leads nowhere in every edition. */
  missing: boolean;
  /** Locales whose edition of the linking article is published while the linked article's is not (empty when missing). */
  held: string[];
}

/**
 * Links to other articles that a reader of a published edition would
 * follow to no page: to an article that does not exist (a misspelt or
 * renamed file), or to one whose edition in that locale is held back (not
 * translated yet, say). `published(slug, code)` says whether an article's
 * edition in a locale is published, and is undefined for a name no article
 * has. Only links from editions published in `locales` are looked at.
 */
export function deadArticleLinks(articles: readonly LinkingArticle[], locales: readonly string[], published: (slug: string, code: string) => boolean | undefined): DeadArticleLink[] {
  const dead: DeadArticleLink[] = [];
  for (const article of articles) {
    const shown = locales.filter((code) => published(article.slug, code) === true);
    if (shown.length === 0) continue;
    for (const { slug, line } of article.links) {
      const missing = published(slug, shown[0]!) === undefined;
      const held = missing ? [] : shown.filter((code) => published(slug, code) === false);
      if (missing || held.length > 0) dead.push({ file: article.file, line, target: slug, missing, held });
    }
  }
  return dead;
}

/** A dead link as a build warns of it. */
export function deadLinkWarning(link: DeadArticleLink): string {
  if (link.missing) return `${link.file}:${link.line}: ${missingLinkMessage(link)}; ${MISSING_HINT}`;
  const codes = link.held.join(', ');
  const one = link.held.length === 1;
  return `${link.file}:${link.line}: links ${link.target}.md, whose ${codes} edition${one ? ' is' : 's are'} held back: there, the link leads nowhere until ${one ? 'it is' : 'they are'} published (edition status lists what ${one ? 'it waits' : 'they wait'} for)`;
}

/** What is wrong with a link to an article that does not exist. */
export function missingLinkMessage(link: DeadArticleLink): string {
  return `links ${link.target}.md, but there is no article ${link.target} (${dirname(link.file)}/${link.target}.md): the link leads nowhere in every edition`;
}

export const MISSING_HINT = "correct the file name (an article's page is named for its file), or link the page's full address";
