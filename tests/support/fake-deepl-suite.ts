/**
 * One fake DeepL server for a test file, reset before each test, closed
 * when the file ends.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from './fake-deepl.js';
import { deeplProject, type ArticleSpec } from './deepl-project.js';

export interface FakeDeepLSuite {
  /** The server (started before the first test). */
  readonly fake: FakeDeepL;
  /** A scratch project (removed when the file ends, as every temp folder of the tests). */
  project(articles: readonly ArticleSpec[], locales: readonly string[]): string;
}

export function fakeDeepLSuite(): FakeDeepLSuite {
  let fake: FakeDeepL | undefined;
  beforeAll(async () => {
    fake = await startFakeDeepL();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return {
    get fake() {
      if (!fake) throw new Error('the fake DeepL server starts before the first test');
      return fake;
    },
    project: (articles, locales) => deeplProject(articles, locales),
  };
}
