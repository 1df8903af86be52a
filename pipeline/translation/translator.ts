/**
 * The translator interface: a batch of segments in, a batch of translated
 * segments out. Everything a translator must keep (placeholder tags, what
 * they stand for) is in the tagged text; the pipeline checks what comes back.
 */
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
  article: { slug: string; file: string; title: string };
}

export interface TranslatedSegment {
  id: string;
  target: string;
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
  translate(request: TranslationRequest): Promise<TranslatedSegment[]>;
}

/** What a translator factory may read: handed in by the CLI, never read from globals. */
export interface TranslatorContext {
  env: Readonly<Record<string, string | undefined>>;
}

export type TranslatorFactory = (context: TranslatorContext) => Translator;
