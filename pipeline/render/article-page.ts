import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { isRelativeFile } from '../content/assets.js';
import type { Element, ElementContent, Root } from 'hast';
import type { Edition, RenderContext } from './edition.js';
import { htmlDocument, mastheadContent, themeOf } from './document.js';
import { feedLink, jsonLdScript, openGraph, sharedAlternateLinks, sharedOgAlternates } from './head.js';
import { languageSwitcher } from './language-switcher.js';
import { withDateline } from './dateline.js';
import { pageHref } from './page-href.js';
import { nameSeparators } from '../localization/name-joining.js';

export function articlePath(locale: string, slug: string): string {
  return `${locale}/${slug}.html`;
}

/**
 * What an edition tells readers beyond its headline, as the page and its
 * feed entry both carry it: the notice of a changed original, the story
 * with its dateline, the corrections, and who translated it.
 */
export interface ArticleStory {
  notice: Element[];
  body: ElementContent[];
  after: Element[];
}

export function articleStory(edition: Edition, context: RenderContext): ArticleStory {
  const { locales, source, t } = context;
  const { locale } = edition;
  const footer: Element[] = [];
  if (edition.disclosure) {
    // The original is linked where it is published beside this edition (not in a build of other locales only).
    const original = locales.some((other) => other.code === source.code);
    footer.push(
      h('footer', [
        h(
          'p',
          { className: ['disclosure'] },
          original ? [`${edition.disclosure}${t('sentenceSeparator')}`, h('a', { href: `../${articlePath(source.code, edition.slug)}`, hrefLang: source.code }, t('original'))] : [edition.disclosure],
        ),
      ]),
    );
  }
  const corrections = edition.corrections?.length
    ? [
        // Part of the story, not beside it: a region named for screen readers' landmark lists (an unnamed aside was neither).
        h(
          'section',
          { className: ['corrections'], ariaLabel: t('correction') },
          edition.corrections.map((correction) =>
            h('div', { className: ['correction'] }, [
              // The words around the date are the locale's: "Korrektur vom 2. Juli 2024", "Поправка от 2 июля".
              h('p', { className: ['meta'] }, [h('strong', t('correction')), ' ', ...around(t('correctionDate', { date: SLOT }), timeElement(locale, correction.isoDate, correction.date))]),
              h('p', correction.text),
            ]),
          ),
        ),
      ]
    : [];
  return {
    notice: edition.notice ? [h('p', { className: ['notice'], role: 'note' }, edition.notice)] : [],
    body: [...leadFigure(edition), ...(withDateline(edition.body, edition.dateline.text, t('datelineSeparator')).children as ElementContent[])],
    after: [...corrections, ...footer],
  };
}

/**
 * The lead image above the story, as a news page shows it (and a feed
 * reader, from the entry's body), with its alt text in the edition's
 * language and its size. Not when the story shows the same picture itself
 * (a newsroom that put its photo in the body and named it for sharing).
 */
function leadFigure(edition: Edition): Element[] {
  const { image } = edition;
  if (!image) return [];
  // A published file is under out/, a folder above the page. Any other address (https://, //cdn, /images/) is the
  // picture's own, written as the body writes an image's address (percent-encoded), so the two compare.
  const src = isRelativeFile(image.url) ? `../${image.url}` : normalizeUri(image.url);
  let shown = false;
  visit(edition.body, 'element', (node) => {
    if (node.tagName === 'img' && node.properties['src'] === src) shown = true;
  });
  if (shown) return [];
  return [h('figure', { className: ['lead'] }, [h('img', { src, alt: image.alt, ...image.size })])];
}

/**
 * In a right-to-left edition, a Latin name or a date beside Arabic text
 * would be reordered with its neighbours: each piece of data is isolated.
 */
function timeElement(locale: Edition['locale'], datetime: string, text: string): Element {
  return h('time', { dateTime: datetime, ...(locale.dir === 'rtl' ? { dir: locale.dir } : {}) }, text);
}

/** One edition of one article as a full HTML document; `story` when the caller made it already (for the feed). */
export function renderArticlePage(edition: Edition, context: RenderContext, story: ArticleStory = articleStory(edition, context)): Root {
  const { site, locales, source, t } = context;
  const { locale, slug } = edition;
  const path = (code: string) => articlePath(code, slug);
  const url = pageHref(site, path(locale.code));
  const others = locales.filter((other) => other.code !== locale.code);
  const publication = t('publication');
  // Open Graph and JSON-LD need absolute addresses: a published file is named under the site URL.
  const image = edition.image && { ...edition.image, url: /^https?:\/\//iu.test(edition.image.url) ? edition.image.url : pageHref(site, edition.image.url) };

  const head: ElementContent[] = [
    ...(edition.summary ? [h('meta', { name: 'description', content: edition.summary })] : []),
    h('link', { rel: 'canonical', href: url }),
    // The same on every edition of the article, and of every article for the Open Graph alternates: serialized once.
    sharedAlternateLinks(site, path, locales, source),
    ...openGraph({ type: 'article', title: edition.title, url, locale, siteName: publication, others: [], description: edition.summary }),
    sharedOgAlternates(others),
    h('meta', { property: 'article:published_time', content: edition.published }),
    ...(edition.dateline.modified ? [h('meta', { property: 'article:modified_time', content: edition.dateline.modified })] : []),
    ...(edition.tags ?? []).map((tag) => h('meta', { property: 'article:tag', content: tag })),
    ...(image
      ? [
          h('meta', { property: 'og:image', content: image.url }),
          h('meta', { property: 'og:image:alt', content: image.alt }),
          // Its size, so a social preview is laid out before the picture is fetched.
          ...(image.size ? [h('meta', { property: 'og:image:width', content: String(image.size.width) }), h('meta', { property: 'og:image:height', content: String(image.size.height) })] : []),
          h('meta', { name: 'twitter:card', content: 'summary_large_image' }),
          h('meta', { name: 'twitter:image:alt', content: image.alt }),
        ]
      : []),
    feedLink(site, locale, t('feedTitle', { publication, latest: t('latest') })),
    jsonLdScript(newsArticle(edition, context, url, image?.url, publication)),
  ];

  const meta: ElementContent[] = [];
  const separator = { type: 'text' as const, value: t('metaSeparator') };
  const rtl = locale.dir === 'rtl';
  const time = (datetime: string, text: string) => timeElement(locale, datetime, text);
  if (edition.byline?.length) {
    const names = edition.byline;
    // A name is isolated in a right-to-left edition; several names in every edition, each on its own: two Arabic names
    // side by side in an English page would otherwise make one right-to-left run with the comma between them, read
    // second name first.
    const name = (text: string): ElementContent => (rtl || names.length > 1 ? h('bdi', text) : { type: 'text', value: text });
    const separators = nameSeparators(names, t);
    const joined =
      names.length === 1
        ? around(t('byline', { name: SLOT }), name(names[0]!))
        : around(t('bylines', { names: SLOT }), ...names.flatMap((text, index) => [...(index === 0 ? [] : [{ type: 'text' as const, value: separators[index - 1]! }]), name(text)]));
    meta.push(h('span', { className: ['byline'] }, joined), separator);
  }
  meta.push(time(edition.dateline.datetime, edition.dateline.date));
  const { updated } = edition.dateline;
  if (updated) meta.push({ ...separator }, h('span', { className: ['updated'] }, around(t('updated', { date: SLOT }), time(updated.datetime, updated.date))));

  const theme = themeOf(site, '../');
  return htmlDocument(
    locale,
    t('pageTitle', { title: edition.title, publication }),
    head,
    [
      h('header', { className: ['site'] }, [
        h('a', { className: ['masthead'], href: 'index.html' }, [mastheadContent(theme, publication)]),
        languageSwitcher(t('switcher'), locale, locales, (code) => `../${path(code)}`),
      ]),
      h('main', [
        h('article', [
          h('header', [...story.notice, h('h1', edition.title), ...(edition.summary ? [h('p', { className: ['standfirst'] }, edition.summary)] : []), h('p', { className: ['meta'] }, meta)]),
          h('div', { className: ['body'] }, story.body),
          ...story.after,
        ]),
      ]),
    ],
    theme,
  );
}

/** schema.org NewsArticle, linking translations to their original and back. */
function newsArticle(edition: Edition, context: RenderContext, url: string, image: string | undefined, publication: string): Record<string, unknown> {
  const { site, locales, source } = context;
  const isSource = edition.locale.code === source.code;
  const logo = site.published?.logo;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    headline: edition.title,
    ...(edition.summary ? { description: edition.summary } : {}),
    inLanguage: edition.locale.code,
    datePublished: edition.published,
    ...(edition.dateline.modified ? { dateModified: edition.dateline.modified } : {}),
    ...(image ? { image: [image] } : {}),
    dateline: edition.dateline.text,
    // A list, not a comma-joined text: a tag may hold a comma ("Washington, D.C.").
    ...(edition.tags?.length ? { keywords: edition.tags } : {}),
    // One author as an object, as before; several as a list, each a Person (news search shows each name).
    ...(edition.byline?.length ? { author: edition.byline.length === 1 ? person(edition.byline[0]!) : edition.byline.map(person) } : {}),
    // Who publishes it, as news search reads it: the newsroom's name in the edition's language, and its logo.
    publisher: { '@type': 'NewsMediaOrganization', name: publication, ...(logo ? { logo: { '@type': 'ImageObject', url: pageHref(site, logo) } } : {}) },
    ...(isSource
      ? {
          workTranslation: locales.filter((locale) => locale.code !== source.code).map((locale) => ({ '@id': pageHref(site, articlePath(locale.code, edition.slug)) })),
        }
      : { translationOfWork: { '@id': pageHref(site, articlePath(source.code, edition.slug)) } }),
  };
}

/** Stands for an element inside a translated string, so each locale decides where it goes. */
const SLOT = '\u0000';

const person = (name: string) => ({ '@type': 'Person', name });

/** A string with one {{slot}}, the elements put where the locale's word order puts them. */
function around(text: string, ...elements: ElementContent[]): ElementContent[] {
  const [before = '', after = ''] = text.split(SLOT);
  return [...(before ? [{ type: 'text' as const, value: before }] : []), ...elements, ...(after ? [{ type: 'text' as const, value: after }] : [])];
}
