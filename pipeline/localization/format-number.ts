import type { LocaleConfig } from './locale.js';

/** A whole number as the locale writes it (its pinned digits), without grouping: a page's number in a list's title. */
export function formatWholeNumber(locale: LocaleConfig, value: number): string {
  return new Intl.NumberFormat(locale.intl, { numberingSystem: locale.numberingSystem, useGrouping: false }).format(value);
}
