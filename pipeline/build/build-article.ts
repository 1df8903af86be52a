import { parseArticleFiles, type ArticleFiles, type LoadedArticle } from '../project/project.js';
import { EditionError, EditionErrors, STOPS_AT_ONCE } from '../errors.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import { segmentId } from '../segments/normalize.js';
import { articleAssets } from '../content/assets.js';
import { linkedArticles, type ArticleLink } from '../content/article-links.js';
import type { AssetRef } from '../content/assets.js';
import { publicationIn, type Site } from '../content/site.js';
import { memoryFilePath, serializeMemory, type MemoryFile, type SaveMemory } from '../translation/memory/memory-file.js';
import type { Translator } from '../translation/translator.js';
import { createGazetteer, type CldrCities, type Gazetteer, type NewsroomCity } from '../localization/gazetteer.js';
import { articleZone } from '../localization/dateline.js';
import { unannouncedCorrection, zoneContradiction } from '../localization/date-checks.js';
import { createStrings, type Strings } from '../localization/i18n.js';
import type { LocaleConfig } from '../localization/locale.js';
import { renderEdition, translateEdition, type EditionContext, type RenderedEdition, type TranslatedEdition } from './build-edition.js';
import { digestText, pageKey } from './build-cache.js';
import { readinessOf, sendsFor, type Fill, type HoldReason, type Readiness } from './readiness.js';
import type { AssetRecord, ResolvedAssets } from './assets.js';

/**
 * What every article of a run shares, as plain data: what a worker thread
 * is started with, and what the build's own thread derives its settings
 * from, so both build an article alike.
 */
export interface ArticleSettings {
  /** The site, its theme already published. */
  site: Site;
  /** Every configured locale, source first. */
  locales: LocaleConfig[];
  /** Codes of the locales pages may link, and of those built in this run. */
  chosen: string[];
  targets: string[];
  fill: Fill;
  /** Per built locale: the digest of everything besides the article and its memory that shapes its pages. */
  runKeys: Record<string, string>;
}

/** The settings with what is derived from them once per thread. */
export interface ArticleRuntime {
  settings: ArticleSettings;
  source: LocaleConfig;
  chosen: LocaleConfig[];
  targets: LocaleConfig[];
  strings: Strings;
  gazetteer: Gazetteer;
  context: EditionContext;
  /** Where an article's linked files go: published at once by the build's thread, only named by a worker's. */
  resolveAssets(articleFile: string, refs: readonly AssetRef[]): Promise<ResolvedAssets>;
}

export function createRuntime(
  settings: ArticleSettings,
  effects: {
    cldr: CldrCities;
    newsroomCities?: (() => ReadonlyMap<string, NewsroomCity>) | undefined;
    translator: Translator;
    saveMemory?: SaveMemory | undefined;
    resolveAssets: ArticleRuntime['resolveAssets'];
    /** The UI strings, when the thread already made them for its list pages. */
    strings?: Strings | undefined;
    /** The gazetteer, when the thread already made it (for the build's checks). */
    gazetteer?: Gazetteer | undefined;
  },
): ArticleRuntime {
  const { site, locales } = settings;
  const source = locales[0]!;
  const gazetteer = effects.gazetteer ?? createGazetteer(effects.cldr, effects.newsroomCities);
  return {
    settings,
    source,
    chosen: locales.filter((locale) => settings.chosen.includes(locale.code)),
    targets: locales.filter((locale) => settings.targets.includes(locale.code)),
    strings: effects.strings ?? createStrings(locales, (code) => publicationIn(site, code)),
    gazetteer,
    context: { site, locales, source, gazetteer, translator: effects.translator, saveMemory: effects.saveMemory, pseudo: settings.fill === 'all' },
    resolveAssets: effects.resolveAssets,
  };
}

/** One article to build: its files as read, and what the orchestrator knows of it. */
export interface ArticleJob {
  files: ArticleFiles;
  /** Digest of each of the article's files, by path (an absent memory: ''). */
  digests: Array<[string, string]>;
  /** Readiness per chosen locale, when already known (from the cache, or from the plan of a translator that sends). */
  readiness?: Array<[string, Readiness]> | undefined;
  /** Translate every edition worth sending before rendering (readiness was decided in this run), not only those rendered. */
  translateAll: boolean;
  /** Per built locale with a cached page: its key, and the key of the files that page linked as they are now. */
  cached: Record<string, { key: string; assetsKey: string }>;
  /** Render only this locale's edition, even when its key is the cached one (the cached page failed its check). */
  force?: string | undefined;
}

/** A published edition: rendered, or (no `rendered`) its cached page is still right. */
export interface BuiltEdition {
  locale: string;
  key: string;
  rendered?: RenderedEdition | undefined;
  assets?: AssetRecord[] | undefined;
}

export interface ArticleDone {
  /** Final readiness per chosen locale, after translation. */
  readiness: Array<[string, Readiness]>;
  warnings: string[];
  /** Broken input: the article publishes nothing, and the build stops once every article has been tried. */
  problems: EditionError[];
  /** Memory files re-keyed (an edited source), by path: saved once the build goes through. */
  changed: Array<[string, MemoryFile, MemoryFile | undefined]>;
  fromMemory: number;
  translated: number;
  /** Every published edition of the built locales, in locale order. */
  editions: BuiltEdition[];
  /** The other articles it links by their files (checked once every article's readiness is known). */
  links: ArticleLink[];
}

/**
 * Build one article: parse it, decide each chosen locale's readiness
 * (unless known), translate what the readiness allows, and render every
 * published edition whose cached page is out of date, linking only the
 * published editions. Data in, data out: it runs the same in the build's
 * thread or in a worker, and the orchestrator writes, reuses and records
 * in article order.
 */
export async function buildArticle(job: ArticleJob, runtime: ArticleRuntime): Promise<ArticleDone> {
  const done: ArticleDone = { readiness: [], warnings: [], problems: [], changed: [], fromMemory: 0, translated: 0, editions: [], links: [] };
  const digests = new Map(job.digests);
  const readiness = new Map(job.readiness ?? []);
  try {
    const loaded = parseArticleFiles(job.files);
    const segments = segmentArticle(loaded.article);
    done.warnings.push(...loaded.article.warnings);
    done.links = linkedArticles(loaded.article);
    const zone = articleZone(loaded.article, runtime.gazetteer);
    for (const note of [unannouncedCorrection(loaded.article, zone), zoneContradiction(loaded.article, runtime.gazetteer)]) {
      if (note) done.warnings.push(`${loaded.article.file}${note.line === undefined ? '' : `:${note.line}`} (${note.field}): ${note.message}; ${note.hint}`);
    }
    if (job.readiness === undefined) for (const [code, decided] of decideReadiness(runtime, loaded, segments)) readiness.set(code, decided);
    const plan: Plan = { loaded, segments, digests, readiness, done, runtime };
    const texts = new Map<string, TranslatedEdition>();
    if (job.translateAll) {
      for (const locale of runtime.targets) {
        if (locale === runtime.source || !sendsFor(runtime.settings.fill, readiness.get(locale.code)!)) continue;
        const text = await translate(plan, locale);
        if (text) texts.set(locale.code, text);
      }
    }
    const linked = runtime.chosen.filter((locale) => readiness.get(locale.code)?.published);
    for (const locale of runtime.targets) {
      if (job.force !== undefined && locale.code !== job.force) continue;
      if (!readiness.get(locale.code)?.published) continue;
      // A broken edition does not stop its article's others from being tried: the build names every problem at once.
      try {
        done.editions.push(await buildEdition(plan, job, locale, linked, texts.get(locale.code)));
      } catch (error) {
        collectProblem(done, error);
      }
    }
  } catch (error) {
    collectProblem(done, error);
  }
  // An article with a problem publishes nothing.
  if (done.problems.length > 0) done.editions = [];
  done.readiness = [...readiness];
  return done;
}

/** A problem in the content is the article's to report; a full disk, or anything unforeseen, stops the build at once. */
function collectProblem(done: ArticleDone, error: unknown): void {
  if (error instanceof EditionError && STOPS_AT_ONCE.has(error.code)) throw error;
  if (error instanceof EditionErrors) done.problems.push(...error.errors);
  else if (error instanceof EditionError) done.problems.push(error);
  else throw error;
}

interface Plan {
  loaded: LoadedArticle;
  segments: Segment[];
  digests: Map<string, string>;
  readiness: Map<string, Readiness>;
  done: ArticleDone;
  runtime: ArticleRuntime;
  assets?: Promise<ResolvedAssets>;
}

/**
 * Each chosen locale's readiness, from the article and its memories
 * alone. A memory entry edited by hand (its id no longer its source's
 * hash) breaks the build rather than holding one edition.
 */
export function decideReadiness(runtime: ArticleRuntime, loaded: LoadedArticle, segments: readonly Segment[]): Map<string, Readiness> {
  const { article } = loaded;
  const { city } = article.frontMatter.dateline;
  const decided = new Map<string, Readiness>();
  const problems: EditionError[] = [];
  for (const locale of runtime.chosen) {
    if (locale === runtime.source) {
      decided.set(locale.code, { published: true, reasons: [] });
      continue;
    }
    const memory = loaded.memories.get(locale.code);
    problems.push(...hashProblems(memory, memoryFilePath(article.file, article.slug, locale.code)));
    decided.set(locale.code, readinessOf({ segments, memory, city, site: runtime.settings.site, gazetteer: runtime.gazetteer, locale, fill: runtime.settings.fill }));
  }
  if (problems.length > 0) throw new EditionErrors(problems, `${problems.length} memory entries of ${article.file} do not match their ids`);
  return decided;
}

/** An entry whose id is not its source's hash was edited by hand: the memory is broken, not merely incomplete. */
function hashProblems(memory: MemoryFile | undefined, file: string): EditionError[] {
  return Object.entries(memory?.segments ?? {})
    .filter(([id, entry]) => segmentId(entry.source) !== id)
    .map(
      ([id]) =>
        new EditionError("source does not match the entry's id (its hash differs)", {
          code: 'memory/hash',
          file,
          field: `segments.${id}.source`,
          hint: 'restore the source from git; to retranslate the segment instead, delete the entry',
        }),
    );
}

/**
 * One edition's text, from the memory and the translator. A flagged or
 * missing translation met here holds the edition back; anything else
 * stops the build.
 */
async function translate(plan: Plan, locale: LocaleConfig): Promise<TranslatedEdition | undefined> {
  const { runtime, loaded, segments, readiness } = plan;
  const { article, memories } = loaded;
  let text: TranslatedEdition;
  try {
    text = await translateEdition({ article, segments, locale, t: runtime.strings.forLocale(locale), memory: memories.get(locale.code) }, runtime.context);
  } catch (error) {
    const held = holdsOnly(error);
    if (!held) throw error;
    readiness.set(locale.code, { published: false, reasons: [held] });
    return undefined;
  }
  account(plan, locale, text);
  // What came back and was kept decides, under the same policy: a new flag, or a machine translation the policy wants reviewed.
  if (runtime.settings.fill === 'missing' && runtime.context.translator.storesResults) {
    readiness.set(
      locale.code,
      readinessOf({ segments, memory: text.memory, city: article.frontMatter.dateline.city, site: runtime.settings.site, gazetteer: runtime.gazetteer, locale, fill: 'none' }),
    );
  }
  return text;
}

/** Count what an edition's translation took from the memory and the translator, keep a memory it changed, and report its orphan entries. */
function account(plan: Plan, locale: LocaleConfig, text: TranslatedEdition): void {
  const { loaded, done, digests } = plan;
  const { article, memories } = loaded;
  done.fromMemory += text.fromMemory;
  done.translated += text.translated;
  const memoryFile = memoryFilePath(article.file, article.slug, locale.code);
  if (text.memory && text.memory !== memories.get(locale.code)) {
    // With the memory as read: saved once the build goes through, it is merged with the file if a person changed it meanwhile.
    done.changed.push([memoryFile, text.memory, memories.get(locale.code)]);
    memories.set(locale.code, text.memory);
    // The memory on disk is now this text: it is what the page's key names.
    digests.set(memoryFile, digestText(serializeMemory(text.memory)));
  }
  for (const orphan of text.orphans) {
    done.warnings.push(`${memoryFile} (${orphan}): entry matches no segment of ${article.file}; kept (edition check lists it; delete it once no longer needed)`);
  }
}

/** A flagged segment or a gap the memory translator cannot fill is a reason to hold, not a broken build. */
function holdsOnly(error: unknown): HoldReason | undefined {
  const errors = error instanceof EditionErrors ? error.errors : error instanceof EditionError ? [error] : [];
  if (errors.length === 0) return undefined;
  const flagged = errors.every((one) => one.code === 'translation/flagged');
  const missing = errors.every((one) => one.code === 'memory/missing');
  if (!flagged && !missing) return undefined;
  const segments = errors.map((one) => one.field ?? '');
  const count = `${segments.length} segment${segments.length === 1 ? '' : 's'}`;
  return flagged ? { kind: 'flagged', segments, message: `${count} flagged for review` } : { kind: 'missing', segments, message: `${count} not translated` };
}

async function buildEdition(plan: Plan, job: ArticleJob, locale: LocaleConfig, linked: LocaleConfig[], text: TranslatedEdition | undefined): Promise<BuiltEdition> {
  const { runtime, loaded, segments, digests } = plan;
  const { article } = loaded;
  const memoryFile = locale === runtime.source ? undefined : memoryFilePath(article.file, article.slug, locale.code);
  const keyOf = (assetsKey: string) => pageKey(runtime.settings.runKeys[locale.code]!, linked, digests, article.file, memoryFile, assetsKey);
  const cached = job.cached[locale.code];
  if (cached && job.force === undefined && keyOf(cached.assetsKey) === cached.key) return { locale: locale.code, key: cached.key };
  // The same files for every locale: found in the tree and resolved once per article.
  const published = await (plan.assets ??= runtime.resolveAssets(article.file, articleAssets(article)));
  const input = {
    article,
    segments,
    locale,
    t: runtime.strings.forLocale(locale),
    memory: loaded.memories.get(locale.code),
    assets: new Map(published.records.map(({ url, path, size }) => [url, { path, size }])),
  };
  let translated = text;
  if (!translated) {
    translated = await translateEdition(input, runtime.context);
    account(plan, locale, translated);
  }
  const rendered = renderEdition(input, translated, runtime.context, linked);
  return { locale: locale.code, key: keyOf(published.key), rendered, ...(published.records.length > 0 ? { assets: published.records } : {}) };
}
