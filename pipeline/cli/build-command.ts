import { join, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { buildSite } from '../build/build-site.js';
import { removeAbandonedTemporaries, writeFileAtomic, writeFileAtomicSync } from '../io/atomic-write.js';
import { acquireLock, contentLockFile, outLockFile } from '../io/lock.js';
import { readGlossaries } from '../io/read-glossaries.js';
import { stagedOutput, readPrevious } from '../io/staged-output.js';
import { sourceRevision } from '../io/source-revision.js';
import { archiveLocales } from '../io/archive-locales.js';
import { parseCache, serializeCache } from '../build/build-cache.js';
import { localesOfShard, parseShard, type Shard } from '../build/shard.js';
import { estimateBuild } from '../build/estimate.js';
import { serializeMemory } from '../translation/memory/memory-file.js';
import type { Translator, TranslatorFactory } from '../translation/translator.js';
import { defaultTranslator, translators } from '../translation/translators/index.js';
import { createLocaleProgress } from './locale-progress.js';
import { createProgress } from './progress.js';
import { count, readProjectInput, type ProjectInput } from './project-input.js';

export interface BuildCommandOptions {
  locales?: string;
  /** Default: deepl when DEEPL_AUTH_KEY is set, else memory. */
  translator?: string;
  /** Budget: nothing is sent when the estimate of billed characters is over it. */
  maxCharacters?: number;
  content: string;
  out: string;
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
}

export interface CommandIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export async function buildCommand(options: BuildCommandOptions, io: CommandIo): Promise<void> {
  const name = options.translator ?? defaultTranslator(io.env);
  const factory = translators[name];
  if (!factory) {
    throw new EditionError(`unknown translator "${name}"`, {
      code: 'cli/unknown-translator',
      field: '--translator',
      hint: `choose one of: ${Object.keys(translators).join(', ')}`,
    });
  }
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const input = await readProjectInput(options, io.cwd);
  const contentDir = resolve(io.cwd, options.content);
  const outDir = resolve(io.cwd, options.out);
  // Two builds at once would interleave memory writes (the last snapshot wins) and swap out/ under each other.
  const locks = [acquireLock(contentLockFile(contentDir), `the translation memory in ${options.content}`)];
  try {
    try {
      locks.push(acquireLock(outLockFile(outDir), `the out folder ${options.out}`));
    } catch (error) {
      if (!(error instanceof EditionError) || error.code !== 'lock/unwritable') throw error;
      throw new EditionError('cannot write the out folder', { code: 'out/unwritable', file: outDir, hint: 'choose a writable folder with --out DIR', cause: error });
    }
    // Temporary files of memory writes cut short by a kill; nobody else writes here while we hold the lock.
    await removeAbandonedTemporaries(join(contentDir, 'translations'));
    await build(options, io, factory, input, shard, outDir);
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

async function build(options: BuildCommandOptions, io: CommandIo, factory: TranslatorFactory, { project, only, targets }: ProjectInput, shard: Shard | undefined, outDir: string): Promise<void> {
  const glossaries = await readGlossaries(resolve(io.cwd, options.localesDir), io.cwd);
  let onLocaleProgress: ((locale: string, segments: number) => void) | undefined;
  const translator = await factory({
    env: io.env,
    glossaries,
    onProgress: (locale, segments) => onLocaleProgress?.(locale, segments),
  });
  translator.checkLocales?.(targets);

  // A translator that stores its results sends what the memory lacks: say how much before sending any.
  const estimate = translator.storesResults ? await estimateBuild(project, targets) : undefined;
  if (estimate && options.maxCharacters !== undefined && estimate.characters > options.maxCharacters) {
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
  const sending = estimate !== undefined && estimate.segments > 0;
  if (sending) {
    onLocaleProgress = createLocaleProgress(io.stderr, translator.name, Object.fromEntries(Object.entries(estimate.locales).map(([code, locale]) => [code, locale.segments])));
  }

  const cacheFile = join(options.cache === undefined ? join(outDir, CACHE_DIR) : resolve(io.cwd, options.cache), CACHE_FILE);
  const output = await stagedOutput(outDir, [resolve(io.cwd, options.content), resolve(io.cwd, options.localesDir), io.cwd]);
  const progress = createProgress(io.stderr, 'building');
  let result;
  try {
    result = await buildSite(project, {
      translator,
      output,
      only,
      shard,
      force: options.force,
      cache: parseCache(await readPrevious(cacheFile)),
      sourceRevision: await sourceRevision(resolve(io.cwd, options.content)),
      saveMemory: async (file, memory) => writeFileAtomicSync(join(io.cwd, file), serializeMemory(memory)),
      onProgress: (done, total) => {
        if (!sending) progress.update(done, total);
      },
    });
    if (options.archive) await archiveLocales(output.staging, builtLocales(project, only, shard), output);
    if (options.cache === undefined) await output.write(join(CACHE_DIR, CACHE_FILE), serializeCache(result.cache));
    else await writeFileAtomic(cacheFile, serializeCache(result.cache));
    await output.commit();
  } catch (error) {
    progress.stop();
    await output.abort();
    reportTranslator(translator, io, true);
    throw error;
  }
  progress.stop();
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  const { articles, editions, rebuilt, fromMemory, translated } = result.summary;
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...result.summary, translator: translator.name, out: options.out, coverage: result.coverage })}\n`);
  } else {
    io.stdout.write(
      `built ${articles} article${articles === 1 ? '' : 's'}, ${editions} edition${editions === 1 ? '' : 's'} (${rebuilt} rendered, ${editions - rebuilt} unchanged): ${fromMemory} segments from memory, ${translated} translated (${translator.name}) -> ${options.out}\n`,
    );
  }
  reportTranslator(translator, io, false);
}

/** Where the build cache lives by default: inside out/, so it travels with the build it describes. */
const CACHE_DIR = '.cache';
const CACHE_FILE = 'build.json';

function builtLocales(project: { locales: readonly { code: string }[] }, only: readonly string[] | undefined, shard: Shard | undefined): string[] {
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
  for (const warning of stats.warnings) io.stderr.write(`terminology: ${warning}\n`);
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}
