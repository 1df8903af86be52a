import { describe, expect, it } from 'vitest';
import { checkStrings, createStrings } from '../../pipeline/localization/i18n.js';
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
    expect((error as EditionError).format()).toBe('locales/ko/translation.yaml (latest): string "latest" is missing for locale ko\n  hint: add "latest" to locales/ko/translation.yaml');
  });

  it('refuses a template variable the pipeline does not provide', () => {
    expect(() => strings.forLocale(en)('dateline', { city: 'Seoul' })).toThrow(/unknown variable \{\{weather\}\}/);
  });

  it('answers a string asked again, with thousands of different variables between, as it did the first time', () => {
    const s = createStrings([locale('en', { latest: 'Latest', pageTitle: '{{title}} | News' })]);
    const t = s.forLocale(locale('en', {}));
    const titles = Array.from({ length: 3000 }, (_, index) => `Story ${index}`);
    const answers = titles.flatMap((title) => [t('pageTitle', { title }), t('latest'), t('pageTitle', { title })]);
    expect(answers).toEqual(titles.flatMap((title) => [`${title} | News`, 'Latest', `${title} | News`]));
    expect(() => strings.forLocale(ko)('latest')).toThrow('string "latest" is missing for locale ko');
    expect(() => strings.forLocale(ko)('latest')).toThrow('string "latest" is missing for locale ko');
  });

  it('puts values where the template says, as they are, and applies the formatters a template names', () => {
    const en2 = locale('en', { dateline: '{{city, uppercase}}, {{date}} —', pageTitle: '{{title}} | {{publication}} | {{title}}', latest: 'Latest', publication: 'News' });
    const t = createStrings([en2]).forLocale(en2);
    // Values that look like templates, nesting or the marks a template is worked out with stay text.
    const odd = ['{{publication}} $t(latest)', '\uE0000xX\uE001 and \uE001', ''];
    for (const title of odd) expect(t('pageTitle', { title, publication: 'The Herald' })).toBe(`${title} | The Herald | ${title}`);
    expect(t('dateline', { city: 'Seoul', date: 'June 27' })).toBe('SEOUL, June 27 —');
    expect(t('dateline', { city: 'Pyongyang', date: 'June 28' })).toBe('PYONGYANG, June 28 —');
    expect(() => t('pageTitle', { title: 'Only a title' })).toThrow(/unknown variable \{\{publication\}\}/);
    // A value missing at run time is refused as before, not written out as "undefined".
    expect(() => t('pageTitle', { title: undefined as unknown as string, publication: 'The Herald' })).toThrow(/unknown variable \{\{title\}\}/);
  });

  it('does not HTML-escape values (the serializer does)', () => {
    const s = createStrings([locale('en', { byline: 'By {{name}}' })]);
    expect(s.forLocale(locale('en', {}))('byline', { name: 'A & B <C>' })).toBe('By A & B <C>');
  });
});

describe('checking every locale has every string', () => {
  it('names each key a locale lacks before anything is built', () => {
    const en = locale('en', { latest: 'Latest', notice: { stale: 'Out of date' } });
    expect(() => checkStrings([en, locale('de', { latest: 'Neueste', notice: { stale: 'Veraltet' } })], en)).not.toThrow();
    let error: unknown;
    try {
      checkStrings([en, locale('de', { latest: 'Neueste' }), locale('ko', {})], en);
    } catch (caught) {
      error = caught;
    }
    expect((error as EditionError).format()).toBe(
      [
        '3 UI strings are missing',
        '  locales/de/translation.yaml (notice.stale): string "notice.stale" is missing for locale de',
        '    hint: add "notice.stale" to locales/de/translation.yaml',
        '  locales/ko/translation.yaml (latest): string "latest" is missing for locale ko',
        '    hint: add "latest" to locales/ko/translation.yaml',
        '  locales/ko/translation.yaml (notice.stale): string "notice.stale" is missing for locale ko',
        '    hint: add "notice.stale" to locales/ko/translation.yaml',
        'hint: every locale needs every key of locales/en/translation.yaml',
      ].join('\n'),
    );
  });

  it('names a formatter i18next does not have, which would pass the value through unformatted', () => {
    const en = locale('en', { dateline: '{{city, Uppercase}}, {{date}} —', count: '{{n, number(minimumFractionDigits: 1, maximumFractionDigits: 2)}}' });
    expect(() => checkStrings([en], en)).not.toThrow();
    const fr = locale('fr', { dateline: '{{city, upper}}, {{date}} –', count: '{{n, number}}' });
    expect(() => checkStrings([en, fr], en)).toThrow(
      expect.objectContaining({ code: 'locale/invalid', field: 'dateline', file: 'locales/fr/translation.yaml', message: 'string "dateline" uses unknown formatter "upper"' }),
    );
  });
});
