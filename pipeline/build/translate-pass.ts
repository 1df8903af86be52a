import { EditionError } from '../errors.js';
import { parseArticleFiles, type LoadedArticle, type Project } from '../project/project.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import { translateArticle } from '../translation/translate-article.js';
import type { Translator } from '../translation/translator.js';
import { emptyMemory, memoryFilePath, type MemoryFile } from '../translation/memory/memory-file.js';

export interface TranslatePassOptions {
  translator: Translator;
  sourceLocale: string;
  /** Target locales with something to send. */
  locales: readonly string[];
  /** Persist a memory file (an effect, supplied by the CLI). */
  saveMemory: (file: string, memory: MemoryFile) => Promise<void>;
}

/** Articles held in memory at once: enough to fill requests, few enough to keep memory bounded. */
const ARTICLES_AT_ONCE = 100;

/**
 * Translate what the memory lacks before any page is rendered: a locale at
 * a time, the articles of a group asked for together, so that a translator
 * that batches (DeepL) fills each request across articles instead of
 * sending one short request per article. Each article goes through
 * translateArticle, with its rules (human and reviewed entries kept over a
 * changed English, machine ones sent again and linked to the old text),
 * and each batch is saved as it returns. A problem (a broken file, a
 * flagged segment, a stopped translator) is left to the build, which meets
 * it again and reports it with the rest. Returns the segments translated.
 */
export async function translatePass(project: Project, options: TranslatePassOptions): Promise<number> {
  let translated = 0;
  for (let start = 0; start < project.articles.length; start += ARTICLES_AT_ONCE) {
    const group: Array<{ loaded: LoadedArticle; segments: Segment[] }> = [];
    for (const source of project.articles.slice(start, start + ARTICLES_AT_ONCE)) {
      try {
        const loaded = parseArticleFiles(await project.readArticle(source));
        group.push({ loaded, segments: segmentArticle(loaded.article) });
      } catch (error) {
        if (!(error instanceof EditionError)) throw error;
      }
    }
    for (const locale of options.locales) {
      const counts = await Promise.all(group.map(({ loaded, segments }) => translateOne(loaded, segments, locale, options)));
      translated += counts.reduce((sum, count) => sum + count, 0);
    }
  }
  return translated;
}

async function translateOne({ article, memories }: LoadedArticle, segments: readonly Segment[], locale: string, options: TranslatePassOptions): Promise<number> {
  const file = memoryFilePath(article.file, article.slug, locale);
  const before = memories.get(locale) ?? emptyMemory(article.slug, locale);
  try {
    const result = await translateArticle({
      article: { slug: article.slug, file: article.file, title: article.frontMatter.title, summary: article.frontMatter.summary },
      segments,
      sourceLocale: options.sourceLocale,
      targetLocale: locale,
      memory: before,
      translator: options.translator,
      memoryFile: file,
      saveMemory: (updated) => options.saveMemory(file, updated),
    });
    if (result.memory !== before) await options.saveMemory(file, result.memory);
    return result.translated;
  } catch (error) {
    if (error instanceof EditionError) return 0;
    throw error;
  }
}
