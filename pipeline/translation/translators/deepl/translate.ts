import type { SourceLanguageCode, TargetLanguageCode, TextResult } from 'deepl-node';
import { EditionError } from '../../../errors.js';
import { checkTranslation } from '../../../segments/check-translation.js';
import { parseTaggedText, type TaggedNode } from '../../../segments/tagged-text.js';
import { missingTerms } from '../../glossary/terminology.js';
import type { TranslatedSegment, TranslationRequest } from '../../translator.js';
import { batches } from './batches.js';
import { BadAnswer } from './errors.js';
import { syncGlossary } from './glossary.js';
import { containsKey, redactKey } from './key-forms.js';
import { deeplTarget, deeplSource } from './languages.js';
import { runBounded } from './pool.js';
import { clientOf, localeRun, stop, type DeepLState, type Job, type LocaleRun, type Result } from './state.js';

export const KEY_FLAG = 'the translation held the DeepL authentication key (removed here): the server that answered may be compromised or misconfigured';

/**
 * Sources this run already received are served at once; the rest are
 * queued for the locale. Requests made together (the articles of a
 * translation pass) share one queue, so batches fill up across articles;
 * each batch is handed to every request it serves (`onBatch`, which saves
 * it) as soon as it returns.
 */
export async function translate(state: DeepLState, request: TranslationRequest): Promise<TranslatedSegment[]> {
  const run = localeRun(state, request.targetLocale);
  // Both throw for a locale DeepL cannot serve, before anything is queued.
  deeplTarget(request.targetLocale);
  deeplSource(request.sourceLocale);
  const idsOf = new Map<string, string[]>();
  for (const segment of request.segments) idsOf.set(segment.source, [...(idsOf.get(segment.source) ?? []), segment.id]);
  let settle!: Job['settle'];
  const settled = new Promise<TranslatedSegment[]>((resolve, reject) => (settle = { resolve, reject }));
  // It may settle while the stored part is being saved, before it is awaited.
  settled.catch(() => undefined);
  const job: Job = { request, idsOf, unsent: new Set([...idsOf.keys()].filter((source) => !run.known.has(source))), results: [], settle };
  if (job.unsent.size > 0 && state.fatal) {
    leaveUnsent(run, job);
    throw state.fatal;
  }
  // Queued in the same turn as the call, so that requests made together are batched together.
  for (const source of job.unsent) {
    const waiting = run.waiting.get(source);
    if (waiting) waiting.push(job);
    else {
      run.waiting.set(source, [job]);
      run.queue.push(source);
    }
  }
  if (run.queue.length > 0 && !run.sending) {
    run.sending = true;
    setImmediate(() => void send(state, run, request.sourceLocale));
  }
  const served = [...idsOf.keys()].filter((source) => run.known.has(source)).flatMap((source) => segmentsOf(job, source, run.known.get(source)!));
  job.results.push(...served);
  try {
    if (served.length > 0) await request.onBatch?.(served);
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    state.fatal ??= error;
    // Paid for earlier in the run and not kept by this article: the next build sends them again.
    for (const source of idsOf.keys()) if (run.known.has(source)) run.saved.delete(source);
    throw countLosses(state);
  }
  if (job.unsent.size === 0) return job.results;
  return settled;
}

/** Send what is queued for a locale, a few requests at a time, until the queue is empty or the run stops. */
async function send(state: DeepLState, run: LocaleRun, sourceLocale: string): Promise<void> {
  let failure: unknown;
  try {
    const glossaryId = await glossaryFor(state, run, sourceLocale);
    while (run.queue.length > 0 && !state.fatal) {
      const queued = run.queue.splice(0);
      const tasks = batches(queued, (source) => source, state.limits).map((sources) => () => sendBatch(state, run, sources, sourceLocale, glossaryId));
      await runBounded(tasks, state.concurrency, () => state.fatal !== undefined);
    }
  } catch (error) {
    if (!state.fatal) failure = error;
  }
  run.sending = false;
  // Whatever is still waiting will not be sent in this run; a request whose batch could not be saved failed too.
  const jobs = new Set([...run.waiting.values()].flat().concat([...run.unsaved]));
  run.waiting.clear();
  run.unsaved.clear();
  run.queue.length = 0;
  const error = state.fatal ? countLosses(state) : failure;
  for (const job of jobs) {
    if (error === undefined) {
      // A text the server left without an answer: the request ends without it, as it always has.
      job.settle.resolve(job.results);
      continue;
    }
    leaveUnsent(run, job);
    job.settle.reject(error);
  }
}

/** The glossary is synced once per run, before the first request that needs it. */
async function glossaryFor(state: DeepLState, run: LocaleRun, sourceLocale: string): Promise<string | undefined> {
  try {
    // The clock is read here, in the adapter that talks to the account: it only decides which old glossaries to delete.
    state.glossary ??= syncGlossary(clientOf(state), state.context.glossaries?.values() ?? [], deeplSource(sourceLocale), Date.now());
    const synced = await state.glossary;
    return synced?.languages.has(deeplTarget(run.code).glossary) ? synced.glossaryId : undefined;
  } catch (error) {
    // One glossary holds every locale's terms: what DeepL refuses may be any of the files, not the locale that asked first.
    const files = [...(state.context.glossaries?.values() ?? [])].map((glossary) => glossary.file).sort();
    throw stop(state, error, `sending the glossar${files.length === 1 ? 'y' : 'ies'} (${files.join(', ')})`);
  }
}

async function sendBatch(state: DeepLState, run: LocaleRun, sources: string[], sourceLocale: string, glossaryId: string | undefined): Promise<void> {
  const target = deeplTarget(run.code);
  // The article is context for DeepL (not billed); a batch of several articles goes without.
  const articles = new Set(sources.flatMap((source) => run.waiting.get(source) ?? []).map((job) => job.request.article));
  const [article] = articles;
  let answers: TextResult[];
  try {
    answers = await clientOf(state).translateText(sources, deeplSource(sourceLocale) as SourceLanguageCode, target.target as TargetLanguageCode, {
      tagHandling: 'xml',
      // Placeholders mark inline markup inside a sentence, never a break between sentences.
      nonSplittingTags: tagNames(sources),
      splitSentences: 'nonewlines',
      formality: target.formality,
      ...(articles.size === 1 && article ? { context: [article.title, article.summary].filter(Boolean).join('\n') } : {}),
      ...(glossaryId ? { glossary: glossaryId } : {}),
    });
    // Translations are matched to texts by position: one missing would give every later text its neighbour's translation.
    if (answers.length !== sources.length) throw new BadAnswer(`${answers.length} translations for ${sources.length} texts`);
    if (answers.some((answer) => typeof answer?.text !== 'string')) throw new BadAnswer('a translation without text');
  } catch (error) {
    throw stop(state, error, `translating into ${run.code}`);
  }
  run.stats.requests += 1;
  run.stats.texts += sources.length;
  const batches = new Map<Job, TranslatedSegment[]>();
  sources.forEach((source, index) => {
    const answer = answers[index]!;
    run.stats.billedCharacters += answer.billedCharacters ?? 0;
    const jobs = run.waiting.get(source) ?? [];
    run.waiting.delete(source);
    const result = receive(state, run, jobs[0]!, source, answer.text);
    for (const job of jobs) {
      job.unsent.delete(source);
      const batch = batches.get(job) ?? [];
      batch.push(...segmentsOf(job, source, result));
      batches.set(job, batch);
    }
  });
  state.context.onProgress?.(run.code, sources.length);
  let failure: { error: unknown } | undefined;
  // A line several articles share is saved only once every one of them kept it: the next build sends it again for the one that did not.
  const unkept = new Set<string>();
  for (const [job, batch] of batches) {
    job.results.push(...batch);
    try {
      await job.request.onBatch?.(batch);
      for (const source of sources) if (job.idsOf.has(source)) run.saved.add(source);
    } catch (error) {
      // The memory cannot be written: whatever is sent from now on would be paid for and lost.
      if (error instanceof EditionError) state.fatal ??= error;
      failure ??= { error };
      run.unsaved.add(job);
      for (const source of sources) if (job.idsOf.has(source)) unkept.add(source);
      continue;
    }
    if (job.unsent.size === 0) job.settle.resolve(job.results);
  }
  for (const source of unkept) run.saved.delete(source);
  if (failure) throw failure.error;
}

/** A translation as it is kept: checked against its source, and never holding the key. */
function receive(state: DeepLState, run: LocaleRun, job: Job, source: string, text: string): Result {
  const echoed = containsKey(text, state.keyForms);
  const target = echoed ? redactKey(text, state.keyForms) : text;
  const result: Result = { target, flag: echoed ? KEY_FLAG : checkTranslation(source, target) };
  if (result.flag) run.stats.flagged += 1;
  run.known.set(source, result);
  const terms = state.context.glossaries?.get(run.code)?.entries ?? [];
  for (const term of result.flag ? [] : missingTerms(terms, source, target)) {
    state.warnings.push(`${run.code}: ${job.request.article.file} (${job.idsOf.get(source)![0]}): "${term.source}" not translated as "${term.target}" (glossary line ${term.line})`);
  }
  return result;
}

function segmentsOf(job: Job, source: string, result: Result): TranslatedSegment[] {
  return job.idsOf.get(source)!.map((id) => ({ id, target: result.target, ...(result.flag ? { flag: result.flag } : {}) }));
}

function leaveUnsent(run: LocaleRun, job: Job): void {
  for (const source of job.unsent) run.remaining.add(source);
}

/**
 * When the memory cannot be written, what was paid for and not kept is
 * money lost: say how much, per locale. Counted once nothing is in flight
 * any more, and nothing is sent after it.
 */
function countLosses(state: DeepLState): EditionError {
  const fatal = state.fatal!;
  if ((fatal.code !== 'disk/full' && fatal.code !== 'memory/unwritable') || state.lossesCounted) return fatal;
  state.lossesCounted = true;
  const parts = [...state.locales.values()]
    .filter((run) => run.known.size > 0)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((run) => `${run.code} ${run.saved.size} saved, ${run.known.size - run.saved.size} lost`);
  const lost = [...state.locales.values()].reduce((sum, run) => sum + run.known.size - run.saved.size, 0);
  state.fatal = new EditionError(`${fatal.message}; stopped sending. Segments paid for in this run: ${parts.join('; ')}`, {
    code: fatal.code,
    ...(fatal.file === undefined ? {} : { file: fatal.file }),
    ...(fatal.field === undefined ? {} : { field: fatal.field }),
    hint: `${fatal.hint ?? 'make the memory writable, then build again'}${lost > 0 ? ` (the ${lost} lost segment${lost === 1 ? ' is' : 's are'} sent, and billed, again)` : ''}`,
  });
  return state.fatal;
}

/** Placeholder names in a batch (`em1`, `a2`), for DeepL's tag options. */
function tagNames(sources: readonly string[]): string[] {
  const names = new Set<string>();
  const visit = (nodes: readonly TaggedNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      names.add(node.name);
      visit(node.children);
    }
  };
  for (const source of sources) visit(parseTaggedText(source));
  return [...names].sort();
}
