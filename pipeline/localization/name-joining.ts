import type { Translate } from './i18n.js';

/**
 * The words that join the names of a byline, in the edition's language:
 * `bylineSeparator` between names, `bylineLastSeparator` before the last.
 * The last one may change with the sound the last name begins with, as
 * Spanish writes "y" but "e" before an "i" sound ("Ana López e Inés
 * Díaz"): a locale gives that form as `bylineLastSeparator_iSound`
 * (i18next's context), and every other keeps its one separator.
 */
export function nameSeparators(names: readonly string[], t: Translate): string[] {
  return names.slice(1).map((name, index) => (index === names.length - 2 ? t('bylineLastSeparator', beginsWithISound(name) ? { context: 'iSound' } : {}) : t('bylineSeparator')));
}

/**
 * Whether a name begins with an "i" sound, by its spelling: i or hi (í, hí,
 * the Turkish İ), not followed by a vowel, with which it makes a "y" sound
 * instead ("Hierro", "Iakov": Spanish writes "y" before them). What comes
 * before its first letter (a quote, a direction mark pasted with it) is
 * not read.
 */
export function beginsWithISound(name: string): boolean {
  return /^h?[iíïİ](?![aeiouáéíóúü])/iu.test(name.normalize('NFC').replace(/^\P{L}+/u, ''));
}
