import type { LocaleConfig } from './locale.js';

/** A whole number as the locale writes it (its pinned digits), without grouping: a page's number in a list's title. */
export function formatWholeNumber(locale: LocaleConfig, value: number): string {
  return new Intl.NumberFormat(locale.intl, { numberingSystem: locale.numberingSystem, useGrouping: false }).format(value);
}

/** The mark a locale writes between a number's whole part and its fraction, in its Latin-digit form (12,5 or 12.5). */
export function decimalMark(locale: LocaleConfig): string {
  return new Intl.NumberFormat(locale.intl, { numberingSystem: 'latn' }).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}
