import type { Project } from './project.js';
import type { Translator } from '../translation/translator.js';
import { EditionError, EditionErrors } from '../errors.js';
import { segmentArticle, assembleArticle } from '../segments/segment-article.js';
import { translateArticle } from '../translation/translate-article.js';
import { emptyMemory, memoryFilePath, type MemoryEntry, type MemoryFile } from '../translation/memory/memory-file.js';
import { createGazetteer } from '../localization/gazetteer.js';
import { createStrings } from '../localization/i18n.js';
import { localizeDateline } from '../localization/dateline.js';
import { disclosure } from '../localization/disclosure.js';
import type { LocaleConfig } from '../localization/locale.js';
import { bodyToHast } from '../render/to-hast.js';
import { articlePath, renderArticlePage } from '../render/article-page.js';
import { renderHomePage, renderIndexPage, type IndexEntry } from '../render/index-page.js';
import { stringifyPage } from '../render/stringify.js';

export interface BuildOptions {
  translator: Translator;
  /** Locale codes to build; all configured locales when absent. */
  only?: readonly string[];
  /** Persist a memory file as soon as new translations for it arrive (an effect, supplied by the CLI). */
  saveMemory?: (file: string, memory: MemoryFile) => Promise<void>;
  /** Called after each article × locale. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildSummary {
  articles: number;
  editions: number;
  fromMemory: number;
  translated: number;
}

export interface BuildResult {
  /** Output files by path relative to the out folder, in a stable order. */
  files: Map<string, string>;
  summary: BuildSummary;
  warnings: string[];
}

/**
 * Build every edition of every article: segment, translate, localize,
 * render. Takes data and returns files; the only effects are the callbacks
 * the caller passes. Every problem of every edition is collected before
 * failing, so one run names everything to fix.
 */
export async function buildSite(project: Project, options: BuildOptions): Promise<BuildResult> {
  const { site, articles } = project;
  const source = project.locales.find((locale) => locale.code === site.sourceLocale);
  if (!source) {
    throw new EditionError(`source locale "${site.sourceLocale}" has no folder under locales/`, {
      code: 'locale/unknown',
      field: 'sourceLocale',
      hint: `add locales/${site.sourceLocale}/ or change sourceLocale in site.yaml`,
    });
  }
  const locales = [source, ...project.locales.filter((locale) => locale !== source)];
  const targets = options.only ? locales.filter((locale) => options.only!.includes(locale.code)) : locales;
  const gazetteer = createGazetteer(project.cldr);
  const strings = createStrings(locales);
  const memories = new Map(project.memories);

  const files = new Map<string, string>();
  const indexes = new Map<string, IndexEntry[]>(targets.map((locale) => [locale.code, []]));
  const errors: EditionError[] = [];
  const warnings = articles.flatMap((article) => article.warnings);
  const summary: BuildSummary = { articles: articles.length, editions: 0, fromMemory: 0, translated: 0 };
  const total = articles.length * targets.length;
  let done = 0;

  for (const article of articles) {
    const segments = segmentArticle(article);
    const body = article.tree;
    for (const locale of targets) {
      try {
        const t = strings.forLocale(locale);
        let assembled = { tree: body, title: article.frontMatter.title, summary: article.frontMatter.summary };
        let entries: MemoryEntry[] = [];
        if (locale !== source) {
          const file = memoryFilePath(article.file, article.slug, locale.code);
          const memory = memories.get(file) ?? emptyMemory(article.slug, locale.code);
          const result = await translateArticle({
            article: { slug: article.slug, file: article.file, title: article.frontMatter.title },
            segments,
            sourceLocale: source.code,
            targetLocale: locale.code,
            memory,
            translator: options.translator,
            memoryFile: file,
            ...(options.saveMemory ? { saveMemory: (updated: MemoryFile) => options.saveMemory!(file, updated) } : {}),
          });
          if (result.memory !== memory) {
            memories.set(file, result.memory);
            await options.saveMemory?.(file, result.memory);
          }
          summary.fromMemory += result.fromMemory;
          summary.translated += result.translated;
          entries = [...result.entries.values()];
          assembled = assembleArticle(article, (id) => result.entries.get(id)?.target, locale.code);
        }
        const dateline = localizeDateline(article, locale, gazetteer, t);
        const page = renderArticlePage(
          {
            slug: article.slug,
            locale,
            title: assembled.title,
            summary: assembled.summary,
            byline: article.frontMatter.byline,
            body: bodyToHast(assembled.tree),
            dateline,
            disclosure: locale === source ? undefined : disclosure(entries, t),
          },
          { site, locales, source, t },
        );
        files.set(articlePath(locale.code, article.slug), stringifyPage(page));
        indexes.get(locale.code)!.push({
          slug: article.slug,
          title: assembled.title,
          date: dateline.date,
          isoDate: dateline.isoDate,
          sortKey: article.frontMatter.date.kind === 'instant' ? article.frontMatter.date.epochMs : Date.parse(`${dateline.isoDate}T00:00:00Z`),
        });
        summary.editions += 1;
      } catch (error) {
        if (error instanceof EditionErrors) errors.push(...error.errors);
        else if (error instanceof EditionError) errors.push(error);
        else throw error;
      }
      done += 1;
      options.onProgress?.(done, total);
    }
  }

  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) {
    throw new EditionErrors(dedupe(errors), `${errors.length} problems stop this build`);
  }

  for (const locale of targets) {
    const t = strings.forLocale(locale);
    files.set(`${locale.code}/index.html`, stringifyPage(renderIndexPage(indexes.get(locale.code)!, { site, locale, locales, source, t })));
  }
  files.set('index.html', stringifyPage(renderHomePage({ locales, source, t: strings.forLocale(source) })));
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), summary, warnings };
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
