/**
 * The translator interface: a batch of segments in, a batch of translated
 * segments out. Everything a translator must keep (placeholder tags, what
 * they stand for) is in the tagged text; the pipeline checks what comes back.
 */
import type { Glossary } from './glossary/glossary-file.js';

/**
 * The origin of a segment shown in its English because nothing translates
 * it (the preview's stand-in): no translation, so no reader is told it is one.
 */
export const UNTRANSLATED = 'untranslated';

export interface SourceSegment {
  /** Hash of the normalized source: the segment's identity. */
  id: string;
  /** Tagged source text (`Read <a1>the report</a1>.`). */
  source: string;
}

export interface TranslationRequest {
  sourceLocale: string;
  targetLocale: string;
  segments: readonly SourceSegment[];
  /** The article being translated, for messages and context. */
  /** The article: its title and summary are context for the translator (DeepL does not bill context). */
  article: { slug: string; file: string; title: string; summary?: string | undefined };
  /**
   * Called with each batch as soon as it comes back, before the rest is
   * sent, so that a run stopped by a quota or a crash keeps (and does not
   * pay again for) everything already translated.
   */
  onBatch?: (results: TranslatedSegment[]) => Promise<void>;
}

export interface TranslatedSegment {
  id: string;
  target: string;
  /** Why the target must be reviewed before it is published (broken markup). */
  flag?: string;
}

/** What a translator sent and what it left undone, per target locale. */
export interface TranslatorLocaleStats {
  requests: number;
  texts: number;
  /** As the engine reports it, not as estimated. */
  billedCharacters: number;
  /** Segments asked for but not translated because the run was stopped. */
  remaining: number;
  /** Segments stored flagged for review. */
  flagged: number;
}

export interface TranslatorStats {
  locales: Record<string, TranslatorLocaleStats>;
  /** Problems that do not stop a build (a glossary term not used). */
  warnings: string[];
}

export interface Translator {
  /** Registry name, also recorded as the origin of what it translates. */
  readonly name: string;
  /**
   * Whether stored translations are served first and only the rest is sent.
   * Pseudo-localization turns this off so that every string on a page is
   * visibly transformed.
   */
  readonly usesMemory: boolean;
  /** Whether what it returns is kept in the translation memory. */
  readonly storesResults: boolean;
  /**
   * Whether it serves the memory and nothing else: a segment the memory
   * lacks then holds its edition back, and the build knows it before
   * asking.
   */
  readonly memoryOnly?: boolean;
  /**
   * The largest segment (UTF-8 bytes of its tagged source) one request can
   * carry. A larger one is refused with the article's line before anything
   * of the article is sent, rather than failing at the service.
   */
  readonly maxSegmentBytes?: number;
  translate(request: TranslationRequest): Promise<TranslatedSegment[]>;
  /** Throws an EditionError for a locale it cannot translate into, before anything is sent. */
  checkLocales?(codes: readonly string[]): void;
  stats?(): TranslatorStats;
}

/** What a translator factory may read: handed in by the CLI, never read from globals. */
export interface TranslatorContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Newsroom glossaries by locale code, from locales/<lng>/glossary.txt. */
  glossaries?: ReadonlyMap<string, Glossary>;
  /** Told after each batch with how many segments it translated, for progress on a terminal. */
  onProgress?: (locale: string, segments: number) => void;
}

/** May load its translator's code on demand (DeepL's client is loaded only by builds that use it). */
export type TranslatorFactory = (context: TranslatorContext) => Translator | Promise<Translator>;
