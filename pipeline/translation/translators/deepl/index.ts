import { EditionErrors } from '../../../errors.js';
import type { Translator, TranslatorContext } from '../../translator.js';
import { serverName } from './client.js';
import { deeplError } from './errors.js';
import { unservedLocales } from './languages.js';
import { clientOf, createState, statsOf, type DeepLOptions, type DeepLState } from './state.js';
import { translate } from './translate.js';

export type { DeepLOptions } from './state.js';

export interface DeepLUsage {
  characters: { count: number; limit: number } | undefined;
  server: string;
}

export interface DeepLTranslator extends Translator {
  usage(): Promise<DeepLUsage>;
}

/**
 * Machine translation with DeepL. One instance is one run: it remembers
 * what it translated so that a sentence shared by many articles is sent
 * (and billed) once per locale, and after a failure that would fail every
 * request (bad key, quota, unreachable server, a memory that cannot be
 * written) it sends nothing more.
 */
export function deeplTranslator(context: TranslatorContext, options: DeepLOptions = {}): DeepLTranslator {
  const state = createState(context, options);
  return {
    name: 'deepl',
    usesMemory: true,
    storesResults: true,
    maxSegmentBytes: state.limits.maxBytes,
    translate: (request) => translate(state, request),
    checkLocales,
    stats: () => statsOf(state),
    usage: () => usage(state),
  };
}

function checkLocales(codes: readonly string[]): void {
  const errors = unservedLocales(codes);
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new EditionErrors(errors, `DeepL cannot serve ${errors.length} locales; nothing was sent`);
}

async function usage(state: DeepLState): Promise<DeepLUsage> {
  try {
    const usage = await clientOf(state).getUsage();
    return {
      characters: usage.character ? { count: usage.character.count, limit: usage.character.limit } : undefined,
      server: serverName(state.settings),
    };
  } catch (error) {
    throw deeplError(error, state.settings, 'reading usage');
  }
}
