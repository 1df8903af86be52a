import { parseArticleFiles, type ArticleFiles, type ArticleSource, type LoadedArticle, type Project } from '../project/project.js';
import type { Translator } from '../translation/translator.js';
import { EditionError, EditionErrors } from '../errors.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import { segmentId } from '../segments/normalize.js';
import { publicationIn } from '../content/site.js';
import { articleAssets } from '../content/assets.js';
import { createAssetPublisher, publishTheme, type AssetPublisher } from './assets.js';
import { memoryFilePath, serializeMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import { createGazetteer, type Gazetteer } from '../localization/gazetteer.js';
import { checkStrings, createStrings, type Strings } from '../localization/i18n.js';
import type { LocaleConfig } from '../localization/locale.js';
import { policyFor } from '../content/site.js';
import { articlePath } from '../render/article-page.js';
import type { IndexEntry } from '../render/index-page.js';
import { translatePass, type PassEdition } from './translate-pass.js';
import { renderEdition, translateEdition, type EditionContext, type TranslatedEdition } from './build-edition.js';
import { digestText, editionKey, emptyCache, type BuildCache, type CachedEdition } from './build-cache.js';
import { addCoverage, emptyCoverage, fileEntry, serializeManifest, type Coverage, type ManifestFile } from '../bundle/manifest.js';
import { localesOfShard, type Shard } from './shard.js';
import { writeListPages } from '../bundle/list-pages.js';
import { shardPartPath, serializeShardPart } from './shard-manifest.js';
import type { SiteOutput } from '../bundle/output.js';
import { editionReadiness, worthTranslating, type Fill, type HoldReason, type Readiness } from './readiness.js';

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
  saveMemory?: ((file: string, memory: MemoryFile) => Promise<void>) | undefined;
  /** Called after each article × locale. */
  onProgress?: ((done: number, total: number) => void) | undefined;
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
}

/** An article in a locale that is not published, and why. */
export interface HeldEdition {
  slug: string;
  file: string;
  locale: string;
  reasons: HoldReason[];
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
}

/**
 * Build every edition of every article (or of one shard's locales) that is
 * ready, and hold back the others with their reasons. First every article
 * is read and checked, and each edition's readiness decided, before any
 * translator is called: broken input stops the build naming every problem,
 * and nothing is sent for an edition that would be held anyway. Then each
 * article's editions are translated, rendered linking only the published
 * editions, and each locale's index, feed and sitemap and the manifest are
 * written. An edition whose inputs (its linked editions included) are
 * unchanged since the cached build is carried over without being rendered.
 */
export async function buildSite(project: Project, options: BuildOptions): Promise<BuildResult> {
  const state = createState(project, options);
  // The site's own stylesheet and logo: published first, their names part of every page's key.
  state.context.site = await publishTheme(project.site, state.assets);
  for (const [code, key] of state.runKeys) state.runKeys.set(code, editionKey([key, JSON.stringify(state.context.site.published ?? {})]));
  const plans: ArticlePlan[] = [];
  for (const source of project.articles) plans.push(await planArticle(state, source));
  throwProblems(state.errors);
  await translateFirst(state, plans);
  for (const plan of plans) await publishArticle(state, plan);
  throwProblems(state.errors);
  // Only a build that goes through changes the memory beyond what it paid for: a stopped one leaves every file as it was.
  for (const [file, memory] of state.changedMemories) await options.saveMemory?.(file, memory);
  await writeLists(state, plans);
  await writeManifest(state);
  return { summary: state.summary, held: state.held, warnings: state.warnings, cache: state.cache, coverage: state.coverage };
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
  gazetteer: Gazetteer;
  strings: Strings;
  context: EditionContext;
  /** Files the articles and the site settings link, published once. */
  assets: AssetPublisher;
  previous: BuildCache;
  cache: BuildCache;
  /** Everything besides the article and its memory that shapes a locale's pages. */
  runKeys: Map<string, string>;
  /** Everything besides the article and its memories that decides readiness. */
  readinessKey: string;
  files: ManifestFile[];
  indexes: Map<string, IndexEntry[]>;
  coverage: Record<string, Coverage>;
  errors: EditionError[];
  /** Memory files this run changed without paying (an edited source re-keyed): saved only once the build goes through. */
  changedMemories: Map<string, MemoryFile>;
  warnings: string[];
  summary: BuildSummary;
  held: HeldEdition[];
  done: number;
  total: number;
}

/** One article, read and checked: which of its editions are published. */
interface ArticlePlan {
  source: ArticleSource;
  read: () => Promise<ArticleFiles>;
  digests: Map<string, string>;
  /** Present while the article is parsed: from planning to translation, and while its editions are published. */
  loaded?: LoadedArticle;
  /** Whether planning parsed the article (its readiness was not in the cache): publishing parses it again. */
  parsed?: boolean;
  /** Whether the article's warnings were reported: a second parse must not repeat them. */
  warned?: boolean;
  /** Drop the files read, so that a build holds only the article being published. */
  forget: () => void;
  segments?: Segment[];
  /** Locale code → readiness, for every chosen locale. */
  readiness: Map<string, Readiness>;
  readinessKey: string;
}

function createState(project: Project, options: BuildOptions): BuildState {
  const { site } = project;
  const source = project.locales.find((locale) => locale.code === site.sourceLocale);
  if (!source) {
    throw new EditionError(`source locale "${site.sourceLocale}" has no folder under locales/`, {
      code: 'locale/unknown',
      field: 'sourceLocale',
      hint: `add locales/${site.sourceLocale}/ or change sourceLocale in site.yaml`,
    });
  }
  const locales = [source, ...project.locales.filter((locale) => locale !== source)];
  const chosen = options.only ? locales.filter((locale) => options.only!.includes(locale.code)) : locales;
  const targets = localesOfShard(chosen, options.shard);
  checkStrings(locales, source);
  const { translator } = options;
  const fill: Fill = !translator.usesMemory ? 'all' : translator.memoryOnly ? 'none' : 'missing';
  const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
  const codes = chosen.map((locale) => locale.code).join(',');
  const { pipeline, site: siteDigest, locales: localeDigests } = project.fingerprints;
  return {
    project,
    options,
    source,
    locales,
    chosen,
    targets,
    fill,
    gazetteer,
    strings: createStrings(locales, (code) => publicationIn(site, code)),
    assets: createAssetPublisher(project, options.output),
    context: { site, locales, source, gazetteer, translator, saveMemory: options.saveMemory, pseudo: fill === 'all' },
    previous: options.force ? emptyCache() : (options.cache ?? emptyCache()),
    cache: emptyCache(),
    runKeys: new Map(targets.map((locale) => [locale.code, editionKey([pipeline, siteDigest, localeDigests[locale.code] ?? '', translator.name])])),
    readinessKey: editionKey([pipeline, siteDigest, ...chosen.map((locale) => localeDigests[locale.code] ?? ''), codes, translator.name]),
    files: [],
    indexes: new Map(targets.map((locale) => [locale.code, []])),
    coverage: Object.fromEntries(targets.filter((locale) => locale !== source).map((locale) => [locale.code, emptyCoverage()])),
    errors: [],
    changedMemories: new Map(),
    warnings: [...(project.warnings ?? [])],
    summary: { articles: project.articles.length, editions: 0, rebuilt: 0, held: 0, fromMemory: 0, translated: 0 },
    held: [],
    done: 0,
    total: project.articles.length * targets.length,
  };
}

/**
 * Read an article and decide each chosen locale's readiness, before any
 * translator is called. An unchanged article takes its readiness from the
 * cache without being parsed. A broken article or memory file is recorded
 * as one problem, and the run goes on to find the others.
 */
async function planArticle(state: BuildState, source: ArticleSource): Promise<ArticlePlan> {
  let raw: ArticleFiles | undefined;
  const read = async () => (raw ??= await state.project.readArticle(source));
  const digests = await digestArticle(source, state, read);
  const readinessKey = editionKey([state.readinessKey, ...[...digests].sort(([a], [b]) => (a < b ? -1 : 1)).flat()]);
  const plan: ArticlePlan = { source, read, digests, readiness: new Map(), readinessKey, forget: () => (raw = undefined) };
  const cached = state.targets.map((locale) => state.previous.editions[articlePath(locale.code, source.slug)]?.readiness).find((readiness) => readiness?.key === readinessKey);
  if (cached) {
    for (const locale of state.chosen) {
      const reasons = cached.held[locale.code] ?? [];
      plan.readiness.set(locale.code, { published: reasons.length === 0, reasons });
    }
    plan.forget();
    return plan;
  }
  try {
    await loadPlan(state, plan);
    plan.parsed = true;
  } catch (error) {
    collect(state, error);
  }
  // Every article is planned before any is published: keeping each one's trees until then would hold the whole archive in memory.
  unload(plan);
  return plan;
}

function unload(plan: ArticlePlan): void {
  delete plan.loaded;
  delete plan.segments;
  plan.forget();
}

/** Parse the article; unless its readiness is already known (from the cache), decide it for every chosen locale. */
async function loadPlan(state: BuildState, plan: ArticlePlan, decide = true): Promise<void> {
  const loaded = parseArticleFiles(await plan.read());
  const { article } = loaded;
  const segments = segmentArticle(article);
  if (!plan.warned) state.warnings.push(...article.warnings);
  plan.warned = true;
  const where = { file: article.file, ...(article.fieldLines['dateline'] === undefined ? {} : { line: article.fieldLines['dateline'] }) };
  const { city, timezone } = article.frontMatter.dateline;
  if (timezone === undefined && state.gazetteer.zoneOf(city) === undefined) {
    throw new EditionError(`city "${city}" is not in the gazetteer and the dateline has no timezone`, {
      code: 'dateline/unknown-city',
      ...where,
      field: 'dateline.timezone',
      hint: 'add "timezone: Region/City" (an IANA zone) under dateline',
    });
  }
  const problems: EditionError[] = [];
  for (const locale of decide ? state.chosen : []) {
    if (locale === state.source) {
      plan.readiness.set(locale.code, { published: true, reasons: [] });
      continue;
    }
    const memory = loaded.memories.get(locale.code);
    const memoryFile = memoryFilePath(article.file, article.slug, locale.code);
    problems.push(...hashProblems(memory, memoryFile));
    const readiness = editionReadiness({
      segments,
      memory,
      policy: policyFor(state.project.site, locale.code),
      cityName: state.gazetteer.nameIn(city, locale),
      city,
      locale: locale.code,
      fill: state.fill,
    });
    plan.readiness.set(locale.code, readiness);
  }
  if (problems.length > 0) throw new EditionErrors(problems, `${problems.length} memory entries of ${article.file} do not match their ids`);
  plan.loaded = loaded;
  plan.segments = segments;
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

/** Whether an edition's missing segments go to the translator: never for one held for a reason translating cannot lift. */
function sendsFor(state: BuildState, readiness: Readiness): boolean {
  if (state.fill === 'none') return false;
  return readiness.published || worthTranslating(readiness);
}

/**
 * A translator that bills (DeepL) gets everything the run will send in
 * one pass before any page is rendered, so that its requests fill across
 * articles; each edition then finds what it needs in the translator's own
 * record of the run.
 */
async function translateFirst(state: BuildState, plans: readonly ArticlePlan[]): Promise<void> {
  const { translator, saveMemory } = state.options;
  if (state.fill !== 'missing' || !translator.storesResults) return;
  const editions: PassEdition[] = [];
  const loadedPlans: ArticlePlan[] = [];
  for (const plan of plans) {
    if (!plan.parsed) continue;
    const locales = state.targets.filter((locale) => locale !== state.source && sendsFor(state, plan.readiness.get(locale.code)!));
    if (locales.length === 0) continue;
    await loadPlan(state, plan, false);
    loadedPlans.push(plan);
    for (const locale of locales) editions.push({ loaded: plan.loaded!, segments: plan.segments!, locale: locale.code });
  }
  await translatePass(editions, { translator, sourceLocale: state.source.code, saveMemory });
  for (const plan of loadedPlans) unload(plan);
}

/**
 * Translate what the readiness allows, decide what is published, then
 * render each published edition linking the others (or carry it over from
 * the cache when nothing it shows or links changed).
 */
async function publishArticle(state: BuildState, plan: ArticlePlan): Promise<void> {
  const { source: article } = plan;
  const texts = new Map<string, TranslatedEdition>();
  try {
    if (plan.parsed && !plan.loaded) await loadPlan(state, plan, false);
    for (const locale of state.targets) {
      if (locale === state.source || plan.loaded === undefined) continue;
      const readiness = plan.readiness.get(locale.code)!;
      if (!sendsFor(state, readiness)) continue;
      const text = await translate(state, plan, locale);
      if (text) texts.set(locale.code, text);
    }
    const linked = state.chosen.filter((locale) => plan.readiness.get(locale.code)?.published);
    const linkedCodes = linked.map((locale) => locale.code).join(',');
    for (const locale of state.targets) {
      const readiness = plan.readiness.get(locale.code)!;
      if (readiness.published) await publishEdition(state, plan, locale, linked, linkedCodes, texts.get(locale.code));
      else {
        state.held.push({ slug: article.slug, file: article.file, locale: locale.code, reasons: readiness.reasons });
        state.summary.held += 1;
      }
      progress(state);
    }
  } catch (error) {
    collect(state, error);
  } finally {
    unload(plan);
  }
}

/**
 * One edition's text, from the memory and the translator. A flagged or
 * missing translation met here holds the edition back; anything else
 * stops the build.
 */
async function translate(state: BuildState, plan: ArticlePlan, locale: LocaleConfig): Promise<TranslatedEdition | undefined> {
  const { article, memories } = plan.loaded!;
  let text: TranslatedEdition;
  try {
    text = await translateEdition({ article, segments: plan.segments!, locale, t: state.strings.forLocale(locale), memory: memories.get(locale.code) }, state.context);
  } catch (error) {
    const held = holdsOnly(error);
    if (!held) throw error;
    plan.readiness.set(locale.code, { published: false, reasons: [held] });
    return undefined;
  }
  account(state, plan, locale, text);
  // What came back and was kept decides, under the same policy: a new flag, or a machine translation the policy wants reviewed.
  if (state.fill === 'missing' && state.options.translator.storesResults) {
    const readiness = editionReadiness({
      segments: plan.segments!,
      memory: text.memory,
      policy: policyFor(state.project.site, locale.code),
      cityName: state.gazetteer.nameIn(article.frontMatter.dateline.city, locale),
      city: article.frontMatter.dateline.city,
      locale: locale.code,
      fill: 'none',
    });
    plan.readiness.set(locale.code, readiness);
  }
  return text;
}

/** Count what an edition's translation took from the memory and the translator, keep a memory it changed, and report its orphan entries. */
function account(state: BuildState, plan: ArticlePlan, locale: LocaleConfig, text: TranslatedEdition): void {
  const { article, memories } = plan.loaded!;
  state.summary.fromMemory += text.fromMemory;
  state.summary.translated += text.translated;
  const memoryFile = memoryFilePath(article.file, article.slug, locale.code);
  if (text.memory && text.memory !== memories.get(locale.code)) {
    memories.set(locale.code, text.memory);
    state.changedMemories.set(memoryFile, text.memory);
    // The memory on disk is now this text: the next build must read the file again (its stamp changed).
    plan.digests.set(memoryFile, digestText(serializeMemory(text.memory)));
    delete state.cache.files[memoryFile];
  }
  for (const orphan of text.orphans) {
    state.warnings.push(`${memoryFile} (${orphan}): entry matches no segment of ${article.file}; kept (edition check lists it; delete it once no longer needed)`);
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

async function publishEdition(state: BuildState, plan: ArticlePlan, locale: LocaleConfig, linked: LocaleConfig[], linkedCodes: string, text: TranslatedEdition | undefined): Promise<void> {
  const { source: article } = plan;
  const path = articlePath(locale.code, article.slug);
  const memoryFile = memoryFilePath(article.file, article.slug, locale.code);
  const cached = state.previous.editions[path];
  const keyOf = (assets: string) =>
    editionKey([state.runKeys.get(locale.code)!, linkedCodes, plan.digests.get(article.file)!, locale === state.source ? '' : (plan.digests.get(memoryFile) ?? ''), assets]);
  let key = keyOf((await state.assets.resolve(article.file, cached?.assets ?? [], false)).key);
  let edition: CachedEdition | undefined = cached?.key === key && (await state.options.output.reuse(cached.page)) ? cached : undefined;
  if (!edition) {
    if (!plan.loaded) await loadPlan(state, plan, false);
    const published = await state.assets.resolve(article.file, articleAssets(plan.loaded!.article), true);
    key = keyOf(published.key);
    const input = {
      article: plan.loaded!.article,
      segments: plan.segments!,
      locale,
      t: state.strings.forLocale(locale),
      memory: plan.loaded!.memories.get(locale.code),
      assets: new Map(published.records.map((record) => [record.url, record.path])),
    };
    let translated = text;
    if (!translated) {
      translated = await translateEdition(input, state.context);
      account(state, plan, locale, translated);
    }
    const rendered = renderEdition(input, translated, state.context, linked);
    state.summary.rebuilt += 1;
    await state.options.output.write(path, rendered.html);
    edition = { key, page: fileEntry(path, rendered.html), index: rendered.index, coverage: rendered.coverage, ...(published.records.length ? { assets: published.records } : {}) };
  }
  state.cache.editions[path] = { ...edition, readiness: { key: plan.readinessKey, held: heldOf(plan) } };
  state.files.push(edition.page);
  state.indexes.get(locale.code)!.push(edition.index);
  if (state.coverage[locale.code]) addCoverage(state.coverage[locale.code]!, edition.coverage);
  state.summary.editions += 1;
}

function heldOf(plan: ArticlePlan): Record<string, HoldReason[]> {
  return Object.fromEntries([...plan.readiness].filter(([, readiness]) => !readiness.published).map(([code, readiness]) => [code, readiness.reasons]));
}

function progress(state: BuildState): void {
  state.done += 1;
  state.options.onProgress?.(state.done, state.total);
}

function collect(state: BuildState, error: unknown): void {
  // Writing out/ failed (a full disk): the same for every page that follows, so stop now.
  if (error instanceof EditionError && (error.code === 'disk/full' || error.code === 'out/unwritable')) throw error;
  if (error instanceof EditionErrors) state.errors.push(...error.errors);
  else if (error instanceof EditionError) state.errors.push(error);
  else throw error;
}

/** Each locale's index, feed and sitemap, and the home page: only locales with a published edition, only published editions. */
async function writeLists(state: BuildState, plans: readonly ArticlePlan[]): Promise<void> {
  const { source, previous, runKeys } = state;
  const linkedBySlug = new Map(plans.map((plan) => [plan.source.slug, state.chosen.filter((locale) => plan.readiness.get(locale.code)?.published)]));
  const listed = state.chosen.filter((locale) => locale === source || plans.some((plan) => plan.readiness.get(locale.code)?.published));
  const listedCodes = listed.map((locale) => locale.code).join(',');
  const lists = await writeListPages({
    site: state.context.site,
    source,
    targets: state.targets,
    listed,
    linkedOf: (slug) => linkedBySlug.get(slug) ?? [source],
    indexes: state.indexes,
    strings: state.strings,
    output: state.options.output,
    keyOf: (locale, entries) => editionKey([runKeys.get(locale.code)!, listedCodes, JSON.stringify(entries.map((entry) => [entry, (linkedBySlug.get(entry.slug) ?? []).map((other) => other.code)]))]),
    previous: previous.lists,
  });
  state.files.push(...lists.files);
  state.cache.lists = lists.lists;
}

async function writeManifest(state: BuildState): Promise<void> {
  const { options, coverage } = state;
  const revision = options.sourceRevision ?? null;
  if (options.shard) {
    await options.output.write(shardPartPath(options.shard), serializeShardPart({ shard: options.shard, sourceRevision: revision, coverage }));
  } else {
    await options.output.write('manifest.json', serializeManifest({ sourceRevision: revision, coverage, files: [...state.files, ...state.assets.files] }));
  }
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
async function digestArticle(source: ArticleSource, state: BuildState, read: () => Promise<ArticleFiles>): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const [file, stamp] of state.project.stampArticle(source)) {
    const known = state.previous.files[file];
    if (known && known.stamp === stamp) {
      digests.set(file, known.digest);
      state.cache.files[file] = known;
      continue;
    }
    const raw = await read();
    const memoryCode = [...raw.memories.keys()].find((code) => memoryFilePath(source.file, source.slug, code) === file);
    const text = file === source.file ? raw.text : memoryCode === undefined ? '' : raw.memories.get(memoryCode)!;
    const digest = stamp === 'absent' ? '' : digestText(text);
    digests.set(file, digest);
    state.cache.files[file] = { stamp, digest };
  }
  return digests;
}
