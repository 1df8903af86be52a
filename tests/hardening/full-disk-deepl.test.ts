/**
 * The disk fills up in the middle of a DeepL run. Every batch already
 * saved stays saved; nothing more is sent (it would be paid for and lost);
 * the error says, per locale, how many segments paid for in this run are
 * saved and how many are lost, and the build exits 74 (EX_IOERR).
 * The failure is injected into the memory writer: file permissions do not
 * stop root, and a real full disk cannot be made here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import type * as AtomicWriteModule from '../../pipeline/io/atomic-write.js';
import { fakeEnv, paragraph, readMemory, runEdition, type ArticleSpec } from '../support/deepl-project.js';

type AtomicWrite = typeof AtomicWriteModule;
const disk = vi.hoisted(() => ({ fullFrom: undefined as string | undefined, full: false }));
vi.mock('../../pipeline/io/atomic-write.js', async (importOriginal) => {
  const actual = await importOriginal<AtomicWrite>();
  return {
    ...actual,
    writeFileAtomicSync(file: string, content: string) {
      if (disk.fullFrom !== undefined && file.endsWith(disk.fullFrom)) disk.full = true;
      if (disk.full) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      actual.writeFileAtomicSync(file, content);
    },
  };
});

const suite = fakeDeepLSuite();
beforeEach(() => {
  disk.fullFrom = undefined;
  disk.full = false;
});

const articles: ArticleSpec[] = Array.from({ length: 4 }, (_, index) => ({ slug: `story-${index}`, title: `Story ${index}`, paragraphs: [paragraph(`s${index}p1`), paragraph(`s${index}p2`)] }));
const size = (dir: string, slug: string, locale: string) => Object.keys(readMemory(dir, slug, locale)?.segments ?? {}).length;

describe('a full disk during a DeepL run', () => {
  it('keeps what was saved, sends nothing more, says what was saved and lost per locale, exit 74', { timeout: 30_000 }, async () => {
    const dir = suite.project(articles, ['en', 'de', 'ko']);
    // Translations go out a locale at a time (de, then ko), each locale's four articles in one request;
    // the disk fills when story-1's de memory is saved.
    disk.fullFrom = 'translations/de/story-1.json';
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));

    expect(run.code).toBe(74);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('error: ') || line.startsWith('  hint: '))).toEqual([
      'error: content/translations/de/story-1.json: the disk is full: cannot save the translation memory; stopped sending. Segments paid for in this run: de 3 saved, 9 lost',
      '  hint: free some space on that disk and build again (the 9 lost segments are sent, and billed, again)',
    ]);
    expect(run.stderr).toContain('deepl de: 1 request, 12 segments');
    expect(run.stderr).toContain('deepl ko: 0 requests, 0 segments, 0 billed characters, 12 segments not translated yet');
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
    // Nothing sent after the failed save.
    expect(suite.fake.translateCalls).toHaveLength(1);
    expect(articles.map((article) => [size(dir, article.slug, 'de'), size(dir, article.slug, 'ko')])).toEqual([
      [3, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);

    // With room again, the next build sends only what is missing.
    disk.fullFrom = undefined;
    disk.full = false;
    suite.fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(rerun.code).toBe(0);
    expect(suite.fake.translateCalls.map((call) => [call.params['target_lang'], call.texts.filter((text) => text.startsWith('Story'))])).toEqual([
      ['de', ['Story 1', 'Story 2', 'Story 3']],
      ['ko', ['Story 0', 'Story 1', 'Story 2', 'Story 3']],
    ]);
  });

  it('counts a line shared by articles as lost when one article could not save it: the lost count is what the next build sends', { timeout: 30_000 }, async () => {
    const shared: ArticleSpec[] = Array.from({ length: 3 }, (_, index) => ({ slug: `story-${index}`, title: `Story ${index}`, paragraphs: [paragraph(`s${index}p1`), paragraph('shared')] }));
    const dir = suite.project(shared, ['en', 'de']);
    disk.fullFrom = 'translations/de/story-1.json';
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(74);
    const lost = Number(/de (\d+) saved, (\d+) lost/u.exec(run.stderr)?.[2]);
    // story-0 saved its three segments, the shared line among them; story-1 and story-2 lack it still.
    expect(run.stderr).toContain('de 2 saved, 5 lost');
    disk.fullFrom = undefined;
    disk.full = false;
    suite.fake.reset();
    expect((await runEdition(dir, ['build'], fakeEnv(suite.fake))).code).toBe(0);
    expect(suite.fake.translateCalls.flatMap((call) => call.texts)).toHaveLength(lost);
  });

  it('counts a shared line as lost also when the article that could not save it was served it from an earlier request of the run', { timeout: 60_000 }, async () => {
    // Editions are translated a hundred at a time: story-100 comes after story-000 has been answered, and takes the shared line from that answer.
    const many: ArticleSpec[] = Array.from({ length: 101 }, (_, index) => ({
      slug: `story-${String(index).padStart(3, '0')}`,
      title: `Story ${index}`,
      paragraphs: index === 0 || index === 100 ? [paragraph('shared')] : [paragraph(`s${index}`)],
    }));
    const dir = suite.project(many, ['en', 'de']);
    disk.fullFrom = 'translations/de/story-100.json';
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(74);
    const lost = Number(/de (\d+) saved, (\d+) lost/u.exec(run.stderr)?.[2]);
    const paid = new Set(suite.fake.translateCalls.flatMap((call) => call.texts));
    disk.fullFrom = undefined;
    disk.full = false;
    suite.fake.reset();
    expect((await runEdition(dir, ['build'], fakeEnv(suite.fake))).code).toBe(0);
    // What the next build pays for again is what was said to be lost (story-100's title was never sent: not lost).
    const again = suite.fake.translateCalls.flatMap((call) => call.texts).filter((text) => paid.has(text));
    expect(again.length).toBeGreaterThan(0);
    expect(lost).toBe(again.length);
  });
});
