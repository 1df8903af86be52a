import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { localizeDateline } from '../../pipeline/localization/dateline.js';
import { formatArticleDate } from '../../pipeline/localization/format-date.js';
import { createGazetteer } from '../../pipeline/localization/gazetteer.js';
import { createStrings } from '../../pipeline/localization/i18n.js';
import { publicationIn } from '../../pipeline/content/site.js';
import type { Project } from '../../pipeline/project/project.js';
import { loadProject, scratchProject } from '../support/project.js';

const article = (date: string, dateline = 'dateline: {city: Seoul, timezone: Asia/Seoul}') => loadArticle(`---\ntitle: "T"\ndate: "${date}"\n${dateline}\n---\n\nBody.\n`, 'content/a.md', 'a');

// Each locale's dateline for a story filed in Seoul on 27 June 2024, as its press writes it.
const EXPECTED: Record<string, { dateline: string; date: string }> = {
  en: { dateline: 'SEOUL, June 27 —', date: 'June 27, 2024' },
  ko: { dateline: '(서울=샘플헤럴드)', date: '2024년 6월 27일' },
  ja: { dateline: '【ソウル】', date: '2024年6月27日' },
  'zh-CN': { dateline: '本报首尔6月27日电', date: '2024年6月27日' },
  de: { dateline: 'Seoul –', date: '27. Juni 2024' },
  fr: { dateline: 'Séoul, 27 juin –', date: '27 juin 2024' },
  es: { dateline: 'Seúl, 27 jun (The Sample Herald).-', date: '27 de junio de 2024' },
  ru: { dateline: 'СЕУЛ, 27 июня.', date: '27 июня 2024 г.' },
  uk: { dateline: 'Сеул, 27 червня.', date: '27 червня 2024 р.' },
  ar: { dateline: 'سيول –', date: '27 يونيو/حزيران 2024' },
};

let project: Project;
beforeAll(async () => {
  project = await loadProject(scratchProject({}, { withSeed: true }));
});
const originalTz = process.env['TZ'];
afterEach(() => {
  process.env['TZ'] = originalTz;
});

function datelineIn(code: string, source = article('2024-06-27')) {
  const locale = project.locales.find((candidate) => candidate.code === code)!;
  const t = createStrings(project.locales, (code) => publicationIn(project.site, code)).forLocale(locale);
  return localizeDateline(source, locale, createGazetteer(project.cldr, project.newsroomCities), t);
}

describe.each(['America/New_York', 'Pacific/Kiritimati'])('datelines with the machine in TZ=%s', (tz) => {
  it.each(Object.keys(EXPECTED))('%s follows its wire convention', (code) => {
    process.env['TZ'] = tz;
    const { dateline, date } = EXPECTED[code]!;
    // A plain date, and the same day as an instant given in another zone:
    // 20:30 in New York on the 26th is 09:30 in Seoul on the 27th.
    for (const source of [article('2024-06-27'), article('2024-06-26T20:30:00-04:00')]) {
      const result = datelineIn(code, source);
      expect(result.text).toBe(dateline);
      expect(result.date).toBe(date);
      expect(result.isoDate).toBe('2024-06-27');
    }
  });
});

describe('dateline rules', () => {
  it('covers every configured locale', () => {
    expect(project.locales.map((locale) => locale.code).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('converts an instant to the dateline city, not the machine', () => {
    process.env['TZ'] = 'Pacific/Kiritimati';
    // 23:30 UTC on the 26th is the 27th in Seoul but still the 26th in London.
    expect(datelineIn('en', article('2024-06-26T23:30:00Z')).isoDate).toBe('2024-06-27');
    const london = article('2024-06-26T23:30:00Z', 'dateline: {city: London}');
    expect(datelineIn('en', london)).toMatchObject({ text: 'LONDON, June 27 —', timezone: 'Europe/London', isoDate: '2024-06-27' });
    expect(datelineIn('en', article('2024-06-26T22:30:00Z', 'dateline: {city: London}')).text).toBe('LONDON, June 26 —');
  });

  it('takes CLDR root names in Latin-script locales, where CLDR omits them as identical', () => {
    expect(datelineIn('de', article('2024-06-27', 'dateline: {city: Berlin}')).text).toBe('Berlin –');
    expect(datelineIn('fr', article('2024-06-27', 'dateline: {city: Tokyo}')).text).toBe('Tokyo, 27 juin –');
  });

  it('finds the time zone in the gazetteer when the article leaves it out', () => {
    expect(datelineIn('ru', article('2024-06-27', 'dateline: {city: Kyiv}')).text).toBe('КИЕВ, 27 июня.');
    expect(datelineIn('uk', article('2024-06-27', 'dateline: {city: Kyiv}')).text).toBe('Київ, 27 червня.');
    expect(datelineIn('ko', article('2024-06-27', 'dateline: {city: Kyiv}')).text).toBe('(키이우=샘플헤럴드)');
  });

  it('abbreviates months in English datelines as AP does, "Sept. 5", spelling out March to July', () => {
    expect(datelineIn('en', article('2024-09-05', 'dateline: {city: Vienna}'))).toMatchObject({ text: 'VIENNA, Sept. 5 —', date: 'September 5, 2024' });
    expect(datelineIn('en', article('2024-01-10')).text).toBe('SEOUL, Jan. 10 —');
    expect(datelineIn('en', article('2024-03-10')).text).toBe('SEOUL, March 10 —');
  });

  it('abbreviates months as the press does where Intl differs (EFE writes "sep", Intl "sept")', () => {
    expect(datelineIn('es', article('2024-09-11', 'dateline: {city: Madrid}')).text).toBe('Madrid, 11 sep (The Sample Herald).-');
    expect(datelineIn('es', article('2024-09-11', 'dateline: {city: Madrid}')).date).toBe('11 de septiembre de 2024');
  });

  it('writes the first of the month as French does, "1er juillet", in the dateline and the date, on the dateline city\'s day', () => {
    expect(datelineIn('fr', article('2024-07-01'))).toMatchObject({ text: 'Séoul, 1er juillet –', date: '1er juillet 2024' });
    // 18:00 UTC on 30 June is already 1 July in Seoul; the 2nd, the 11th and the 21st keep their number.
    expect(datelineIn('fr', article('2024-06-30T18:00:00Z')).text).toBe('Séoul, 1er juillet –');
    expect(datelineIn('fr', article('2024-07-11')).date).toBe('11 juillet 2024');
    expect(datelineIn('fr', article('2024-07-21')).date).toBe('21 juillet 2024');
    expect(datelineIn('fr', article('2024-07-02')).date).toBe('2 juillet 2024');
    // Only French asks for it, and only beside a month written as a word: in figures the day stays a figure.
    expect(datelineIn('es', article('2024-07-01')).date).toBe('1 de julio de 2024');
    const french = project.locales.find((locale) => locale.code === 'fr')!;
    expect(formatArticleDate(article('2024-07-01').frontMatter.date, 'Asia/Seoul', french, { year: 'numeric', month: '2-digit', day: '2-digit' })).toBe('01/07/2024');
  });

  it('writes city names as each press does where CLDR differs', () => {
    expect(datelineIn('ko', article('2024-06-27', 'dateline: {city: Mexico City}')).text).toBe('(멕시코시티=샘플헤럴드)');
    expect(datelineIn('ko', article('2024-06-27', 'dateline: {city: Buenos Aires}')).text).toBe('(부에노스아이레스=샘플헤럴드)');
    expect(datelineIn('ar', article('2024-06-27', 'dateline: {city: Los Angeles}')).text).toMatch(/^لوس أنجلوس/u);
    expect(datelineIn('ar', article('2024-06-27', 'dateline: {city: Ulaanbaatar}')).text).toMatch(/^أولان باتور/u);
  });

  it("names a city without the note CLDR adds to tell zones apart, and as each press spells it where CLDR's spelling is older", () => {
    expect(datelineIn('fr', article('2024-06-27', 'dateline: {city: Tripoli}')).text).toBe('Tripoli, 27 juin –');
    expect(datelineIn('es', article('2024-06-27', 'dateline: {city: Yangon}')).text).toBe('Yangón, 27 jun (The Sample Herald).-');
    expect(datelineIn('ar', article('2024-06-27', 'dateline: {city: Hebron}')).text).toMatch(/^الخليل –/u);
    expect(datelineIn('ko', article('2024-06-27', 'dateline: {city: Vienna}')).text).toBe('(빈=샘플헤럴드)');
    expect(datelineIn('ko', article('2024-06-27', 'dateline: {city: Ho Chi Minh City}')).text).toBe('(호찌민=샘플헤럴드)');
    expect(datelineIn('zh-CN', article('2024-06-27', 'dateline: {city: Vladivostok}')).text).toBe('本报符拉迪沃斯托克6月27日电');
    expect(datelineIn('ja', article('2024-06-27', 'dateline: {city: Mexico City}')).text).toBe('【メキシコ市】');
  });

  it('uppercases by the locale rules', () => {
    expect(datelineIn('en', article('2024-06-27', 'dateline: {city: Istanbul}')).text).toBe('ISTANBUL, June 27 —');
    // A Turkish edition whose gazetteer writes the city in lower case: "i" must become "İ", not "I".
    const turkishLike = {
      ...project.locales.find((locale) => locale.code === 'en')!,
      intl: 'tr',
      code: 'tr',
      source: false,
      cities: { Istanbul: 'istanbul' },
      strings: { dateline: '{{city, uppercase}}', publication: 'X' },
    };
    const t = createStrings([turkishLike]).forLocale(turkishLike);
    expect(localizeDateline(article('2024-06-27', 'dateline: {city: Istanbul}'), turkishLike, createGazetteer(project.cldr), t).text).toBe('İSTANBUL');
  });

  it('refuses a city the gazetteer lacks for a locale rather than printing English', () => {
    // Pohang is no zone's exemplar city and not in the newsroom gazetteer: only cities.yaml could name it.
    const pohang = article('2024-06-27', 'dateline: {city: Pohang}');
    expect(datelineIn('en', pohang)).toMatchObject({ text: 'POHANG, June 27 —', timezone: 'Asia/Seoul' });
    expect(() => datelineIn('de', pohang)).toThrow(/no de name for "Pohang"/);
    expect(() => datelineIn('ko', pohang)).toThrow(/no ko name for "Pohang"/);
    expect(() => datelineIn('en', article('2024-06-27', 'dateline: {city: Gotham}'))).toThrow(/"Gotham" is not in the gazetteer and the dateline has no timezone/);
  });

  it('pins digits and calendar so Arabic and Japanese never switch numerals or eras', () => {
    expect(datelineIn('ar').date).toMatch(/^[0-9]+ يونيو\/حزيران [0-9]{4}$/);
    expect(datelineIn('ja').date).not.toMatch(/令和/);
  });
});

describe('city names that are also names of Object.prototype', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('%s is the name as written in English, and unknown elsewhere', (city) => {
    const filed = article('2024-06-27', `dateline: {city: "${city}", timezone: Asia/Seoul}`);
    expect(datelineIn('en', filed).city).toBe(city);
    expect(() => datelineIn('ko', filed)).toThrow(`the gazetteer has no ko name for "${city}"`);
  });
});
