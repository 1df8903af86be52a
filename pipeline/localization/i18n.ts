import i18next, { type i18n } from 'i18next';
import { EditionError, EditionErrors } from '../errors.js';
import { stringsFileOf, type LocaleConfig } from './locale.js';

/** Translate a UI string or template: key and variables in, text out, or an EditionError. */
export type Translate = (key: string, variables?: Record<string, string>) => string;

export interface Strings {
  /** The UI strings of one locale. */
  forLocale(locale: LocaleConfig): Translate;
}

class UnknownVariable extends Error {}

/** Answers kept per locale: far more than the strings a page asks for. */
const MAX_ANSWERS = 1024;

/**
 * One i18next instance for the whole run, holding every locale's strings.
 * It never falls back to another language: a key a locale lacks is a build
 * error naming key and locale, so no page shows a raw key or English in a
 * Korean edition. A template that names a variable the pipeline does not
 * pass is an error too. The site's own name, where site.yaml gives one,
 * answers for the `publication` key.
 */
export function createStrings(locales: readonly LocaleConfig[], publication: (locale: string) => string | undefined = () => undefined): Strings {
  const instance: i18n = i18next.createInstance();
  // initAsync: false makes init synchronous; its promise settles with nothing to wait for.
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(locales.map((locale) => [locale.code, { translation: locale.strings }])),
    fallbackLng: false,
    load: 'currentOnly',
    returnNull: false,
    // An empty string is a real value (Japanese datelines run into the text).
    returnEmptyString: true,
    interpolation: {
      // Output goes into hast text nodes, which the serializer escapes.
      escapeValue: false,
    },
    missingInterpolationHandler: (_text, match) => {
      throw new UnknownVariable(String((match as unknown as string[])[1] ?? '').trim());
    },
  });
  // Uppercasing follows the locale's rules (Turkish dotted I, German ß).
  instance.services.formatter?.add('uppercase', (value, lng) => String(value).toLocaleUpperCase(lng));

  const cache = new Map<string, Translate>();
  return {
    forLocale(locale) {
      let translate = cache.get(locale.code);
      if (translate) return translate;
      // What getFixedT(locale.code) does, without the copy of every i18next option
      // it makes per call for key selector functions (unused here): a fifth of the cost.
      const t = (key: string, variables: Record<string, string>): string => {
        // The same options, keys with no value included (i18next spreads them over its defaults).
        const options: Record<string, unknown> = { ...variables };
        options['lng'] = options['lng'] || locale.code;
        options['lngs'] = options['lngs'] || undefined;
        options['ns'] = options['ns'] || undefined;
        if (options['keyPrefix'] !== '') options['keyPrefix'] = options['keyPrefix'] || undefined;
        return instance.t(key, options);
      };
      // Every edition asks for the same strings: each answer is worked out once (the strings do not change during a run).
      const answers = new Map<string, string>();
      // Keys found once are there for the run; bounded by the locale's own keys.
      const present = new Set<string>();
      const answer = (key: string, variables: Record<string, string>): string => {
        const file = stringsFileOf(locale);
        if (!present.has(key)) {
          if (!instance.exists(key, { lng: locale.code })) {
            throw new EditionError(`string "${key}" is missing for locale ${locale.code}`, {
              code: 'locale/missing-key',
              file,
              field: key,
              hint: `add "${key}" to ${file}`,
            });
          }
          present.add(key);
        }
        if (key === 'publication') {
          const name = publication(locale.code);
          if (name !== undefined) return name;
        }
        try {
          return t(key, variables);
        } catch (error) {
          if (!(error instanceof UnknownVariable)) throw error;
          throw new EditionError(`string "${key}" uses unknown variable {{${error.message}}}`, {
            code: 'locale/unknown-variable',
            file,
            field: key,
            hint:
              Object.keys(variables).length === 0
                ? `"${key}" takes no variables`
                : `use only ${Object.keys(variables)
                    .map((name) => `{{${name}}}`)
                    .join(', ')} in "${key}"`,
          });
        }
      };
      // Per key and variable names: the template with its variables' places found, or null where i18next must be asked each time.
      const templates = new Map<string, Template | null>();
      translate = (key, variables = {}) => {
        const names = Object.keys(variables);
        // A value that is not text (a caller's undefined) goes to i18next, which reports it as it always did.
        if (names.length > 0 && names.every((name) => !I18NEXT_OPTIONS.has(name) && typeof variables[name] === 'string')) {
          const asked = `${key}\u0000${names.join('\u0000')}`;
          let template = templates.get(asked);
          if (template === undefined) templates.set(asked, (template = templateOf(answer(key, Object.fromEntries(names.map((name, index) => [name, mark(index)]))))));
          if (template) return template.map((piece) => (typeof piece === 'number' ? variables[names[piece]!]! : piece)).join('');
        }
        const asked = `${key}\u0000${JSON.stringify(variables)}`;
        let text = answers.get(asked);
        if (text === undefined) {
          text = answer(key, variables);
          // Bounded: a variable that differs per article (the dateline's date) must not grow it without end.
          if (answers.size >= MAX_ANSWERS) answers.clear();
          answers.set(asked, text);
        }
        return text;
      };
      cache.set(locale.code, translate);
      return translate;
    },
  };
}

/** A template's text in pieces: literal text, and the number of the variable that goes in between. */
type Template = ReadonlyArray<string | number>;

/**
 * Stands for variable `index` while a template is worked out. Private-use
 * characters around a letter in both cases: any formatter a template
 * applies to a variable (uppercase, lowercase, number, date) changes the
 * mark, and the template is then not used.
 */
function mark(index: number): string {
  return `\uE000${index}xX\uE001`;
}

const MARK = /\uE000(\d+)xX\uE001/gu;

/**
 * A string asked with marks for its variables, split where they stand; null
 * when a mark came out changed (a formatter), so that each call must go to
 * i18next. i18next does not read a variable's value for nesting or further
 * variables, so putting the values where the marks stood gives its answer,
 * without its cost for each article's title and dateline.
 */
function templateOf(text: string): Template | null {
  const pieces: Array<string | number> = [];
  let at = 0;
  for (const found of text.matchAll(MARK)) {
    pieces.push(text.slice(at, found.index), Number(found[1]));
    at = found.index + found[0].length;
  }
  pieces.push(text.slice(at));
  return pieces.some((piece) => typeof piece === 'string' && /[\uE000\uE001]/u.test(piece)) ? null : pieces;
}

/** Variables i18next reads as options (plurals, context, language): a call that has one always goes to i18next. */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'lng',
  'lngs',
  'ns',
  'keyPrefix',
  'defaultValue',
  'replace',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'returnObjects',
  'returnDetails',
  'joinArrays',
]);

/**
 * Every key the source locale has, every other locale must have: checked
 * before anything is built, so a locale missing the string for a notice
 * that only some pages show fails today, not on the day a page needs it.
 */
export function checkStrings(locales: readonly LocaleConfig[], source: LocaleConfig): void {
  const required = askedKeys(source);
  const errors: EditionError[] = [];
  for (const locale of locales) {
    const present = new Set(keysOf(locale.strings));
    for (const key of required) {
      if (present.has(key)) continue;
      const file = stringsFileOf(locale);
      errors.push(new EditionError(`string "${key}" is missing for locale ${locale.code}`, { code: 'locale/missing-key', file, field: key, hint: `add "${key}" to ${file}` }));
    }
    for (const key of present) {
      const value = valueAt(locale.strings, key);
      const unknown = typeof value === 'string' ? unknownFormatter(value) : undefined;
      if (unknown === undefined) continue;
      // i18next passes the value through unformatted, with no word: `{{city, upper}}` would print "Seoul" where the press writes "SEOUL".
      errors.push(
        new EditionError(`string "${key}" uses unknown formatter "${unknown.slice(0, 40)}"`, {
          code: 'locale/invalid',
          file: stringsFileOf(locale),
          field: key,
          hint: `the formatters are ${FORMATTERS.join(', ')}`,
        }),
      );
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) {
    const broken = errors.some((error) => error.code !== 'locale/missing-key');
    throw new EditionErrors(errors, `${errors.length} UI strings are missing${broken ? ' or broken' : ''}`, `every locale needs every key of ${stringsFileOf(source)}`);
  }
}

/**
 * The strings edition asks every locale for: the source locale's keys,
 * but its forms for a context, which are a locale's own choice (Spanish's
 * "e" before an "i" sound) and never required of the others.
 */
function askedKeys(source: LocaleConfig): string[] {
  return keysOf(source.strings).filter((key) => !CONTEXT_FORMS.has(key));
}

/** A strings file's keys, nested ones joined with dots (`desk.title`). */
function keysOf(strings: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]) => (value !== null && typeof value === 'object' ? keysOf(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/**
 * The variables edition gives each UI string that takes any; every other
 * string is asked with none. A template naming another would stop the
 * build on the first page that shows it: the first byline, the first
 * correction, the first edited sentence under a kept translation.
 */
export const STRING_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  dateline: ['city', 'date', 'publication'],
  byline: ['name'],
  bylines: ['names'],
  updated: ['date'],
  correctionDate: ['date'],
  disclosureMachine: ['engine'],
  disclosureMixed: ['engine'],
  footnoteBack: ['number'],
  pageTitle: ['title', 'publication'],
  feedTitle: ['publication', 'latest'],
  latestPage: ['latest', 'number'],
  'desk.title': ['slug', 'locale'],
  'desk.summary': ['total', 'attention'],
  'desk.indexSummary': ['attention'],
  'desk.refused': ['reason'],
  'desk.tagsMismatch': ['detail'],
  'desk.failsChecks': ['detail'],
  'desk.replaced': ['typed'],
};

/**
 * Ask every UI string of a locale once, with stand-ins for its variables:
 * what a template naming a variable edition does not give would stop on
 * the first page that shows it, found now (`edition check`, the start of a
 * build), whichever pages show it, every such string at once.
 */
export function templateProblems(strings: Strings, locale: LocaleConfig, source: LocaleConfig): EditionError[] {
  const t = strings.forLocale(locale);
  const errors: EditionError[] = [];
  // The source locale's keys are the strings edition asks for; a key only one locale has (a spare string, a plural
  // form such as `_few`) is never asked, so never checked, but for a form for a context, asked wherever it is given.
  const forms = [...CONTEXT_FORMS.keys()].filter((form) => valueAt(locale.strings, form) !== undefined);
  for (const key of [...askedKeys(source), ...forms]) {
    // A form takes the variables of the string it stands for.
    const asked = CONTEXT_FORMS.get(key) ?? key;
    const slot = SLOTS[asked];
    let text: string;
    try {
      text = t(key, Object.fromEntries((STRING_VARIABLES[asked] ?? []).map((name) => [name, name === slot ? SLOT_STAND_IN : name])));
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      errors.push(error);
      continue;
    }
    if (slot !== undefined && text.split(SLOT_STAND_IN).length !== 2) {
      const file = stringsFileOf(locale);
      errors.push(
        new EditionError(`string "${key}" must name {{${slot}}} once`, { code: 'locale/invalid', file, field: key, hint: `the page puts the ${slot} where {{${slot}}} stands, once: write it there` }),
      );
    }
  }
  return errors;
}

/**
 * The forms of a string a locale may give for a context (i18next's
 * `key_context`), each with the string it stands for: asked with the
 * context, i18next takes the form where the locale has one, the string
 * itself elsewhere. Checked as a string of its own wherever it is given.
 */
export const CONTEXT_FORMS: ReadonlyMap<string, string> = new Map([['bylineLastSeparator_iSound', 'bylineLastSeparator']]);

/**
 * Strings whose variable the page fills with elements (a name isolated in
 * `<bdi>`, a `<time>`), where it stands in the text: it must stand there
 * exactly once, or a name would be lost or the words glued to it.
 */
const SLOTS: Readonly<Record<string, string>> = { byline: 'name', bylines: 'names', updated: 'date', correctionDate: 'date' };
const SLOT_STAND_IN = '\uE002';

/** i18next's own formatters, and the one edition adds. */
const FORMATTERS = ['uppercase', 'number', 'currency', 'datetime', 'relativetime', 'list'];

function valueAt(strings: Record<string, unknown>, key: string): unknown {
  let value: unknown = strings;
  for (const part of key.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/**
 * The first formatter a template names that i18next does not have:
 * `{{city, upper}}` → "upper". A format is what follows a variable's name
 * after a comma, its options in parentheses (which may hold commas).
 */
function unknownFormatter(template: string): string | undefined {
  for (const [, inner = ''] of template.matchAll(/\{\{(.*?)\}\}/gsu)) {
    const parts: string[] = [''];
    let depth = 0;
    for (const char of inner) {
      if (char === '(') depth += 1;
      if (char === ')') depth = Math.max(0, depth - 1);
      if (char === ',' && depth === 0) parts.push('');
      else parts[parts.length - 1] += char;
    }
    for (const format of parts.slice(1)) {
      // i18next looks formatters up in lower case: `Uppercase` is `uppercase`.
      const name = format.split('(')[0]!.trim();
      if (!FORMATTERS.includes(name.toLowerCase())) return name;
    }
  }
  return undefined;
}
