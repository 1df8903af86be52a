import { EditionError } from '../errors.js';
import type { LocaleConfig } from './locale.js';

/**
 * City names for datelines, seeded from CLDR's time-zone exemplar cities.
 *
 * Keys are English city names. CLDR leaves a name out where it is the same
 * as its root name, the one derived from the zone id: English states no
 * "Seoul", German no "Berlin". We follow that inheritance only where it
 * holds by construction: for a zone's own city, in a locale written in the
 * Latin script, like the root name. Anywhere else (a Korean, Arabic or
 * Russian edition, or a city that is not a zone's exemplar) a name the
 * locale does not state, in CLDR or in its own cities.yaml, is an error,
 * never a silent English fallback. The source locale writes cities by
 * their English key.
 */
export interface Gazetteer {
  /** The IANA zone of an English city name, if CLDR knows the city. */
  zoneOf(city: string): string | undefined;
  /** The city's name in a locale. */
  nameIn(city: string, locale: LocaleConfig): string | undefined;
}

export interface CldrCities {
  /** English exemplar names CLDR states (zone id → name), e.g. Europe/Kiev → Kyiv. */
  english: Record<string, string>;
  /** Every known zone id. */
  zones: readonly string[];
  /** CLDR locale → zone id → exemplar city it states. */
  exemplars: Record<string, Record<string, string>>;
}

export function createGazetteer(cldr: CldrCities): Gazetteer {
  const zoneByCity = new Map<string, string>();
  for (const zone of cldr.zones) {
    const city = ownString(cldr.english, zone) ?? zone.split('/').at(-1)!.replaceAll('_', ' ');
    if (!zoneByCity.has(city)) zoneByCity.set(city, zone);
  }
  return {
    zoneOf: (city) => zoneByCity.get(city),
    nameIn(city, locale) {
      // Own keys only: a city named "constructor" must not find Object's.
      const override = ownString(locale.cities, city);
      if (override) return override;
      const zone = zoneByCity.get(city);
      const exemplars = ownValue(cldr.exemplars, locale.cldr);
      const stated = zone === undefined || exemplars === undefined ? undefined : ownString(exemplars, zone);
      if (stated) return stated;
      if (locale.source) return city;
      return zone !== undefined && writesLatin(locale) ? city : undefined;
    },
  };
}

function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function ownString(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = ownValue(record, key);
  return typeof value === 'string' ? value : undefined;
}

export interface ResolvedDateline {
  /** The city's name in the locale. */
  city: string;
  timezone: string;
}

/** Resolve an article's dateline for one locale, or say exactly what is missing. */
export function resolveDateline(gazetteer: Gazetteer, dateline: { city: string; timezone?: string }, locale: LocaleConfig, where: { file: string; line?: number }): ResolvedDateline {
  const timezone = dateline.timezone ?? gazetteer.zoneOf(dateline.city);
  if (timezone === undefined) {
    throw new EditionError(`city "${dateline.city}" is not in the gazetteer and the dateline has no timezone`, {
      code: 'dateline/unknown-city',
      ...where,
      field: 'dateline.timezone',
      hint: 'add "timezone: Region/City" (an IANA zone) under dateline',
    });
  }
  const city = gazetteer.nameIn(dateline.city, locale);
  if (city === undefined) {
    throw new EditionError(`the gazetteer has no ${locale.code} name for "${dateline.city}"`, {
      code: 'dateline/unknown-city',
      ...where,
      field: 'dateline.city',
      hint: `add "${dateline.city}: <name in ${locale.code}>" to locales/${locale.code}/cities.yaml`,
    });
  }
  return { city, timezone };
}

const latin = new Map<string, boolean>();

/** Whether a locale is written in the Latin script, as CLDR's likely-subtags data says. */
function writesLatin(locale: LocaleConfig): boolean {
  let answer = latin.get(locale.intl);
  if (answer === undefined) {
    answer = new Intl.Locale(locale.intl).maximize().script === 'Latn';
    latin.set(locale.intl, answer);
  }
  return answer;
}
