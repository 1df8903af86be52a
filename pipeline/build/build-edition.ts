import type { Article } from '../content/article.js';
import { fileAddress, type PublishedAsset } from '../content/assets.js';
import type { Segment } from '../segments/segment-article.js';
import { assembleArticle } from '../segments/segment-article.js';
import { translateArticle } from '../translation/translate-article.js';
import { assertTranslationsPass } from '../segments/check-translation.js';
import type { Translator } from '../translation/translator.js';
import { emptyMemory, memoryFilePath, type MemoryEntry, type MemoryFile, type SaveMemory } from '../translation/memory/memory-file.js';
import type { Gazetteer } from '../localization/gazetteer.js';
import type { Translate } from '../localization/i18n.js';
import type { LocaleConfig } from '../localization/locale.js';
import { localizeDateline } from '../localization/dateline.js';
import { disclosure, staleNotice } from '../localization/disclosure.js';
import { formatArticleDate } from '../localization/format-date.js';
import { bodyToHast } from '../render/to-hast.js';
import { rewriteAssets } from '../render/assets.js';
import { linkArticles } from '../render/article-links.js';
import { engineName } from '../translation/engine-names.js';
import { articleStory, renderArticlePage } from '../render/article-page.js';
import type { Edition, EditionImage } from '../render/edition.js';
import type { RootContent } from 'hast';
import type { IndexEntry } from '../render/index-page.js';
import type { Site } from '../content/site.js';
import { stringifyNode, stringifyPage } from '../render/stringify.js';
import { markPseudo } from '../render/pseudo.js';
import { typesetText } from '../render/typography.js';
import { emptyCoverage, type Coverage } from '../bundle/manifest.js';

/** What one run shares across every edition it builds. */
export interface EditionContext {
  site: Site;
  /** Every configured locale, source first. */
  locales: readonly LocaleConfig[];
  source: LocaleConfig;
  gazetteer: Gazetteer;
  translator: Translator;
  saveMemory?: SaveMemory | undefined;
  /** A pseudo-localized run: every page says so and asks not to be indexed. */
  pseudo?: boolean | undefined;
}

export interface EditionInput {
  article: Article;
  segments: readonly Segment[];
  locale: LocaleConfig;
  t: Translate;
  memory: MemoryFile | undefined;
  /** Files the article links by relative path → where they are published under out/ (and a picture's size). */
  assets?: ReadonlyMap<string, PublishedAsset> | undefined;
}

/** An edition's text in its language, before it is rendered. */
export interface TranslatedEdition {
  assembled: { tree: Article['tree']; title: string; summary: string | undefined; corrections: string[]; imageAlt: string | undefined };
  /** The entries the page is made of (none for the original). */
  entries: MemoryEntry[];
  /** The memory after translation; the input object when nothing was added. */
  memory: MemoryFile | undefined;
  fromMemory: number;
  translated: number;
  /** Memory entries that belong to no segment of the article: kept in the file, reported by the build. */
  orphans: string[];
}

export interface RenderedEdition {
  html: string;
  index: IndexEntry;
  coverage: Coverage;
}

/** One article in one locale: translate, localize, render, linking the editions in `linked`. */
export async function buildEdition(input: EditionInput, context: EditionContext, linked: readonly LocaleConfig[]): Promise<TranslatedEdition & RenderedEdition> {
  const translated = await translateEdition(input, context);
  return { ...translated, ...renderEdition(input, translated, context, linked) };
}

/** The edition's text: the original, or the memory's translations with the translator filling what it lacks. */
export async function translateEdition(input: EditionInput, context: EditionContext): Promise<TranslatedEdition> {
  const { article, segments, locale } = input;
  const { source } = context;
  const sourceCorrections = article.frontMatter.corrections ?? [];
  let assembled = {
    tree: article.tree,
    title: article.frontMatter.title,
    summary: article.frontMatter.summary,
    corrections: sourceCorrections.map((correction) => correction.text),
    imageAlt: article.frontMatter.image?.alt,
  };
  let entries: MemoryEntry[] = [];
  let memory = input.memory;
  let fromMemory = 0;
  let translated = 0;
  let orphans: string[] = [];
  if (locale !== source) {
    const file = memoryFilePath(article.file, article.slug, locale.code);
    const before = memory ?? emptyMemory(article.slug, locale.code);
    const save = context.saveMemory;
    const result = await translateArticle({
      article: { slug: article.slug, file: article.file, title: article.frontMatter.title, summary: article.frontMatter.summary },
      segments,
      sourceLocale: source.code,
      targetLocale: locale.code,
      memory: before,
      translator: context.translator,
      memoryFile: file,
      ...(save ? { saveMemory: (updated: MemoryFile, read: MemoryFile) => save(file, updated, read) } : {}),
    });
    if (result.memory !== before) {
      memory = result.memory;
      // Paid translations are saved at once; a memory only re-keyed (an edited source) is saved by the caller once the build succeeds.
      if (result.translated > 0 && context.translator.storesResults) await save?.(file, result.memory, before);
    }
    // Whatever wrote the memory (a person, an import, an editor of the JSON), nothing unchecked is published.
    assertTranslationsPass(result.entries, { memoryFile: file, locale: locale.code, articleFile: article.file });
    ({ fromMemory, translated, orphans } = result);
    entries = [...result.entries.values()];
    assembled = assembleArticle(article, (id) => result.entries.get(id)?.target, locale.code);
  }
  return { assembled, entries, memory, fromMemory, translated, orphans };
}

/**
 * The edition's page, its line in the locale's lists and its coverage.
 * `linked` is every locale whose edition of the article is published,
 * source first: the language switcher, hreflang, Open Graph and JSON-LD
 * name only those.
 */
export function renderEdition(input: EditionInput, text: TranslatedEdition, context: EditionContext, linked: readonly LocaleConfig[]): RenderedEdition {
  const { article, segments, locale, t } = input;
  const { site, source } = context;
  const { assembled, entries, memory } = text;
  const sourceCorrections = article.frontMatter.corrections ?? [];
  const dateline = localizeDateline(article, locale, context.gazetteer, t);
  // Set in the locale's typography once, for every place the title and summary go: the headline, and also the window
  // title, Open Graph, JSON-LD, the lists and the feed (French spacing before a colon in each).
  const title = typesetText(assembled.title, locale);
  const summary = assembled.summary === undefined ? undefined : typesetText(assembled.summary, locale);
  const body = linkArticles(
    rewriteAssets(
      bodyToHast(assembled.tree, {
        locale: locale.code,
        footnotes: t('footnotes'),
        footnoteBack: (reference) => t('footnoteBack', { number: String(reference) }),
        typography: locale.typography,
        dir: locale.dir,
      }),
      input.assets ?? new Map(),
    ),
  );
  const edition: Edition = {
    slug: article.slug,
    locale,
    title,
    summary,
    byline: article.frontMatter.byline,
    body,
    dateline,
    // An instant as written; a plain date as the start of that day at the dateline city, as feeds give it (a date alone
    // would be read in the search engine's own zone, the day before for a story from Seoul read in California).
    published: article.frontMatter.date.kind === 'date' ? dateline.timestamp : article.frontMatter.date.iso,
    disclosure: locale === source ? undefined : disclosure(entries, t, engineName),
    notice: locale === source ? undefined : staleNotice(entries, t),
    tags: article.frontMatter.tags,
    image: leadImage(article, assembled.imageAlt, input.assets),
    // Oldest first, as a reader follows them, whatever order the front matter lists them in (the sort keeps a day's order).
    corrections: sourceCorrections
      .map((correction, index) => ({
        isoDate: correction.date.iso,
        date: formatArticleDate(correction.date, 'UTC', locale, locale.dateFormat),
        text: assembled.corrections[index]!,
      }))
      .sort((a, b) => (a.isoDate < b.isoDate ? -1 : a.isoDate > b.isoDate ? 1 : 0)),
  };
  const renderContext = { site, locales: linked, source, t };
  // The page and its feed entry carry the same story (dateline, corrections, translation note), each block serialized once
  // after the page's typography.
  const story = articleStory(edition, renderContext);
  const page = renderArticlePage(edition, renderContext, story);
  const parts = [...story.notice, ...story.body, ...story.after];
  const blocks = new Map<RootContent, string>(parts.map((node) => [node, stringifyNode(node)]));
  return {
    html: stringifyPage(context.pseudo ? markPseudo(page) : page, blocks),
    index: {
      slug: article.slug,
      title,
      ...(summary === undefined ? {} : { summary }),
      date: dateline.date,
      isoDate: dateline.isoDate,
      sortKey: Date.parse(dateline.timestamp),
      published: dateline.timestamp,
      updated: dateline.modified,
      byline: article.frontMatter.byline,
      content: parts.map((node) => blocks.get(node)!).join(''),
    },
    coverage: locale === source ? emptyCoverage() : coverageOf(segments, memory),
  };
}

/** What the memory holds for these segments after the build. */
export function coverageOf(segments: readonly Segment[], memory: MemoryFile | undefined): Coverage {
  const coverage = emptyCoverage();
  for (const segment of segments) {
    coverage.segments += 1;
    const entry = memory?.segments[segment.id];
    if (!entry || entry.source !== segment.source) {
      coverage.missing += 1;
      continue;
    }
    coverage.fromMemory += 1;
    if (entry.origin === 'human') coverage.human += 1;
    else coverage.machine += 1;
    if (entry.state === 'reviewed' || entry.state === 'final') coverage.reviewed += 1;
  }
  return coverage;
}

/** The lead image as published (a path under out/, or the remote URL as written), with its alt text in the edition's language. */
function leadImage(article: Article, alt: string | undefined, assets: ReadonlyMap<string, PublishedAsset> | undefined): EditionImage | undefined {
  const lead = article.frontMatter.image;
  if (!lead) return undefined;
  const published = assets?.get(fileAddress(lead.src));
  return published ? { url: published.path, alt: alt ?? lead.alt, size: published.size } : { url: lead.src, alt: alt ?? lead.alt };
}
