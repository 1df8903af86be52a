/**
 * A build's worker thread: builds the articles the build's thread hands
 * it, with the same code and settings, and sends back plain data. It
 * writes nothing: the build's thread writes every page and publishes
 * every asset, in article order.
 */
import { fileEntry } from '../bundle/manifest.js';
import Tinypool from 'tinypool';
import { buildArticle, createRuntime, type ArticleJob, type ArticleRuntime } from '../build/build-article.js';
import { createAssetPublisher } from '../build/assets.js';
import { projectReaders } from '../io/read-project.js';
import { translators } from '../translation/translators/index.js';
import { thrownToSent, toSent, type SentDone, type WorkerData } from './build-workers.js';

const data = Tinypool.workerData as WorkerData;
let runtime: Promise<ArticleRuntime> | undefined;

async function start(): Promise<ArticleRuntime> {
  const readers = projectReaders(data.paths);
  const translator = await translators[data.translator]!({ env: {}, glossaries: new Map(), onProgress: () => undefined });
  // Assets are only named here (their content hash); the build's thread publishes them.
  const assets = createAssetPublisher(readers, { write: async (path, content) => fileEntry(path, content), reuse: async () => false });
  return createRuntime(data.settings, {
    cldr: data.cldr,
    newsroomCities: readers.newsroomCities,
    translator,
    resolveAssets: (file, refs) => assets.resolve(file, refs, true),
  });
}

export default async function buildInWorker(job: ArticleJob): Promise<SentDone> {
  try {
    return toSent(await buildArticle(job, await (runtime ??= start())));
  } catch (error) {
    return thrownToSent(error);
  }
}
