import { lstatSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONTROL_CHARACTER_HINT, UNCLOSED_BIDI_HINT, findForbiddenCharacter, findUnclosedBidi } from '../content/characters.js';
import { EditionError } from '../errors.js';
import { sourceLocaleOf, type ArticleFiles, type ArticleSource, type Project, type UnownedMemory } from '../project/project.js';
import { toLocaleConfig, type LocaleConfig } from '../localization/locale.js';
import { toNewsroomCities, type NewsroomCity } from '../localization/gazetteer.js';
import { memoryFilePath } from '../translation/memory/memory-file.js';
import {
  DEFAULT_POLICY,
  FEED_ENTRIES,
  INDEX_ENTRIES,
  MAX_FEED_ENTRIES,
  MAX_INDEX_ENTRIES,
  REVIEW_STATES,
  type PublicationName,
  type PublishingPolicy,
  type PublishingSettings,
  type ReviewState,
  type Site,
} from '../content/site.js';
import { isRelativeFile } from '../content/assets.js';
import { isArticleName, SLUG } from '../content/article.js';
import { readCldrCities } from './read-cldr.js';
import { readTextSync, readYaml, readYamlSync } from './read-text.js';
import { digestFiles, pipelineFingerprint } from './fingerprint.js';
import { fileStamp, statStamp } from './file-stamp.js';

export interface ProjectPaths {
  content: string;
  locales: string;
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
}

/**
 * What is read of a project on demand, beyond the articles: the newsroom's
 * gazetteer and an article's linked files. A build's worker threads read
 * them through this too.
 */
export function projectReaders(paths: ProjectPaths): Required<Pick<Project, 'newsroomCities' | 'readAsset' | 'assetsRead'>> {
  const show = (file: string) => relative(paths.cwd, file) || file;
  const gazetteerFile = join(paths.locales, 'gazetteer.yaml');
  // Parsed only when a dateline CLDR does not know needs it: most builds never do.
  let newsroom: Map<string, NewsroomCity> | undefined;
  const assetsRead = new Map<string, string>();
  return {
    newsroomCities: () => (newsroom ??= toNewsroomCities(readYamlSync(gazetteerFile), show(gazetteerFile))),
    readAsset: async (articleFile, url) => readAssetFile(paths, articleFile, url, show, assetsRead),
    assetsRead,
  };
}

/**
 * Read what a build needs up front: site settings, locales, CLDR city
 * names and the list of articles. Articles and their memories are read one
 * at a time, when the build asks for them.
 */
export async function readProject(paths: ProjectPaths): Promise<Project> {
  const show = (file: string) => relative(paths.cwd, file) || file;
  const gazetteerFile = join(paths.locales, 'gazetteer.yaml');
  // Small files in three folders and the install: read at once rather than one
  // round trip after another, which was most of a no-op build's start. Awaited
  // in this order, so the error reported is the same whichever read ends first.
  const [site, locales, listed, pipeline, siteDigest] = await inOrder([
    readSite(paths.content, show),
    readLocales(paths.locales, show),
    listArticles(paths.content, show),
    pipelineFingerprint(),
    Promise.all([digestFiles(paths.content, [join(paths.content, 'site.yaml')]), digestFiles(paths.locales, [gazetteerFile])] as const),
  ] as const);
  refuseUnknownLocales(site, locales);
  const articles = refuseSlugCollisions(listed.articles);
  const inside = insideFolder(paths.content, show);
  refuseMemoryFolderLinks(paths.content, locales, inside);
  const [unconfigured, unowned, cldr, localeDigests] = await inOrder([
    unconfiguredMemories(paths.content, locales, show),
    unownedMemories(paths.content, locales, articles, show),
    readCldrCities(locales.map((locale) => ({ cldr: locale.cldr, file: locale.files?.settings }))),
    Promise.all(
      locales.map((locale) =>
        digestFiles(
          paths.locales,
          LOCALE_FILES.map((name) => join(paths.locales, locale.code, name)),
        ),
      ),
    ),
  ] as const);
  const localeFingerprints = Object.create(null) as Record<string, string>;
  for (const [index, locale] of locales.entries()) localeFingerprints[locale.code] = localeDigests[index]!;
  const { newsroomCities, readAsset, assetsRead } = projectReaders(paths);
  return {
    site,
    locales,
    articles,
    cldr,
    newsroomCities,
    warnings: [...listed.warnings, ...unconfigured, ...unowned.map(unownedMemoryWarning)],
    unowned,
    readArticle: (source) => readArticleFiles(source, locales, paths.cwd, inside),
    stampArticle: stampArticleFiles(locales, paths.cwd),
    readAsset,
    assetsRead,
    fingerprints: {
      pipeline,
      site: siteDigest[0],
      gazetteer: siteDigest[1],
      locales: localeFingerprints,
    },
  };
}

/**
 * Promises started together, awaited one after another: every one is
 * waited for (none left to fail unheard), and the first of them in the
 * list that failed is the error, as if they had run in sequence.
 */
async function inOrder<T extends readonly unknown[]>(started: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(started);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Every file of a locale folder that can change its pages. */
const LOCALE_FILES = ['locale.yaml', 'translation.yaml', 'cities.yaml', 'glossary.txt'];

async function listDir(dir: string, what: string, show: (file: string) => string) {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const option = `--${what === 'content' ? 'content' : 'locales-dir'}`;
    // Run from inside the project (its content/ folder, say): say where the project is, as git would find it.
    const project = projectAbove(dirname(dir));
    throw new EditionError(`${what} folder does not exist`, {
      code: 'project/missing-folder',
      file: show(dir),
      hint:
        project === undefined
          ? `create it, or point to it with ${option} DIR`
          : `run edition in ${show(project) || '.'}, the project folder above (it has content/ and locales/), or point to this one with ${option} DIR`,
    });
  }
}

/** The nearest folder above `from` that holds both content/ and locales/: a project edition could have been run in. */
export function projectAbove(from: string): string | undefined {
  for (let folder = dirname(from); folder !== dirname(folder); folder = dirname(folder)) {
    if (isFolder(join(folder, 'content')) && isFolder(join(folder, 'locales'))) return folder;
  }
  return undefined;
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

async function readSite(contentDir: string, show: (file: string) => string): Promise<Site> {
  const file = join(contentDir, 'site.yaml');
  const data = (await readYaml(file)) ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new EditionError('site.yaml must be a map of settings', { code: 'site/invalid', file: show(file) });
  }
  // A misspelt setting would otherwise be ignored, and the site built with its default.
  const unknown = Object.keys(data).find((key) => !SITE_SETTINGS.includes(key));
  if (unknown !== undefined) {
    throw new EditionError(`"${unknown.slice(0, 60)}" is not a site setting`, {
      code: 'site/invalid',
      file: show(file),
      field: unknown.slice(0, 60),
      hint: `the settings are ${SITE_SETTINGS.join(', ')}`,
    });
  }
  const { url, sourceLocale = 'en', name } = data as Record<string, unknown>;
  if (url !== undefined && !isSiteUrl(url)) {
    throw new EditionError('url must be an http or https address ending in /, without ?query, #fragment or user name', {
      code: 'site/invalid',
      file: show(file),
      field: 'url',
      hint: 'write url: "https://news.example.com/"',
    });
  }
  if (typeof sourceLocale !== 'string') {
    throw new EditionError('sourceLocale must be a locale code', { code: 'site/invalid', file: show(file), field: 'sourceLocale' });
  }
  const publication = name === undefined ? undefined : publicationName(name, show(file));
  if (typeof publication === 'object' && !publication.has(sourceLocale)) {
    throw new EditionError(`name gives no name for the source locale ${sourceLocale}`, {
      code: 'site/invalid',
      file: show(file),
      field: 'name',
      hint: `add ${sourceLocale}: "..." under name; other locales without a name use it`,
    });
  }
  const theme: Record<string, string> = {};
  for (const field of ['stylesheet', 'logo'] as const) {
    const value = (data as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isRelativeFile(value)) {
      throw new EditionError(`${field} must be a path relative to the content folder`, {
        code: 'site/invalid',
        file: show(file),
        field,
        hint: `write ${field}: "${field === 'logo' ? 'logo.svg' : 'site.css'}"`,
      });
    }
    // A page shows the logo in <img> and loads the stylesheet as CSS: another kind of file would show nothing, or be served as a page.
    if (!THEME_FILES[field].test(value)) {
      throw new EditionError(`${field} "${value}" is not ${field === 'logo' ? 'an image' : 'a stylesheet'}`, {
        code: 'site/invalid',
        file: show(file),
        field,
        hint: field === 'logo' ? 'use an .svg, .png, .jpg, .gif, .webp or .avif file' : 'use a .css file',
      });
    }
    theme[field] = value;
  }
  const publishing = readPublishing((data as Record<string, unknown>)['publishing'], show(file));
  const feedEntries = entryCount(data, 'feedEntries', MAX_FEED_ENTRIES, `how many of its newest articles each feed carries; ${FEED_ENTRIES} when absent`, show(file));
  const indexEntries = entryCount(data, 'indexEntries', MAX_INDEX_ENTRIES, `how many articles each page of a locale's list of stories shows; ${INDEX_ENTRIES} when absent`, show(file));
  return {
    url: url,
    sourceLocale,
    file: show(file),
    ...theme,
    ...(publication === undefined ? {} : { name: publication }),
    ...(publishing ? { publishing } : {}),
    ...(feedEntries === undefined ? {} : { feedEntries }),
    ...(indexEntries === undefined ? {} : { indexEntries }),
  };
}

/** A count of site.yaml (`feedEntries`, `indexEntries`): a whole number from 1 to `max`, or absent. */
function entryCount(data: object, field: 'feedEntries' | 'indexEntries', max: number, hint: string, file: string): number | undefined {
  const value = (data as Record<string, unknown>)[field];
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) {
    throw new EditionError(`${field} must be a whole number from 1 to ${max}`, { code: 'site/invalid', file, field, hint });
  }
  return value;
}

const THEME_FILES = { logo: /\.(?:svg|png|jpe?g|gif|webp|avif)$/iu, stylesheet: /\.css$/iu };

const SITE_SETTINGS = ['url', 'sourceLocale', 'name', 'stylesheet', 'logo', 'publishing', 'feedEntries', 'indexEntries'];

/**
 * A locale code in site.yaml (a name, a publishing override) that names no
 * locale folder is a typo: `zh` for zh-CN, `zh-cn` for zh-CN. Ignored, it
 * would leave that locale with the default name, or publish what its
 * policy holds back.
 */
function refuseUnknownLocales(site: Site, locales: readonly LocaleConfig[]): void {
  const codes = locales.map((locale) => locale.code);
  // Every command needs the source: without its folder, review took a target for it and check called English a target.
  sourceLocaleOf({ site, locales });
  // A locale.yaml copied from the source's keeps its `source: true`: that locale would then print dateline cities in English
  // where it has no name of its own, without a word. Only the locale site.yaml names is the source.
  const copied = locales.find((locale) => locale.source && locale.code !== site.sourceLocale);
  if (copied !== undefined) {
    throw new EditionError(`source: true, but the articles are written in ${site.sourceLocale}, not ${copied.code}`, {
      code: 'locale/invalid',
      ...(copied.files?.settings === undefined ? {} : { file: copied.files.settings }),
      field: 'source',
      hint: `delete the line: only the locale the articles are written in (sourceLocale: ${site.sourceLocale} in site.yaml) is the source`,
    });
  }
  for (const locale of locales) locale.source = locale.code === site.sourceLocale;
  const named = [
    ...(typeof site.name === 'object' ? [...site.name.keys()].map((code) => [code, `name.${code}`] as const) : []),
    ...[...(site.publishing?.locales.keys() ?? [])].map((code) => [code, `publishing.locales.${code}`] as const),
  ];
  for (const [code, field] of named) {
    if (codes.includes(code)) continue;
    const near = codes.find((known) => known.toLowerCase() === code.toLowerCase() || known.split('-')[0] === code);
    throw new EditionError(`no locale "${code.slice(0, 40)}" is configured`, {
      code: 'site/invalid',
      ...(site.file === undefined ? {} : { file: site.file }),
      field: field.slice(0, 80),
      hint: near === undefined ? `the locales are ${codes.join(', ')} (the folders under locales/)` : `did you mean ${near}? The locales are the folders under locales/`,
    });
  }
}

const NAME_HINT = 'write name: "The Daily Example", or a map of locale code to name (en: "The Daily Example", ko: "데일리 이그잼플")';

/** site.yaml's `name`: one name, or locale code → name. */
function publicationName(value: unknown, file: string): PublicationName {
  const fail = (message: string, field = 'name') => new EditionError(message, { code: 'site/invalid', file, field, hint: NAME_HINT });
  // The name goes into every page's masthead and window title and every feed's title, as front-matter text does: the same characters are refused.
  const checked = (text: string, field: string): string => {
    const control = findForbiddenCharacter(text);
    if (control) throw new EditionError(`${field} contains the control character ${control.name}`, { code: 'site/invalid', file, field, hint: CONTROL_CHARACTER_HINT });
    const unclosed = findUnclosedBidi(text);
    if (unclosed) {
      throw new EditionError(`${field} opens the bidirectional control ${unclosed.name} and does not close it`, {
        code: 'site/invalid',
        file,
        field,
        hint: UNCLOSED_BIDI_HINT,
      });
    }
    return text;
  };
  if (typeof value === 'string') {
    if (value.trim() === '') throw fail('name is empty');
    return checked(value, 'name');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail('name must be text or a map of locale code to name');
  const names = new Map<string, string>();
  for (const [code, text] of Object.entries(value)) {
    if (typeof text !== 'string' || text.trim() === '') throw fail(`name for ${code} must be text`, `name.${code}`);
    names.set(code, checked(text, `name.${code}`));
  }
  return names;
}

/**
 * site.yaml's `publishing:` map: the site's policy and per-locale overrides
 * under `locales:`. Every key is checked, so a typo is an error rather than
 * a policy silently left at its default.
 */
function readPublishing(data: unknown, file: string): PublishingSettings | undefined {
  if (data === undefined || data === null) return undefined;
  const invalid = (field: string, what: string, hint: string): never => {
    throw new EditionError(`${field} ${what}`, { code: 'site/invalid', file, field, hint });
  };
  const policy = (value: unknown, field: string): Partial<PublishingPolicy> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(field, 'must be a map of settings', 'write e.g. "unreviewedMachine: false"');
    const result: { unreviewedMachine?: boolean; humanState?: ReviewState } = {};
    for (const [key, setting] of Object.entries(value)) {
      if (key === 'locales' && field === 'publishing') continue;
      if (key === 'unreviewedMachine') {
        if (typeof setting !== 'boolean') invalid(`${field}.${key}`, 'must be true or false', 'true publishes machine translations nobody reviewed, with their disclosure');
        result.unreviewedMachine = setting as boolean;
      } else if (key === 'humanState') {
        if (!REVIEW_STATES.includes(setting as ReviewState))
          invalid(`${field}.${key}`, `must be one of ${REVIEW_STATES.join(', ')}`, 'the lowest review state a human translation needs to be published');
        result.humanState = setting as ReviewState;
      } else {
        invalid(
          `${field}.${key.slice(0, 60)}`,
          'is not a publishing setting',
          `the settings are unreviewedMachine and humanState${field === 'publishing' ? ', and locales for per-locale overrides' : ''}`,
        );
      }
    }
    return result;
  };
  const site = policy(data, 'publishing');
  const locales = new Map<string, Partial<PublishingPolicy>>();
  const overrides = (data as Record<string, unknown>)['locales'];
  if (overrides !== undefined && overrides !== null) {
    if (typeof overrides !== 'object' || Array.isArray(overrides)) invalid('publishing.locales', 'must map locale codes to settings', 'write e.g. "ko: { unreviewedMachine: false }"');
    for (const [code, value] of Object.entries(overrides as Record<string, unknown>)) locales.set(code, policy(value, `publishing.locales.${code.slice(0, 60)}`));
  }
  return { ...DEFAULT_POLICY, ...site, locales };
}

/**
 * Every page's links start with the site url, so a `javascript:` or
 * `file:` url would publish a script or a local path in each of them, and
 * a query or fragment would be cut off the page names appended to it.
 */
function isSiteUrl(url: unknown): url is string {
  if (typeof url !== 'string' || !URL.canParse(url) || /[?#\s]/u.test(url) || !url.endsWith('/')) return false;
  const parsed = new URL(url);
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
}

async function readLocales(localesDir: string, show: (file: string) => string): Promise<LocaleConfig[]> {
  const folders = (await listDir(localesDir, 'locales', show)).filter((entry) => entry.isDirectory());
  return inOrder(folders.map((entry) => readLocale(join(localesDir, entry.name), entry.name, show)));
}

async function readLocale(dir: string, code: string, show: (file: string) => string): Promise<LocaleConfig> {
  const settingsFile = join(dir, 'locale.yaml');
  const citiesFile = join(dir, 'cities.yaml');
  const stringsFile = join(dir, 'translation.yaml');
  const others = inOrder([readYaml(citiesFile), readYaml(stringsFile)] as const);
  // Their errors come second to the settings' own: heard here, thrown below.
  others.catch(() => undefined);
  const settings = await readYaml(settingsFile);
  if (settings === undefined) {
    throw new EditionError('locale folder has no locale.yaml', {
      code: 'locale/missing-settings',
      file: show(dir),
      hint: 'copy locale.yaml from another locale folder and adapt it',
    });
  }
  const [cities, strings] = await others;
  return toLocaleConfig({
    code,
    settings,
    settingsFile: show(settingsFile),
    cities,
    citiesFile: show(citiesFile),
    strings: strings ?? {},
    stringsFile: show(stringsFile),
  });
}

async function listArticles(contentDir: string, show: (file: string) => string): Promise<{ articles: ArticleSource[]; warnings: string[] }> {
  const entries = await listDir(contentDir, 'content', show);
  const inside = insideFolder(contentDir, show);
  const articles: ArticleSource[] = [];
  const warnings: string[] = [];
  for (const entry of entries) {
    if (!entry.name.endsWith('.md')) {
      const skipped = await unreadMarkdown(contentDir, entry);
      if (skipped) warnings.push(`${show(join(contentDir, entry.name))}: ${skipped}`);
      continue;
    }
    const path = join(contentDir, entry.name);
    // Editors' lock and backup files (.#story.md, ._story.md) are no articles.
    if (entry.name.startsWith('.')) {
      warnings.push(`${show(contentDir)}: ${printable(entry.name)} is a hidden file (its name starts with a dot), not an article; skipped`);
      continue;
    }
    if (entry.isSymbolicLink()) {
      if (!statSync(inside(path)).isFile()) continue;
    } else if (!entry.isFile()) continue;
    const slug = entry.name.slice(0, -'.md'.length);
    if (!SLUG.test(slug)) {
      throw new EditionError(`article file name ${printable(entry.name)} cannot be a page name`, {
        code: 'content/file-name',
        file: show(contentDir),
        hint: 'rename it with letters a-z and A-Z, digits, ".", "_" and "-", starting with a letter or digit (e.g. trade-talks-end.md)',
      });
    }
    if (!isArticleName(slug)) {
      throw new EditionError(`article file name ${printable(entry.name)} is taken by each locale's list of stories (index.html)`, {
        code: 'content/file-name',
        file: show(contentDir),
        hint: 'rename the article after its story (e.g. trade-talks-end.md)',
      });
    }
    articles.push({ slug, file: show(path) });
  }
  return { articles, warnings };
}

/** A file name as a message may print it: every invisible or control character as U+XXXX. */
function printable(name: string): string {
  return JSON.stringify(name.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
}

/**
 * Returns a check that a path, once its symbolic links are followed, stays
 * in `folder`: a link out of the content folder would make a build read
 * (and print parse errors from) any file, or write memory files anywhere.
 * The check returns the real path, for the check only: messages name the path as given.
 */
function insideFolder(folder: string, show: (file: string) => string): (path: string) => string {
  const root = realpathSync(folder);
  return (path) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Listed a moment ago, the file itself may be gone since (renamed or deleted while a preview reads the folder).
      if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw vanished(show(path));
      throw new EditionError('is a symbolic link to nothing', { code: 'content/symlink', file: show(path), hint: 'remove the link, or put the file itself in its place' });
    }
    if (real !== root && !real.startsWith(root + sep)) {
      throw new EditionError('is a symbolic link that leads out of the content folder', {
        code: 'content/symlink',
        file: show(path),
        hint: 'copy the file into the content folder instead of linking to it',
      });
    }
    return real;
  };
}

/** The memory folders a build writes into must be real folders of the content folder (or links within it). */
function refuseMemoryFolderLinks(contentDir: string, locales: readonly LocaleConfig[], inside: (path: string) => string): void {
  for (const path of [join(contentDir, 'translations'), ...locales.map((locale) => join(contentDir, 'translations', locale.code))]) {
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) inside(path);
  }
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

/** Other spellings of Markdown files (story.MD, story.markdown): a newsroom expects them published. */
const MARKDOWN = /\.(?:md|markdown|mdown|mkdn?|mkd)$/iu;

/**
 * Why a Markdown file in or under the content folder is not published
 * (articles are `content/<slug>.md`, at its top), or undefined: a story
 * filed in a section folder or saved as `.MD` would otherwise vanish
 * without a word. Only the folder's own files are looked at, not deeper.
 */
async function unreadMarkdown(contentDir: string, entry: Dirent): Promise<string | undefined> {
  if (entry.name.startsWith('.')) return undefined;
  if (entry.isFile() && MARKDOWN.test(entry.name)) return `not read as an article: articles are content/<slug>.md, ending in lower-case .md; rename it to publish it`;
  if (!entry.isDirectory() || entry.name === 'translations') return undefined;
  let names: string[];
  try {
    names = await readdir(join(contentDir, entry.name));
  } catch {
    return undefined;
  }
  const stories = names.filter((name) => MARKDOWN.test(name) && !name.startsWith('.')).sort();
  if (stories.length === 0) return undefined;
  const listed = `${stories.slice(0, 3).join(', ')}${stories.length > 3 ? ` and ${stories.length - 3} more` : ''}`;
  return `holds Markdown files (${listed}) that are not read as articles: articles are content/<slug>.md, at the top of the content folder; move them there to publish them`;
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
  const unknown = entries
    .filter((entry) => entry.isDirectory() && !locales.some((locale) => locale.code === entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const code of unknown) {
    // pt-br for pt-BR: its translations would be found nowhere, held as missing, and paid for again by a DeepL build.
    const meant = locales.find((locale) => locale.code.toLowerCase() === code.toLowerCase());
    if (meant) {
      throw new EditionError(`the memory folder of ${meant.code} is named "${code}"`, {
        code: 'memory/invalid',
        file: show(join(dir, code)),
        hint: `rename it ${meant.code}, as the locale's folder is named (a case-insensitive disk finds it; CI would not)`,
      });
    }
  }
  return unknown.map((code) => `${show(join(dir, code))}: no locale "${code}" is configured (no locales/${code}/); its memory files are not used`);
}

/**
 * Memory files of a slug no article has: an article renamed (its memory
 * left under the old name) or deleted. Nothing reads them, so its
 * editions are held as untranslated, and a DeepL build would pay to
 * replace human translations: say so, naming the files, but keep them.
 */
async function unownedMemories(contentDir: string, locales: readonly LocaleConfig[], articles: readonly ArticleSource[], show: (file: string) => string): Promise<UnownedMemory[]> {
  const slugs = new Set(articles.map((article) => article.slug));
  const unowned = new Map<string, string[]>();
  for (const locale of locales) {
    let names: string[];
    try {
      names = await readdir(join(contentDir, 'translations', locale.code));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const slug = name.slice(0, -'.json'.length);
      if (slugs.has(slug)) continue;
      const codes = unowned.get(slug) ?? [];
      codes.push(locale.code);
      unowned.set(slug, codes);
    }
  }
  return [...unowned.keys()].sort().map((slug) => {
    const article = show(join(contentDir, `${slug}.md`));
    return { article, files: unowned.get(slug)!.map((locale) => ({ locale, file: memoryFilePath(article, slug, locale) })) };
  });
}

/** What a build and check say of an article's memory files left without their article. */
export function unownedMemoryWarning(unowned: UnownedMemory): string {
  const { article, files } = unowned;
  // File names are printed through terminalSafe, as every warning is.
  if (files.length === 1) return `${files[0]!.file}: no article ${article}, so its translations are used nowhere; ${UNOWNED_HINT}`;
  const pattern = files[0]!.file.replace(`/${files[0]!.locale}/`, '/<locale>/');
  return `memory files of ${article} in ${files.map(({ locale }) => locale).join(', ')} (${pattern}): no such article, so their translations are used nowhere; ${UNOWNED_HINT}`;
}

export const UNOWNED_HINT = 'if the article was renamed, run `edition rename OLD NEW` (it moves the memory files and the name they record), before anything translates it again';

/** Stamps of an article's files: the article, then its memory in each locale. */
function stampArticleFiles(locales: readonly LocaleConfig[], cwd: string): (source: ArticleSource) => Map<string, string> {
  const codes = locales.map((locale) => locale.code);
  return (source) => {
    const stamps = new Map<string, string>([[source.file, fileStamp(join(cwd, source.file))]]);
    for (const code of codes) {
      const file = memoryFilePath(source.file, source.slug, code);
      stamps.set(file, fileStamp(join(cwd, file)));
    }
    return stamps;
  };
}

/** The largest file an article may link: more is almost surely a mistake (a video master, a disk image). */
const MAX_ASSET_BYTES = 64 * 1024 * 1024;

/**
 * A file an article links, resolved from the article's folder. Anything
 * that resolves outside the content folder (`../../secret`, a symbolic
 * link out of it) counts as absent: a build never publishes files the
 * content folder does not hold.
 */
function readAssetFile(paths: ProjectPaths, articleFile: string, url: string, show: (file: string) => string, read: Map<string, string>): Uint8Array | undefined {
  let file: string;
  let root: string;
  const linked = resolve(dirname(resolve(paths.cwd, articleFile)), decodeURI(url));
  try {
    file = realpathSync(linked);
    root = realpathSync(paths.content);
  } catch {
    return undefined;
  }
  if (!file.startsWith(`${root}${sep}`)) {
    // Never read (a build must not publish what lies outside the project), and named as such: it may well exist.
    throw new EditionError(`links "${url}", which leads out of the content folder`, {
      code: 'content/symlink',
      file: articleFile,
      hint: 'copy the file into the content folder and link the copy',
    });
  }
  const stat = statSync(file, { bigint: true });
  if (!stat.isFile()) return undefined;
  // Stamped before it is read: an edit while the build runs shows as a change next time. By the path the article
  // links too, when a symbolic link leads from it: repointed, it names another file with no change to either.
  read.set(file, statStamp(stat));
  if (linked !== file) read.set(linked, statStamp(stat));
  if (stat.size > BigInt(MAX_ASSET_BYTES)) {
    // Named by the article that links it: that is the file to change.
    throw new EditionError(`links "${url}" (${show(file)}), which is ${stat.size} bytes, more than the ${MAX_ASSET_BYTES} an article may link`, {
      code: 'content/too-large',
      file: articleFile,
      hint: 'link a smaller file, or host it elsewhere and link its URL',
    });
  }
  return readFound(file, show(file), (path) => readFileSync(path));
}

async function readArticleFiles(source: ArticleSource, locales: readonly LocaleConfig[], cwd: string, inside: (path: string) => string): Promise<ArticleFiles> {
  // Synchronous reads on purpose: a build reads thousands of small files one
  // after another, and a thread-pool round trip per file cost more than the
  // reads themselves.
  const articleFile = join(cwd, source.file);
  inside(articleFile);
  const text = readFound(articleFile, source.file, readTextSync);
  const memories = new Map<string, string>();
  for (const locale of locales) {
    const memoryFile = memoryFilePath(source.file, source.slug, locale.code);
    const file = join(cwd, memoryFile);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) inside(file);
    if (stat) memories.set(locale.code, readFound(file, memoryFile, readTextSync));
  }
  return { source, text, memories };
}

/** Read a file found a moment ago: gone since (a rename, a checkout, a save by rename) is an error to run again on, not a crash. */
function readFound<T>(file: string, shown: string, read: (file: string) => T): T {
  try {
    return read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw vanished(shown);
    throw error;
  }
}

function vanished(shown: string): EditionError {
  return new EditionError('is gone: deleted or renamed while edition read the folder', { code: 'content/vanished', file: shown, hint: 'run the command again' });
}
