import { policyFor, type PublishingPolicy, type ReviewState, type Site } from '../content/site.js';
import type { Gazetteer } from '../localization/gazetteer.js';
import type { LocaleConfig } from '../localization/locale.js';
import type { Segment } from '../segments/segment-article.js';
import { awaitsPerson, type MemoryFile } from '../translation/memory/memory-file.js';
import { editionStatus, isUnreviewedMachine, type SegmentStatus } from '../review/segment-status.js';

/**
 * Why an edition is held back. Each names the segments it concerns (none for
 * the dateline city), so a desk editor knows what to translate or review.
 */
export type HoldKind = 'missing' | 'stale' | 'flagged' | 'unreviewed-machine' | 'review-state' | 'city' | 'unchecked';

export interface HoldReason {
  kind: HoldKind;
  /** Segment ids, in article order. */
  segments: string[];
  /** One line a desk editor can act on. */
  message: string;
}

/** Whether one article in one locale is published, and if not, why. */
export interface Readiness {
  published: boolean;
  reasons: HoldReason[];
}

/**
 * What the translator of this run does to segments the memory cannot serve:
 * `none` (the memory translator: a gap holds the edition), `missing` (a
 * machine translator fills gaps and stale segments, never a human or
 * reviewed entry), `all` (pseudo: every segment is made up afresh, so only
 * the dateline can hold an edition).
 */
export type Fill = 'none' | 'missing' | 'all';

export interface ReadinessInput {
  segments: readonly Segment[];
  memory: MemoryFile | undefined;
  policy: PublishingPolicy;
  /** The dateline city's name in the locale; undefined when the gazetteer has none. */
  cityName: string | undefined;
  /** The dateline's English city, for the message. */
  city: string;
  locale: string;
  fill: Fill;
  /** The segments' statuses (editionStatus of these segments and memory), when the caller has them already. */
  rows?: readonly SegmentStatus[] | undefined;
}

/** An edition as every command meets it: the site's policy for its locale and the dateline city's name there come from these. */
export interface SiteReadinessInput {
  segments: readonly Segment[];
  memory: MemoryFile | undefined;
  /** The dateline's English city. */
  city: string;
  site: Site;
  gazetteer: Pick<Gazetteer, 'nameIn'>;
  locale: LocaleConfig;
  fill: Fill;
  rows?: readonly SegmentStatus[] | undefined;
}

/** {@link editionReadiness} under the site's policy for the locale, with the city named as the locale names it: the same for build, check, status, estimate and the preview. */
export function readinessOf(edition: SiteReadinessInput): Readiness {
  const { site, gazetteer, locale, city, ...rest } = edition;
  return editionReadiness({ ...rest, city, policy: policyFor(site, locale.code), cityName: gazetteer.nameIn(city, locale), locale: locale.code });
}

const RANK: Record<ReviewState, number> = { translated: 0, reviewed: 1, final: 2 };

/**
 * An edition is published when every segment has a publishable translation
 * under the policy and its dateline city has a name in the locale. A flagged
 * segment, an empty target and an `initial` entry are never publishable
 * (segment-status counts the last two as missing). A human or reviewed
 * translation kept over a changed English is publishable (readers see the
 * notice the page carries), except a correction's, which waits for a
 * person to fix or confirm it.
 */
export function editionReadiness(input: ReadinessInput): Readiness {
  const { policy, fill } = input;
  const reasons: HoldReason[] = [];
  if (input.cityName === undefined) {
    reasons.push({ kind: 'city', segments: [], message: `no name for the dateline city "${input.city}" (add it to the locale's cities.yaml)` });
  }
  if (fill !== 'all') {
    const held = new Map<HoldKind, string[]>();
    const hold = (kind: HoldKind, id: string) => held.set(kind, [...(held.get(kind) ?? []), id]);
    for (const row of input.rows ?? editionStatus(input.segments, input.memory).rows) {
      const id = row.segment.id;
      if (row.status === 'flagged') hold('flagged', id);
      else if (row.status === 'missing' || row.status === 'stale') {
        // Found under the segment's id, or carried over from an edited English (a draft is protected as a translation is).
        const draft = row.status === 'missing' ? (row.draft ?? input.memory?.segments[id]) : undefined;
        if (draft !== undefined && draft.source === row.segment.source && awaitsPerson(draft)) hold('missing', id);
        else if (fill === 'none') hold(row.status, id);
        else if (!policy.unreviewedMachine) hold('unreviewed-machine', id);
      } else if (row.status === 'source-changed' && row.segment.kind === 'correction') {
        // A correction states a fact: its old translation would tell readers of another error, or the wrong fix.
        hold('stale', id);
      } else if (row.entry) {
        const { origin, state } = row.entry;
        if (isUnreviewedMachine(row) && !policy.unreviewedMachine) hold('unreviewed-machine', id);
        else if (origin === 'human' && state !== 'initial' && RANK[state] < RANK[policy.humanState]) hold('review-state', id);
      }
    }
    for (const [kind, segments] of held) reasons.push({ kind, segments, message: messageOf(kind, segments.length, policy) });
  }
  return { published: reasons.length === 0, reasons };
}

/**
 * Whether translating the edition could make it publishable: an edition held
 * for anything a translator does not change (a city, a flag, a human
 * translation awaiting review) is not sent, so nothing is paid for it.
 */
export function worthTranslating(readiness: Readiness): boolean {
  return readiness.reasons.every((reason) => reason.kind === 'unreviewed-machine');
}

export function messageOf(kind: HoldKind, count: number, policy: PublishingPolicy): string {
  const segments = `${count} segment${count === 1 ? '' : 's'}`;
  switch (kind) {
    case 'missing':
      return `${segments} not translated`;
    case 'stale':
      return `${segments} translated from an older English text`;
    case 'flagged':
      return `${segments} flagged for review`;
    case 'unreviewed-machine':
      return `${segments} machine-translated and not reviewed (the policy publishes reviewed machine translations only)`;
    case 'review-state':
      return `${segments} of human translation below "${policy.humanState}"`;
    case 'city':
      return 'no city name';
    case 'unchecked':
      return `${segments} failing the checks every published translation passes (the build stops on them; edition check names them)`;
  }
}

/** `ko: 3 segments not translated; no ko name for …`: an edition's reasons on one line. */
export function describeHold(reasons: readonly Pick<HoldReason, 'message'>[]): string {
  return reasons.map((reason) => reason.message).join('; ');
}

/** Whether an edition's missing segments go to the translator: never for one held for a reason translating cannot lift. */
export function sendsFor(fill: Fill, readiness: Readiness): boolean {
  if (fill === 'none') return false;
  return readiness.published || worthTranslating(readiness);
}
