import { EditionError } from '../../../errors.js';

/**
 * Which DeepL target language serves which project locale. Data, not
 * branches: a new locale folder whose language DeepL serves needs no code.
 */

/** Locale codes (lower case) that name a DeepL variant exactly. */
const VARIANTS: Record<string, string> = {
  'en-us': 'EN-US',
  'en-gb': 'EN-GB',
  'pt-br': 'PT-BR',
  'pt-pt': 'PT-PT',
  'es-419': 'ES-419',
  'zh-cn': 'ZH-HANS',
  'zh-sg': 'ZH-HANS',
  'zh-hans': 'ZH-HANS',
  'zh-tw': 'ZH-HANT',
  'zh-hk': 'ZH-HANT',
  'zh-hant': 'ZH-HANT',
};

/** Languages DeepL translates into with a single code, whatever the region. */
const LANGUAGES = new Set([
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'es',
  'et',
  'fi',
  'fr',
  'he',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'nb',
  'nl',
  'pl',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
]);

/** Languages DeepL only serves as a variant: the locale folder must name one. */
const NEEDS_VARIANT: Record<string, string[]> = {
  en: ['en-US', 'en-GB'],
  pt: ['pt-BR', 'pt-PT'],
  zh: ['zh-CN (Simplified)', 'zh-TW (Traditional)'],
};

/**
 * A news register is formal. `prefer_more` asks for it where DeepL has a
 * formality setting and is ignored where it has none, so no language fails
 * for it; a locale that wants another register is listed here.
 */
const FORMALITY: Record<string, 'prefer_more' | 'prefer_less'> = {};
const DEFAULT_FORMALITY = 'prefer_more';

export interface DeepLTarget {
  /** Code for translate requests: `KO`, `ZH-HANS`, `PT-BR`. */
  target: string;
  /** Code for glossary dictionaries, which are not regional: `ko`, `zh`, `pt`. */
  glossary: string;
  formality: 'prefer_more' | 'prefer_less';
}

/** The DeepL target for a project locale; an EditionError when DeepL has none. */
export function deeplTarget(locale: string): DeepLTarget {
  const code = locale.toLowerCase();
  const base = code.split('-')[0]!;
  const target = VARIANTS[code] ?? (LANGUAGES.has(base) ? base.toUpperCase() : undefined);
  if (target === undefined) {
    const variants = NEEDS_VARIANT[base];
    throw new EditionError(variants ? `DeepL needs a variant of "${base}" and "${locale}" names none it has` : `DeepL cannot translate into "${locale}"`, {
      code: 'deepl/unsupported-locale',
      field: locale,
      hint: variants ? `name the locale folder after one of ${variants.join(', ')}` : 'translate this locale with another translator (--translator memory), or build without it (--locales)',
    });
  }
  return { target, glossary: target.split('-')[0]!.toLowerCase(), formality: FORMALITY[code] ?? FORMALITY[base] ?? DEFAULT_FORMALITY };
}

/** Why DeepL cannot serve each of these locales: one error per locale it has no target for. */
export function unservedLocales(codes: readonly string[]): EditionError[] {
  return codes.flatMap((code) => {
    try {
      deeplTarget(code);
      return [];
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      return [error];
    }
  });
}

/** DeepL's source code for the articles' locale (`en-GB` → `en`): sources are never regional. */
export function deeplSource(locale: string): string {
  return locale.toLowerCase().split('-')[0]!;
}
