import { CommanderError } from 'commander';
import { EditionError, EditionErrors } from '../errors.js';

/**
 * A command run with `--json` answers on stdout when it fails too, with one
 * JSON line a CI job can read: `{"ok": false, "error": {...}}`, the error as
 * stderr gives it. The command that knows more (build, with the editions
 * --strict refused) answers itself; the command line answers for the rest
 * (an option commander refused, a project that does not read, a bug).
 */
const answered = new WeakSet<object>();

export function failureJson(error: unknown, more: Record<string, unknown> = {}, show: (file: string) => string = (file) => file): string {
  if (typeof error === 'object' && error !== null) answered.add(error);
  return `${JSON.stringify({ ok: false, error: errorJson(error, show), ...more })}\n`;
}

/** An error whose command printed its own JSON answer (check's report of the problems it fails on): the command line adds none. */
export function answeredBy<T extends object>(error: T): T {
  answered.add(error);
  return error;
}

export function answeredAsJson(error: unknown): boolean {
  return typeof error === 'object' && error !== null && answered.has(error);
}

/** The error's fields, its file shown as stderr shows it (relative to the working folder). */
function errorJson(error: unknown, show: (file: string) => string): Record<string, unknown> {
  if (error instanceof EditionError) {
    const { code, message, file, line, field, hint } = error;
    return {
      code,
      message,
      file: file === undefined ? undefined : show(file),
      line,
      field,
      hint,
      ...(error instanceof EditionErrors ? { errors: error.errors.map((inner) => errorJson(inner, show)) } : {}),
    };
  }
  if (error instanceof CommanderError) return { code: 'cli/usage', message: error.message.replace(/^error: /u, '') };
  return { code: 'internal', message: (error as Error)?.message ?? String(error) };
}
