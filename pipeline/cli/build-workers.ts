import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { EditionError, type ErrorCode } from '../errors.js';
import type { ArticleDone, ArticleSettings } from '../build/build-article.js';
import type { ArticleWorkers } from '../build/build-site.js';
import type { CldrCities } from '../localization/gazetteer.js';
import type { ProjectPaths } from '../io/read-project.js';

/** What a worker thread starts with. */
export interface WorkerData {
  settings: ArticleSettings;
  cldr: CldrCities;
  /** A translator of the registry that needs nothing but its name (memory, pseudo). */
  translator: string;
  paths: ProjectPaths;
}

interface SentProblem {
  message: string;
  code: ErrorCode;
  file?: string | undefined;
  line?: number | undefined;
  field?: string | undefined;
  hint?: string | undefined;
}

/** An article's result as it crosses threads: an error's class does not survive the copy, so its fields travel instead. */
export type SentDone = (Omit<ArticleDone, 'problems'> & { problems: SentProblem[]; thrown?: undefined }) | { thrown: SentThrown };

/**
 * What stopped an article's build in a worker (a full disk, a file the user
 * may not read, a bug): an EditionError's fields, or a system error's code
 * and path, which the copy between threads would drop.
 */
type SentThrown = { edition: SentProblem } | { message: string; code?: string | undefined; path?: string | undefined; syscall?: string | undefined };

export function toSent(done: ArticleDone): SentDone {
  return { ...done, problems: done.problems.map(sentProblem) };
}

export function thrownToSent(error: unknown): SentDone {
  if (error instanceof EditionError) return { thrown: { edition: sentProblem(error) } };
  const { message, code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return { thrown: { message: String(message ?? error), code, path, syscall } };
}

function sentProblem({ message, code, file, line, field, hint }: EditionError): SentProblem {
  return { message, code, file, line, field, hint };
}

function fromSent(sent: SentDone): ArticleDone {
  if (sent.thrown !== undefined) throw fromThrown(sent.thrown);
  return {
    ...sent,
    problems: sent.problems.map(editionError),
  };
}

function editionError({ message, code, file, line, field, hint }: SentProblem): EditionError {
  return new EditionError(message, {
    code,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
    ...(field === undefined ? {} : { field }),
    ...(hint === undefined ? {} : { hint }),
  });
}

function fromThrown(thrown: SentThrown): Error {
  if ('edition' in thrown) return editionError(thrown.edition);
  return Object.assign(new Error(thrown.message), { code: thrown.code, path: thrown.path, syscall: thrown.syscall });
}

/** Translators a worker can make from its name alone; any other (DeepL) builds in the build's own thread. */
const BY_NAME = new Set(['memory', 'pseudo']);

/**
 * Below this many articles to parse, a build stays in its own thread:
 * starting a worker (loading the pipeline, its settings) costs about what
 * a few dozen articles do.
 */
const MIN_JOBS = 48;

/**
 * Worker threads for a build: `size` of them (by default one per core the
 * process may use), or none when the translator cannot be made by name or
 * there is one core. An explicit `--workers N` uses them for any number
 * of articles.
 */
export function buildWorkers(options: { size: number | undefined; translator: string; cldr: CldrCities; paths: ProjectPaths }): ArticleWorkers | undefined {
  const size = options.size ?? Math.min(availableParallelism(), 8);
  if (size <= 1 || !BY_NAME.has(options.translator)) return undefined;
  return {
    size,
    minJobs: options.size === undefined ? MIN_JOBS : 1,
    start(settings) {
      const workerData: WorkerData = { settings, cldr: options.cldr, translator: options.translator, paths: options.paths };
      const pool = new Tinypool({ filename: workerModule(), minThreads: size, maxThreads: size, workerData });
      return {
        run: async (job) => fromSent((await pool.run(job)) as SentDone),
        close: () => pool.destroy(),
      };
    },
  };
}

/**
 * The worker's module. Run from the TypeScript sources (tests, tsx), a
 * worker thread does not inherit the parent's loader: a small module
 * registers tsx in the thread before loading the worker.
 */
function workerModule(): string {
  if (!import.meta.url.endsWith('.ts')) return new URL('./article-worker.js', import.meta.url).href;
  const worker = new URL('./article-worker.ts', import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); export default (await import(${JSON.stringify(worker)})).default;`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}
