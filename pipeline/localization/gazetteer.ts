import { createRequire } from 'node:module';
import type * as CityTimezones from 'city-timezones';
import { closestSpelling } from '../content/spelling.js';
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
  /**
   * The IANA zone of an English city name: CLDR's, else the newsroom
   * gazetteer's, else the one zone the city-timezones data gives the name.
   */
  zoneOf(city: string): string | undefined;
  /** The zone CLDR or the newsroom gazetteer gives a city, not the zone data's guess: the city a newsroom most likely means. */
  listedZone(city: string): string | undefined;
  /** Every zone the city-timezones data gives a name (several when cities share it). */
  candidateZones(city: string): readonly string[];
  /** The city's name in a locale. */
  nameIn(city: string, locale: LocaleConfig): string | undefined;
  /** How CLDR or the newsroom gazetteer writes a city named otherwise only in case (`seoul` → `Seoul`). */
  spellingOf(city: string): string | undefined;
  /** The city CLDR or the newsroom gazetteer knows that a name not found most likely misspells (`Seol` → `Seoul`). */
  nearestCity(city: string): string | undefined;
}

export interface CldrCities {
  /** English exemplar names CLDR states (zone id → name), e.g. Europe/Kiev → Kyiv. */
  english: Record<string, string>;
  /** Every known zone id. */
  zones: readonly string[];
  /** CLDR locale → zone id → exemplar city it states. */
  exemplars: Record<string, Record<string, string>>;
}

/** A frequent dateline CLDR does not know (locales/gazetteer.yaml): its zone where the data cannot tell it, and its names. */
export interface NewsroomCity {
  zone?: string | undefined;
  /** Locale code → name. */
  names: ReadonlyMap<string, string>;
}

/**
 * `newsroom` is called the first time a city CLDR does not know is looked
 * up, so a build whose datelines are all CLDR cities never reads it.
 */
export function createGazetteer(cldr: CldrCities, newsroomCities: () => ReadonlyMap<string, NewsroomCity> = () => new Map()): Gazetteer {
  let loaded: ReadonlyMap<string, NewsroomCity> | undefined;
  const newsroom = () => (loaded ??= newsroomCities());
  const zoneByCity = new Map<string, string>();
  for (const zone of cldr.zones) {
    const city = ownString(cldr.english, zone) ?? zone.split('/').at(-1)!.replaceAll('_', ' ');
    if (!zoneByCity.has(city)) zoneByCity.set(city, zone);
  }
  const candidateZones = (city: string) => datasetZones(city);
  // The names CLDR and the newsroom gazetteer write, for telling a misspelling: made on the first one.
  let listedNames: string[] | undefined;
  const names = () => (listedNames ??= [...zoneByCity.keys(), ...newsroom().keys()]);
  let byLowerCase: Map<string, string> | undefined;
  const listedZone = (city: string) => zoneByCity.get(city) ?? newsroom().get(city)?.zone;
  return {
    nearestCity: (city) => closestSpelling(city, names()),
    spellingOf(city) {
      if (zoneByCity.has(city) || newsroom().has(city)) return undefined;
      byLowerCase ??= new Map(names().map((known) => [known.toLowerCase(), known]));
      return byLowerCase.get(city.toLowerCase());
    },
    listedZone,
    zoneOf(city) {
      const known = listedZone(city);
      if (known !== undefined) return known;
      const zones = candidateZones(city);
      return zones.length === 1 ? zones[0] : undefined;
    },
    candidateZones,
    nameIn(city, locale) {
      // Own keys only: a city named "constructor" must not find Object's.
      const override = ownString(locale.cities, city);
      if (override) return override;
      const zone = zoneByCity.get(city);
      const exemplars = ownValue(cldr.exemplars, locale.cldr);
      const stated = zone === undefined || exemplars === undefined ? undefined : ownString(exemplars, zone);
      if (stated) return withoutNote(stated);
      // The newsroom gazetteer holds cities CLDR lacks: a CLDR city never needs it read.
      const press = zone === undefined ? newsroom().get(city)?.names.get(Intl.getCanonicalLocales(locale.code)[0]!) : undefined;
      if (press !== undefined) return press;
      if (locale.source) return city;
      return zone !== undefined && writesLatin(locale) ? city : undefined;
    },
  };
}

/**
 * A CLDR name without the note some locales add to tell two zones apart,
 * "Tripoli (Libye)", "Yangón (Rangún)", "Vevay [Indiana]": a dateline
 * names the city alone.
 */
function withoutNote(name: string): string {
  // Set off by a space: a parenthesis written against the name is part of its spelling (Burmese ရီဆိုလုပ်(တ်)).
  const bare = name.replace(/\s+(?:[(（][^()（）]*[)）]|\[[^[\]]*\])$/u, '');
  return bare === '' ? name : bare;
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
  const timezone = datelineZone(gazetteer, dateline, where);
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

/**
 * The time zone of an article's dateline: the one written, or the one the
 * gazetteer knows for the city; else an error that says whether the name
 * is unknown or names places in several zones (Springfield).
 */
export function datelineZone(gazetteer: Gazetteer, dateline: { city: string; timezone?: string | undefined }, where: { file: string; line?: number }): string {
  // Found in any case by the zone data, but named only as the gazetteer writes it: every edition but the source's would be held.
  const spelling = gazetteer.spellingOf(dateline.city);
  if (spelling !== undefined) {
    throw new EditionError(`city "${dateline.city}" is written "${spelling}" in the gazetteer`, {
      code: 'dateline/unknown-city',
      ...where,
      field: 'dateline.city',
      hint: `write city: ${spelling}`,
    });
  }
  const timezone = dateline.timezone ?? gazetteer.zoneOf(dateline.city);
  if (timezone !== undefined) return timezone;
  const candidates = gazetteer.candidateZones(dateline.city);
  if (candidates.length > 1) {
    throw new EditionError(`city "${dateline.city}" names places in several time zones (${candidates.join(', ')})`, {
      code: 'dateline/ambiguous-city',
      ...where,
      field: 'dateline.timezone',
      hint: `add "timezone: ${candidates[0]}" (or the zone of the place meant) under dateline`,
    });
  }
  // A slip of the keyboard (Seol, Kiev for Kyiv's CLDR name aside) is far likelier than a place no data knows.
  const near = gazetteer.nearestCity(dateline.city);
  if (near !== undefined) {
    throw new EditionError(`city "${dateline.city}" is not in the gazetteer`, {
      code: 'dateline/unknown-city',
      ...where,
      field: 'dateline.city',
      hint: `did you mean ${near}? For a place the gazetteer lacks, add "timezone: Region/City" (an IANA zone) under dateline`,
    });
  }
  throw new EditionError(`city "${dateline.city}" is not in the gazetteer and the dateline has no timezone`, {
    code: 'dateline/unknown-city',
    ...where,
    field: 'dateline.timezone',
    hint: 'add "timezone: Region/City" (an IANA zone) under dateline',
  });
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

const zonesByName = new Map<string, readonly string[]>();
let dataset: ((city: string) => readonly { timezone: string }[]) | undefined;

/**
 * The zones of the cities the city-timezones data lists under a name (about
 * 7,300 cities, case-insensitive). The data is loaded on the first dateline
 * CLDR and the newsroom gazetteer do not know, so commands that meet none
 * never pay for it.
 */
function datasetZones(city: string): readonly string[] {
  let zones = zonesByName.get(city);
  if (zones) return zones;
  dataset ??= (createRequire(import.meta.url)('city-timezones') as typeof CityTimezones).lookupViaCity;
  zones = [...new Set(dataset(city).map((match) => match.timezone))].sort();
  zonesByName.set(city, zones);
  return zones;
}

/** locales/gazetteer.yaml: English city name → optional zone and locale code → name. */
export function toNewsroomCities(data: unknown, file: string): Map<string, NewsroomCity> {
  const cities = new Map<string, NewsroomCity>();
  if (data === undefined || data === null) return cities;
  const fail = (message: string, field?: string) =>
    new EditionError(message, {
      code: 'locale/invalid',
      file,
      ...(field === undefined ? {} : { field }),
      hint: 'write each city as "Busan: {ko: 부산, ja: 釜山}", with "zone: Region/City" where needed',
    });
  if (typeof data !== 'object' || Array.isArray(data)) throw fail('the gazetteer must map English city names to their names');
  for (const [city, entry] of Object.entries(data)) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw fail(`city "${city}" must map locale codes to names`, city);
    const names = new Map<string, string>();
    let zone: string | undefined;
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value !== 'string' || value.trim() === '') throw fail(`${city}.${key} must be text`, `${city}.${key}`);
      if (key === 'zone') zone = assertZone(value, () => fail(`${city}.zone: "${value}" is not an IANA time zone`, `${city}.zone`));
      // A language tag is the same in any case: pt-br is the pt-BR folder's column.
      else
        names.set(
          canonicalTag(key, () => fail(`${city}.${key} is not a locale code`, `${city}.${key}`)),
          value,
        );
    }
    cities.set(city, { zone, names });
  }
  return cities;
}

function canonicalTag(code: string, error: () => EditionError): string {
  try {
    return Intl.getCanonicalLocales(code)[0]!;
  } catch {
    throw error();
  }
}

function assertZone(zone: string, error: () => EditionError): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw error();
  }
  return zone;
}
