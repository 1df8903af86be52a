import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { ArticleSource, Project } from '../project/project.js';
import type { BuildResult, BuildSummary, DatedAhead, HeldEdition } from '../build/build-site.js';
import { SKEW_MS } from '../localization/date-checks.js';
import type { Coverage } from '../bundle/manifest.js';
import { linkedFileStamp } from '../io/file-stamp.js';
import { intactOut, RUN_RECORD, type Sealed } from '../io/staged-output.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { withoutWithdrawn } from './held.js';

/**
 * A build given exactly what the last build that went through was given
 * (the same code, settings, locales, options, git revision, and every
 * article, memory and linked file with the stamp it had then), whose out/
 * is still exactly what that build left, would write the same bytes: it
 * has nothing to do, and reports what that build reported. This is how
 * make and ninja answer "nothing to do" without reading every input:
 * the record holds one digest of all the stamps, and checking it costs a
 * stat per file, where the full check also reads and digests the build
 * cache and every page's key.
 *
 * The record is written once out/ holds the build, and names the digest
 * of out/'s own record, so it never vouches for another build's output.
 */
export interface RunRecord {
  format: typeof FORMAT;
  /** Digest of every input and of each input file's stamp. */
  key: string;
  /** Digest of out/'s record (files with their stamps) as the build left it. */
  out: string;
  /** The sha256 of each file that record lists without a stamp (written in the tick it was sealed in), by path. */
  unstamped: Record<string, string>;
  /**
   * Linked files (images, the theme) the build read, by real path relative
   * to out/ (no machine's folders in a file that may be served): their
   * stamps are part of the key.
   */
  assets: string[];
  summary: Pick<BuildSummary, 'articles' | 'editions' | 'held'>;
  held: HeldEdition[];
  coverage: Record<string, Coverage>;
  /** The translator that filled it: a pseudo build replaces only a pseudo build's folder. */
  translator?: string;
  /** What reading the articles warned of: a build with nothing to do says it again. */
  warnings?: string[];
  /** Stories dated ahead of that build's clock: said again while they still are. */
  datedAhead?: DatedAhead[];
}

const FORMAT = 'edition run 1';

/** Everything besides the files' stamps that decides what a build writes. */
export interface RunInputs {
  project: Project;
  translator: string;
  /** The options that change what is written, as given. */
  options: Record<string, unknown>;
  sourceRevision: string | null;
}

/** The key of a run: its inputs, and the stamps of every article's files and of the linked files named. */
export function runKey(inputs: RunInputs, articleStamps: (source: ArticleSource) => ReadonlyMap<string, string>, assets: readonly string[], outDir: string): string {
  const { project } = inputs;
  const hash = createHash('sha256');
  const add = (text: string) => hash.update(`${text.length}:${text}`);
  add(JSON.stringify({ fingerprints: project.fingerprints, translator: inputs.translator, options: inputs.options, revision: inputs.sourceRevision }));
  for (const source of project.articles) {
    add(source.file);
    for (const [file, stamp] of articleStamps(source)) add(`${file}\u0000${stamp}`);
  }
  for (const file of assets) add(`${file}\u0000${linkedFileStamp(resolve(outDir, file))}`);
  return hash.digest('hex');
}

/**
 * What the build would report, when the recorded run had the same key and
 * out/ is still what it left: nothing rendered, nothing translated.
 */
export async function unchangedResult(
  outDir: string,
  inputs: RunInputs,
  stampArticle: (source: ArticleSource) => ReadonlyMap<string, string>,
  now: number,
): Promise<Omit<BuildResult, 'cache' | 'linkedAssets'> | undefined> {
  const record = await readRunRecord(outDir);
  if (!record) return undefined;
  if (runKey(inputs, stampArticle, record.assets, outDir) !== record.key) return undefined;
  if ((await intactOut(outDir, record.unstamped)) !== record.out) return undefined;
  return {
    summary: { articles: record.summary.articles, editions: record.summary.editions, rebuilt: 0, held: record.summary.held, fromMemory: 0, translated: 0, workers: 1 },
    // Taken down by the build that recorded them: still held, no longer being withdrawn.
    held: withoutWithdrawn(record.held),
    coverage: record.coverage,
    warnings: [
      ...(inputs.project.warnings ?? []),
      ...(Array.isArray(record.warnings) ? record.warnings.filter((warning) => typeof warning === 'string') : []),
      // A story's date that has come since is no longer ahead.
      ...(Array.isArray(record.datedAhead) ? record.datedAhead : [])
        .filter((ahead) => typeof ahead?.warning === 'string' && typeof ahead.moment === 'number' && ahead.moment > now + SKEW_MS)
        .map((ahead) => ahead.warning),
    ],
  };
}

/**
 * Record a build that went through, once out/ holds it. `stamps` are the
 * article stamps the build took before reading each article; without one
 * for every article (the build stopped early), nothing is recorded.
 * `sealed` is out/'s record as the commit left it.
 */
export async function recordRun(outDir: string, inputs: RunInputs, stamps: ReadonlyMap<string, ReadonlyMap<string, string>>, sealed: Sealed | undefined, result: BuildResult): Promise<void> {
  if (!sealed || !inputs.project.articles.every((source) => stamps.has(source.file))) return;
  const assets = [...(inputs.project.assetsRead?.keys() ?? [])].map((file) => relative(outDir, file)).sort();
  const key = runKey(inputs, (source) => stamps.get(source.file)!, assets, outDir);
  const { articles, editions, held } = result.summary;
  // The project's own warnings are found afresh by every run.
  const projectWarnings = new Set(inputs.project.warnings ?? []);
  const record: RunRecord = {
    format: FORMAT,
    key,
    out: sealed.record,
    unstamped: Object.fromEntries(sealed.unstamped),
    assets,
    summary: { articles, editions, held },
    held: result.held,
    coverage: result.coverage,
    translator: inputs.translator,
    warnings: result.warnings.filter((warning) => !projectWarnings.has(warning) && !result.datedAhead?.some((ahead) => ahead.warning === warning)),
    datedAhead: result.datedAhead ?? [],
  };
  try {
    await writeFileAtomic(join(outDir, RUN_RECORD), `${JSON.stringify(record)}\n`);
  } catch {
    // out/ holds the build already; without its record, the next build only does the full check.
  }
}

/** The record, when it is one edition wrote (it sits in a folder anyone can edit). */
export async function readRunRecord(outDir: string): Promise<RunRecord | undefined> {
  let data: Partial<RunRecord>;
  try {
    data = JSON.parse(await readFile(join(outDir, RUN_RECORD), 'utf8')) as Partial<RunRecord>;
  } catch {
    return undefined;
  }
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  const counts = isObject(data.summary) && ['articles', 'editions', 'held'].every((name) => Number.isSafeInteger((data.summary as Record<string, unknown>)[name]));
  const held =
    Array.isArray(data.held) &&
    data.held.every(
      (edition: unknown) =>
        isObject(edition) &&
        ['slug', 'file', 'locale'].every((name) => typeof edition[name] === 'string') &&
        Array.isArray(edition['reasons']) &&
        (edition['reasons'] as unknown[]).every((reason) => isObject(reason) && typeof reason['message'] === 'string'),
    );
  const coverage = isObject(data.coverage) && Object.values(data.coverage).every(isObject);
  const unstamped = isObject(data.unstamped) && Object.values(data.unstamped).every((sha) => typeof sha === 'string');
  if (data.format !== FORMAT || typeof data.key !== 'string' || typeof data.out !== 'string' || !Array.isArray(data.assets) || !data.assets.every((file) => typeof file === 'string')) return undefined;
  return counts && held && coverage && unstamped ? (data as RunRecord) : undefined;
}
