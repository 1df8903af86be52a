import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EditionError } from '../errors.js';
import type { ArticleFiles, ArticleSource, Project } from '../project/project.js';
import { toLocaleConfig, type LocaleConfig } from '../localization/locale.js';
import { memoryFilePath } from '../translation/memory/memory-file.js';
import type { Site } from '../content/site.js';
import { readCldrCities } from './read-cldr.js';
import { readTextSync, readYaml } from './read-text.js';
import { digestFiles, pipelineFingerprint } from './fingerprint.js';

export interface ProjectPaths {
  content: string;
  locales: string;
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
}

/**
 * Read what a build needs up front: site settings, locales, CLDR city
 * names and the list of articles. Articles and their memories are read one
 * at a time, when the build asks for them.
 */
export async function readProject(paths: ProjectPaths): Promise<Project> {
  const show = (file: string) => relative(paths.cwd, file) || file;
  const site = await readSite(paths.content, show);
  const locales = await readLocales(paths.locales, show);
  const articles = refuseSlugCollisions(await listArticles(paths.content, show));
  const warnings = await unconfiguredMemories(paths.content, locales, show);
  const cldr = await readCldrCities(locales.map((locale) => locale.cldr));
  const localeFingerprints: Record<string, string> = {};
  for (const locale of locales) {
    localeFingerprints[locale.code] = await digestFiles(LOCALE_FILES.map((name) => join(paths.locales, locale.code, name)));
  }
  return {
    site,
    locales,
    articles,
    cldr,
    warnings,
    readArticle: (source) => readArticleFiles(source, locales, paths.cwd),
    stampArticle: (source) => stampArticleFiles(source, locales, paths.cwd),
    fingerprints: {
      pipeline: await pipelineFingerprint(),
      site: await digestFiles([join(paths.content, 'site.yaml')]),
      locales: localeFingerprints,
    },
  };
}

/** Every file of a locale folder that can change its pages. */
const LOCALE_FILES = ['locale.yaml', 'translation.yaml', 'cities.yaml', 'glossary.txt'];

async function listDir(dir: string, what: string, show: (file: string) => string) {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new EditionError(`${what} folder does not exist`, {
      code: 'project/missing-folder',
      file: show(dir),
      hint: `create it, or point to it with --${what === 'content' ? 'content' : 'locales'} DIR`,
    });
  }
}

async function readSite(contentDir: string, show: (file: string) => string): Promise<Site> {
  const file = join(contentDir, 'site.yaml');
  const data = (await readYaml(file)) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new EditionError('site.yaml must be a map of settings', { code: 'site/invalid', file: show(file) });
  }
  const { url, sourceLocale = 'en' } = data as Record<string, unknown>;
  if (url !== undefined && (typeof url !== 'string' || !URL.canParse(url) || !url.endsWith('/'))) {
    throw new EditionError('url must be an absolute address ending in /', {
      code: 'site/invalid',
      file: show(file),
      field: 'url',
      hint: 'write url: "https://news.example.com/"',
    });
  }
  if (typeof sourceLocale !== 'string') {
    throw new EditionError('sourceLocale must be a locale code', { code: 'site/invalid', file: show(file), field: 'sourceLocale' });
  }
  return { url: url, sourceLocale };
}

async function readLocales(localesDir: string, show: (file: string) => string): Promise<LocaleConfig[]> {
  const locales: LocaleConfig[] = [];
  for (const entry of await listDir(localesDir, 'locales', show)) {
    if (!entry.isDirectory()) continue;
    const dir = join(localesDir, entry.name);
    const settingsFile = join(dir, 'locale.yaml');
    const settings = await readYaml(settingsFile);
    if (settings === undefined) {
      throw new EditionError('locale folder has no locale.yaml', {
        code: 'locale/missing-settings',
        file: show(dir),
        hint: 'copy locale.yaml from another locale folder and adapt it',
      });
    }
    const citiesFile = join(dir, 'cities.yaml');
    const stringsFile = join(dir, 'translation.yaml');
    locales.push(
      toLocaleConfig({
        code: entry.name,
        settings,
        settingsFile: show(settingsFile),
        cities: await readYaml(citiesFile),
        citiesFile: show(citiesFile),
        strings: (await readYaml(stringsFile)) ?? {},
        stringsFile: show(stringsFile),
      }),
    );
  }
  return locales;
}

async function listArticles(contentDir: string, show: (file: string) => string): Promise<ArticleSource[]> {
  return (await listDir(contentDir, 'content', show))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => ({ slug: entry.name.slice(0, -'.md'.length), file: show(join(contentDir, entry.name)) }));
}

/**
 * Slugs come from file names, and name pages and memory files. Two that
 * differ only in case or Unicode normalization (Story.md, story.md) are
 * one file on macOS and Windows checkouts and on many web servers: one
 * article's pages and translations would silently replace the other's.
 */
function refuseSlugCollisions(articles: ArticleSource[]): ArticleSource[] {
  const seen = new Map<string, ArticleSource>();
  for (const article of articles) {
    const key = article.slug.normalize('NFC').toLowerCase();
    const other = seen.get(key);
    if (other) {
      throw new EditionError(`its slug "${article.slug}" collides with ${other.file}`, {
        code: 'content/slug-collision',
        file: article.file,
        hint: 'rename one of the files: slugs that differ only in case name the same page and memory file on many systems',
      });
    }
    seen.set(key, article);
  }
  return articles;
}

/**
 * A memory folder for a locale that has no folder under locales/ (a locale
 * removed, a typo): its files are never read, so say so, but keep them.
 */
async function unconfiguredMemories(contentDir: string, locales: readonly LocaleConfig[], show: (file: string) => string): Promise<string[]> {
  const dir = join(contentDir, 'translations');
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && !locales.some((locale) => locale.code === entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((code) => `${show(join(dir, code))}: no locale "${code}" is configured (no locales/${code}/); its memory files are not used`);
}

function stampArticleFiles(source: ArticleSource, locales: readonly LocaleConfig[], cwd: string): Map<string, string> {
  const stamps = new Map<string, string>();
  for (const file of [source.file, ...locales.map((locale) => memoryFilePath(source.file, source.slug, locale.code))]) {
    const stat = statSync(join(cwd, file), { bigint: true, throwIfNoEntry: false });
    stamps.set(file, stat ? `${stat.size}:${stat.mtimeNs}:${stat.ino}` : 'absent');
  }
  return stamps;
}

async function readArticleFiles(source: ArticleSource, locales: readonly LocaleConfig[], cwd: string): Promise<ArticleFiles> {
  // Synchronous reads on purpose: a build reads thousands of small files one
  // after another, and a thread-pool round trip per file cost more than the
  // reads themselves.
  const text = readTextSync(join(cwd, source.file));
  const memories = new Map<string, string>();
  for (const locale of locales) {
    try {
      memories.set(locale.code, readTextSync(join(cwd, memoryFilePath(source.file, source.slug, locale.code))));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { source, text, memories };
}
