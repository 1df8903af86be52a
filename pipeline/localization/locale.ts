import { EditionError } from '../errors.js';
import { typographyRules } from './typography.js';

/** Intl.DateTimeFormat options a locale may set for its dates. */
export interface DateParts {
  year?: 'numeric' | '2-digit';
  month?: 'numeric' | '2-digit' | 'long' | 'short' | 'narrow';
  day?: 'numeric' | '2-digit';
  weekday?: 'long' | 'short' | 'narrow';
}

/**
 * One locale's settings, from locales/<lng>/locale.yaml. Everything that
 * differs between editions is data here or in the locale's i18next
 * strings, never a branch in code.
 */
export interface LocaleConfig {
  /** Folder name and BCP 47 tag: `ko`, `zh-CN`. */
  code: string;
  /** The language's name in itself, for the language switcher. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Locale tag handed to Intl for dates. */
  intl: string;
  /** Pinned so an ICU update cannot bring other digits or another era. */
  calendar: string;
  numberingSystem: string;
  /** CLDR locale whose exemplar city names seed this locale's gazetteer. */
  cldr: string;
  /** Open Graph locale, e.g. `ko_KR`. */
  ogLocale: string;
  /** The full date beside the dateline and in lists. */
  dateFormat: DateParts;
  /** The date inside the dateline, for templates that use {{date}}. */
  datelineDateFormat: DateParts;
  /** The locale the articles are written in. */
  source: boolean;
  /**
   * Month names that replace Intl's long names, January first, where the
   * locale's press writes them otherwise (Arabic "يونيو/حزيران").
   */
  monthNames?: readonly string[] | undefined;
  /** The same for Intl's short names (`month: short`), where the press abbreviates otherwise (EFE's "sep" for "sept"). */
  shortMonthNames?: readonly string[] | undefined;
  /** Days of the month written otherwise than as their number, by number (French "1er juillet", where Intl writes "1 juillet"). */
  dayForms?: ReadonlyMap<number, string> | undefined;
  /** Font families for its script, put first in its pages' font stack ("Noto Sans Arabic"). */
  fonts?: readonly string[] | undefined;
  /** Names of the typography rules its pages follow (localization/typography.ts). */
  typography?: readonly string[] | undefined;
  /** City names that override CLDR's (English name → local name). */
  cities: Record<string, string>;
  /** i18next resources (namespace `translation`). */
  strings: Record<string, unknown>;
  /** Its files as messages name them (under `--locales-dir`); `locales/<code>/…` when absent. */
  files?: { settings: string; strings: string } | undefined;
}

const DATE_PART_VALUES: Record<keyof DateParts, readonly string[]> = {
  year: ['numeric', '2-digit'],
  month: ['numeric', '2-digit', 'long', 'short', 'narrow'],
  day: ['numeric', '2-digit'],
  weekday: ['long', 'short', 'narrow'],
};

export interface LocaleFiles {
  code: string;
  /** Parsed locale.yaml and its path. */
  settings: unknown;
  settingsFile: string;
  cities: unknown;
  citiesFile: string;
  strings: unknown;
  stringsFile: string;
}

/** Validate one locale folder's parsed files into a LocaleConfig. */
export function toLocaleConfig(files: LocaleFiles): LocaleConfig {
  const file = files.settingsFile;
  // The folder's name is the language tag pages carry (lang, hreflang): it must be one.
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(files.code);
  } catch {
    throw new EditionError(`locale folder "${files.code}" is not a BCP 47 language tag`, {
      code: 'locale/invalid',
      file: file.replace(/[\\/][^\\/]*$/u, ''),
      hint: 'name the folder with a tag such as pt-BR or zh-Hant (a hyphen, not an underscore)',
    });
  }
  // i18next files strings under the tag's canonical case: a folder named pt-br would find none of its own.
  if (canonical !== files.code) {
    throw new EditionError(`locale folder "${files.code}" is not written as the tag is written`, {
      code: 'locale/invalid',
      file: file.replace(/[\\/][^\\/]*$/u, ''),
      hint: `rename the folder ${canonical} (and its translations folder and any site.yaml entry with it)`,
    });
  }
  const settings = asRecord(files.settings, file, 'locale.yaml must be a map of settings');
  // A misspelt setting would otherwise be ignored, and the locale built with a default in its place.
  const unknown = Object.keys(settings).filter((key) => !SETTINGS.has(key));
  if (unknown.length > 0) {
    throw new EditionError(`unknown locale setting${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}`, {
      code: 'locale/invalid',
      file,
      field: unknown[0]!,
      hint: `the settings are ${[...SETTINGS].join(', ')}`,
    });
  }
  const text = (field: string, fallback?: string): string => {
    const value = settings[field] ?? fallback;
    if (typeof value !== 'string' || value === '') {
      throw new EditionError(`locale setting "${field}" is missing or not text`, {
        code: 'locale/invalid',
        file,
        field,
        hint: `add "${field}: ..." to ${file}`,
      });
    }
    return value;
  };
  // Without dir, the direction of the language the folder names (its script): a Hebrew or Persian locale is never published left to right for want of a line.
  const dir = text('dir', directionOf(files.code));
  if (dir !== 'ltr' && dir !== 'rtl') {
    throw new EditionError(`dir must be ltr or rtl, not "${dir}"`, { code: 'locale/invalid', file, field: 'dir' });
  }
  const config: LocaleConfig = {
    code: files.code,
    name: text('name'),
    dir,
    intl: text('intl', files.code),
    calendar: text('calendar'),
    numberingSystem: text('numberingSystem'),
    cldr: text('cldr', files.code),
    ogLocale: text('ogLocale'),
    dateFormat: dateParts(settings['dateFormat'], file, 'dateFormat'),
    datelineDateFormat: dateParts(settings['datelineDateFormat'] ?? settings['dateFormat'], file, 'datelineDateFormat'),
    source: settings['source'] === true,
    ...(settings['monthNames'] === undefined ? {} : { monthNames: monthNames(settings['monthNames'], file, 'monthNames') }),
    ...(settings['shortMonthNames'] === undefined ? {} : { shortMonthNames: monthNames(settings['shortMonthNames'], file, 'shortMonthNames') }),
    ...(settings['dayForms'] === undefined ? {} : { dayForms: dayForms(settings['dayForms'], file) }),
    ...(settings['fonts'] === undefined ? {} : { fonts: fontFamilies(settings['fonts'], file) }),
    ...(settings['typography'] === undefined ? {} : { typography: typographyRules(settings['typography'], file) }),
    cities: stringMap(files.cities ?? {}, files.citiesFile),
    strings: uiStrings(files.strings, files.stringsFile),
    files: { settings: file, strings: files.stringsFile },
  };
  // Month names and day forms replace Intl's by the Gregorian month's and day's number: under another calendar they would name the wrong one.
  const gregorian = config.monthNames ? 'monthNames' : config.shortMonthNames ? 'shortMonthNames' : config.dayForms ? 'dayForms' : undefined;
  if (gregorian && config.calendar !== 'gregory') {
    throw new EditionError(`${gregorian} ${gregorian === 'dayForms' ? 'replace the Gregorian days' : 'replace the Gregorian months'}, and this locale's calendar is ${config.calendar}`, {
      code: 'locale/invalid',
      file,
      field: gregorian,
      hint: `delete it: Intl writes the dates of the ${config.calendar} calendar itself`,
    });
  }
  // Intl quietly falls back to another locale, calendar or digits for a value it does not know: each is checked first.
  let supported: string[];
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf([config.intl]);
  } catch (error) {
    throw new EditionError(`intl "${config.intl}" is not a language tag`, { code: 'locale/invalid', file, field: 'intl', hint: 'use a BCP 47 tag such as it-IT or pt-BR', cause: error });
  }
  if (supported.length === 0) {
    throw new EditionError(`Intl has no data for "${config.intl}": its dates would come out in another language`, {
      code: 'locale/invalid',
      file,
      field: 'intl',
      hint: 'use a BCP 47 tag such as it-IT or pt-BR',
    });
  }
  for (const [field, kind, value] of [
    ['calendar', 'calendar', config.calendar],
    ['numberingSystem', 'numberingSystem', config.numberingSystem],
  ] as const) {
    if (!Intl.supportedValuesOf(kind).includes(value)) {
      throw new EditionError(`${field} "${value}" is not one Intl knows`, {
        code: 'locale/invalid',
        file,
        field,
        hint:
          field === 'calendar' ? 'use gregory for the Western calendar, or another Intl calendar (persian, islamic-umalqura...)' : 'use latn for 0-9, or another Intl numbering system (arab, deva...)',
      });
    }
  }
  refuseNamesForFigures(config, file);
  return config;
}

/**
 * Month names and day forms replace the words Intl writes; where Intl
 * writes a format's month in figures (pt-PT's `{day, month: short}` is
 * "27/06"), they would be set into the figures ("27/jun."): refused, with
 * the format named, rather than published.
 */
function refuseNamesForFigures(config: LocaleConfig, file: string): void {
  for (const field of ['dateFormat', 'datelineDateFormat'] as const) {
    const parts = config[field];
    const names = parts.month === 'long' ? 'monthNames' : parts.month === 'short' ? 'shortMonthNames' : undefined;
    const setting = names !== undefined && config[names] !== undefined ? names : names !== undefined && parts.day !== undefined && config.dayForms !== undefined ? 'dayForms' : undefined;
    if (setting === undefined) continue;
    const written = new Intl.DateTimeFormat(config.intl, { ...parts, timeZone: 'UTC', calendar: config.calendar, numberingSystem: config.numberingSystem }).formatToParts(Date.UTC(2024, 5, 27));
    const month = written.find((part) => part.type === 'month')?.value ?? '';
    if (!/^\p{Nd}+$/u.test(month)) continue;
    throw new EditionError(`${setting} replace words in dates, and ${config.intl} writes ${field}'s month in figures ("${written.map((part) => part.value).join('')}")`, {
      code: 'locale/invalid',
      file,
      field: setting,
      hint: `delete ${setting}, or set ${field}'s month to ${parts.month === 'short' ? 'long' : 'short'} if ${config.intl} writes that one as a word`,
    });
  }
}

/** The settings a locale.yaml may hold. */
const SETTINGS = new Set([
  'name',
  'dir',
  'intl',
  'calendar',
  'numberingSystem',
  'cldr',
  'ogLocale',
  'dateFormat',
  'datelineDateFormat',
  'source',
  'monthNames',
  'shortMonthNames',
  'dayForms',
  'fonts',
  'typography',
]);

/**
 * translation.yaml: text at every leaf, maps of keys above. A key left
 * without a value (`datelineSeparator:`) is the empty text the locale
 * means (i18next would print the key's name for it); a number or a list is
 * refused by its key, before any page needs it.
 */
function uiStrings(value: unknown, file: string): Record<string, unknown> {
  const walk = (node: Record<string, unknown>, prefix: string, depth: number): Record<string, unknown> => {
    const strings: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const field = `${prefix}${key}`;
      // An own property whatever the key ("__proto__" included), as the parsed file had it.
      const set = (text: unknown) => Object.defineProperty(strings, key, { value: text, enumerable: true, writable: true, configurable: true });
      if (child === null) set('');
      else if (typeof child === 'string') set(child);
      else if (typeof child === 'object' && !Array.isArray(child) && depth < 8) set(walk(child as Record<string, unknown>, `${field}.`, depth + 1));
      else {
        throw new EditionError(`string "${field}" is not text`, {
          code: 'locale/invalid',
          file,
          field,
          hint: `write it in quotes: ${key}: "${JSON.stringify(child)}"`,
        });
      }
    }
    return strings;
  };
  return walk(asRecord(value, file, 'translation strings must be a map of keys'), '', 0);
}

function dateParts(value: unknown, file: string, field: string): DateParts {
  const record = asRecord(value, file, `${field} must be a map such as {month: long, day: numeric}`, field);
  const parts: DateParts = {};
  for (const [key, part] of Object.entries(record)) {
    // Own keys only: "constructor" is no date option.
    const allowed = Object.hasOwn(DATE_PART_VALUES, key) ? DATE_PART_VALUES[key as keyof DateParts] : undefined;
    if (!allowed || typeof part !== 'string' || !allowed.includes(part)) {
      throw new EditionError(`${field}.${key}: "${String(part)}" is not a date option`, {
        code: 'locale/invalid',
        file,
        field: `${field}.${key}`,
        hint: 'use year, month, day or weekday with Intl.DateTimeFormat values (numeric, long, short...)',
      });
    }
    (parts as Record<string, string>)[key] = part;
  }
  return parts;
}

function fontFamilies(value: unknown, file: string): string[] {
  // The names go into CSS: letters, digits, spaces and hyphens only.
  if (!Array.isArray(value) || !value.every((font) => typeof font === 'string' && /^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$/u.test(font))) {
    throw new EditionError('fonts must list font family names (letters, digits, spaces, hyphens)', { code: 'locale/invalid', file, field: 'fonts', hint: 'write fonts: ["Noto Sans Arabic"]' });
  }
  return value as string[];
}

function monthNames(value: unknown, file: string, field: string): string[] {
  if (!Array.isArray(value) || value.length !== 12 || !value.every((name) => typeof name === 'string' && name !== '')) {
    throw new EditionError(`${field} must list the twelve month names, January first`, { code: 'locale/invalid', file, field });
  }
  return value as string[];
}

/** `dayForms: {1: 1er}`: days of the month 1 to 31, each with the text written in its place. */
function dayForms(value: unknown, file: string): Map<number, string> {
  const record = asRecord(value, file, 'dayForms must map days of the month to how they are written, e.g. {1: 1er}', 'dayForms');
  const forms = new Map<number, string>();
  for (const [key, form] of Object.entries(record)) {
    const day = Number(key);
    if (!(Number.isInteger(day) && day >= 1 && day <= 31 && String(day) === key) || typeof form !== 'string' || form === '') {
      throw new EditionError(`dayForms maps days of the month (1 to 31) to text; "${key.slice(0, 40)}" is not one, or has no text`, {
        code: 'locale/invalid',
        file,
        field: 'dayForms',
        hint: 'write dayForms: {1: 1er}',
      });
    }
    forms.set(day, form);
  }
  return forms;
}

function stringMap(value: unknown, file: string): Record<string, string> {
  const record = asRecord(value, file, 'cities must map English city names to local names');
  for (const [key, name] of Object.entries(record)) {
    if (typeof name !== 'string' || name === '') {
      throw new EditionError(`city "${key}" must map to a name`, { code: 'locale/invalid', file, field: key });
    }
  }
  return record as Record<string, string>;
}

function asRecord(value: unknown, file: string, message: string, field?: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EditionError(message, { code: 'locale/invalid', file, ...(field ? { field } : {}) });
  }
  return value as Record<string, unknown>;
}

/** A locale's UI strings file, as messages name it. */
export function stringsFileOf(locale: LocaleConfig): string {
  return locale.files?.strings ?? `locales/${locale.code}/translation.yaml`;
}

/** The locale's cities.yaml, beside its locale.yaml, as messages name it. */
export function citiesFileOf(locale: LocaleConfig): string {
  return locale.files ? locale.files.settings.replace(/locale\.yaml$/u, 'cities.yaml') : `locales/${locale.code}/cities.yaml`;
}

/**
 * A language's writing direction, from the script Intl gives it (`he`,
 * `ar`, `fa`, `ur`, `dv`: right to left); left to right for a tag it
 * cannot read. The script, not Intl's own textInfo, which Node 20's data
 * gets wrong for Dhivehi and for Azerbaijani in Arabic script.
 */
function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    return RIGHT_TO_LEFT_SCRIPTS.has(new Intl.Locale(tag).maximize().script ?? '') ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** ISO 15924 codes of the scripts written right to left that languages are published in today. */
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa', 'Yezi']);
