import { parseArticleFiles, type ArticleFiles, type ArticleSource, type LoadedArticle, type Project } from '../project/project.js';
import type { Translator } from '../translation/translator.js';
import { EditionError, EditionErrors } from '../errors.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import { memoryFilePath, serializeMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import { createGazetteer } from '../localization/gazetteer.js';
import { checkStrings, createStrings } from '../localization/i18n.js';
import { articlePath } from '../render/article-page.js';
import type { IndexEntry } from '../render/index-page.js';
import { buildEdition } from './build-edition.js';
import { digestText, editionKey, emptyCache, type BuildCache } from './build-cache.js';
import { addCoverage, emptyCoverage, fileEntry, serializeManifest, type Coverage, type ManifestFile } from '../bundle/manifest.js';
import { localesOfShard, type Shard } from './shard.js';
import { writeListPages } from '../bundle/list-pages.js';
import { shardPartPath, serializeShardPart } from './shard-manifest.js';
import type { SiteOutput } from '../bundle/output.js';

export interface BuildOptions {
  translator: Translator;
  /** Where files go. */
  output: SiteOutput;
  /** Locale codes to build; all configured locales when absent. */
  only?: readonly string[] | undefined;
  /** Build one deterministic part of the locales. */
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
  fromMemory: number;
  translated: number;
}

export interface BuildResult {
  summary: BuildSummary;
  warnings: string[];
  /** The cache to keep for the next build. */
  cache: BuildCache;
  /** Coverage per target locale. */
  coverage: Record<string, Coverage>;
}

/**
 * Build every edition of every article (or of one shard's locales):
 * segment, translate, localize, render, then each locale's index, feed and
 * sitemap, and the manifest. Articles are read and parsed one at a time;
 * an edition whose inputs are unchanged since the cached build is carried
 * over without being parsed or rendered. Every problem of every edition is
 * collected before failing, so one run names everything to fix.
 */
export async function buildSite(project: Project, options: BuildOptions): Promise<BuildResult> {
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
  const gazetteer = createGazetteer(project.cldr);
  checkStrings(locales, source);
  const strings = createStrings(locales);
  const context = { site, locales, source, gazetteer, translator: options.translator, saveMemory: options.saveMemory };
  const previous = options.force ? emptyCache() : (options.cache ?? emptyCache());
  // Everything besides the article and its memory that shapes a page.
  const allCodes = locales.map((locale) => locale.code).join(',');
  const runKeys = new Map(
    targets.map((locale) => [locale.code, editionKey([project.fingerprints.pipeline, project.fingerprints.site, project.fingerprints.locales[locale.code] ?? '', allCodes, options.translator.name])]),
  );

  const cache: BuildCache = emptyCache();
  const files: ManifestFile[] = [];
  const indexes = new Map<string, IndexEntry[]>(targets.map((locale) => [locale.code, []]));
  const coverage = Object.fromEntries(targets.filter((locale) => locale !== source).map((locale) => [locale.code, emptyCoverage()]));
  const errors: EditionError[] = [];
  const changedMemories = new Map<string, MemoryFile>();
  const warnings: string[] = [...(project.warnings ?? [])];
  const summary: BuildSummary = { articles: project.articles.length, editions: 0, rebuilt: 0, fromMemory: 0, translated: 0 };
  const total = project.articles.length * targets.length;
  let done = 0;

  for (const articleSource of project.articles) {
    let raw: ArticleFiles | undefined;
    const read = async () => (raw ??= await project.readArticle(articleSource));
    const digests = await digestArticle(articleSource, project, previous, cache, read);
    let loaded: LoadedArticle | undefined;
    let segments: Segment[] | undefined;
    // A broken article or memory file is one problem to report, not one per edition.
    let broken = false;
    for (const locale of targets) {
      if (broken) {
        done += 1;
        options.onProgress?.(done, total);
        continue;
      }
      const path = articlePath(locale.code, articleSource.slug);
      const memoryFile = memoryFilePath(articleSource.file, articleSource.slug, locale.code);
      try {
        let key = editionKey([runKeys.get(locale.code)!, digests.get(articleSource.file)!, locale === source ? '' : digests.get(memoryFile)!]);
        const cached = previous.editions[path];
        let edition = cached?.key === key && (await options.output.reuse(cached.page)) ? cached : undefined;
        if (!edition) {
          if (!loaded || !segments) {
            try {
              loaded = parseArticleFiles(await read());
              segments = segmentArticle(loaded.article);
            } catch (error) {
              broken = true;
              throw error;
            }
            warnings.push(...loaded.article.warnings);
          }
          const built = await buildEdition({ article: loaded.article, segments, locale, t: strings.forLocale(locale), memory: loaded.memories.get(locale.code) }, context);
          if (built.memory && built.memory !== loaded.memories.get(locale.code)) {
            loaded.memories.set(locale.code, built.memory);
            changedMemories.set(memoryFile, built.memory);
            // The memory on disk is now this text: the next build's key must match it,
            // and the file must be read again next time (its stamp changed).
            key = editionKey([runKeys.get(locale.code)!, digests.get(articleSource.file)!, digestText(serializeMemory(built.memory))]);
            delete cache.files[memoryFile];
          }
          for (const orphan of built.orphans) {
            warnings.push(`${memoryFile} (${orphan}): entry matches no segment of ${articleSource.file}; kept (edition check lists it; delete it once no longer needed)`);
          }
          summary.fromMemory += built.fromMemory;
          summary.translated += built.translated;
          summary.rebuilt += 1;
          await options.output.write(path, built.html);
          edition = { key, page: fileEntry(path, built.html), index: built.index, coverage: built.coverage };
        }
        cache.editions[path] = edition;
        files.push(edition.page);
        indexes.get(locale.code)!.push(edition.index);
        if (coverage[locale.code]) addCoverage(coverage[locale.code]!, edition.coverage);
        summary.editions += 1;
      } catch (error) {
        // Writing out/ failed (a full disk): the same for every page that follows, so stop now.
        if (error instanceof EditionError && (error.code === 'disk/full' || error.code === 'out/unwritable')) throw error;
        if (error instanceof EditionErrors) errors.push(...error.errors);
        else if (error instanceof EditionError) errors.push(error);
        else throw error;
      }
      done += 1;
      options.onProgress?.(done, total);
    }
  }

  const problems = dedupe(errors);
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new EditionErrors(problems, `${problems.length} problems stop this build`);
  // Only a build that goes through changes the memory beyond what it paid for: a stopped one leaves every file as it was.
  for (const [file, memory] of changedMemories) await options.saveMemory?.(file, memory);

  const lists = await writeListPages({
    site,
    locales,
    source,
    targets,
    indexes,
    strings,
    output: options.output,
    keyOf: (locale, entries) => editionKey([runKeys.get(locale.code)!, JSON.stringify(entries)]),
    previous: previous.lists,
  });
  files.push(...lists.files);
  cache.lists = lists.lists;
  const revision = options.sourceRevision ?? null;
  if (options.shard) {
    await options.output.write(shardPartPath(options.shard), serializeShardPart({ shard: options.shard, sourceRevision: revision, coverage }));
  } else {
    await options.output.write('manifest.json', serializeManifest({ sourceRevision: revision, coverage, files }));
  }
  return { summary, warnings, cache, coverage };
}

/**
 * The digest of each of an article's files (Markdown and memories). A file
 * whose stamp is the one the cache recorded is not read; the others are,
 * and are recorded in the new cache.
 */
async function digestArticle(source: ArticleSource, project: Project, previous: BuildCache, cache: BuildCache, read: () => Promise<ArticleFiles>): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const [file, stamp] of project.stampArticle(source)) {
    const known = previous.files[file];
    if (known && known.stamp === stamp) {
      digests.set(file, known.digest);
      cache.files[file] = known;
      continue;
    }
    const raw = await read();
    const memoryCode = [...raw.memories.keys()].find((code) => memoryFilePath(source.file, source.slug, code) === file);
    const text = file === source.file ? raw.text : memoryCode === undefined ? '' : raw.memories.get(memoryCode)!;
    const digest = stamp === 'absent' ? '' : digestText(text);
    digests.set(file, digest);
    cache.files[file] = { stamp, digest };
  }
  return digests;
}

/** The same locale problem (a missing UI string) is met once per article; say it once. */
function dedupe(errors: EditionError[]): EditionError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = error.format();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
