import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArticleFiles, sourceLocaleOf, type ArticleFiles, type ArticleSource, type LoadedArticle, type Project } from '../project/project.js';
import type { Translator } from '../translation/translator.js';
import { EditionError, EditionErrors, STOPS_AT_ONCE } from '../errors.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import { feedEntriesOf, indexEntriesOf, pageSettings, type Site } from '../content/site.js';
import { createAssetPublisher, publishTheme, type AssetPublisher } from './assets.js';
import { memoryFilePath, serializeMemory, type MemoryFile, type SaveMemory } from '../translation/memory/memory-file.js';
import type { Strings } from '../localization/i18n.js';
import { checkedLocales, projectGazetteer } from '../project/localization.js';
import type { Gazetteer } from '../localization/gazetteer.js';
import type { LocaleConfig } from '../localization/locale.js';
import { articlePath } from '../render/article-page.js';
import type { IndexEntry } from '../render/index-page.js';
import type { SitemapLimits } from '../render/sitemap.js';
import { SKEW_MS } from '../localization/date-checks.js';
import { translatePass, type PassEdition } from './translate-pass.js';
import { digestText, editionKey, emptyCache, linkedKey, pageKey, type BuildCache, type CachedEdition } from './build-cache.js';
import { addCoverage, emptyCoverage, serializeManifest, type Coverage, type ManifestFile } from '../bundle/manifest.js';
import { localesOfShard, type Shard } from './shard.js';
import { addEntry, writeListPages } from '../bundle/list-pages.js';
import { shardPartPath, serializeShardPart, type ShardPart } from './shard-manifest.js';
import type { SiteOutput } from '../bundle/output.js';
import { sendsFor, type Fill, type HoldReason, type Readiness } from './readiness.js';
import type { ArticleDone, ArticleJob, ArticleRuntime, ArticleSettings, BuiltEdition } from './build-article.js';
import type { ArticleLink } from '../content/article-links.js';
import { deadArticleLinks, deadLinkWarning } from './dead-links.js';

export interface BuildOptions {
  translator: Translator;
  /** Where files go. */
  output: SiteOutput;
  /** Locale codes to build; all configured locales when absent. Pages link only the editions of these locales. */
  only?: readonly string[] | undefined;
  /** Build one deterministic part of the locales. Pages link the editions of every part. */
  shard?: Shard | undefined;
  /** The previous build's cache; editions whose inputs are unchanged are carried over. */
  cache?: BuildCache | undefined;
  /** Rebuild every edition, whatever the cache says. */
  force?: boolean | undefined;
  /** The content folder's git revision, recorded in the manifest. */
  sourceRevision?: string | null | undefined;
  /** Persist a memory file as soon as new translations for it arrive (an effect, supplied by the CLI). */
  saveMemory?: SaveMemory | undefined;
  /** Called after each article × locale. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Threads to build articles on (the CLI's); without them, every article is built in this thread, with the same result. */
  workers?: ArticleWorkers | undefined;
  /** Told what is held once every article is built, before anything is saved or listed: throwing stops the build (`--strict`). */
  accept?: ((held: readonly HeldEdition[]) => void) | undefined;
  /** How much one sitemap file may hold: the sitemap protocol's limits unless given. */
  sitemapLimits?: SitemapLimits | undefined;
  /** The clock, for a warning only (a story dated ahead): what is written never depends on it. */
  now?: number | undefined;
}

export interface BuildSummary {
  articles: number;
  editions: number;
  /** Editions rendered in this run (the rest were carried over unchanged). */
  rebuilt: number;
  /** Editions of the built locales held back (not published), each with its reasons in `held`. */
  held: number;
  fromMemory: number;
  translated: number;
  /** Threads that built articles: 1 when every article was built in the build's own thread. */
  workers: number;
}

/** An article in a locale that is not published, and why. */
export interface HeldEdition {
  slug: string;
  file: string;
  locale: string;
  reasons: HoldReason[];
  /** The previous build published it: this build takes its page down (a new correction not yet translated, say). */
  withdrawn?: true;
}

/** A published story dated after the build's clock: the warning, and the moment it is dated, after which it no longer holds. */
export interface DatedAhead {
  moment: number;
  warning: string;
}

export interface BuildResult {
  summary: BuildSummary;
  /** Every held edition of the built locales, by article then locale. */
  held: HeldEdition[];
  warnings: string[];
  /** The cache to keep for the next build. */
  cache: BuildCache;
  /** Coverage per target locale. */
  coverage: Record<string, Coverage>;
  /** Per built locale, the published files its pages link: what its bundle carries, the same from a shard as from a full build. */
  linkedAssets: ReadonlyMap<string, readonly string[]>;
  /** Stories dated ahead of `now` (their warnings are among `warnings`). */
  datedAhead?: DatedAhead[];
  /** A shard's part of the manifest, as written: the CLI writes it again with the archives it makes after the build. */
  shardPart?: ShardPart;
}

/** Runs article jobs on other threads; supplied by the CLI. */
export interface ArticleWorkers {
  /** How many threads to use. */
  size: number;
  /** Fewer jobs than this run in the build's own thread: starting a worker costs more than they would. */
  minJobs: number;
  start(settings: ArticleSettings): { run(job: ArticleJob): Promise<ArticleDone>; close(): Promise<void> };
}

/**
 * Build every edition of every article (or of one shard's locales) that is
 * ready, and hold back the others with their reasons. Each article is read,
 * checked and parsed once: its editions' readiness decided, translated and
 * rendered linking only the published editions (on worker threads when
 * there are many, with the same result). Every article is tried before a
 * broken one stops the build, naming every problem; what was rendered is
 * then thrown away with the staging folder. A translator that sends
 * (DeepL) instead gets every article's readiness decided first, so that
 * nothing is sent for an edition that would be held anyway, and one pass
 * of requests filled across articles. An edition whose inputs (its linked
 * editions included) are unchanged since the cached build is carried over
 * without being rendered. Then each locale's index, feed and sitemap and
 * the manifest are written.
 */
export async function buildSite(project: Project, options: BuildOptions): Promise<BuildResult> {
  const state = createState(project, options);
  // The site's own stylesheet and logo: published first, their names part of every page's key.
  state.site = await publishTheme(project.site, state.assets);
  for (const [code, key] of state.runKeys) state.runKeys.set(code, editionKey([key, JSON.stringify(state.site.published ?? {})]));
  state.cache.runKeys = Object.fromEntries(state.runKeys);
  state.cache.readinessKey = state.readinessKey;
  const sameRunKey = (locale: LocaleConfig) => runKeyAsBefore(state, locale);
  state.asBefore = state.previous.readinessKey === state.readinessKey && state.targets.every(sameRunKey);
  // New code or settings for every locale: no cached page or readiness can be carried over, and a large site's records need not be held while every page is rendered again.
  if (state.previous.readinessKey !== state.readinessKey && !state.targets.some(sameRunKey)) state.previous = { ...state.previous, editions: {}, lists: {} };
  let planned: ArticlePlan[] | undefined;
  if (sends(state)) {
    planned = [];
    for (const source of project.articles) planned.push(await planArticle(state, source));
    for (const plan of planned) await decide(state, plan);
    throwProblems(state.errors);
    await translateFirst(state, planned);
  }
  const plans = await publishAll(state, planned);
  throwProblems(state.errors);
  state.warnings.push(...deadLinkWarnings(state, plans));
  options.accept?.(state.held);
  // Only a build that goes through changes the memory beyond what it paid for: a stopped one leaves every file as it was.
  for (const [file, { memory, read }] of state.changedMemories) await options.saveMemory?.(file, memory, read);
  await writeLists(state, plans);
  const shardPart = await writeManifest(state, plans);
  return {
    summary: state.summary,
    held: state.held,
    warnings: state.warnings,
    cache: state.cache,
    coverage: state.coverage,
    linkedAssets: linkedAssets(state),
    datedAhead: state.datedAhead,
    ...(shardPart ? { shardPart } : {}),
  };
}

/** Settings as text that changes with any of them: a per-locale setting is a Map, which JSON.stringify alone writes as `{}`. */
function settingsText(settings: object): string {
  return JSON.stringify(settings, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
}

/** Per built locale, the newsroom's stylesheet and logo and the files its published editions link, sorted. */
function linkedAssets(state: BuildState): Map<string, string[]> {
  const theme = [state.site.published?.stylesheet, state.site.published?.logo].filter((path) => path !== undefined);
  const linked = new Map(state.targets.map((locale) => [locale.code, new Set(theme)]));
  for (const [path, edition] of Object.entries(state.cache.editions)) {
    const paths = linked.get(path.slice(0, path.indexOf('/')));
    for (const record of edition.assets ?? []) paths?.add(record.path);
  }
  return new Map([...linked].map(([code, paths]) => [code, [...paths].sort()]));
}

/** Whether this run's translator sends what the memory lacks and keeps it (DeepL): then readiness is decided for every article before anything is sent. */
function sends(state: BuildState): boolean {
  return state.fill === 'missing' && state.options.translator.storesResults === true;
}

/** What builds an article in this thread. */
interface Builder {
  runtime: ArticleRuntime;
  build: (job: ArticleJob, runtime: ArticleRuntime) => Promise<ArticleDone>;
  decideReadiness: (runtime: ArticleRuntime, loaded: LoadedArticle, segments: readonly Segment[]) => Map<string, Readiness>;
}

/**
 * The article builder, loaded when the first article must be parsed: a
 * build that carries every page over never loads the Markdown and HTML
 * pipeline, a noticeable part of its time.
 */
function builderOf(state: BuildState): Promise<Builder> {
  return (state.builder ??= import('./build-article.js').then(({ buildArticle, createRuntime, decideReadiness }) => ({
    build: buildArticle,
    decideReadiness,
    runtime: createRuntime(settingsOf(state), {
      cldr: state.project.cldr,
      newsroomCities: state.project.newsroomCities,
      translator: state.options.translator,
      saveMemory: state.options.saveMemory,
      resolveAssets: (file, refs) => state.assets.resolve(file, refs, true),
      strings: state.strings,
      gazetteer: state.gazetteer,
    }),
  })));
}

/** Build an article in this thread. */
async function buildHere(state: BuildState, job: ArticleJob): Promise<ArticleDone> {
  const builder = await builderOf(state);
  return builder.build(job, builder.runtime);
}

function settingsOf(state: BuildState): ArticleSettings {
  return {
    site: state.site,
    locales: state.locales,
    chosen: state.chosen.map((locale) => locale.code),
    targets: state.targets.map((locale) => locale.code),
    fill: state.fill,
    runKeys: Object.fromEntries(state.runKeys),
  };
}

/** Everything one run shares, and what it accumulates. */
interface BuildState {
  project: Project;
  options: BuildOptions;
  source: LocaleConfig;
  /** Every configured locale, source first. */
  locales: LocaleConfig[];
  /** Locales whose editions pages may link: those chosen with --locales (every shard's, for a shard). */
  chosen: LocaleConfig[];
  /** Locales built in this run. */
  targets: LocaleConfig[];
  fill: Fill;
  strings: Strings;
  gazetteer: Gazetteer;
  /** The site settings, with where its theme was published once it is. */
  site: Site;
  /** Loaded on first use. */
  builder?: Promise<Builder>;
  /** Files the articles and the site settings link, published once. */
  assets: AssetPublisher;
  previous: BuildCache;
  cache: BuildCache;
  /** Everything besides the article and its memory that shapes a locale's pages. */
  runKeys: Map<string, string>;
  /** Everything besides the article and its memories that decides readiness. */
  readinessKey: string;
  /** The run keys and the readiness key are the cached build's: an article whose files are too has the keys the cache recorded. */
  asBefore?: boolean;
  /** Stamps of each article's files, taken before planning it. */
  stamps: Map<ArticleSource, ReadonlyMap<string, string>>;
  files: ManifestFile[];
  indexes: Map<string, IndexEntry[]>;
  coverage: Record<string, Coverage>;
  errors: EditionError[];
  /** Memory files this run changed without paying (an edited source re-keyed): saved only once the build goes through. */
  changedMemories: Map<string, { memory: MemoryFile; read: MemoryFile | undefined }>;
  /** Segments the translation pass paid for, by memory file, not yet settled against an article's count from memory. */
  paid: Map<string, number>;
  warnings: string[];
  datedAhead: DatedAhead[];
  summary: BuildSummary;
  held: HeldEdition[];
  done: number;
  total: number;
}

/** One article as the orchestrator knows it before parsing it. */
interface ArticlePlan {
  source: ArticleSource;
  read: () => Promise<ArticleFiles>;
  /** Drop the files read, so that a build holds only the articles being built. */
  forget: () => void;
  digests: Map<string, string>;
  readinessKey: string;
  /** The readiness key as the article's files were when planned, before anything this run translated: what a shard's part names. */
  inputsKey: string;
  /** Locale code → readiness, for every chosen locale: from the cache, or decided in this run (then `decided`). */
  readiness?: Map<string, Readiness>;
  decided?: boolean;
  /** Per built locale with a cached page: its key, and the key of the files it linked as they are now. */
  cached: Record<string, { key: string; assetsKey: string }>;
  /** Every input of the article's cached pages is as it was when they were written (see {@link planArticle}). */
  asBefore?: boolean;
  /** The other articles it links by their files, once it is recorded. */
  links?: ArticleLink[];
}

function createState(project: Project, options: BuildOptions): BuildState {
  const { site } = project;
  const source = sourceLocaleOf(project);
  const locales = [source, ...project.locales.filter((locale) => locale !== source)];
  const chosen = options.only ? locales.filter((locale) => options.only!.includes(locale.code)) : locales;
  const targets = localesOfShard(chosen, options.shard);
  // A missing string, a template naming an unknown variable or a city misspelt in cities.yaml stops the build before its
  // first page, as `edition check` does, even when no page would show it yet.
  // Made once for the run: the check and every article built in this thread look cities up in it.
  const gazetteer = projectGazetteer(project);
  const strings = checkedLocales(
    project,
    targets.map((locale) => locale.code),
    gazetteer,
  );
  const { translator } = options;
  const fill: Fill = !translator.usesMemory ? 'all' : translator.memoryOnly ? 'none' : 'missing';
  const codes = chosen.map((locale) => locale.code).join(',');
  const { pipeline, gazetteer: gazetteerDigest, locales: localeDigests } = project.fingerprints;
  // The site settings as pages see them: a change to the lists' lengths alone renders only the lists again (their key has them).
  const siteDigest = editionKey([gazetteerDigest, settingsText(pageSettings(site))]);
  return {
    project,
    options,
    source,
    locales,
    chosen,
    targets,
    fill,
    strings,
    gazetteer,
    assets: createAssetPublisher(project, options.output),
    site,
    previous: options.force ? emptyCache() : (options.cache ?? emptyCache()),
    cache: emptyCache(),
    runKeys: new Map(targets.map((locale) => [locale.code, editionKey([pipeline, siteDigest, localeDigests[locale.code] ?? '', translator.name])])),
    readinessKey: editionKey([pipeline, siteDigest, ...chosen.map((locale) => localeDigests[locale.code] ?? ''), codes, translator.name]),
    stamps: new Map(),
    files: [],
    indexes: new Map(targets.map((locale) => [locale.code, []])),
    coverage: Object.fromEntries(targets.filter((locale) => locale !== source).map((locale) => [locale.code, emptyCoverage()])),
    errors: [],
    changedMemories: new Map(),
    paid: new Map(),
    warnings: [...(project.warnings ?? [])],
    datedAhead: [],
    summary: { articles: project.articles.length, editions: 0, rebuilt: 0, held: 0, fromMemory: 0, translated: 0, workers: 1 },
    held: [],
    done: 0,
    total: project.articles.length * targets.length,
  };
}

/**
 * What can be known of an article without parsing it: its files' digests
 * (reading only those whose stamps changed), its readiness when the cache
 * has it for the same inputs, and the keys of its cached pages.
 */
async function planArticle(state: BuildState, source: ArticleSource, keepFiles = false): Promise<ArticlePlan> {
  let raw: ArticleFiles | undefined;
  const read = async () => (raw ??= await state.project.readArticle(source));
  const { digests, changed } = await digestArticle(source, state, read);
  const pages = state.targets.map((locale) => state.previous.editions[articlePath(locale.code, source.slug)]);
  // The same files under the same settings as the cached build: the keys it recorded stand, and are not worked out again.
  const recorded = state.asBefore && !changed ? pages.find((page) => page?.readiness)?.readiness : undefined;
  const readinessKey = recorded?.key ?? readinessKeyOf(state, digests);
  const plan: ArticlePlan = { source, read, digests, readinessKey, inputsKey: readinessKey, cached: {}, forget: () => (raw = undefined) };
  const cached = recorded ?? pages.map((page) => page?.readiness).find((readiness) => readiness?.key === readinessKey);
  // A translator that sends is asked again for what the last run left untranslated (an empty answer, a failed batch):
  // the files have not changed, but the cached readiness would keep the edition out of the sending pass for good.
  const retry = cached !== undefined && sends(state) && Object.values(cached.held).some((reasons) => reasons.some((reason) => reason.kind === 'missing' || reason.kind === 'stale'));
  if (cached && !retry) {
    plan.readiness = new Map(state.chosen.map((locale) => [locale.code, { published: !cached.held[locale.code]?.length, reasons: cached.held[locale.code] ?? [] }]));
  }
  for (const [index, locale] of state.targets.entries()) {
    const page = pages[index];
    if (page) plan.cached[locale.code] = { key: page.key, assetsKey: (await state.assets.resolve(source.file, page.assets ?? [], false)).key };
  }
  // Linked files are stamped anew each run: only pages that link none are known unchanged without their key.
  plan.asBefore = recorded !== undefined && pages.every((page) => !page?.assets?.length);
  // Kept when the article is built next: read once, not once to digest and again to build.
  if (!keepFiles) plan.forget();
  return plan;
}

/** The digest of everything that decides an article's readiness. */
function readinessKeyOf(state: BuildState, digests: ReadonlyMap<string, string>): string {
  return editionKey([state.readinessKey, ...[...digests].sort(([a], [b]) => (a < b ? -1 : 1)).flat()]);
}

/** Whether every published edition's cached page has the key its inputs give now: then the article need not be parsed at all. */
function upToDate(state: BuildState, plan: ArticlePlan): boolean {
  const { readiness } = plan;
  if (!readiness) return false;
  if (plan.asBefore) return state.targets.every((locale) => !readiness.get(locale.code)?.published || plan.cached[locale.code] !== undefined);
  const linked = state.chosen.filter((locale) => readiness.get(locale.code)?.published);
  return state.targets.every((locale) => {
    if (!readiness.get(locale.code)?.published) return true;
    const cached = plan.cached[locale.code];
    const memoryFile = locale === state.source ? undefined : memoryFilePath(plan.source.file, plan.source.slug, locale.code);
    return cached !== undefined && pageKey(state.runKeys.get(locale.code)!, linked, plan.digests, plan.source.file, memoryFile, cached.assetsKey) === cached.key;
  });
}

/** Decide an article's readiness before anything is sent (a translator that sends); a broken article is one problem, and planning goes on. */
async function decide(state: BuildState, plan: ArticlePlan): Promise<void> {
  if (plan.readiness) return;
  try {
    const loaded = parseArticleFiles(await plan.read());
    const { decideReadiness, runtime } = await builderOf(state);
    plan.readiness = decideReadiness(runtime, loaded, segmentArticle(loaded.article));
    plan.decided = true;
  } catch (error) {
    collect(state, error);
  } finally {
    plan.forget();
  }
}

/**
 * A translator that bills (DeepL) gets everything the run will send in
 * one pass before any page is rendered, so that its requests fill across
 * articles; each edition then finds what it needs in the translator's own
 * record of the run.
 */
async function translateFirst(state: BuildState, plans: readonly ArticlePlan[]): Promise<void> {
  const { translator, saveMemory } = state.options;
  if (!translator.storesResults) return;
  const editions: PassEdition[] = [];
  const planOf = new Map<string, ArticlePlan>();
  for (const plan of plans) {
    if (!plan.decided) continue;
    const locales = state.targets.filter((locale) => locale !== state.source && sendsFor(state.fill, plan.readiness!.get(locale.code)!));
    if (locales.length === 0) continue;
    const loaded = parseArticleFiles(await plan.read());
    plan.forget();
    const segments = segmentArticle(loaded.article);
    for (const locale of locales) {
      editions.push({ loaded, segments, locale: locale.code });
      planOf.set(memoryFilePath(plan.source.file, plan.source.slug, locale.code), plan);
    }
  }
  // The pages are rendered from the memory as saved here: their keys, and the readiness they record, name it.
  const save = async (file: string, memory: MemoryFile, read?: MemoryFile) => {
    await saveMemory!(file, memory, read);
    const plan = planOf.get(file);
    if (!plan) return;
    plan.digests.set(file, digestText(serializeMemory(memory)));
    plan.readinessKey = readinessKeyOf(state, plan.digests);
    delete state.cache.files[file];
  };
  const translated = await translatePass(editions, { translator, sourceLocale: state.source.code, saveMemory: saveMemory ? save : undefined });
  if (!saveMemory) return;
  for (const count of translated.values()) state.summary.translated += count;
  state.paid = translated;
}

/**
 * An article built after the translation pass reads what the pass paid
 * for from the memory as saved: those segments count as translated, not
 * as from memory. An article carried over (its pages as they were) counted
 * nothing from memory, so nothing is taken back for it.
 */
function settlePaid(state: BuildState, plan: ArticlePlan, only?: string): void {
  for (const locale of state.targets) {
    if (only !== undefined && locale.code !== only) continue;
    const file = memoryFilePath(plan.source.file, plan.source.slug, locale.code);
    const paid = state.paid.get(file);
    if (paid === undefined) continue;
    state.summary.fromMemory -= paid;
    state.paid.delete(file);
  }
}

/**
 * Build every article and record its editions in article order, each
 * article planned (its files read once) as it comes unless a translator
 * that sends planned them all first. Jobs run on worker threads when the
 * CLI supplies them and there are enough to pay for starting them; their
 * results are recorded in the order of the articles, so the output never
 * depends on which thread finished first.
 */
async function publishAll(state: BuildState, planned: readonly ArticlePlan[] | undefined): Promise<ArticlePlan[]> {
  const { workers } = state.options;
  const articles = state.project.articles;
  const toParse = planned ? planned.filter((plan) => !upToDate(state, plan)).length : articles.filter((source) => changedSince(state, source)).length;
  const pool = workers && !sends(state) && workers.size > 1 && toParse >= workers.minJobs ? workers.start(settingsOf(state)) : undefined;
  if (pool) state.summary.workers = workers!.size;
  // Enough articles ahead to keep every thread busy, few enough that their files and pages stay a small part of memory.
  const window = pool ? workers!.size * 2 : 1;
  const plans: ArticlePlan[] = [];
  const inFlight: Array<{ plan: ArticlePlan; done: Promise<ArticleDone> | undefined }> = [];
  const settle = async () => {
    const head = inFlight.shift()!;
    await record(state, head.plan, head.done ? await head.done : undefined);
  };
  try {
    for (const [index, source] of articles.entries()) {
      const plan = planned?.[index] ?? (await planArticle(state, source, true));
      plans.push(plan);
      const done = upToDate(state, plan) ? undefined : jobOf(plan).then((job) => (pool ? pool.run(job) : buildHere(state, job)));
      if (!done) plan.forget();
      inFlight.push({ plan, done });
      // Settled later, in order; a failure is met there.
      done?.catch(() => undefined);
      while (inFlight.length >= window) await settle();
      // Built in this thread, articles follow one another through promises alone: without a turn of the event loop
      // between them, a Ctrl-C (which puts the terminal back in order) would wait for the end of the build.
      if (!pool) await nextTurn();
    }
    while (inFlight.length > 0) await settle();
  } finally {
    await pool?.close();
  }
  return plans;
}

/** Whether a locale's pages are shaped by what shaped them in the cached build (code, settings, locale files). */
function runKeyAsBefore(state: BuildState, locale: LocaleConfig): boolean {
  return state.previous.runKeys?.[locale.code] === state.runKeys.get(locale.code);
}

/** Whether an article will likely be parsed: a file changed since the cached build, or it has no cached page. Only decides whether to start workers. */
function changedSince(state: BuildState, source: ArticleSource): boolean {
  // New code, settings or locale files: every page of those locales is rendered again.
  if (!state.targets.every((locale) => runKeyAsBefore(state, locale))) return true;
  if (state.targets.some((locale) => !state.previous.editions[articlePath(locale.code, source.slug)])) return true;
  const stamps = state.project.stampArticle(source);
  // Kept for planning the article: stamping ten thousand files twice is a noticeable part of a rebuild.
  state.stamps.set(source, stamps);
  return [...stamps].some(([file, stamp]) => state.previous.files[file]?.stamp !== stamp);
}

async function jobOf(plan: ArticlePlan, force?: string): Promise<ArticleJob> {
  const files = await plan.read();
  plan.forget();
  return {
    files,
    digests: [...plan.digests],
    readiness: plan.readiness ? [...plan.readiness] : undefined,
    translateAll: plan.readiness === undefined || plan.decided === true,
    cached: plan.cached,
    force,
  };
}

/**
 * Record an article's editions: write the rendered ones, carry over the
 * others from the previous build (rendering any whose page was damaged
 * since), hold back the unpublished ones with their reasons.
 */
async function record(state: BuildState, plan: ArticlePlan, done: ArticleDone | undefined): Promise<void> {
  const { source: article } = plan;
  // Carried over, an article is not read again: what reading it warned of last time is said again, until it is fixed.
  const warnings = done ? done.warnings : (state.previous.warnings?.[article.file] ?? []);
  state.warnings.push(...warnings);
  if (warnings.length > 0) (state.cache.warnings ??= {})[article.file] = warnings;
  plan.links = done ? done.links : (state.previous.links?.[article.file] ?? []);
  if (plan.links.length > 0) (state.cache.links ??= {})[article.file] = plan.links;
  if (done) {
    if (done.problems.length > 0) {
      state.errors.push(...done.problems);
      return;
    }
    state.summary.fromMemory += done.fromMemory;
    state.summary.translated += done.translated;
    settlePaid(state, plan);
    for (const [file, memory, read] of done.changed) {
      state.changedMemories.set(file, { memory, read });
      // The memory on disk will be this text: the next build must read the file again (its stamp changes).
      delete state.cache.files[file];
    }
  }
  const readiness = done ? new Map(done.readiness) : plan.readiness!;
  // What the lists link: the readiness after translation.
  plan.readiness = readiness;
  const held = heldOf(readiness);
  for (const locale of state.targets) {
    const ready = readiness.get(locale.code)!;
    if (ready.published) {
      const built = done?.editions.find((edition) => edition.locale === locale.code) ?? { locale: locale.code, key: plan.cached[locale.code]!.key };
      const edition = await editionOf(state, plan, built, readiness);
      state.cache.editions[articlePath(locale.code, article.slug)] = { ...edition, readiness: { key: plan.readinessKey, held } };
      state.files.push(edition.page);
      addEntry(state.indexes.get(locale.code)!, edition.index, feedEntriesOf(state.site));
      if (state.coverage[locale.code]) addCoverage(state.coverage[locale.code]!, edition.coverage);
      state.summary.editions += 1;
    } else {
      // Its page was online: out/'s own record says so (also after --force, or new settings, which leave the cache unread).
      const path = articlePath(locale.code, article.slug);
      const withdrawn = state.options.output.published?.(path) ?? state.previous.editions[path] !== undefined;
      state.held.push({ slug: article.slug, file: article.file, locale: locale.code, reasons: ready.reasons, ...(withdrawn ? { withdrawn } : {}) });
      state.summary.held += 1;
    }
    progress(state);
  }
}

/** A published edition as written: the new render, or the cached page carried over (rendered again here when it fails its check). */
async function editionOf(state: BuildState, plan: ArticlePlan, built: BuiltEdition, readiness: Map<string, Readiness>): Promise<CachedEdition> {
  const path = articlePath(built.locale, plan.source.slug);
  const cached = state.previous.editions[path];
  if (!built.rendered && cached && (await state.options.output.reuse(cached.page))) {
    // Named when the article was planned (its key stands): published with the page carried over.
    if (cached.assets) await state.assets.resolve(plan.source.file, cached.assets, false, true);
    return cached;
  }
  let { rendered, assets, key } = built;
  if (!rendered) {
    const job = await jobOf({ ...plan, readiness }, built.locale);
    const again = await buildHere(state, { ...job, translateAll: false });
    if (again.problems.length > 0) throw new EditionErrors(again.problems, `${again.problems.length} problems stop this build`);
    state.summary.fromMemory += again.fromMemory;
    settlePaid(state, plan, built.locale);
    ({ rendered, assets, key } = again.editions.find((edition) => edition.locale === built.locale)!);
  }
  // Published with the page that links them (a worker, or the parse, only named them).
  if (assets) await state.assets.resolve(plan.source.file, assets, true, true);
  state.summary.rebuilt += 1;
  const page = await state.options.output.write(path, rendered!.html);
  return { key, page, index: rendered!.index, coverage: rendered!.coverage, ...(assets ? { assets } : {}) };
}

/**
 * Links to other articles that lead nowhere in a page this run publishes:
 * checked each run, since adding, renaming or holding back the linked
 * article changes them while the linking one is carried over unchanged.
 */
function deadLinkWarnings(state: BuildState, plans: readonly ArticlePlan[]): string[] {
  const planOf = new Map(plans.map((plan) => [plan.source.slug, plan]));
  const linking = plans.map((plan) => ({ file: plan.source.file, slug: plan.source.slug, links: plan.links ?? [] }));
  const published = (slug: string, code: string) => {
    const plan = planOf.get(slug);
    return plan === undefined ? undefined : plan.readiness?.get(code)?.published === true;
  };
  return deadArticleLinks(
    linking,
    state.targets.map((locale) => locale.code),
    published,
  ).map(deadLinkWarning);
}

function heldOf(readiness: ReadonlyMap<string, Readiness>): Record<string, HoldReason[]> {
  return Object.fromEntries([...readiness].filter(([, ready]) => !ready.published).map(([code, ready]) => [code, ready.reasons]));
}

function progress(state: BuildState): void {
  state.done += 1;
  state.options.onProgress?.(state.done, state.total);
}

function collect(state: BuildState, error: unknown): void {
  if (error instanceof EditionError && STOPS_AT_ONCE.has(error.code)) throw error;
  if (error instanceof EditionErrors) state.errors.push(...error.errors);
  else if (error instanceof EditionError) state.errors.push(error);
  else throw error;
}

/** Each locale's index, feed and sitemap, and the home page: only locales with a published edition, only published editions. */
async function writeLists(state: BuildState, plans: readonly ArticlePlan[]): Promise<void> {
  const { source, previous, runKeys } = state;
  const planOf = new Map(plans.map((plan) => [plan.source.slug, plan]));
  const linkedBySlug = new Map(plans.map((plan) => [plan.source.slug, state.chosen.filter((locale) => plan.readiness?.get(locale.code)?.published)]));
  const listed = state.chosen.filter((locale) => locale === source || plans.some((plan) => plan.readiness?.get(locale.code)?.published));
  const listedKey = linkedKey(listed);
  const lists = await writeListPages({
    site: state.site,
    source,
    targets: state.targets,
    listed,
    linkedOf: (slug) => linkedBySlug.get(slug) ?? [source],
    slugs: plans.map((plan) => plan.source.slug),
    sitemapLimits: state.options.sitemapLimits,
    indexes: state.indexes,
    strings: state.strings,
    output: state.options.output,
    keyOf: (locale) => editionKey([runKeys.get(locale.code)!, listedKey, String(feedEntriesOf(state.site)), String(indexEntriesOf(state.site))]),
    previous: previous.lists,
    body: async (locale, entry) => feedBody(state, planOf.get(entry.slug)!, locale),
    pseudo: state.fill === 'all',
  });
  state.files.push(...lists.files);
  state.cache.lists = lists.lists;
  state.datedAhead = datedAhead(state, planOf);
  state.warnings.push(...state.datedAhead.map((ahead) => ahead.warning));
}

/**
 * Stories published with a date still to come (a wrong year, say): said
 * by every build, since a news sitemap counts its two days back from its
 * newest story, and one dated ahead leaves today's out of it.
 */
function datedAhead(state: BuildState, planOf: ReadonlyMap<string, ArticlePlan>): DatedAhead[] {
  const { now } = state.options;
  if (now === undefined) return [];
  const ahead = new Map<string, IndexEntry>();
  for (const entries of state.indexes.values()) for (const entry of entries) if (entry.sortKey > now + SKEW_MS) ahead.set(entry.slug, entry);
  return [...ahead.values()]
    .sort((a, b) => (a.slug < b.slug ? -1 : 1))
    .map((entry) => ({
      moment: entry.sortKey,
      warning: `${planOf.get(entry.slug)?.source.file ?? entry.slug} (date): the story is dated ${entry.published ?? entry.isoDate}, still to come; it is published now all the same, and its locales' news sitemaps count their two days back from it, leaving out the stories before; correct the date if it is wrong`,
    }));
}

/**
 * The body of an edition carried over without one: the cache keeps only
 * the bodies of the feeds' entries, so an edition that has moved into its
 * feed since (a newer one deleted, held back or dated earlier) is rendered
 * again for it. Its page, already carried over, stays as it is.
 */
async function feedBody(state: BuildState, plan: ArticlePlan, locale: LocaleConfig): Promise<string | undefined> {
  const again = await buildHere(state, { ...(await jobOf(plan, locale.code)), translateAll: false });
  if (again.problems.length > 0) throw new EditionErrors(again.problems, `${again.problems.length} problems stop this build`);
  return again.editions.find((edition) => edition.locale === locale.code)?.rendered?.index.content;
}

async function writeManifest(state: BuildState, plans: readonly ArticlePlan[]): Promise<ShardPart | undefined> {
  const { options, coverage } = state;
  const revision = options.sourceRevision ?? null;
  if (options.shard) {
    const files = [...state.files, ...state.assets.files].map((file) => file.path).sort();
    // What every shard read, digested: shards of other content (outside git, or with edits not committed) link editions the others do not publish.
    // And site.yaml as a file: the lists' lengths, which no page's key holds, must be the same in every shard too.
    const inputs = editionKey([state.project.fingerprints.site, ...plans.map((plan) => plan.inputsKey)]);
    const part: ShardPart = { shard: options.shard, sourceRevision: revision, inputs, coverage, files };
    await options.output.write(shardPartPath(options.shard), serializeShardPart(part));
    return part;
  }
  await options.output.write('manifest.json', serializeManifest({ sourceRevision: revision, coverage, files: [...state.files, ...state.assets.files] }));
  return undefined;
}

/** Every problem found so far, at once; the same one (a missing UI string met once per article) said once. */
function throwProblems(errors: readonly EditionError[]): void {
  const seen = new Set<string>();
  const problems = errors.filter((error) => {
    const key = error.format();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new EditionErrors(problems, `${problems.length} problems stop this build`);
}

/**
 * The digest of each of an article's files (Markdown and memories). A file
 * whose stamp is the one the cache recorded is not read; the others are,
 * and are recorded in the new cache.
 */
async function digestArticle(source: ArticleSource, state: BuildState, read: () => Promise<ArticleFiles>): Promise<{ digests: Map<string, string>; changed: boolean }> {
  const digests = new Map<string, string>();
  let changed = false;
  const stamps = state.stamps.get(source) ?? state.project.stampArticle(source);
  state.stamps.delete(source);
  let texts: Map<string, string> | undefined;
  for (const [file, stamp] of stamps) {
    const known = state.previous.files[file];
    if (known && known.stamp === stamp) {
      digests.set(file, known.digest);
      state.cache.files[file] = known;
      continue;
    }
    changed = true;
    if (!texts) {
      const raw = await read();
      texts = new Map([[source.file, raw.text], ...[...raw.memories].map(([code, text]) => [memoryFilePath(source.file, source.slug, code), text] as const)]);
    }
    const digest = stamp === 'absent' ? '' : digestText(texts.get(file) ?? '');
    digests.set(file, digest);
    state.cache.files[file] = { stamp, digest };
  }
  return { digests, changed };
}
