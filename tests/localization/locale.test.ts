import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toLocaleConfig } from '../../pipeline/localization/locale.js';
import { repoRoot } from '../support/project.js';

/** The Arabic locale's files (its Intl tag and city names kept), in a folder named for another language, without `dir`. */
function localeWithoutDir(code: string): ReturnType<typeof toLocaleConfig> {
  const settings = parse(readFileSync(join(repoRoot, 'locales/ar/locale.yaml'), 'utf8')) as Record<string, unknown>;
  delete settings['dir'];
  delete settings['monthNames'];
  return toLocaleConfig({
    code,
    settings: { ...settings, intl: 'ar', cldr: 'ar' },
    settingsFile: `locales/${code}/locale.yaml`,
    cities: {},
    citiesFile: `locales/${code}/cities.yaml`,
    strings: parse(readFileSync(join(repoRoot, 'locales/ar/translation.yaml'), 'utf8')),
    stringsFile: `locales/${code}/translation.yaml`,
  });
}

describe('a locale without dir', () => {
  it.each([
    ['he', 'rtl'],
    ['dv', 'rtl'],
    ['az-Arab', 'rtl'],
    ['ur', 'rtl'],
    ['ko', 'ltr'],
    ['az', 'ltr'],
  ])('%s is written %s, from its script', (code, dir) => {
    expect(localeWithoutDir(code).dir).toBe(dir);
  });
});
