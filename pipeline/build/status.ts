import { eachEdition, type Project } from '../project/project.js';
import { policyFor } from '../content/site.js';
import { checkedLocales, projectGazetteer } from '../project/localization.js';
import { editionStatus, failsChecks, isUnreviewedMachine } from '../review/segment-status.js';
import type { EditionCounts, LocaleStatus, StatusEdition, StatusReport } from '../review/status-page.js';
import { readinessOf, messageOf } from './readiness.js';
import { billableCharacters, createEstimator } from './estimate.js';

/**
 * Where every edition stands, from the files alone: published or held (and
 * why) under the site's publishing policy, as the default build would
 * decide; each segment's state; per locale, the share of segments and
 * characters ready to publish and what DeepL would bill to fill the gaps.
 */
export async function projectStatus(project: Project, targets: readonly string[]): Promise<StatusReport> {
  const gazetteer = projectGazetteer(project);
  // A locale the build refuses to render is not reported ready.
  checkedLocales(project, targets, gazetteer);
  const byCode = new Map(project.locales.map((locale) => [locale.code, locale]));
  const editions: StatusEdition[] = [];
  const articles: StatusReport['articles'] = [];
  // The cost to complete, from this same pass over the editions.
  const estimator = createEstimator(project, targets);
  for await (const edition of eachEdition(project, targets)) {
    const { article, segments, locale: code, memory } = edition;
    // Each segment's state is worked out once, for the estimate, the readiness and the counts.
    const { rows } = editionStatus(segments, memory);
    // Refuses a dateline city the build refuses, as the build would.
    estimator.add({ ...edition, rows });
    if (articles.at(-1)?.slug !== article.slug) articles.push({ slug: article.slug, file: article.file, title: article.frontMatter.title });
    const locale = byCode.get(code)!;
    const { city } = article.frontMatter.dateline;
    const policy = policyFor(project.site, code);
    const decided = readinessOf({ segments, memory, city, site: project.site, gazetteer, locale, fill: 'none', rows });
    // A target that fails the checks every published one passes stops the build, whatever the policy: not ready.
    // Only an edition the build would publish is checked so: one held for another reason stops nothing.
    const unchecked = rows.filter((row) => row.status !== 'flagged' && failsChecks(row)).map((row) => row.segment.id);
    const readiness =
      unchecked.length === 0 || !decided.published
        ? decided
        : { published: false, reasons: [...decided.reasons, { kind: 'unchecked' as const, segments: unchecked, message: messageOf('unchecked', unchecked.length, policy) }] };
    const blocked = new Set(readiness.reasons.flatMap((reason) => reason.segments));
    const counts: EditionCounts = { segments: 0, characters: 0, readySegments: 0, readyCharacters: 0, missing: 0, stale: 0, flagged: 0, unreviewedMachine: 0, human: 0, reviewed: 0, final: 0 };
    for (const row of rows) {
      const characters = billableCharacters(row.segment.source);
      counts.segments += 1;
      counts.characters += characters;
      if (!blocked.has(row.segment.id)) {
        counts.readySegments += 1;
        counts.readyCharacters += characters;
      }
      if (row.status === 'missing' || row.status === 'stale' || row.status === 'flagged') counts[row.status] += 1;
      else if (isUnreviewedMachine(row)) counts.unreviewedMachine += 1;
      else if (row.entry?.state === 'reviewed' || row.entry?.state === 'final') counts[row.entry.state] += 1;
      else counts.human += 1;
    }
    editions.push({ slug: article.slug, file: article.file, locale: code, published: readiness.published, reasons: readiness.reasons, counts });
  }
  const estimate = estimator.result();
  const locales = targets.map((code): LocaleStatus => {
    const own = editions.filter((edition) => edition.locale === code);
    const sum = (pick: (counts: EditionCounts) => number) => own.reduce((total, edition) => total + pick(edition.counts), 0);
    const locale = byCode.get(code)!;
    return {
      code,
      name: locale.name,
      dir: locale.dir,
      published: own.filter((edition) => edition.published).length,
      held: own.filter((edition) => !edition.published).length,
      segments: sum((counts) => counts.segments),
      readySegments: sum((counts) => counts.readySegments),
      characters: sum((counts) => counts.characters),
      readyCharacters: sum((counts) => counts.readyCharacters),
      unreviewedMachine: sum((counts) => counts.unreviewedMachine),
      toComplete: estimate.locales[code] ?? { segments: 0, characters: 0 },
    };
  });
  return { sourceLocale: project.site.sourceLocale, articles, locales, editions };
}
