import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, rmSync } from 'node:fs';
import { createGazetteer, resolveDateline, toNewsroomCities } from '../../pipeline/localization/gazetteer.js';
import type { Project } from '../../pipeline/project/project.js';
import { loadProject, scratchProject } from '../support/project.js';

let dir: string;
let project: Project;
beforeAll(async () => {
  dir = scratchProject();
  project = await loadProject(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const where = { file: 'content/a.md', line: 4 };

describe("CLDR's names", () => {
  it('lose a note set off by a space, never a parenthesis written against the name, which is part of its spelling', () => {
    const french = project.locales.find((locale) => locale.code === 'fr')!;
    const burmese = { ...french, code: 'my', cldr: 'my', cities: {} };
    const gazetteer = createGazetteer({
      english: {},
      zones: ['America/Resolute', 'Africa/Tripoli', 'America/Indiana/Vevay'],
      exemplars: { my: { 'America/Resolute': 'ရီဆိုလုပ်(တ်)', 'Africa/Tripoli': 'Tripoli (Libye)', 'America/Indiana/Vevay': 'Vevay [Indiana]' } },
    });
    expect(gazetteer.nameIn('Resolute', burmese)).toBe('ရီဆိုလုပ်(တ်)');
    expect(gazetteer.nameIn('Tripoli', burmese)).toBe('Tripoli');
    // French CLDR sets some notes in brackets.
    expect(gazetteer.nameIn('Vevay', burmese)).toBe('Vevay');
  });
});

describe('the newsroom gazetteer', () => {
  it('names every city in every shipped locale but the source', () => {
    const targets = project.locales.filter((locale) => !locale.source && locale.code !== 'en').map((locale) => locale.code);
    const gaps = [...project.newsroomCities!()].flatMap(([city, entry]) => targets.filter((code) => !entry.names.has(code)).map((code) => `${city} ${code}`));
    expect(gaps).toEqual([]);
    expect(project.newsroomCities!().size).toBe(127);
  });

  it('gives each language its press name for frequent datelines', () => {
    const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
    const names = (city: string) => Object.fromEntries(project.locales.map((locale) => [locale.code, gazetteer.nameIn(city, locale)]));
    expect(names('Washington')).toEqual({
      ar: 'واشنطن',
      de: 'Washington',
      en: 'Washington',
      es: 'Washington',
      fr: 'Washington',
      ja: 'ワシントン',
      ko: '워싱턴',
      ru: 'Вашингтон',
      uk: 'Вашингтон',
      'zh-CN': '华盛顿',
    });
    expect(names('Geneva')).toEqual({ ar: 'جنيف', de: 'Genf', en: 'Geneva', es: 'Ginebra', fr: 'Genève', ja: 'ジュネーブ', ko: '제네바', ru: 'Женева', uk: 'Женева', 'zh-CN': '日内瓦' });
  });

  it('takes the zone from the gazetteer, then from the city-timezones data', () => {
    const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
    expect(['Washington', 'Busan', 'Geneva', 'Davos', 'Osaka', 'Mumbai', 'Seoul'].map((city) => gazetteer.zoneOf(city))).toEqual([
      'America/New_York',
      'Asia/Seoul',
      'Europe/Zurich',
      'Europe/Zurich',
      'Asia/Tokyo',
      'Asia/Kolkata',
      'Asia/Seoul',
    ]);
  });

  it('asks for timezone: when a name matches cities in several zones', () => {
    const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
    const en = project.locales.find((locale) => locale.code === 'en')!;
    expect(() => resolveDateline(gazetteer, { city: 'Springfield' }, en, where)).toThrow(
      expect.objectContaining({
        message: 'city "Springfield" names places in several time zones (America/Chicago, America/Los_Angeles, America/New_York)',
        code: 'dateline/ambiguous-city',
        field: 'dateline.timezone',
        hint: 'add "timezone: America/Chicago" (or the zone of the place meant) under dateline',
      }),
    );
    expect(resolveDateline(gazetteer, { city: 'Springfield', timezone: 'America/Chicago' }, en, where)).toEqual({ city: 'Springfield', timezone: 'America/Chicago' });
  });

  it('lets cities.yaml override a gazetteer name, and a city added there be appended as one line', async () => {
    const local = scratchProject();
    try {
      appendFileSync(`${local}/locales/de/cities.yaml`, 'Busan: Pusan\nPohang: Pohang\n');
      const withLines = await loadProject(local);
      const de = withLines.locales.find((locale) => locale.code === 'de')!;
      const gazetteer = createGazetteer(withLines.cldr, withLines.newsroomCities);
      expect([gazetteer.nameIn('Busan', de), gazetteer.nameIn('Pohang', de)]).toEqual(['Pusan', 'Pohang']);
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });

  it('refuses a city written in another case than the gazetteer writes it, saying how', () => {
    const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
    const en = project.locales.find((locale) => locale.code === 'en')!;
    for (const [city, spelling] of [
      ['seoul', 'Seoul'],
      ['BUSAN', 'Busan'],
    ]) {
      expect(() => resolveDateline(gazetteer, { city: city! }, en, where)).toThrow(
        expect.objectContaining({ message: `city "${city}" is written "${spelling}" in the gazetteer`, code: 'dateline/unknown-city', field: 'dateline.city', hint: `write city: ${spelling}` }),
      );
    }
  });

  it('reads a gazetteer column in any case: a language tag is the same in any case', () => {
    const cities = toNewsroomCities({ Busan: { 'pt-br': 'Busan (pt)', KO: '부산' } }, 'locales/gazetteer.yaml');
    expect([...cities.get('Busan')!.names.keys()]).toEqual(['pt-BR', 'ko']);
    expect(() => toNewsroomCities({ Busan: { pt_BR: 'Busan' } }, 'locales/gazetteer.yaml')).toThrow(expect.objectContaining({ message: 'Busan.pt_BR is not a locale code', field: 'Busan.pt_BR' }));
  });

  it('never reads a name off the prototype of the cities map', () => {
    const gazetteer = createGazetteer(project.cldr, project.newsroomCities);
    const ko = project.locales.find((locale) => locale.code === 'ko')!;
    expect([gazetteer.nameIn('constructor', ko), gazetteer.nameIn('toString', ko)]).toEqual([undefined, undefined]);
  });
});
