import { buildSite } from '../build/build-site.js';
import { buildEdition, type EditionContext, type RenderedEdition, type TranslatedEdition } from '../build/build-edition.js';

type BuiltEdition = TranslatedEdition & RenderedEdition;
import { emptyCache, type BuildCache } from '../build/build-cache.js';
import { writeListPages } from '../bundle/list-pages.js';
import { addCoverage, emptyCoverage, fileEntry, serializeManifest, type Coverage, type ManifestFile } from '../bundle/manifest.js';
import { memoryOutput } from '../bundle/output.js';
import { EditionError } from '../errors.js';
import { readinessOf } from '../build/readiness.js';
import type { Strings } from '../localization/i18n.js';
import { projectGazetteer, projectStrings } from '../project/localization.js';
import type { LocaleConfig } from '../localization/locale.js';
import { parseArticleFiles, sourceLocaleOf, type ArticleSource, type Project } from '../project/project.js';
import type { IndexEntry } from '../render/index-page.js';
import { articlePath } from '../render/article-page.js';
import { segmentArticle } from '../segments/segment-article.js';
import { UNTRANSLATED, type Translator } from '../translation/translator.js';

/**
 * A preview stands in the English for what the memory lacks, so a reviewer
 * sees the page while translations are still missing. Nothing it returns
 * is stored: the served site is never written anywhere.
 */
export const previewTranslator: Translator = {
  name: UNTRANSLATED,
  usesMemory: true,
  storesResults: false,
  async translate({ segments }) {
    return segments.map((segment) => ({ id: segment.id, target: segment.source }));
  },
};

/** The outcome of one render of the site. */
export interface Render {
  /** Paths whose content differs from the previous render's (all of them the first time). */
  changed: string[];
  /** Editions rendered anew; the rest were carried over. */
  rebuilt: number;
  /** What stopped the render (of some articles, or of all); the previous pages stay served. */
  problem?: string;
  /** What the render warned of, as a build would: every article's on a whole render, the rendered articles' reading otherwise. */
  warnings?: readonly string[];
}

type Files = ReadonlyMap<string, string | Uint8Array>;

/** What every edition of one project version shares, made once per project. */
interface Run {
  project: Project;
  locales: LocaleConfig[];
  source: LocaleConfig;
  strings: Strings;
  context: EditionContext;
  articles: ReadonlyMap<string, ArticleSource>;
}

const MANIFEST = 'manifest.json';

/**
 * The site as a build would write it, kept in memory.
 *
 * The first render, and any after the project itself changed (settings,
 * locales, the list of articles), is a build: `buildSite` into memory,
 * which leaves its cache behind. After that the watcher names the files
 * that changed, and only their articles' editions are rendered (with the
 * build's own `buildEdition`), then the list pages of the locales whose
 * entry for the article changed (title, summary, date); the manifest is
 * made again from the cache when it is asked for. A one-paragraph edit on a
 * large site costs one article's editions, not a pass over every article.
 */
export class ServedSite {
  private files: Files = new Map();
  private cache: BuildCache = emptyCache();
  /** The run this preview last rendered list pages for: only its lists may be carried over (keys of a whole render's never match). */
  private listsRun: Run | undefined;
  private base: Project;
  private run: Run | undefined;
  /** Articles whose files changed since the last render, by slug: the locales whose memory changed, or all when the article did. */
  private pending = new Map<string, Set<string> | 'all'>();
  /** Whether the next render must be a whole build. */
  private whole = true;
  /**
   * Whether the last whole render held an edition back. The quick path
   * renders an article's editions and lists linking every locale, which
   * is what a build writes only while nothing is held: otherwise each
   * render is a whole one (from the cache, so only what changed is rendered).
   */
  private heldAny = true;
  /** Counts the project's readings: a render that began on an older one must not mark the newer one rendered. */
  private reading = 0;
  private manifestStale = false;
  /** Renders run one at a time; calls during a render share the one run after it. */
  private running: Promise<Render> | undefined;
  private queued: Promise<Render> | undefined;

  constructor(project: Project) {
    this.base = project;
  }

  get project(): Project {
    return this.base;
  }

  /** A project read again: the next render is a whole build. */
  set project(project: Project) {
    this.base = project;
    this.run = undefined;
    this.whole = true;
    this.reading += 1;
  }

  /** A served file by its path in the site (`ko/story.html`). */
  file(path: string): string | Uint8Array | undefined {
    if (path === MANIFEST && this.manifestStale) {
      const files = new Map(this.files);
      files.set(MANIFEST, this.manifest());
      this.files = files;
      this.manifestStale = false;
    }
    return this.files.get(path);
  }

  /** Every served file, as a build would write them. */
  snapshot(): Map<string, string | Uint8Array> {
    this.file(MANIFEST);
    return new Map(this.files);
  }

  /**
   * Files changed on disk: an article (`<slug>.md`) is rendered again in
   * every locale, a memory file (`translations/<locale>/<slug>.json`) in its
   * own; any other file makes the next render a whole build.
   */
  touched(files: readonly string[]): void {
    for (const file of files) {
      const memory = /(?:^|[\\/])translations[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/u.exec(file);
      const article = /(?:^|[\\/])([^\\/]+)\.md$/u.exec(file);
      if (memory) this.pend(memory[2]!, memory[1]!);
      else if (article) this.pend(article[1]!, 'all');
      else this.whole = true;
    }
  }

  /** Mark a locale of an article (`all`: every locale) to render again. */
  private pend(slug: string, locale: string): void {
    const known = this.pending.get(slug);
    if (locale === 'all' || known === 'all') this.pending.set(slug, 'all');
    else this.pending.set(slug, new Set([...(known ?? []), locale]));
  }

  /** Render what changed since the last render. Concurrent calls share the run in progress and at most one after it. */
  render(): Promise<Render> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.render();
      });
      return this.queued;
    }
    this.running = this.renderOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async renderOnce(): Promise<Render> {
    const run = (this.run ??= prepare(this.base));
    const pending = new Map(this.pending);
    this.pending.clear();
    if (this.whole || this.heldAny || [...pending.keys()].some((slug) => !run.articles.has(slug))) return this.renderAll();
    return this.renderArticles(run, pending);
  }

  private async renderAll(): Promise<Render> {
    const previous = this.files;
    const reading = this.reading;
    // The previous render is this process's own: nothing else writes to it.
    const output = memoryOutput(previous, { trusted: true });
    let result;
    try {
      result = await buildSite(this.base, { translator: previewTranslator, output, cache: this.cache });
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      this.whole = true;
      return { changed: [], rebuilt: 0, problem: error.format() };
    }
    // A project read during the build (an article added) is not this one: its whole render is still to come.
    this.whole = reading !== this.reading;
    this.heldAny = result.held.length > 0;
    this.manifestStale = false;
    this.cache = result.cache;
    this.files = output.files;
    const changed: string[] = [];
    for (const [path, content] of output.files) if (previous.get(path) !== content) changed.push(path);
    for (const path of previous.keys()) if (!output.files.has(path)) changed.push(path);
    return { changed, rebuilt: result.summary.rebuilt, warnings: result.warnings };
  }

  /**
   * The editions of the named articles, and the list pages their new index
   * entries change. An article that cannot be rendered so hands over to a
   * whole render, which holds back what a build would hold and stops where
   * a build would stop (the last good pages stay served). Cache entries
   * written here have no key, so a later whole build renders them again
   * rather than trust them.
   */
  private async renderArticles(run: Run, pending: ReadonlyMap<string, Set<string> | 'all'>): Promise<Render> {
    const files = new Map(this.files);
    const changed: string[] = [];
    const listed = new Set<LocaleConfig>();
    const warnings: string[] = [];
    let rebuilt = 0;
    const put = (path: string, content: string) => {
      if (files.get(path) === content) return;
      files.set(path, content);
      changed.push(path);
    };
    let relinked = false;
    for (const [slug, which] of pending) {
      // An edition the last render held back (a flag since cleared) comes back linked from every other edition and
      // every sitemap: they are rendered again too, and the lists of every locale.
      const returns = which !== 'all' && run.locales.some((locale) => which.has(locale.code) && !this.cache.editions[articlePath(locale.code, slug)]);
      relinked ||= returns;
      const locales = which === 'all' || returns ? run.locales : run.locales.filter((locale) => which.has(locale.code));
      let editions: [LocaleConfig, BuiltEdition][] | undefined;
      try {
        editions = await renderArticle(run, run.articles.get(slug)!, locales, warnings);
      } catch (error) {
        if (!(error instanceof EditionError)) throw error;
        // What stops an edition here may only hold it back in a build (a flagged segment, a city the locale
        // has no name for): a whole render decides as the build does, and keeps the last good pages where it would stop.
        this.whole = true;
        return this.renderAll();
      }
      // An edition the change holds back (a flag, the publishing policy): the build decides what is published and linked.
      if (editions === undefined) {
        this.whole = true;
        return this.renderAll();
      }
      for (const [locale, edition] of editions) {
        const path = articlePath(locale.code, slug);
        const old = this.cache.editions[path];
        if (!old || JSON.stringify(old.index) !== JSON.stringify(edition.index)) listed.add(locale);
        this.cache.editions[path] = { key: '', page: fileEntry(path, edition.html), index: edition.index, coverage: edition.coverage };
        put(path, edition.html);
        rebuilt += 1;
      }
    }
    if (relinked) for (const locale of run.locales) listed.add(locale);
    if (listed.size > 0) {
      const targets = run.locales.filter((locale) => listed.has(locale));
      const lists = await writeListPages({
        site: run.project.site,
        // A preview lists and links every edition, held ones included (with the English where a translation is missing).
        listed: run.locales,
        linkedOf: () => run.locales,
        slugs: [...run.articles.keys()],
        source: run.source,
        targets,
        indexes: this.indexes(run, targets),
        strings: run.strings,
        // A list page this preview rendered for the same run, showing the same entries, is its own: carried over unread.
        output: { write: async (path, content) => (put(path, String(content)), fileEntry(path, content)), reuse: async (page) => files.has(page.path) },
        keyOf: () => 'preview',
        previous: this.listsRun === run ? this.cache.lists : {},
        // An entry that moved into a feed since the first render has no body kept: rendered again for it.
        body: async (locale, entry) => {
          const article = run.articles.get(entry.slug);
          if (!article) return undefined;
          try {
            return (await renderArticle(run, article, [locale]))?.[0]?.[1].index.content;
          } catch (error) {
            if (error instanceof EditionError) return undefined;
            throw error;
          }
        },
      });
      Object.assign(this.cache.lists, lists.lists);
      this.listsRun = run;
    }
    if (changed.length > 0) {
      this.manifestStale = true;
      changed.push(MANIFEST);
    }
    this.files = files;
    return { changed, rebuilt, warnings };
  }

  private indexes(run: Run, targets: readonly LocaleConfig[]): Map<string, IndexEntry[]> {
    return new Map(targets.map((locale) => [locale.code, [...run.articles.keys()].flatMap((slug) => this.cache.editions[articlePath(locale.code, slug)]?.index ?? [])]));
  }

  /** The manifest a build would write for the pages served now. */
  private manifest(): string {
    const run = (this.run ??= prepare(this.base));
    const coverage: Record<string, Coverage> = Object.fromEntries(run.locales.filter((locale) => locale !== run.source).map((locale) => [locale.code, emptyCoverage()]));
    const files: ManifestFile[] = [];
    for (const slug of run.articles.keys()) {
      for (const locale of run.locales) {
        const edition = this.cache.editions[articlePath(locale.code, slug)];
        if (!edition) continue;
        files.push(edition.page);
        if (coverage[locale.code]) addCoverage(coverage[locale.code]!, edition.coverage);
      }
    }
    for (const locale of run.locales) files.push(...(this.cache.lists[locale.code]?.pages ?? []));
    // The home page, robots.txt, the sitemap index and published assets: everything outside the locale folders.
    for (const [path, content] of this.files) {
      if (path !== MANIFEST && (!path.includes('/') || path.startsWith('assets/'))) files.push(fileEntry(path, content));
    }
    return serializeManifest({ sourceRevision: null, coverage, files });
  }
}

function prepare(project: Project): Run {
  const source = sourceLocaleOf(project);
  const locales = [source, ...project.locales.filter((locale) => locale !== source)];
  return {
    project,
    locales,
    source,
    strings: projectStrings(project),
    context: { site: project.site, locales, source, gazetteer: projectGazetteer(project), translator: previewTranslator },
    articles: new Map(project.articles.map((article) => [article.slug, article])),
  };
}

/**
 * Every edition of one article, or the article's problems: nothing is kept
 * of an article that fails. Undefined when the build would hold one of its
 * editions back (as the preview fills a missing segment with the English,
 * for any other reason: a flag, the publishing policy, the dateline city).
 */
async function renderArticle(run: Run, source: ArticleSource, locales: readonly LocaleConfig[], warnings: string[] = []): Promise<[LocaleConfig, BuiltEdition][] | undefined> {
  const loaded = parseArticleFiles(await run.project.readArticle(source));
  warnings.push(...loaded.article.warnings);
  const segments = segmentArticle(loaded.article);
  const { city } = loaded.article.frontMatter.dateline;
  for (const locale of run.locales) {
    if (locale === run.source) continue;
    const memory = loaded.memories.get(locale.code);
    const readiness = readinessOf({ segments, memory, city, site: run.project.site, gazetteer: run.context.gazetteer, locale, fill: 'missing' });
    if (!readiness.published) return undefined;
  }
  const editions: [LocaleConfig, BuiltEdition][] = [];
  for (const locale of locales) {
    const input = { article: loaded.article, segments, locale, t: run.strings.forLocale(locale), memory: loaded.memories.get(locale.code) };
    editions.push([locale, await buildEdition(input, run.context, run.locales)]);
  }
  return editions;
}
