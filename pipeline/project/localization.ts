import { publicationIn } from '../content/site.js';
import { createGazetteer, type Gazetteer } from '../localization/gazetteer.js';
import { checkStrings, checkTemplates, createStrings, type Strings } from '../localization/i18n.js';
import { EditionError, EditionErrors } from '../errors.js';
import { citiesFileOf } from '../localization/locale.js';
import type { Project } from './project.js';

/**
 * The project's UI strings, with the newsroom's name from site.yaml where a
 * string asks for the publication. Every command that shows a page or a
 * dateline takes its strings from here, so a preview, the status dashboard
 * and the build say the same name.
 */
export function projectStrings(project: Pick<Project, 'locales' | 'site'>): Strings {
  return createStrings(project.locales, (code) => publicationIn(project.site, code));
}

/**
 * The project's dateline cities: CLDR's, and the newsroom's own gazetteer
 * (locales/gazetteer.yaml). Every command that decides or shows a dateline
 * takes it from here, so status, check and a preview know every city the
 * build knows.
 */
export function projectGazetteer(project: Pick<Project, 'cldr' | 'newsroomCities'>): Gazetteer {
  return createGazetteer(project.cldr, project.newsroomCities);
}

/**
 * What stops every build stops `check` and `status` too, before any page:
 * a UI string a locale lacks, a template naming a variable edition does
 * not give (in the source locale and in each of `codes`). Returns the
 * strings, checked.
 */
export function checkedStrings(project: Pick<Project, 'locales' | 'site'>, codes: readonly string[]): Strings {
  const source = project.locales.find((locale) => locale.code === project.site.sourceLocale);
  if (source) checkStrings(project.locales, source);
  const strings = projectStrings(project);
  const failed: EditionError[] = [];
  for (const locale of project.locales) {
    if (locale !== source && !codes.includes(locale.code)) continue;
    try {
      checkTemplates(strings, locale, source ?? locale);
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      failed.push(error);
    }
  }
  if (failed.length === 1) throw failed[0]!;
  if (failed.length > 1) {
    const errors = failed.flatMap((error) => (error instanceof EditionErrors ? error.errors : [error]));
    throw new EditionErrors(errors, `${errors.length} UI strings name variables edition does not give`, 'use only the variables each hint names');
  }
  return strings;
}

/**
 * A city a locale's cities.yaml names in another case than the gazetteer
 * (`washington:` for Washington) is looked up by the name articles write,
 * and never found: every edition datelined there would be held, "add it to
 * cities.yaml", with the line already in the file. Refused with the spelling.
 */
export function checkCityKeys(project: Pick<Project, 'locales' | 'site' | 'cldr' | 'newsroomCities'>, codes: readonly string[]): void {
  const gazetteer = projectGazetteer(project);
  for (const locale of project.locales) {
    if (locale.code !== project.site.sourceLocale && !codes.includes(locale.code)) continue;
    for (const key of Object.keys(locale.cities)) {
      const spelling = gazetteer.spellingOf(key);
      if (spelling === undefined) continue;
      throw new EditionError(`"${key}" is written "${spelling}" in the gazetteer, and articles name it so`, {
        code: 'locale/invalid',
        file: citiesFileOf(locale),
        field: key,
        hint: `write the line as ${spelling}: ...`,
      });
    }
  }
}
