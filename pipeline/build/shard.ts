import { EditionError } from '../errors.js';

/** `--shard i/n`: this run builds the i-th of n parts (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** More shards than this is a typo: a site has far fewer locales, and each shard builds whole locales. */
export const MAX_SHARDS = 1000;

export function parseShard(text: string): Shard {
  const match = /^(\d{1,10})\/(\d{1,10})$/u.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > MAX_SHARDS) {
    throw new EditionError(`--shard ${text} is not a shard: write i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 2/4`, {
      code: 'cli/shard',
      field: '--shard',
      hint: 'build shard 1/4, 2/4, 3/4 and 4/4 and copy their out folders together',
    });
  }
  return { index, count };
}

/**
 * Which locales a shard builds. The unit is a whole locale bundle: its
 * pages, index, feed and sitemap come from one shard, so shard outputs
 * copied together are byte for byte one full build. Locales are dealt
 * round-robin in their sorted order, which is the same on every machine.
 */
export function localesOfShard<T extends { code: string }>(locales: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...locales];
  const sorted = [...locales].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return sorted.filter((_, position) => position % shard.count === shard.index - 1);
}
