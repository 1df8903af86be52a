import { publicationIn } from '../content/site.js';
import { createGazetteer, type Gazetteer } from '../localization/gazetteer.js';
import { createStrings, type Strings } from '../localization/i18n.js';
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
