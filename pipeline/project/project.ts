import type { Article } from '../content/article.js';
import { loadArticle } from '../content/load-article.js';
import type { LocaleConfig } from '../localization/locale.js';
import type { CldrCities, NewsroomCity } from '../localization/gazetteer.js';
import { memoryFilePath, parseMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import type { Site } from '../content/site.js';
import { EditionError } from '../errors.js';

/** An article file, before it is read. */
export interface ArticleSource {
  slug: string;
  /** Path as shown to the user (relative to the working directory). */
  file: string;
}

/** An article's raw files: its Markdown and its memory file per locale, as text. */
export interface ArticleFiles {
  source: ArticleSource;
  text: string;
  /** Locale code → memory file text, for the locales that have one. */
  memories: ReadonlyMap<string, string>;
}

/** A parsed article with its translation memories. */
export interface LoadedArticle {
  article: Article;
  files: ArticleFiles;
  /** Locale code → memory (an absent file is absent here). */
  memories: Map<string, MemoryFile>;
}

/**
 * Everything a build reads, handed in by the CLI. Articles are listed, not
 * loaded: a build reads and parses one article at a time, so memory does
 * not grow with the number of articles.
 */
/** An article's memory files whose article is gone (renamed or deleted). */
export interface UnownedMemory {
  /** The article file the memory files name, which does not exist. */
  article: string;
  /** Each such file, as shown to the user, by its locale. */
  files: Array<{ locale: string; file: string }>;
}

export interface Project {
  site: Site;
  /** Every configured locale, in folder order. */
  locales: LocaleConfig[];
  /** Articles sorted by slug. */
  articles: readonly ArticleSource[];
  /** Read one article's files (an effect supplied by the io edge). */
  readArticle(source: ArticleSource): Promise<ArticleFiles>;
  /**
   * Cheap identities (size, modification time, inode) of an article's files
   * by path, `absent` for a missing one. A build whose cache recorded the
   * same stamp takes the file's digest from the cache instead of reading
   * it, as git's index does.
   */
  stampArticle(source: ArticleSource): ReadonlyMap<string, string>;
  cldr: CldrCities;
  /**
   * The bytes of a file an article links by relative path (resolved from
   * the article's folder, never outside the content folder), or undefined
   * when there is none.
   */
  readAsset?(articleFile: string, url: string): Promise<Uint8Array | undefined>;
  /** Every file `readAsset` has read in this process, by real path, with its stamp as it was read (see io/read-project.ts). */
  assetsRead?: ReadonlyMap<string, string>;
  /** Frequent datelines CLDR does not know (locales/gazetteer.yaml), by English name; read on first call. */
  newsroomCities?: () => ReadonlyMap<string, NewsroomCity>;
  /** Problems found while reading the project that do not stop a build (a memory folder for no configured locale). */
  warnings?: readonly string[];
  /** Memory files of a name no article has (an article renamed or deleted), by that article's file. */
  unowned?: readonly UnownedMemory[];
  /**
   * Digests of everything besides articles that shapes a page: the
   * pipeline's own code, site settings, and each locale's resource files.
   */
  /** Digests of what shapes every page: the code, site.yaml and gazetteer.yaml as files, each locale's files. */
  fingerprints: { pipeline: string; site: string; gazetteer: string; locales: Readonly<Record<string, string>> };
}

/** Parse an article's files. */
export function parseArticleFiles(files: ArticleFiles): LoadedArticle {
  const article = articleOf(files);
  const memories = new Map<string, MemoryFile>();
  for (const [code, text] of files.memories) memories.set(code, parseLocaleMemory(article, code, text));
  return { article, files, memories };
}

/** The article of an article's files (its memories not read). */
export function articleOf(files: ArticleFiles): Article {
  return loadArticle(files.text, files.source.file, files.source.slug);
}

/** One locale's memory of an article, checked to be that article's and that locale's. */
export function parseLocaleMemory(article: Pick<Article, 'file' | 'slug'>, code: string, text: string): MemoryFile {
  return parseMemory(text, memoryFilePath(article.file, article.slug, code), { article: article.slug, locale: code });
}

/** One article in one target locale, with what every reviewer's tool reads of it. */
export interface EditionInput {
  article: Article;
  /** The article's segments, computed once per article and shared by its editions. */
  segments: Segment[];
  locale: string;
  /** The locale's memory of the article; absent when it has no file yet. */
  memory: MemoryFile | undefined;
  /** The memory file's path as shown to the user. */
  memoryFile: string;
}

/**
 * Every edition of the project in the given locales, article by article (in
 * slug order) and locale by locale within an article. `slug` limits it to one
 * article. Articles are read one at a time: a large site is never held whole.
 * An edition's memory is parsed when its locale is asked for, not before.
 */
export async function* eachEdition(project: Project, locales: readonly string[], slug?: string): AsyncGenerator<EditionInput> {
  for (const source of project.articles) {
    if (slug !== undefined && source.slug !== slug) continue;
    const files = await project.readArticle(source);
    const article = articleOf(files);
    const segments = segmentArticle(article);
    for (const locale of locales) {
      // Only the memories asked for are parsed: a reviewer of one locale is not stopped by another's broken file.
      const text = files.memories.get(locale);
      const memory = text === undefined ? undefined : parseLocaleMemory(article, locale, text);
      yield { article, segments, locale, memory, memoryFile: memoryFilePath(article.file, article.slug, locale) };
    }
  }
}

/**
 * The project's source locale. Every command reads the project through
 * io/read-project.ts, which calls this as it reads site.yaml: a
 * `sourceLocale` with no folder under locales/ is refused there, once, for
 * all of them.
 */
export function sourceLocaleOf(project: { site: Site; locales: readonly LocaleConfig[] }): LocaleConfig {
  const { site, locales } = project;
  const source = locales.find((locale) => locale.code === site.sourceLocale);
  if (source) return source;
  throw new EditionError(`source locale "${site.sourceLocale.slice(0, 40)}" has no folder under locales/`, {
    code: 'locale/unknown',
    ...(site.file === undefined ? {} : { file: site.file }),
    field: 'sourceLocale',
    hint: `add locales/${site.sourceLocale.slice(0, 40)}/ or change sourceLocale in site.yaml (the locales are ${locales.map((locale) => locale.code).join(', ')})`,
  });
}
