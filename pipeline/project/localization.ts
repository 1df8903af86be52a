import { publicationIn } from '../content/site.js';
import { createGazetteer, type Gazetteer } from '../localization/gazetteer.js';
import { checkStrings, createStrings, templateProblems, type Strings } from '../localization/i18n.js';
import { EditionError, EditionErrors } from '../errors.js';
import { citiesFileOf } from '../localization/locale.js';
import { sourceLocaleOf, type Project } from './project.js';

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
 * What stops every build stops `check` and `status` too, before any page,
 * in the source locale and in each of `codes`: a UI string a locale lacks,
 * a template naming a variable edition does not give, a city a locale's
 * cities.yaml names in another case than the gazetteer (`seoul:` for
 * Seoul: looked up by the name articles write, it would never be found,
 * and every edition datelined there held "add it to cities.yaml" with the
 * line already in the file). Returns the strings, checked.
 */
export function checkedLocales(project: Pick<Project, 'locales' | 'site' | 'cldr' | 'newsroomCities'>, codes: readonly string[], gazetteer: Gazetteer = projectGazetteer(project)): Strings {
  const source = sourceLocaleOf(project);
  checkStrings(project.locales, source);
  const strings = projectStrings(project);
  const checked = project.locales.filter((locale) => locale === source || codes.includes(locale.code));
  const problems = checked.flatMap((locale) => templateProblems(strings, locale, source ?? locale).map((error) => ({ locale, error })));
  if (problems.length === 1) throw problems[0]!.error;
  if (problems.length > 1) {
    const locales = new Set(problems.map(({ locale }) => locale.code));
    const of = locales.size === 1 ? ` of ${[...locales][0]!}` : '';
    throw new EditionErrors(
      problems.map(({ error }) => error),
      `${problems.length} UI strings${of} name variables edition does not give`,
      'use only the variables each hint names',
    );
  }
  for (const locale of checked) {
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
  return strings;
}
