import type { SourceLanguageCode, TargetLanguageCode, TextResult } from 'deepl-node';
import { EditionError } from '../../../errors.js';
import { checkTranslation } from '../../../segments/check-translation.js';
import { parseTaggedText, type TaggedNode } from '../../../segments/tagged-text.js';
import type { GlossaryEntry } from '../../glossary/glossary-file.js';
import { missingTerms } from '../../glossary/terminology.js';
import type { TranslatedSegment, TranslationRequest } from '../../translator.js';
import { batches } from './batches.js';
import { BadAnswer } from './errors.js';
import { syncGlossary } from './glossary.js';
import { containsKey, redactKey } from './key-forms.js';
import { deeplTarget, deeplSource } from './languages.js';
import { runBounded } from './pool.js';
import { clientOf, localeRun, stop, type DeepLState, type LocaleRun, type Result } from './state.js';

/** One translate request of the pipeline (an article into a locale) as the run handles it. */
interface Job {
  request: TranslationRequest;
  run: LocaleRun;
  /** Ids per distinct source: the same text under two ids is sent once. */
  idsOf: Map<string, string[]>;
  /** Distinct sources not translated yet. */
  unsent: Set<string>;
  results: TranslatedSegment[];
  sourceLang: SourceLanguageCode;
  targetLang: TargetLanguageCode;
  formality: ReturnType<typeof deeplTarget>['formality'];
  glossaryId: string | undefined;
  terms: readonly GlossaryEntry[];
}

export const KEY_FLAG = 'the translation held the DeepL authentication key (removed here): the server that answered may be compromised or misconfigured';

/**
 * Sources this run already received are served at once; the rest go in
 * batches, a few requests at a time, each batch handed to `onBatch` (which
 * saves it) as soon as it returns.
 */
export async function translate(state: DeepLState, request: TranslationRequest): Promise<TranslatedSegment[]> {
  const job = createJob(state, request);
  await serveKnown(job);
  if (job.unsent.size === 0) return job.results;
  if (state.fatal) {
    leaveUnsent(job);
    throw state.fatal;
  }
  try {
    await prepare(state, job);
    const tasks = batches([...job.unsent], (source) => source, state.limits).map((sources) => () => sendBatch(state, job, sources));
    await runBounded(tasks, state.concurrency, () => state.fatal !== undefined);
  } catch (error) {
    if (!state.fatal) throw error;
  } finally {
    if (state.fatal) leaveUnsent(job);
  }
  if (state.fatal) throw countLosses(state);
  return job.results;
}

/**
 * When the memory cannot be written, what was paid for and not kept is
 * money lost: say how much, per locale. Counted once nothing is in flight
 * any more, and nothing is sent after it.
 */
function countLosses(state: DeepLState): EditionError {
  const fatal = state.fatal!;
  if (fatal.code !== 'memory/unwritable' || state.lossesCounted) return fatal;
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

function createJob(state: DeepLState, request: TranslationRequest): Job {
  const target = deeplTarget(request.targetLocale);
  const idsOf = new Map<string, string[]>();
  for (const segment of request.segments) idsOf.set(segment.source, [...(idsOf.get(segment.source) ?? []), segment.id]);
  const run = localeRun(state, request.targetLocale);
  return {
    request,
    run,
    idsOf,
    unsent: new Set([...idsOf.keys()].filter((source) => !run.known.has(source))),
    results: [],
    sourceLang: deeplSource(request.sourceLocale) as SourceLanguageCode,
    targetLang: target.target as TargetLanguageCode,
    formality: target.formality,
    glossaryId: undefined,
    terms: state.context.glossaries?.get(request.targetLocale)?.entries ?? [],
  };
}

function segmentsOf(job: Job, source: string, result: Result): TranslatedSegment[] {
  return job.idsOf.get(source)!.map((id) => ({ id, target: result.target, ...(result.flag ? { flag: result.flag } : {}) }));
}

async function serveKnown(job: Job): Promise<void> {
  const served = [...job.idsOf.keys()].filter((source) => job.run.known.has(source)).flatMap((source) => segmentsOf(job, source, job.run.known.get(source)!));
  job.results.push(...served);
  if (served.length > 0) await job.request.onBatch?.(served);
}

function leaveUnsent(job: Job): void {
  for (const source of job.unsent) job.run.remaining.add(source);
}

/** The glossary is synced once per run, before the first request that needs it. */
async function prepare(state: DeepLState, job: Job): Promise<void> {
  const target = deeplTarget(job.request.targetLocale);
  try {
    state.glossary ??= syncGlossary(clientOf(state), state.context.glossaries?.values() ?? [], job.sourceLang);
    const synced = await state.glossary;
    job.glossaryId = synced?.languages.has(target.glossary) ? synced.glossaryId : undefined;
  } catch (error) {
    throw stop(state, error, `translating into ${job.request.targetLocale}`);
  }
}

async function sendBatch(state: DeepLState, job: Job, sources: string[]): Promise<void> {
  const doing = `translating into ${job.request.targetLocale}`;
  let answers: TextResult[];
  try {
    answers = await clientOf(state).translateText(sources, job.sourceLang, job.targetLang, {
      tagHandling: 'xml',
      // Placeholders mark inline markup inside a sentence, never a break between sentences.
      nonSplittingTags: tagNames(sources),
      splitSentences: 'nonewlines',
      formality: job.formality,
      context: [job.request.article.title, job.request.article.summary].filter(Boolean).join('\n'),
      ...(job.glossaryId ? { glossary: job.glossaryId } : {}),
    });
    if (answers.some((answer) => typeof answer?.text !== 'string')) throw new BadAnswer('a translation without text');
  } catch (error) {
    throw stop(state, error, doing);
  }
  const { stats } = job.run;
  stats.requests += 1;
  stats.texts += sources.length;
  const batch: TranslatedSegment[] = [];
  sources.forEach((source, index) => {
    const answer = answers[index];
    if (!answer) return;
    stats.billedCharacters += answer.billedCharacters ?? 0;
    const result = receive(state, job, source, answer.text);
    batch.push(...segmentsOf(job, source, result));
  });
  job.results.push(...batch);
  state.context.onProgress?.(job.request.targetLocale, sources.length);
  try {
    await job.request.onBatch?.(batch);
  } catch (error) {
    // The memory cannot be written: whatever is sent from now on would be paid for and lost.
    if (error instanceof EditionError) state.fatal ??= error;
    throw error;
  }
  for (const source of sources) if (job.run.known.has(source)) job.run.saved.add(source);
}

/** A translation as it is kept: checked against its source, and never holding the key. */
function receive(state: DeepLState, job: Job, source: string, text: string): Result {
  const echoed = containsKey(text, state.keyForms);
  const target = echoed ? redactKey(text, state.keyForms) : text;
  const result: Result = { target, flag: echoed ? KEY_FLAG : checkTranslation(source, target) };
  if (result.flag) job.run.stats.flagged += 1;
  job.run.known.set(source, result);
  job.unsent.delete(source);
  for (const term of result.flag ? [] : missingTerms(job.terms, source, target)) {
    state.warnings.push(`${job.request.targetLocale}: ${job.request.article.file} (${job.idsOf.get(source)![0]}): "${term.source}" not translated as "${term.target}" (glossary line ${term.line})`);
  }
  return result;
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
