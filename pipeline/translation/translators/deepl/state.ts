import type { DeepLClient } from 'deepl-node';
import type { EditionError } from '../../../errors.js';
import type { TranslatedSegment, TranslationRequest, TranslatorContext, TranslatorLocaleStats, TranslatorStats } from '../../translator.js';
import { MAX_BYTES, MAX_TEXTS, type BatchLimits } from './batches.js';
import { createClient, deeplSettings, type DeepLSettings } from './client.js';
import { deeplError } from './errors.js';
import type { SyncedGlossary } from './glossary.js';
import { keyForms } from './key-forms.js';

export interface DeepLOptions {
  /** Translate requests in flight at once. */
  concurrency?: number;
  limits?: BatchLimits;
}

/** What came back for one source. */
export interface Result {
  target: string;
  flag: string | undefined;
}

/** One target locale's part of a run. */
export interface LocaleRun {
  code: string;
  stats: TranslatorLocaleStats;
  /** Every source paid for in this run, and what came back: a source shared by articles is sent once. */
  known: Map<string, Result>;
  /** Sources asked for but not sent, because the run stopped. */
  remaining: Set<string>;
  /** Sources paid for in this run that a saved batch holds. */
  saved: Set<string>;
  /** Sources waiting to be sent, in the order asked for. */
  queue: string[];
  /** The requests waiting for each source queued or in flight: articles asked for together share batches. */
  waiting: Map<string, Job[]>;
  /** Whether a sender is running (or about to) for this locale. */
  sending: boolean;
  /** Requests a batch of which could not be saved: they fail when the sender stops. */
  unsaved: Set<Job>;
}

/** One translate request of the pipeline (an article into a locale), while it waits for its sources. */
export interface Job {
  request: TranslationRequest;
  /** Ids per distinct source: the same text under two ids is sent once. */
  idsOf: Map<string, string[]>;
  /** Distinct sources not received yet. */
  unsent: Set<string>;
  results: TranslatedSegment[];
  settle: { resolve: (results: TranslatedSegment[]) => void; reject: (error: unknown) => void };
}

/** Everything one run of the translator keeps; the steps of a run are functions over it. */
export interface DeepLState {
  context: TranslatorContext;
  settings: DeepLSettings;
  concurrency: number;
  limits: BatchLimits;
  /** The key in every form a server might echo it back in. */
  keyForms: string[];
  client: DeepLClient | undefined;
  /** Synced once per run, on the first request. */
  glossary: Promise<SyncedGlossary | undefined> | undefined;
  locales: Map<string, LocaleRun>;
  /** Problems that do not stop the build (a glossary term not used). */
  warnings: string[];
  /** The failure that would fail every later request too: once set, nothing more is sent. */
  fatal: EditionError | undefined;
  /** Whether `fatal` already says what a failed save lost. */
  lossesCounted: boolean;
}

const DEFAULT_CONCURRENCY = 4;

export function createState(context: TranslatorContext, options: DeepLOptions): DeepLState {
  const settings = deeplSettings(context.env);
  return {
    context,
    settings,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    limits: options.limits ?? { maxTexts: MAX_TEXTS, maxBytes: MAX_BYTES },
    keyForms: keyForms(settings.authKey),
    client: undefined,
    glossary: undefined,
    locales: new Map(),
    warnings: [],
    fatal: undefined,
    lossesCounted: false,
  };
}

/** The client is made on first use, so a run that sends nothing opens no connection. */
export function clientOf(state: DeepLState): DeepLClient {
  return (state.client ??= createClient(state.settings));
}

export function localeRun(state: DeepLState, code: string): LocaleRun {
  let run = state.locales.get(code);
  if (!run) {
    run = {
      code,
      stats: { requests: 0, texts: 0, billedCharacters: 0, remaining: 0, flagged: 0 },
      known: new Map(),
      remaining: new Set(),
      saved: new Set(),
      queue: [],
      waiting: new Map(),
      sending: false,
      unsaved: new Set(),
    };
    state.locales.set(code, run);
  }
  return run;
}

/** Record the failure that stops the run (the first one wins) and return it, to be thrown. */
export function stop(state: DeepLState, error: unknown, doing: string): EditionError {
  state.fatal ??= deeplError(error, state.settings, doing);
  return state.fatal;
}

export function statsOf(state: DeepLState): TranslatorStats {
  const locales: Record<string, TranslatorLocaleStats> = {};
  for (const code of [...state.locales.keys()].sort()) {
    const run = state.locales.get(code)!;
    // A locale served only from what this run already received has nothing to report.
    if (run.stats.requests === 0 && run.remaining.size === 0) continue;
    locales[code] = { ...run.stats, remaining: run.remaining.size };
  }
  return { locales, warnings: [...state.warnings] };
}
