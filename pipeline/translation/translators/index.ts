/**
 * Registry of translators by name, as `--translator NAME` chooses them.
 * A new translator is a factory added here.
 */
import type { TranslatorFactory } from '../translator.js';
import { memoryTranslator } from './memory.js';
import { pseudoTranslator } from './pseudo.js';

export const translators: Record<string, TranslatorFactory> = {
  memory: () => memoryTranslator(),
  pseudo: () => pseudoTranslator(),
  // Loaded on demand: deepl-node and its HTTP client cost a noticeable share of every start-up.
  deepl: async (context) => (await import('./deepl/index.js')).deeplTranslator(context),
};

/** Without --translator: DeepL when a key is set (its translations are saved), else the stored translations only. */
export function defaultTranslator(env: Readonly<Record<string, string | undefined>>): string {
  return env['DEEPL_AUTH_KEY']?.trim() ? 'deepl' : 'memory';
}
