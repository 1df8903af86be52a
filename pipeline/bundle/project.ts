import type { Article } from '../content/article.js';
import type { LocaleConfig } from '../localization/locale.js';
import type { CldrCities } from '../localization/gazetteer.js';
import type { MemoryFile } from '../translation/memory/memory-file.js';
import type { Site } from '../render/site.js';

/** Everything a build reads, loaded by the CLI and handed in as data. */
export interface Project {
  site: Site;
  /** Every configured locale, the source locale first. */
  locales: LocaleConfig[];
  /** Articles sorted by slug. */
  articles: Article[];
  /** Translation memories by file path; a missing file is an empty memory. */
  memories: ReadonlyMap<string, MemoryFile>;
  cldr: CldrCities;
}
