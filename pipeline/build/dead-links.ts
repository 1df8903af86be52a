import { dirname } from 'node:path';
import type { ArticleLink } from '../content/article-links.js';
import { closestSpelling } from '../content/spelling.js';

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
  /** The linked article's name, or (a Markdown file not read as an article's) the address as written. */
  target: { slug: string } | { href: string };
  /** No article has that name: the link leads nowhere in every edition. */
  missing: boolean;
  /** Locales whose edition of the linking article is published while the linked article's is not (empty when missing). */
  held: string[];
  /** The article it most likely means, when it is missing. */
  meant?: string | undefined;
}

/**
 * Links to other articles that a reader of a published edition would
 * follow to no page: to an article that does not exist (a misspelt or
 * renamed file), to a Markdown file that is not an article's (edition
 * publishes none), or to an article whose edition in that locale is held
 * back (not translated yet, say). `published(slug, code)` says whether an
 * article's edition in a locale is published, and is undefined for a name
 * no article has. Only links from editions published in `locales` are
 * looked at.
 */
export function deadArticleLinks(articles: readonly LinkingArticle[], locales: readonly string[], published: (slug: string, code: string) => boolean | undefined): DeadArticleLink[] {
  const dead: DeadArticleLink[] = [];
  const slugs = articles.map((article) => article.slug);
  for (const article of articles) {
    const shown = locales.filter((code) => published(article.slug, code) === true);
    if (shown.length === 0) continue;
    // The article a misspelt name most likely means: another one (a story links its own sections by #part alone).
    const meant = (name: string) =>
      closestSpelling(
        name,
        slugs.filter((slug) => slug !== article.slug),
      );
    for (const link of article.links) {
      const { line } = link;
      if ('href' in link) {
        const name = /([^/?#]*)\.md(?:[?#]|$)/iu.exec(link.href)?.[1];
        dead.push({ file: article.file, line, target: { href: link.href }, missing: true, held: [], meant: name === undefined ? undefined : meant(name) });
        continue;
      }
      const { slug } = link;
      if (published(slug, shown[0]!) === undefined) {
        dead.push({ file: article.file, line, target: { slug }, missing: true, held: [], meant: meant(slug) });
        continue;
      }
      const held = shown.filter((code) => published(slug, code) === false);
      if (held.length > 0) dead.push({ file: article.file, line, target: { slug }, missing: false, held });
    }
  }
  return dead;
}

/** A dead link as a build warns of it. */
export function deadLinkWarning(link: DeadArticleLink): string {
  if (link.missing) return `${link.file}:${link.line}: ${missingLinkMessage(link)}; ${missingLinkHint(link)}`;
  const codes = link.held.join(', ');
  const one = link.held.length === 1;
  return `${link.file}:${link.line}: links ${linkedName(link)}, whose ${codes} edition${one ? ' is' : 's are'} held back: there, the link leads nowhere until ${one ? 'it is' : 'they are'} published (edition status lists what ${one ? 'it waits' : 'they wait'} for)`;
}

/** The linked file as the article names it. */
export function linkedName(link: DeadArticleLink): string {
  return 'slug' in link.target ? `${link.target.slug}.md` : link.target.href;
}

/** What is wrong with a link to an article that does not exist. */
export function missingLinkMessage(link: DeadArticleLink): string {
  if ('href' in link.target) return `links ${link.target.href}, a Markdown file that is not an article's: edition publishes no such file, and the link leads nowhere in every edition`;
  return `links ${link.target.slug}.md, but there is no article ${link.target.slug} (${dirname(link.file)}/${link.target.slug}.md): the link leads nowhere in every edition`;
}

/** What to do about it. */
export function missingLinkHint(link: DeadArticleLink): string {
  const meant = link.meant === undefined ? '' : `did you mean ${link.meant}.md? `;
  return `${meant}link an article by its file name alone, as the content folder has it (strike.md for ${dirname(link.file)}/strike.md), or link the page's full address`;
}
