import { describeHold } from '../build/readiness.js';
import { terminalLine } from './terminal-text.js';

/**
 * Held editions as lines a desk editor reads at a glance: one per article
 * and reason, naming the locales it holds, e.g.
 * `content/new.md: ar, de, ko: 14 segments not translated`. A reason
 * quotes the article (a dateline city): made safe to print.
 */
export function heldLines(held: readonly { file: string; locale: string; reasons: readonly { message: string }[] }[]): string[] {
  const groups = new Map<string, { file: string; why: string; locales: string[] }>();
  for (const edition of held) {
    const why = describeHold(edition.reasons);
    const key = `${edition.file}\u0000${why}`;
    const group = groups.get(key) ?? { file: edition.file, why, locales: [] };
    group.locales.push(edition.locale);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => terminalLine(`${group.file}: ${group.locales.join(', ')}: ${group.why}`));
}

/**
 * Held editions the previous build had published, whose pages this build
 * took down, one line per article: `content/talks.md: de, ko: published
 * before, taken down until it can be published again`.
 */
export function withdrawnLines(held: readonly { file: string; locale: string; withdrawn?: true }[]): string[] {
  const byFile = new Map<string, string[]>();
  for (const edition of held) if (edition.withdrawn) byFile.set(edition.file, [...(byFile.get(edition.file) ?? []), edition.locale]);
  return [...byFile].map(([file, locales]) => terminalLine(`${file}: ${locales.join(', ')}: published before, taken down until ${locales.length === 1 ? 'it' : 'they'} can be published again`));
}

/** Held editions without their `withdrawn` mark: for a build that takes nothing down (refused by --strict, or with nothing to do). */
export function withoutWithdrawn<T extends { withdrawn?: true }>(held: readonly T[]): T[] {
  return held.map((edition) => {
    const still = { ...edition };
    delete still.withdrawn;
    return still;
  });
}
