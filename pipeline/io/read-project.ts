import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EditionError } from '../errors.js';
import type { Project } from '../bundle/project.js';
import type { Article } from '../content/article.js';
import { loadArticle } from '../content/load-article.js';
import { toLocaleConfig, type LocaleConfig } from '../localization/locale.js';
import { memoryFilePath, parseMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import type { Site } from '../render/site.js';
import { readCldrCities } from './read-cldr.js';
import { readText, readYaml } from './read-text.js';

export interface ProjectPaths {
  content: string;
  locales: string;
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
}

/** Read everything a build needs from disk. The only place the pipeline reads project files. */
export async function readProject(paths: ProjectPaths): Promise<Project> {
  const show = (file: string) => relative(paths.cwd, file) || file;
  const site = await readSite(paths.content, show);
  const locales = await readLocales(paths.locales, show);
  const articles = await readArticles(paths.content, show);
  const memories = await readMemories(articles, locales, paths, show);
  const cldr = await readCldrCities(locales.map((locale) => locale.cldr));
  return { site, locales, articles, memories, cldr };
}

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
  return { url: url as string | undefined, sourceLocale };
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

async function readArticles(contentDir: string, show: (file: string) => string): Promise<Article[]> {
  const articles: Article[] = [];
  for (const entry of await listDir(contentDir, 'content', show)) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = join(contentDir, entry.name);
    articles.push(loadArticle(await readText(file), show(file), entry.name.slice(0, -'.md'.length)));
  }
  return articles;
}

async function readMemories(
  articles: readonly Article[],
  locales: readonly LocaleConfig[],
  paths: ProjectPaths,
  show: (file: string) => string,
): Promise<Map<string, MemoryFile>> {
  const memories = new Map<string, MemoryFile>();
  for (const article of articles) {
    for (const locale of locales) {
      const file = memoryFilePath(article.file, article.slug, locale.code);
      let text: string;
      try {
        text = await readText(join(paths.cwd, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      memories.set(file, parseMemory(text, show(join(paths.cwd, file))));
    }
  }
  return memories;
}
