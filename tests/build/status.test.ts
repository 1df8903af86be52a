import { describe, expect, it, onTestFinished } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, seedProject } from '../support/build.js';

const TARGETS = ['ar', 'de', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const NEW_STORY = `---
title: "Port reopens"
date: "2024-07-01"
dateline:
  city: Seoul
---

The port reopened on Monday.
`;

describe('edition status', { timeout: 60_000 }, () => {
  it('reports a new untranslated article per locale: held, with its reasons, counts and the cost to complete', async () => {
    const dir = seedProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'content/new-story.md'), NEW_STORY);
    const run = await runCli(dir, ['status', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.articles).toEqual([
      { slug: 'kim-jong-un-supports-russia', file: 'content/kim-jong-un-supports-russia.md', title: 'Kim Jong-un Supports Russia Amid War in Ukraine' },
      { slug: 'new-story', file: 'content/new-story.md', title: 'Port reopens' },
    ]);
    const held = report.editions.filter((edition: { published: boolean }) => !edition.published);
    expect(held.map((edition: { slug: string; locale: string }) => `${edition.slug} ${edition.locale}`)).toEqual(TARGETS.map((code) => `new-story ${code}`));
    expect(held.find((edition: { locale: string }) => edition.locale === 'ko')).toEqual({
      slug: 'new-story',
      file: 'content/new-story.md',
      locale: 'ko',
      published: false,
      reasons: [{ kind: 'missing', segments: held[5].reasons[0].segments, message: '2 segments not translated' }],
      counts: { segments: 2, characters: 40, readySegments: 0, readyCharacters: 0, missing: 2, stale: 0, flagged: 0, unreviewedMachine: 0, human: 0, reviewed: 0, final: 0 },
    });
    expect(held[5].reasons[0].segments).toHaveLength(2);
    const ko = report.locales.find((locale: { code: string }) => locale.code === 'ko');
    expect(ko).toEqual({
      code: 'ko',
      name: '한국어',
      dir: 'ltr',
      published: 1,
      held: 1,
      segments: 7,
      readySegments: 5,
      characters: ko.characters,
      readyCharacters: ko.characters - 40,
      unreviewedMachine: 0,
      toComplete: { segments: 2, characters: 40 },
      segmentPercent: 71,
      characterPercent: Math.floor(((ko.characters - 40) * 100) / ko.characters),
    });

    const text = await runCli(dir, ['status']);
    expect(text.stdout).toContain('held: content/new-story.md: ar, de, es, fr, ja, ko, ru, uk, zh-CN: 2 segments not translated\n');
    expect(text.stdout).toMatch(/^ko: 71% of segments, \d+% of characters ready; 1 published, 1 held; 0 unreviewed machine segments; to complete: 2 segments, 40 characters$/mu);
    // One segment is one segment.
    rmSync(join(dir, 'content/new-story.md'));
    const memoryFile = join(dir, 'content/translations/ko/kim-jong-un-supports-russia.json');
    const memory = JSON.parse(readFileSync(memoryFile, 'utf8')) as { segments: Record<string, unknown> };
    delete memory.segments[Object.keys(memory.segments)[0]!];
    writeFileSync(memoryFile, JSON.stringify(memory));
    expect((await runCli(dir, ['status'])).stdout).toMatch(/^ko: .*; 0 unreviewed machine segments; to complete: 1 segment, \d+ characters$/mu);
  });

  it('does not call an edition ready whose memory holds a target the build refuses (a web address the English lacks)', async () => {
    const dir = seedProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'content/translations/ru/kim-jong-un-supports-russia.json');
    const memory = JSON.parse(readFileSync(file, 'utf8')) as { segments: Record<string, { target: string }> };
    const [id, entry] = Object.entries(memory.segments)[0]!;
    entry.target = `${entry.target} https://evil.example`;
    writeFileSync(file, `${JSON.stringify(memory, null, 2)}\n`);
    const build = await runCli(dir, ['build', '--locales', 'en,ru']);
    expect(build.code).toBe(1);
    const report = JSON.parse((await runCli(dir, ['status', '--json', '--locales', 'ru'])).stdout) as {
      editions: Array<{ locale: string; published: boolean; reasons: Array<{ kind: string; segments: string[] }> }>;
    };
    expect(report.editions).toEqual([expect.objectContaining({ locale: 'ru', published: false, reasons: [expect.objectContaining({ kind: 'unchecked', segments: [id] })] })]);
    expect((await runCli(dir, ['status', '--locales', 'ru'])).stdout).toContain('ru: 1 segment failing the checks every published translation passes');

    // Held for another reason as well (a segment gone), the edition stops no build: status says only why it is held.
    delete memory.segments[Object.keys(memory.segments)[1]!];
    writeFileSync(file, `${JSON.stringify(memory, null, 2)}\n`);
    expect((await runCli(dir, ['build', '--locales', 'en,ru'])).code).toBe(0);
    const held = JSON.parse((await runCli(dir, ['status', '--json', '--locales', 'ru'])).stdout) as typeof report;
    expect(held.editions[0]!.reasons.map((reason) => reason.kind)).toEqual(['missing']);
  });

  it('refuses a --lang it cannot use, with or without --html: an unknown locale, or no page to write', async () => {
    const dir = seedProject();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const unknown = await runCli(dir, ['status', '--lang', 'xx']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('error: --lang: unknown locale xx\n  hint: configured locales: ar, de, en')]);
    const alone = await runCli(dir, ['status', '--lang', 'ko']);
    expect([alone.code, alone.stderr]).toEqual([1, 'error: --lang sets the language of the --html page, and no --html was given\n  hint: add --html FILE, or leave --lang out\n']);
    expect((await runCli(dir, ['status', '--lang', 'ko', '--html', 'status.html'])).code).toBe(0);
  });
});
