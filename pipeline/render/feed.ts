import { x } from 'xastscript';
import type { LocaleConfig } from '../localization/locale.js';
import { sortIndex, type IndexEntry } from './index-page.js';
import { pageHref } from './page-href.js';
import type { Site } from '../content/site.js';
import { toWellFormedXml } from './xml-text.js';

/** RFC 3339 in UTC, without milliseconds: the same instant always gives the same text. */
export function atomDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.000Z$/u, 'Z');
}

/**
 * A locale's Atom feed (out/<locale>/feed.xml) of the entries given (the
 * caller picks the newest few), newest first. Built as an xast tree and
 * serialized, so every title and summary is escaped (`]]>` included) and
 * characters XML cannot carry are dropped. Each entry carries its byline
 * and its sanitized body (type="html", escaped once by the serializer);
 * times carry the dateline city's offset. The feed's `updated` is its
 * entries' latest change: an older article's update leaves it as it is.
 * Each body is wrapped in a `<div>` with the edition's `lang`, and `dir`
 * for a right-to-left one.
 */
export function renderFeed(entries: readonly IndexEntry[], context: { site: Site; locale: LocaleConfig; title: string; publication: string }): string {
  const { site, locale } = context;
  const href = (path: string) => pageHref(site, `${locale.code}/${path}`);
  const sorted = sortIndex(entries);
  const published = (entry: IndexEntry) => entry.published ?? atomDate(entry.sortKey);
  const lastChange = (entry: IndexEntry) => entry.updated ?? published(entry);
  // The latest of the entries' changes (which may all be before 1970, an archive of historic stories), as that entry gives
  // it: at its dateline city's offset.
  const latest = sorted.reduce<IndexEntry | undefined>((found, entry) => (found === undefined || Date.parse(lastChange(entry)) > Date.parse(lastChange(found)) ? entry : found), undefined);
  const updated = latest === undefined ? atomDate(0) : lastChange(latest);
  // Atom has no direction: a feed reader shows the body as the HTML itself says, so the body says its language and direction.
  const body = (html: string) => `<div lang="${locale.code}"${locale.dir === 'rtl' ? ' dir="rtl"' : ''}>${html}</div>`;
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': locale.code }, [
      x('title', context.title),
      x('id', href('feed.xml')),
      x('link', { rel: 'self', type: 'application/atom+xml', href: href('feed.xml') }),
      x('link', { rel: 'alternate', type: 'text/html', href: href('index.html') }),
      x('updated', updated),
      x('author', [x('name', context.publication)]),
      ...sorted.map((entry) =>
        x('entry', [
          x('title', entry.title),
          x('id', href(`${entry.slug}.html`)),
          x('link', { rel: 'alternate', type: 'text/html', href: href(`${entry.slug}.html`) }),
          x('published', published(entry)),
          x('updated', lastChange(entry)),
          ...(entry.byline ?? []).map((name) => x('author', [x('name', name)])),
          ...(entry.summary ? [x('summary', entry.summary)] : []),
          // The body's links are the page's (`#user-content-fn-1`, `../assets/…`): resolved against the page, not the feed.
          ...(entry.content ? [x('content', { type: 'html', 'xml:base': href(`${entry.slug}.html`) }, body(entry.content))] : []),
        ]),
      ),
    ]),
  ]);
  return `${toWellFormedXml(tree, { closeEmptyElements: true })}\n`;
}
