import { eachEdition, type Project } from '../project/project.js';
import { projectGazetteer } from '../project/localization.js';
import { articleZone } from '../localization/dateline.js';
import { linkOrphans } from '../translation/memory/link-orphans.js';
import { isProtected, isUsable, type MemoryFile } from '../translation/memory/memory-file.js';
import type { Article } from '../content/article.js';
import type { Segment } from '../segments/segment-article.js';
import { readinessOf, sendsFor } from './readiness.js';
import type { SegmentStatus } from '../review/segment-status.js';

export interface LocaleEstimate {
  /** Segments a build would send: missing from memory or stale, each distinct source once. */
  segments: number;
  /** Characters of those sources as sent, markup included: what DeepL bills at most. */
  characters: number;
}

export interface Estimate {
  locales: Record<string, LocaleEstimate>;
  segments: number;
  characters: number;
}

/**
 * What a build with a memory-first translator would send, computed from
 * the files alone. It applies the same rules as the build (nothing is sent
 * for an edition held for what no translator changes: a city with no name,
 * a flag, a person's draft, a review the policy asks for), as
 * translateArticle (a stored entry counts only for the same source) and as
 * the DeepL translator's run cache (a source shared by articles is sent
 * once per locale).
 */
export async function estimateBuild(project: Project, targets: readonly string[]): Promise<Estimate> {
  const estimator = createEstimator(project, targets);
  for await (const edition of eachEdition(project, targets)) estimator.add(edition);
  return estimator.result();
}

/** One edition as the estimate reads it. */
export interface EstimatedEdition {
  article: Article;
  segments: readonly Segment[];
  locale: string;
  memory: MemoryFile | undefined;
  /** The segments' statuses, when the caller worked them out already. */
  rows?: readonly SegmentStatus[] | undefined;
}

/**
 * The estimate, fed one edition at a time: a command that reads every
 * edition for its own purpose (`status`) adds each as it goes, rather than
 * reading and parsing every article a second time.
 */
export function createEstimator(project: Project, targets: readonly string[]): { add(edition: EstimatedEdition): void; result(): Estimate } {
  const locales: Record<string, LocaleEstimate> = {};
  const sent = new Map<string, Set<string>>(targets.map((code) => [code, new Set()]));
  for (const code of targets) locales[code] = { segments: 0, characters: 0 };
  const gazetteer = projectGazetteer(project);
  const byCode = new Map(project.locales.map((locale) => [locale.code, locale]));
  return {
    add({ article, segments, locale: code, memory, rows }) {
      articleZone(article, gazetteer);
      const { city } = article.frontMatter.dateline;
      const readiness = readinessOf({ segments, memory, city, site: project.site, gazetteer, locale: byCode.get(code)!, fill: 'missing', rows });
      if (!sendsFor('missing', readiness)) return;
      const seen = sent.get(code)!;
      // A human or reviewed translation kept over a changed English is never sent.
      const kept = new Set(
        memory
          ? linkOrphans(segments, memory)
              .links.filter((link) => isProtected(link.entry))
              .map((link) => link.id)
          : [],
      );
      for (const segment of segments) {
        const stored = memory?.segments[segment.id];
        // An entry with nothing usable (an emptied machine target) is sent again, as translateArticle sends it.
        if ((stored?.source === segment.source && isUsable(stored)) || kept.has(segment.id) || seen.has(segment.source)) continue;
        seen.add(segment.source);
        locales[code]!.segments += 1;
        locales[code]!.characters += billableCharacters(segment.source);
      }
    },
    result() {
      const all = Object.values(locales);
      return {
        locales,
        segments: all.reduce((sum, locale) => sum + locale.segments, 0),
        characters: all.reduce((sum, locale) => sum + locale.characters, 0),
      };
    },
  };
}

/** DeepL counts characters (code points), not UTF-16 units or bytes. */
export function billableCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
