import { EditionError } from '../errors.js';
import type { LoadedArticle } from '../project/project.js';
import type { Segment } from '../segments/segment-article.js';
import { translateArticle } from '../translation/translate-article.js';
import type { Translator } from '../translation/translator.js';
import { emptyMemory, memoryFilePath, type MemoryFile, type SaveMemory } from '../translation/memory/memory-file.js';

/** One edition to send: an article already read and segmented by the build's plan, and a target locale. */
export interface PassEdition {
  loaded: LoadedArticle;
  segments: readonly Segment[];
  locale: string;
}

export interface TranslatePassOptions {
  translator: Translator;
  sourceLocale: string;
  /** Persist a memory file (an effect, supplied by the CLI). */
  saveMemory: SaveMemory | undefined;
}

/** Editions asked for at once: enough to fill requests, few enough to keep requests in flight bounded. */
const EDITIONS_AT_ONCE = 100;

/**
 * Translate what the memory lacks before any page is rendered, for the
 * editions the build decided are worth sending (none held for a city, a
 * flag or a review): a locale at a time, many articles asked for together,
 * so that a translator that batches (DeepL) fills each request across
 * articles instead of sending one short request per article. Each edition
 * goes through translateArticle, with its rules (human and reviewed
 * entries kept over a changed English, machine ones sent again and linked
 * to the old text), and each paid batch is saved as it returns. Nothing
 * else is saved here and the plans are left as they were: the build then
 * translates each edition again, and the translator answers from what
 * this run already paid for. A problem (a flagged segment, a stopped
 * translator) is left to the build, which meets it again and reports it
 * with the rest.
 */
export async function translatePass(editions: readonly PassEdition[], options: TranslatePassOptions): Promise<Map<string, number>> {
  const locales = [...new Set(editions.map((edition) => edition.locale))];
  // Segments translated, by memory file.
  const translated = new Map<string, number>();
  for (const locale of locales) {
    const ofLocale = editions.filter((edition) => edition.locale === locale);
    for (let start = 0; start < ofLocale.length; start += EDITIONS_AT_ONCE) {
      for (const [file, count] of await Promise.all(ofLocale.slice(start, start + EDITIONS_AT_ONCE).map((edition) => translateOne(edition, options)))) {
        if (count > 0) translated.set(file, count);
      }
    }
  }
  return translated;
}

/** Segments translated for one edition, with its memory file (none when it stopped: the build meets the problem again). */
async function translateOne({ loaded: { article, memories }, segments, locale }: PassEdition, options: TranslatePassOptions): Promise<[string, number]> {
  const file = memoryFilePath(article.file, article.slug, locale);
  const save = options.saveMemory;
  try {
    const result = await translateArticle({
      article: { slug: article.slug, file: article.file, title: article.frontMatter.title, summary: article.frontMatter.summary },
      segments: [...segments],
      sourceLocale: options.sourceLocale,
      targetLocale: locale,
      memory: memories.get(locale) ?? emptyMemory(article.slug, locale),
      translator: options.translator,
      memoryFile: file,
      ...(save ? { saveMemory: (updated: MemoryFile, read: MemoryFile) => save(file, updated, read) } : {}),
    });
    return [file, result.translated];
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    return [file, 0];
  }
}
