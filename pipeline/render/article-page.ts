import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import type { Edition, RenderContext } from './edition.js';
import { htmlDocument } from './document.js';
import { alternateLinks, feedLink, jsonLdScript, openGraph } from './head.js';
import { languageSwitcher } from './language-switcher.js';
import { withDateline } from './dateline.js';
import { pageHref } from './page-href.js';

export function articlePath(locale: string, slug: string): string {
  return `${locale}/${slug}.html`;
}

/** One edition of one article as a full HTML document. */
export function renderArticlePage(edition: Edition, context: RenderContext): Root {
  const { site, locales, source, t } = context;
  const { locale, slug } = edition;
  const path = (code: string) => articlePath(code, slug);
  const url = pageHref(site, path(locale.code));
  const others = locales.filter((other) => other.code !== locale.code);
  const publication = t('publication');

  const head: ElementContent[] = [
    ...(edition.summary ? [h('meta', { name: 'description', content: edition.summary })] : []),
    h('link', { rel: 'canonical', href: url }),
    ...alternateLinks(site, path, locales, source),
    ...openGraph({ type: 'article', title: edition.title, url, locale, others, description: edition.summary }),
    h('meta', { property: 'article:published_time', content: edition.published }),
    feedLink(site, locale, `${publication}: ${t('latest')}`),
    jsonLdScript(newsArticle(edition, context, url)),
  ];

  const meta: ElementContent[] = [];
  if (edition.byline) meta.push(h('span', { className: ['byline'] }, t('byline', { name: edition.byline })), { type: 'text', value: ' · ' });
  meta.push(h('time', { dateTime: edition.dateline.isoDate }, edition.dateline.date));

  const footer: Element[] = [];
  if (edition.disclosure) {
    footer.push(h('footer', [h('p', { className: ['disclosure'] }, [`${edition.disclosure} `, h('a', { href: `../${path(source.code)}`, hrefLang: source.code, lang: source.code }, t('original'))])]));
  }

  const corrections = edition.corrections?.length
    ? [
        h(
          'aside',
          { className: ['corrections'] },
          edition.corrections.map((correction) =>
            h('div', { className: ['correction'] }, [
              h('p', { className: ['meta'] }, [h('strong', t('correction')), ' ', h('time', { dateTime: correction.isoDate }, correction.date)]),
              h('p', correction.text),
            ]),
          ),
        ),
      ]
    : [];

  const body = withDateline(edition.body, edition.dateline.text, t('datelineSeparator'));
  return htmlDocument(locale, `${edition.title} | ${publication}`, head, [
    h('header', { className: ['site'] }, [h('a', { className: ['masthead'], href: 'index.html' }, publication), languageSwitcher(t('switcher'), locale, locales, (code) => `../${path(code)}`)]),
    h('main', [
      h('article', [
        h('header', [
          ...(edition.notice ? [h('p', { className: ['notice'], role: 'note' }, edition.notice)] : []),
          h('h1', edition.title),
          ...(edition.summary ? [h('p', { className: ['standfirst'] }, edition.summary)] : []),
          h('p', { className: ['meta'] }, meta),
        ]),
        h('div', { className: ['body'] }, body.children as ElementContent[]),
        ...corrections,
        ...footer,
      ]),
    ]),
  ]);
}

/** schema.org NewsArticle, linking translations to their original and back. */
function newsArticle(edition: Edition, context: RenderContext, url: string): Record<string, unknown> {
  const { site, locales, source } = context;
  const isSource = edition.locale.code === source.code;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    headline: edition.title,
    ...(edition.summary ? { description: edition.summary } : {}),
    inLanguage: edition.locale.code,
    datePublished: edition.published,
    dateline: edition.dateline.text,
    ...(edition.byline ? { author: { '@type': 'Person', name: edition.byline } } : {}),
    ...(isSource
      ? {
          workTranslation: locales.filter((locale) => locale.code !== source.code).map((locale) => ({ '@id': pageHref(site, articlePath(locale.code, edition.slug)) })),
        }
      : { translationOfWork: { '@id': pageHref(site, articlePath(source.code, edition.slug)) } }),
  };
}
