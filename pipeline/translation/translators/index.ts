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
};
