import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScratch, runCli } from '../support/build.js';
import { memoryFor } from '../hardening/project.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const story = (city: string, date: string) => `---\ntitle: "Talks resume"\ndate: "${date}"\ndateline:\n  city: ${city}\nbyline: "Min-ji Park"\n---\n\nNegotiators met again.\n`;

// 22:30 in Washington on 26 June is already the 27th in Seoul and in UTC;
// 20:30 in New York on the 26th is 09:30 on the 27th in Busan.
const EXPECTED: Record<string, { washington: string; busan: string }> = {
  en: { washington: 'WASHINGTON, June 26 —', busan: 'BUSAN, June 27 —' },
  ar: { washington: 'واشنطن –', busan: 'بوسان –' },
  de: { washington: 'Washington –', busan: 'Busan –' },
  es: { washington: 'Washington, 26 jun (The Sample Herald).-', busan: 'Busan, 27 jun (The Sample Herald).-' },
  fr: { washington: 'Washington, 26 juin –', busan: 'Busan, 27 juin –' },
  ja: { washington: '【ワシントン】', busan: '【釜山】' },
  ko: { washington: '(워싱턴=샘플헤럴드)', busan: '(부산=샘플헤럴드)' },
  ru: { washington: 'ВАШИНГТОН, 26 июня.', busan: 'ПУСАН, 27 июня.' },
  uk: { washington: 'Вашингтон, 26 червня.', busan: 'Пусан, 27 червня.' },
  'zh-CN': { washington: '本报华盛顿6月26日电', busan: '本报釜山6月27日电' },
};

describe('datelines in cities CLDR does not know, with no timezone and no cities.yaml entry', () => {
  it('build in every locale with the date at the dateline city', async () => {
    const dir = scratchProject({
      'content/site.yaml': 'url: "https://news.example.com/"\nname: {en: "The Sample Herald", ko: "샘플헤럴드"}\n',
      'content/washington.md': story('Washington', '2024-06-26T22:30:00-04:00'),
      'content/busan.md': story('Busan', '2024-06-26T20:30:00-04:00'),
    });
    dirs.push(dir);
    const { files } = await buildScratch(dir, mockTranslator());
    const dateline = (html: string) => /<span class="dateline">([^<]*)<\/span>/u.exec(html)?.[1];
    const time = (html: string) => /<p class="meta">.*?<time datetime="([^"]+)"/u.exec(html)?.[1];
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const washington = files.get(`${code}/washington.html`)!;
      const busan = files.get(`${code}/busan.html`)!;
      expect({ code, washington: dateline(washington), busan: dateline(busan) }).toEqual({ code, ...expected });
      expect([time(washington), time(busan)]).toEqual(['2024-06-26T22:30:00-04:00', '2024-06-27T09:30:00+09:00']);
    }
  });
  it('are known to status and check as they are to the build: every edition published, nothing for CI to fail on', async () => {
    const washington = story('Washington', '2024-06-26T22:30:00-04:00');
    const busan = story('Busan', '2024-06-26T20:30:00-04:00');
    const dir = scratchProject({ 'content/washington.md': washington, 'content/busan.md': busan });
    dirs.push(dir);
    mkdirSync(join(dir, 'content/translations/ko'), { recursive: true });
    for (const [slug, text] of [
      ['washington', washington],
      ['busan', busan],
    ] as const) {
      writeFileSync(join(dir, `content/translations/ko/${slug}.json`), serializeMemory(memoryFor(text, slug, 'ko')));
    }
    const status = await runCli(dir, ['status', '--locales', 'ko', '--json']);
    expect(status.code).toBe(0);
    const ko = (JSON.parse(status.stdout) as { locales: Array<{ code: string; published: number; held: number }> }).locales.find((locale) => locale.code === 'ko');
    expect(ko).toMatchObject({ published: 2, held: 0 });
    const check = await runCli(dir, ['check', '--locales', 'ko']);
    expect(check.stdout).not.toContain('city');
    expect(check.code).toBe(0);
  });
});

describe('a dateline timezone on another clock than the city', () => {
  const zoned = (city: string, timezone: string, date: string) => story(city, date).replace(`  city: ${city}\n`, `  city: ${city}\n  timezone: ${timezone}\n`);

  it('is warned of by the build and check, naming the zones the city has and the dates on both clocks', async () => {
    const dir = scratchProject({
      // Seoul on New York's clock, and New York on EST in July: each a day off.
      'content/seoul.md': zoned('Seoul', 'America/New_York', '2024-07-03T08:15:00+09:00'),
      'content/new-york.md': zoned('New York', 'EST', '2024-07-04T00:30:00-04:00'),
      // What timezone is for: Alexandria, Virginia; and an older name of Kyiv's zone, on its clock.
      'content/alexandria.md': zoned('Alexandria', 'America/New_York', '2024-07-03T21:00:00-04:00'),
      'content/kyiv.md': zoned('Kyiv', 'Europe/Kiev', '2024-07-03T21:00:00+03:00'),
      // Places only the zone data knows, which it cannot judge: San José, California; Mariupol on Moscow's clock in winter.
      'content/san-jose.md': zoned('San José', 'America/Los_Angeles', '2024-07-03T21:00:00-07:00'),
      'content/mariupol.md': zoned('Mariupol', 'Europe/Moscow', '2024-01-15T21:00:00+03:00'),
    });
    dirs.push(dir);
    const build = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(build.code).toBe(0);
    const warnings = build.stderr.split('\n').filter((line) => line.includes('(dateline.timezone)'));
    expect(warnings).toEqual([
      'warning: content/new-york.md:4 (dateline.timezone): EST is on another clock than New York as the gazetteer knows it (America/New_York): the story is dated 2024-07-03T23:30:00-05:00, against 2024-07-04T00:30:00-04:00 in America/New_York; delete the timezone to use America/New_York, or keep it if the story is from another place of that name',
      'warning: content/seoul.md:4 (dateline.timezone): America/New_York is on another clock than Seoul as the gazetteer knows it (Asia/Seoul): the story is dated 2024-07-02T19:15:00-04:00, against 2024-07-03T08:15:00+09:00 in Asia/Seoul; delete the timezone to use Asia/Seoul, or keep it if the story is from another place of that name',
    ]);
    const check = await runCli(dir, ['check', '--json']);
    const kinds = (JSON.parse(check.stdout) as { problems: Array<{ kind: string; severity: string; file: string }> }).problems.filter((problem) => problem.kind === 'dateline-zone');
    expect(kinds.map(({ file, severity }) => `${file} ${severity}`).sort((a, b) => a.localeCompare(b))).toEqual(['content/new-york.md warning', 'content/seoul.md warning']);
  });
});
