/**
 * One fake DeepL server for a test file, reset before each test, and the
 * scratch projects the file makes, removed when it ends.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from './fake-deepl.js';
import { deeplProject, type ArticleSpec } from './deepl-project.js';

export interface FakeDeepLSuite {
  /** The server (started before the first test). */
  readonly fake: FakeDeepL;
  /** A scratch project, removed after the last test of the file. */
  project(articles: readonly ArticleSpec[], locales: readonly string[]): string;
}

export function fakeDeepLSuite(): FakeDeepLSuite {
  let fake: FakeDeepL | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    fake = await startFakeDeepL();
  });
  afterAll(async () => {
    await fake?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fake?.reset());
  return {
    get fake() {
      if (!fake) throw new Error('the fake DeepL server starts before the first test');
      return fake;
    },
    project(articles, locales) {
      const dir = deeplProject(articles, locales);
      dirs.push(dir);
      return dir;
    },
  };
}
