import { describe, expect, it } from 'vitest';
import { createStrings } from '../../pipeline/localization/i18n.js';
import type { LocaleConfig } from '../../pipeline/localization/locale.js';
import { EditionError } from '../../pipeline/errors.js';

const locale = (code: string, strings: Record<string, unknown>): LocaleConfig => ({
  code,
  name: code,
  dir: 'ltr',
  intl: code,
  calendar: 'gregory',
  numberingSystem: 'latn',
  cldr: code,
  ogLocale: code,
  dateFormat: {},
  datelineDateFormat: {},
  source: code === 'en',
  cities: {},
  strings,
});

describe('UI strings', () => {
  const en = locale('en', { latest: 'Latest stories', dateline: '{{city}} {{weather}}' });
  const ko = locale('ko', {});
  const strings = createStrings([en, ko]);

  it('never falls back to another language: a missing key names key, locale and file', () => {
    expect(strings.forLocale(en)('latest')).toBe('Latest stories');
    let error: unknown;
    try {
      strings.forLocale(ko)('latest');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EditionError);
    expect((error as EditionError).format()).toBe(
      'locales/ko/translation.yaml (latest): string "latest" is missing for locale ko\n  hint: add "latest" to locales/ko/translation.yaml',
    );
  });

  it('refuses a template variable the pipeline does not provide', () => {
    expect(() => strings.forLocale(en)('dateline', { city: 'Seoul' })).toThrow(/unknown variable \{\{weather\}\}/);
  });

  it('does not HTML-escape values (the serializer does)', () => {
    const s = createStrings([locale('en', { byline: 'By {{name}}' })]);
    expect(s.forLocale(locale('en', {}))('byline', { name: 'A & B <C>' })).toBe('By A & B <C>');
  });
});
