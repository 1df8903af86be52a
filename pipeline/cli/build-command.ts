import { join, relative, resolve, isAbsolute, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { EditionError, isEditionError } from '../errors.js';
import type { BuildResult, HeldEdition } from '../build/build-site.js';
import type { ArticleSource, Project } from '../project/project.js';
import { removeAbandonedTemporaries, writeFileAtomic } from '../io/atomic-write.js';
import { acquireLock, contentLockFile, outLockFile, type Lock } from '../io/lock.js';
import { readGlossaries } from '../io/read-glossaries.js';
import { holdsBuild, recoverOutput, stagedOutput, readPrevious, type StagedOutput } from '../io/staged-output.js';
import { sourceRevision } from '../io/source-revision.js';
import { outBase } from '../io/real-path.js';
import { digestText, isOtherJson, parseCache, serializeCache, type BuildCache } from '../build/build-cache.js';
import { memorySaver } from './memory-saver.js';
import { serializeShardPart, shardPartPath } from '../build/shard-manifest.js';
import { localesOfShard, parseShard, type Shard } from '../build/shard.js';
import type { Estimate } from '../build/estimate.js';
import type { Translator, TranslatorFactory } from '../translation/translator.js';
import { defaultTranslator, translators } from '../translation/translators/index.js';
import { heldLines, withdrawnLines, withoutWithdrawn } from './held.js';
import { PSEUDO_ROBOTS } from '../bundle/list-pages.js';
import { terminalSafe, warningLine } from './terminal-text.js';
import { failureJson } from './json-failure.js';
import { count, readProjectInput, refuseFile, type ProjectInput } from './project-input.js';
import { readRunRecord, recordRun, unchangedResult, type RunInputs } from './unchanged-build.js';

export interface BuildCommandOptions {
  locales?: string;
  /** Default: deepl when DEEPL_AUTH_KEY is set, else memory. */
  translator?: string;
  /** Budget: nothing is sent when the estimate of billed characters is over it. */
  maxCharacters?: number;
  content: string;
  /** Default: `out`, or `out-pseudo` for a pseudo build, which never writes the publishing folder. */
  out?: string;
  localesDir: string;
  /** `i/n`: build one deterministic part of the locales. */
  shard?: string;
  /** Rebuild every edition, ignoring the cache. */
  force?: boolean;
  /** Folder for the build cache (default: out/.cache). */
  cache?: string;
  /** Also write out/<locale>.tar.gz. */
  archive?: boolean;
  /** Print the summary as JSON. */
  json?: boolean;
  /** Fail, publishing nothing, when any edition is held back. */
  strict?: boolean;
  /** Threads that build articles (default: one per core). */
  workers?: number;
}

export interface CommandIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Everything one build run needs, resolved once from the options. */
interface BuildRun {
  options: BuildCommandOptions & { out: string };
  io: CommandIo;
  input: ProjectInput;
  shard: Shard | undefined;
  contentDir: string;
  outDir: string;
  /** Where the cache is read from and written to. */
  cache: { file: string; /** Its path inside out/, when it lives there (then it is written into the new build). */ inOut: string | undefined };
  translator: Translator;
  /** What a storing translator will send; undefined for one that stores nothing. */
  estimate: Estimate | undefined;
  /** Set once per-locale progress is shown, fed by the translator. */
  onLocaleProgress: ((locale: string, segments: number) => void) | undefined;
  /** What --strict refused, for the JSON answer. */
  held?: { refused?: readonly HeldEdition[] };
}

export async function buildCommand(given: BuildCommandOptions, io: CommandIo): Promise<void> {
  const held: { refused?: readonly HeldEdition[] } = {};
  try {
    await buildWith(given, io, held);
  } catch (error) {
    // A CI job reading --json gets an answer on failure too: the error (as stderr gives it), and what --strict refused.
    if (given.json && isEditionError(error)) io.stdout.write(failureJson(error, held.refused ? { heldEditions: held.refused } : {}));
    throw error;
  }
}

async function buildWith(given: BuildCommandOptions, io: CommandIo, held: { refused?: readonly HeldEdition[] }): Promise<void> {
  const options = { ...given, out: outFolder(given, given.translator ?? defaultTranslator(io.env), io.cwd) };
  const factory = chooseTranslator(options, io);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  // git answers while the project is read.
  const revision = sourceRevision(resolve(io.cwd, options.content));
  const input = await readProjectInput(options, io.cwd);
  const run = await prepare(options, io, factory, input, shard);
  run.held = held;
  const locks: Lock[] = [];
  try {
    await lockMemory(run, locks);
    locks.push(lockOut(run));
    await refuseRealSite(run);
    checkBudget(run);
    await showLocaleProgress(run);
    await build(run, await revision);
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

function chooseTranslator(options: BuildCommandOptions, io: CommandIo): TranslatorFactory {
  const name = options.translator ?? defaultTranslator(io.env);
  const factory = translators[name];
  if (!factory) {
    throw new EditionError(`unknown translator "${name}"`, {
      code: 'cli/unknown-translator',
      field: '--translator',
      hint: `choose one of: ${Object.keys(translators).join(', ')}`,
    });
  }
  return factory;
}

/**
 * Pseudo text must never reach the published site: a pseudo build writes
 * to out-pseudo/ unless told otherwise, and refuses the publishing out/.
 */
function outFolder(options: BuildCommandOptions, translator: string, cwd: string): string {
  if (translator !== 'pseudo') return options.out ?? 'out';
  const out = options.out ?? 'out-pseudo';
  // By its real path (`out-pseudo` may be a link to the publishing folder), and not inside it (`--out out/pseudo`) or around it.
  const [pseudo, published] = [outBase(resolve(cwd, out)), outBase(resolve(cwd, 'out'))];
  if (pseudo === published || pseudo.startsWith(`${published}${sep}`) || published.startsWith(`${pseudo}${sep}`)) {
    throw new EditionError('a pseudo build does not write the publishing out folder', {
      code: 'build/pseudo-out',
      field: '--out',
      hint: 'leave --out off (pseudo builds go to out-pseudo/), or name another folder',
    });
  }
  return out;
}

/**
 * A pseudo build replaces its folder (out-pseudo/, or another given with
 * `--out site`) only when it is missing, empty, or holds a pseudo build, as its run record says
 * (or, a copy without edition's records, as its robots.txt does: a pseudo
 * build's disallows everything): a folder with a real build in it may be
 * the published site under another name.
 */
async function refuseRealSite({ translator, outDir }: BuildRun): Promise<void> {
  // A folder that holds no build of edition's (neither its record nor its manifest) is left to the out-folder check, which names what it holds.
  // The default folder too: a normal build may have been written there (`--out out-pseudo`), or it may be a link to the site.
  if (translator.name !== 'pseudo') return;
  if (!(await holdsBuild(outDir))) return;
  const run = await readRunRecord(outDir);
  if (run ? run.translator === 'pseudo' : await pseudoRobots(outDir)) return;
  throw new EditionError('the out folder holds a build that is not pseudo-localized; a pseudo build would replace its pages', {
    code: 'build/pseudo-out',
    field: '--out',
    hint: 'give pseudo builds a folder of their own (by default out-pseudo/)',
  });
}

/** Whether the folder's robots.txt is a pseudo build's, which keeps every crawler out. */
async function pseudoRobots(outDir: string): Promise<boolean> {
  const text = await readFile(join(outDir, 'robots.txt'), 'utf8').catch(() => undefined);
  return text === PSEUDO_ROBOTS;
}

async function prepare(options: BuildCommandOptions & { out: string }, io: CommandIo, factory: TranslatorFactory, input: ProjectInput, shard: Shard | undefined): Promise<BuildRun> {
  const outDir = resolve(io.cwd, options.out);
  const glossaries = await readGlossaries(resolve(io.cwd, options.localesDir), io.cwd);
  const run: BuildRun = {
    options,
    io,
    input,
    shard,
    contentDir: resolve(io.cwd, options.content),
    outDir,
    cache: cacheLocation(options, io, outDir),
    // Replaced below; the factory's progress callback reads it through `run`.
    translator: undefined as unknown as Translator,
    estimate: undefined,
    onLocaleProgress: undefined,
  };
  run.translator = await factory({ env: io.env, glossaries, onProgress: (locale, segments) => run.onLocaleProgress?.(locale, segments) });
  run.translator.checkLocales?.(input.targets);
  // A translator that stores its results sends what the memory lacks: say how much before sending any (a shard sends for its own locales only).
  const sent = builtLocales(input, shard).filter((code) => code !== input.project.site.sourceLocale);
  run.estimate = run.translator.storesResults ? await (await import('../build/estimate.js')).estimateBuild(input.project, sent) : undefined;
  return run;
}

/**
 * The cache file. By default, and whenever `--cache` names a folder
 * inside out/, it is written into the new build, so the swap that
 * replaces out/ keeps it instead of throwing it away.
 */
function cacheLocation(options: BuildCommandOptions & { out: string }, io: CommandIo, outDir: string): BuildRun['cache'] {
  if (options.cache?.trim() === '') {
    throw new EditionError('--cache names no folder', {
      code: 'cli/no-folder',
      field: '--cache',
      hint: 'name a folder for the build cache, or leave the option out (the cache is then kept in the out folder)',
    });
  }
  if (options.cache !== undefined) refuseFile(io.cwd, options.cache, '--cache', 'name a folder for the build cache (it is created if missing)');
  const dir = options.cache === undefined ? join(outDir, CACHE_DIR) : resolve(io.cwd, options.cache);
  const file = join(dir, CACHE_FILE);
  const inside = relative(outDir, file);
  return { file, inOut: inside.startsWith('..') || isAbsolute(inside) ? undefined : inside.split('\\').join('/') };
}

/**
 * Two builds at once would interleave memory writes (the last snapshot
 * wins). A translator that stores nothing writes the memory only when a
 * build re-keys it, at its end: in a content folder that cannot be
 * written (a read-only checkout), it builds without the lock, and only
 * such a re-key fails, with a message.
 */
async function lockMemory(run: BuildRun, locks: Lock[]): Promise<void> {
  try {
    locks.push(acquireLock(contentLockFile(run.contentDir), `the translation memory in ${run.options.content}`));
  } catch (error) {
    if (run.translator.storesResults || !(error instanceof EditionError) || error.code !== 'lock/unwritable') throw error;
    return;
  }
  // Temporary files of memory writes cut short by a kill; nobody else writes here while we hold the lock.
  await removeAbandonedTemporaries(join(run.contentDir, 'translations'));
}

function lockOut(run: BuildRun): Lock {
  try {
    return acquireLock(outLockFile(run.outDir), `the out folder ${run.options.out}`);
  } catch (error) {
    if (!(error instanceof EditionError) || error.code !== 'lock/unwritable') throw error;
    throw new EditionError('cannot write the out folder', { code: 'out/unwritable', file: run.outDir, hint: 'choose a writable folder with --out DIR', cause: error });
  }
}

function checkBudget({ estimate, options }: BuildRun): void {
  if (!estimate || options.maxCharacters === undefined || estimate.characters <= options.maxCharacters) return;
  throw new EditionError(
    `this build would send ${count(estimate.characters)} characters (${Object.entries(estimate.locales)
      .filter(([, locale]) => locale.characters > 0)
      .map(([code, locale]) => `${code} ${count(locale.characters)}`)
      .join(', ')}), over --max-characters ${count(options.maxCharacters)}; nothing was sent`,
    {
      code: 'budget/exceeded',
      field: '--max-characters',
      hint: 'raise the cap, or build fewer locales with --locales',
    },
  );
}

const sending = (run: BuildRun) => run.estimate !== undefined && run.estimate.segments > 0;

async function showLocaleProgress(run: BuildRun): Promise<void> {
  if (!sending(run)) return;
  const { createLocaleProgress } = await import('./locale-progress.js');
  const segments = Object.fromEntries(Object.entries(run.estimate!.locales).map(([code, locale]) => [code, locale.segments]));
  run.onLocaleProgress = createLocaleProgress(run.io.stderr, run.translator.name, segments);
}

async function build(run: BuildRun, revision: string | null): Promise<void> {
  const { options, io, input } = run;
  const inputs = runInputs(run, revision);
  // Each article's files are stamped once, before anything reads them: for the check below, and for the build.
  const stamps = new Map<string, ReadonlyMap<string, string>>();
  const stampArticle = (source: ArticleSource) => {
    let stamped = stamps.get(source.file);
    if (!stamped) stamps.set(source.file, (stamped = input.project.stampArticle(source)));
    return stamped;
  };
  // A translator that sends may have something left to send, whatever the files say.
  if (!options.force && !run.translator.storesResults) {
    await recoverOutput(run.outDir);
    const unchanged = await unchangedResult(run.outDir, inputs, stampArticle, Date.now());
    if (unchanged) {
      refuseHeld(run, unchanged.held);
      report(run, unchanged);
      return;
    }
  }
  const output = await stagedOutput(run.outDir, [run.contentDir, resolve(io.cwd, options.localesDir), io.cwd], { verify: options.force === true });
  // Loaded only for a build with something to do: a build with nothing to do reports and ends above.
  const { createProgress } = await import('./progress.js');
  const progress = createProgress(io.stderr, 'building', { env: io.env });
  let result: BuildResult;
  try {
    result = await buildInto(run, output, { ...input.project, stampArticle }, inputs.sourceRevision, (done, total) => {
      if (!sending(run)) progress.update(done, total);
    });
    await output.commit();
  } catch (error) {
    progress.stop();
    await output.abort();
    reportTranslator(run.translator, io, true);
    throw error;
  }
  progress.stop();
  await recordRun(run.outDir, inputs, stamps, output.sealed(), result);
  report(run, result);
}

/** What decides this run's output besides the files: see cli/unchanged-build.ts. */
function runInputs({ input, translator, options, shard, cache, io }: BuildRun, revision: string | null): RunInputs {
  return {
    project: input.project,
    translator: translator.name,
    options: {
      only: input.only ?? null,
      shard: shard ?? null,
      archive: options.archive === true,
      cache: cache.inOut ?? relative(io.cwd, cache.file),
      content: options.content,
      locales: options.localesDir,
    },
    sourceRevision: revision,
  };
}

async function buildInto(run: BuildRun, output: StagedOutput, project: Project, revision: string | null, onProgress: (done: number, total: number) => void): Promise<BuildResult> {
  const { options, io, input } = run;
  const merges: string[] = [];
  const save = memorySaver(io.cwd, merges);
  const previousCache = await readCache(run);
  const [{ buildSite }, { buildWorkers }] = await Promise.all([import('../build/build-site.js'), import('./build-workers.js')]);
  const result = await buildSite(project, {
    translator: run.translator,
    output,
    only: input.only,
    shard: run.shard,
    force: options.force,
    cache: previousCache.parsed,
    sourceRevision: revision,
    saveMemory: save,
    // Read here, at the edge, for a warning only.
    now: Date.now(),
    onProgress,
    // Before the memory is touched: a --strict build that stops leaves every file as it was.
    accept: (held) => refuseHeld(run, held),
    workers: buildWorkers({
      size: options.workers,
      translator: run.translator.name,
      cldr: input.project.cldr,
      paths: { content: run.contentDir, locales: resolve(io.cwd, options.localesDir), cwd: io.cwd },
    }),
  });
  // Said with the build's other warnings, and not recorded for a build with nothing to do: the merged file has a new stamp.
  result.warnings.push(...merges);
  if (options.archive) {
    // Archives are read from the staging folder: everything carried over must be in it.
    output.materialize();
    const { archiveLocales } = await import('../io/archive-locales.js');
    const archives = await archiveLocales(output.staging, builtLocales(input, run.shard), output, result.linkedAssets);
    // The shard's part names them with their digests, so the merge takes these bytes and no others.
    if (result.shardPart) {
      const part = { ...result.shardPart, archives: archives.map(({ path, sha256 }) => ({ path, sha256 })) };
      await output.write(shardPartPath(part.shard), serializeShardPart(part));
    }
  }
  const cache = serializeCache(result.cache);
  // In out/, left where it is when it holds these bytes; elsewhere, written only when they changed.
  if (run.cache.inOut !== undefined) await output.write(run.cache.inOut, cache);
  else if (digestText(cache) !== previousCache.digest) await writeFileAtomic(run.cache.file, cache);
  return result;
}

/**
 * The previous build's cache, parsed (none for a forced build, which
 * reuses nothing: parsing a large cache would only cost time and memory),
 * and the digest of a cache kept outside out/. Its text is not kept:
 * held through the build beside what was parsed from it, it was the
 * largest single thing in memory.
 */
async function readCache(run: BuildRun): Promise<{ parsed: BuildCache | undefined; digest: string | undefined }> {
  const outside = run.cache.inOut === undefined;
  if (run.options.force && !outside) return { parsed: undefined, digest: undefined };
  const text = await readPrevious(run.cache.file);
  // A cache kept elsewhere replaces its file at the end: never someone's JSON file that happens to bear its name.
  if (outside && text !== undefined && isOtherJson(text)) {
    throw new EditionError(`${relative(run.io.cwd, run.cache.file)} is not an edition build cache; writing the cache would replace it`, {
      code: 'cli/invalid-option',
      field: '--cache',
      hint: 'name a folder of its own for the cache, e.g. --cache .edition-cache',
    });
  }
  return {
    parsed: run.options.force ? undefined : parseCache(text),
    digest: outside && text !== undefined ? digestText(text) : undefined,
  };
}

/** `--strict`: a held edition fails the build, publishing nothing. */
function refuseHeld(run: BuildRun, held: readonly HeldEdition[]): void {
  const { options } = run;
  if (!options.strict || held.length === 0) return;
  // Nothing is published, so nothing is taken down either.
  if (run.held) run.held.refused = withoutWithdrawn(held);
  throw new EditionError(`${held.length} edition${held.length === 1 ? ' is' : 's are'} held back; nothing was published:\n  ${heldLines(held).join('\n  ')}`, {
    code: 'build/held',
    hint: 'translate or review what each line names (`edition status` shows every edition), or build without --strict to publish what is ready',
  });
}

function report({ options, io, translator, input, contentDir }: BuildRun, result: Omit<BuildResult, 'cache' | 'linkedAssets'>): void {
  const warnings = [...result.warnings];
  // Relative links serve a preview; a site built to publish needs its address (a pseudo build is never published).
  if (input.project.site.url === undefined && translator.usesMemory) {
    warnings.push(
      `${relative(io.cwd, join(contentDir, 'site.yaml')) || 'site.yaml'} has no url: feed ids, sitemaps and canonical links are relative, which feed readers and search engines refuse; set url before you publish`,
    );
  }
  for (const warning of warnings) io.stderr.write(warningLine(warning));
  const { articles, editions, rebuilt, held, fromMemory, translated } = result.summary;
  if (options.json) {
    // The warnings too, for a CI job that reads the answer rather than stderr (a dead link, a misspelt field).
    io.stdout.write(`${JSON.stringify({ ok: true, ...result.summary, translator: translator.name, out: options.out, coverage: result.coverage, heldEditions: result.held, warnings })}\n`);
  } else {
    const lines = heldLines(result.held);
    // Pages that were online and are not any more: a desk editor must know the build took them down.
    const withdrawn = withdrawnLines(result.held);
    io.stdout.write(
      `built ${articles} article${articles === 1 ? '' : 's'}, ${editions} edition${editions === 1 ? '' : 's'} (${rebuilt} rendered, ${editions - rebuilt} unchanged)${held > 0 ? `, ${held} held` : ''}: ${fromMemory} segments from memory, ${translated} translated (${translator.name}) -> ${options.out}\n${lines.map((line) => `held: ${line}\n`).join('')}${withdrawn.map((line) => `withdrawn: ${line}\n`).join('')}`,
    );
  }
  reportTranslator(translator, io, false);
}

/** Where the build cache lives by default: inside out/, so it travels with the build it describes. */
const CACHE_DIR = '.cache';
const CACHE_FILE = 'build.json';

function builtLocales({ project, only }: ProjectInput, shard: Shard | undefined): string[] {
  const chosen = project.locales.filter((locale) => !only || only.includes(locale.code));
  return localesOfShard(chosen, shard).map((locale) => locale.code);
}

/**
 * What the translator sent, from the engine's own billed figures, and
 * after a failure what is still to send; glossary terms not used.
 */
function reportTranslator(translator: Translator, io: CommandIo, failed: boolean): void {
  const stats = translator.stats?.();
  if (!stats) return;
  const out = failed ? io.stderr : io.stdout;
  for (const [code, locale] of Object.entries(stats.locales)) {
    const parts = [plural(locale.requests, 'request'), plural(locale.texts, 'segment'), plural(locale.billedCharacters, 'billed character')];
    if (locale.flagged > 0) parts.push(`${count(locale.flagged)} flagged for review`);
    if (locale.remaining > 0) parts.push(`${plural(locale.remaining, 'segment')} not translated yet`);
    out.write(`${translator.name} ${code}: ${parts.join(', ')}\n`);
  }
  for (const warning of stats.warnings) io.stderr.write(`terminology: ${terminalSafe(warning)}\n`);
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}
