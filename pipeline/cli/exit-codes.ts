import type { EditionError, ErrorCode } from '../errors.js';
import { EditionErrors } from '../errors.js';

/**
 * Exit codes from sysexits.h, so a scheduler can tell "try again later"
 * (quota, rate limit, server trouble) from "fix something first".
 */
const BY_CODE: Partial<Record<ErrorCode, number>> = {
  'deepl/quota': 75,
  'deepl/rate-limit': 75,
  'deepl/server': 75,
  'deepl/timeout': 75,
  'deepl/dropped': 75,
  'deepl/bad-answer': 75,
  'deepl/unreachable': 69,
  'deepl/auth': 77,
  'budget/exceeded': 1,
  // Another build holds the folder: run again when it is done.
  'lock/busy': 75,
  // A file went while it was being read (a rename, a checkout): run again.
  'content/vanished': 75,
  // An empty --locales (an unset CI variable) is a mistake in the command, like an unknown option.
  'cli/no-locales': 2,
  'cli/no-folder': 2,
  // EX_IOERR: the disk is full; nothing was replaced, free space and run again.
  'disk/full': 74,
};

export function exitCodeOf(error: EditionError): number {
  const errors = error instanceof EditionErrors ? error.errors : [error];
  for (const inner of errors) {
    const code = BY_CODE[inner.code];
    if (code !== undefined && code !== 1) return code;
  }
  return 1;
}
