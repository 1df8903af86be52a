/**
 * The one error type of the pipeline. Every failure a user can act on is an
 * EditionError: it says where (file, line or field), what, and what to do.
 * Errors from libraries are mapped into it at the edge where they arrive, so
 * the CLI can print any failure in one or two lines without a stack trace.
 */
/**
 * Every error code the pipeline raises. A union rather than `string`, so a
 * code mistyped where an error is raised, or in the CLI's table of exit
 * codes, fails to compile.
 */
export type ErrorCode =
  | 'budget/exceeded'
  | 'build/held'
  | 'build/pseudo-out'
  | 'check/failed'
  | 'cli/invalid-option'
  | 'cli/missing-file'
  | 'cli/no-folder'
  | 'cli/no-locales'
  | 'cli/shard'
  | 'cli/unknown-article'
  | 'cli/unknown-locale'
  | 'cli/unknown-translator'
  | 'cli/usage'
  | 'content/binary'
  | 'content/control-character'
  | 'content/empty'
  | 'content/file-name'
  | 'content/encoding'
  | 'content/missing-asset'
  | 'content/slug-collision'
  | 'content/symlink'
  | 'content/too-deep'
  | 'content/note-in-link'
  | 'content/too-large'
  | 'content/unsafe-asset'
  | 'content/vanished'
  | 'dateline/ambiguous-city'
  | 'dateline/unknown-city'
  | 'deepl/auth'
  | 'deepl/bad-answer'
  | 'deepl/dropped'
  | 'deepl/no-key'
  | 'deepl/quota'
  | 'deepl/rate-limit'
  | 'deepl/request'
  | 'deepl/server'
  | 'deepl/server-url'
  | 'deepl/setting'
  | 'deepl/timeout'
  | 'deepl/unreachable'
  | 'deepl/unsupported-locale'
  | 'disk/full'
  | 'front-matter/invalid'
  | 'front-matter/missing'
  | 'front-matter/missing-field'
  | 'front-matter/not-a-map'
  | 'front-matter/unclosed'
  | 'front-matter/yaml'
  | 'git/revision'
  | 'glossary/conflict'
  | 'glossary/invalid'
  | 'io/file-system'
  | 'locale/cldr'
  | 'locale/invalid'
  | 'locale/missing-key'
  | 'locale/missing-settings'
  | 'locale/unknown'
  | 'locale/unknown-variable'
  | 'lock/busy'
  | 'lock/not-a-file'
  | 'lock/unwritable'
  | 'manifest/changed-archive'
  | 'manifest/inputs'
  | 'manifest/invalid'
  | 'manifest/missing-files'
  | 'manifest/missing-shard'
  | 'manifest/no-out'
  | 'manifest/no-parts'
  | 'manifest/revisions'
  | 'manifest/strangers'
  | 'memory/conflict'
  | 'memory/hash'
  | 'memory/invalid'
  | 'memory/json'
  | 'memory/missing'
  | 'memory/unwritable'
  | 'memory/changed'
  | 'multiple'
  | 'out/unsafe'
  | 'out/unwritable'
  | 'project/missing-folder'
  | 'segment/placeholders'
  | 'serve/bad-request'
  | 'serve/conflict'
  | 'serve/empty-target'
  | 'serve/forbidden'
  | 'serve/listen'
  | 'serve/not-found'
  | 'serve/remote-host'
  | 'serve/too-large'
  | 'site/invalid'
  | 'text/html'
  | 'translation/flagged'
  | 'translation/too-large'
  | 'translation/unchecked'
  | 'xliff/malformed'
  | 'xliff/refused'
  | 'xliff/too-large'
  | 'yaml/syntax';

export interface ErrorDetails {
  /** Stable machine-readable code, e.g. `front-matter/missing-field`. */
  code: ErrorCode;
  /** File the problem is in, relative to the working directory when possible. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** Field, key or segment the problem concerns (`dateline.city`, a segment hash). */
  field?: string;
  /** What the user should do about it. */
  hint?: string;
  /** Underlying error, kept for debugging (never printed by the CLI). */
  cause?: unknown;
}

/** How a path is shown in a message. */
export type ShowFile = (file: string) => string;

export class EditionError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EditionError';
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    this.hint = details.hint;
  }

  /** The location, with the file shown through `show` (the CLI makes it relative to the working directory). */
  locate(show: ShowFile = (file) => file): string {
    let where = this.file === undefined ? '' : show(this.file);
    if (this.file && this.line !== undefined) where += `:${this.line}`;
    if (this.field) where += where ? ` (${this.field})` : this.field;
    return where;
  }

  /** One or two lines for a terminal: what and where, then what to do. */
  format(show?: ShowFile): string {
    const location = this.locate(show);
    // `--cache names no folder` needs no `--cache: ` before it.
    const named = this.file === undefined && this.message.startsWith(`${location} `);
    const head = location && !named ? `${location}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }
}

/** Several errors found in one pass (e.g. every missing translation at once). */
export class EditionErrors extends EditionError {
  readonly errors: EditionError[];
  constructor(errors: EditionError[], summary: string, hint?: string) {
    super(summary, { code: 'multiple', ...(hint === undefined ? {} : { hint }) });
    this.errors = errors;
  }

  override format(show?: ShowFile): string {
    const lines = this.errors.map((error) => error.format(show));
    return [this.message, ...lines.map((line) => '  ' + line.replaceAll('\n', '\n  ')), ...(this.hint ? [`hint: ${this.hint}`] : [])].join('\n');
  }
}

export function isEditionError(error: unknown): error is EditionError {
  return error instanceof EditionError;
}

/** Writing out/ failed (a full disk): the same for every page that follows, so the build stops now. */
export const STOPS_AT_ONCE: ReadonlySet<ErrorCode> = new Set(['disk/full', 'out/unwritable']);
