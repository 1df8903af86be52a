import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { articleOf, eachEdition } from '../project/project.js';
import { checkedLocales, projectGazetteer } from '../project/localization.js';
import { articleZone } from '../localization/dateline.js';
import { decimalMark } from '../localization/format-number.js';
import { futureDates, unannouncedCorrection, zoneContradiction, type DateNote } from '../localization/date-checks.js';
import type { Gazetteer } from '../localization/gazetteer.js';
import type { Article } from '../content/article.js';
import { readGlossaries } from '../io/read-glossaries.js';
import { UNOWNED_HINT, unownedMemoryWarning } from '../io/read-project.js';
import { createAssetPublisher, publishTheme, type AssetPublisher } from '../build/assets.js';
import { articleAssets } from '../content/assets.js';
import { linkedArticles } from '../content/article-links.js';
import { deadArticleLinks, linkedName, missingLinkHint, missingLinkMessage, type LinkingArticle } from '../build/dead-links.js';
import { memoryOutput } from '../bundle/output.js';
import { articlePath } from '../render/article-page.js';
import { checkEdition, checkHreflang, hreflangTargets, type BuiltPage, type Problem } from '../review/check.js';
import { editionStatus, isUnreviewedMachine } from '../review/segment-status.js';
import { readinessOf, type HoldKind } from '../build/readiness.js';
import type { CommandIo } from './build-command.js';
import { count, readProjectInput, type ProjectOptions } from './project-input.js';
import { answeredBy } from './json-failure.js';
import { terminalSafe, warningLine } from './terminal-text.js';

export interface CheckCommandOptions extends ProjectOptions {
  out: string;
  json?: boolean;
  /**
   * What fails the check: `held`, anything a build would hold back or is
   * broken (the gate before publishing); `broken`, only what is broken, so
   * a run that publishes what is ready fails on a broken translation or
   * file but not on an edition still waiting for its translators.
   */
  failOn?: 'held' | 'broken';
}

/** Errors that only hold an edition back until people translate or review it: nothing is broken. */
const HOLDS_ONLY: ReadonlySet<Finding['kind']> = new Set<Finding['kind']>(['missing', 'stale', 'changed-correction', 'flagged', 'unreviewed-machine', 'review-state', 'city']);

/** One thing check found, with the article it belongs to. */
export interface Finding extends Omit<Problem, 'kind'> {
  kind: Problem['kind'] | HoldKind | DateKind | 'unowned-memory' | 'linked-file' | 'article-link';
  /** The article's file; the out folder for a built page's problem. */
  article: string;
}

/**
 * What the publishing policy holds back, or what is broken, fails the
 * check; the rest is listed as a warning. A build publishes an edition
 * with a warning: a human or reviewed translation whose English changed
 * (with a notice to readers; not a correction's, which is held), an unreviewed correction, a glossary term
 * not used, an orphan entry.
 */
const ERRORS: ReadonlySet<Finding['kind']> = new Set<Finding['kind']>([
  'missing',
  'stale',
  'changed-correction',
  'flagged',
  'placeholders',
  'unsafe',
  'hash',
  'hreflang',
  'unreviewed-machine',
  'review-state',
  'city',
  'future-change',
  'linked-file',
]);

const POLICY_ACTIONS: Record<'unreviewed-machine' | 'review-state' | 'city', string> = {
  'unreviewed-machine': 'have it reviewed (`edition review`, or `edition xliff export`/`import` with state="reviewed"), or allow unreviewed machine translations in site.yaml',
  'review-state': 'have it reviewed to the state site.yaml asks for (`edition xliff export`/`import`)',
  city: "add the city's name to the locale's cities.yaml",
};

/**
 * The CI gate, under the same publishing policy as the build: every
 * edition's segments against its memory, the glossary, the dateline city
 * and the built pages' hreflang links. It counts unreviewed machine
 * segments per locale, and groups what it finds by article and segment.
 * Reads files only: no network, no key.
 */
export async function checkCommand(options: CheckCommandOptions, io: CommandIo): Promise<void> {
  const { project, targets } = await readProjectInput(options, io.cwd);
  // What reading the project found (a story in a section folder, a memory folder of no locale) is said as a build says
  // it; memory files of no article are findings of their own, below.
  const unownedWarnings = new Set((project.unowned ?? []).map(unownedMemoryWarning));
  for (const warning of project.warnings ?? []) if (!unownedWarnings.has(warning)) io.stderr.write(warningLine(warning));
  const glossaries = await readGlossaries(resolve(io.cwd, options.localesDir), io.cwd);
  const gazetteer = projectGazetteer(project);
  const byCode = new Map(project.locales.map((locale) => [locale.code, locale]));
  const sourceMark = decimalMark(byCode.get(project.site.sourceLocale)!);
  const decimalMarks = new Map(targets.map((code) => [code, { source: sourceMark, target: decimalMark(byCode.get(code)!) }]));
  // What stops every build stops the check too: a UI string a locale lacks, a template naming an unknown variable,
  // a logo or stylesheet the build cannot publish (read as the build reads them, written nowhere).
  checkedLocales(project, targets, gazetteer);
  const assets = createAssetPublisher(project, memoryOutput());
  await publishTheme(project.site, assets);
  const findings: Finding[] = [];
  const unreviewedMachine = new Map(targets.map((code) => [code, 0]));
  let editions = 0;
  // The clock, read here at the edge: which dates are still to come.
  const now = Date.now();
  // For links to other articles, checked once every edition's readiness is known.
  const linking: LinkingArticle[] = [];
  const published = new Map<string, boolean>();
  // What the English article itself says: checked once per article, as the source locale's.
  const checkArticle = async (article: Article) => {
    // What reading it warned of (a misspelt field, raw HTML, Markdown in a title), said as a build says it.
    for (const warning of article.warnings) io.stderr.write(warningLine(warning));
    linking.push({ file: article.file, slug: article.slug, links: linkedArticles(article) });
    // The files the article links, read and checked as a build reads them: one missing or unsafe stops every build.
    const linked = await linkedFileProblem(assets, article);
    if (linked) findings.push({ ...linked, locale: project.site.sourceLocale, article: article.file });
    for (const [kind, note] of datesToCheck(article, articleZone(article, gazetteer), now, gazetteer)) {
      const where = note.line === undefined ? article.file : `${article.file}:${note.line}`;
      const severity = ERRORS.has(kind) ? 'error' : 'warning';
      findings.push({ kind, severity, file: article.file, locale: project.site.sourceLocale, message: `${note.message} (${where}, ${note.field})`, action: note.hint, article: article.file });
    }
  };
  const articlesChecked = new Set<string>();
  for await (const { article, segments, locale, memory, memoryFile } of eachEdition(project, targets)) {
    editions += 1;
    if (!articlesChecked.has(article.file)) {
      articlesChecked.add(article.file);
      await checkArticle(article);
    }
    // Worked out once for the three questions below: what is wrong, what the policy holds, what is unreviewed.
    const status = editionStatus(segments, memory);
    for (const problem of checkEdition({ articleFile: article.file, locale, memoryFile, segments, memory, glossary: glossaries.get(locale), status, decimalMarks: decimalMarks.get(locale) })) {
      findings.push({ ...problem, severity: ERRORS.has(problem.kind) ? 'error' : 'warning', article: article.file });
    }
    const { city } = article.frontMatter.dateline;
    const readiness = readinessOf({ segments, memory, city, site: project.site, gazetteer, locale: byCode.get(locale)!, fill: 'none', rows: status.rows });
    published.set(`${article.slug}\u0000${locale}`, readiness.published);
    for (const reason of readiness.reasons) {
      if (reason.kind !== 'unreviewed-machine' && reason.kind !== 'review-state' && reason.kind !== 'city') continue;
      const where = reason.kind === 'city' ? [undefined] : reason.segments;
      for (const segment of where) {
        findings.push({
          kind: reason.kind,
          severity: 'error',
          file: memoryFile,
          locale,
          ...(segment ? { segment } : {}),
          message: reason.kind === 'city' ? reason.message : reasonMessage(reason.kind),
          action: POLICY_ACTIONS[reason.kind],
          article: article.file,
        });
      }
    }
    for (const row of status.rows) {
      if (isUnreviewedMachine(row)) unreviewedMachine.set(locale, (unreviewedMachine.get(locale) ?? 0) + 1);
    }
  }
  // A site of the source language alone (or --locales naming only it) has no edition to loop over: its articles are still checked.
  if (targets.length === 0) for (const source of project.articles) await checkArticle(articleOf(await project.readArticle(source)));
  findings.push(...deadLinkFindings(linking, [project.site.sourceLocale, ...targets], published, project.site.sourceLocale));
  // An article renamed without its memory: its editions are missing above, and these files say why.
  for (const { article, files } of project.unowned ?? []) {
    for (const { locale, file } of files) {
      if (!targets.includes(locale)) continue;
      findings.push({ kind: 'unowned-memory', severity: 'warning', file, locale, message: `no article ${article}: these translations are used nowhere`, action: UNOWNED_HINT, article });
    }
  }
  const outDir = resolve(io.cwd, options.out);
  const outLabel = relative(io.cwd, outDir) || outDir;
  const pages = await builtPages(project.articles, project.locales, outDir, project.site.url);
  for (const problem of checkHreflang(pages, new Set(pages.map((page) => page.path)), outLabel)) findings.push({ ...problem, severity: 'error', article: outLabel });

  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const failing = findings.filter((finding) => finding.severity === 'error' && (options.failOn !== 'broken' || !HOLDS_ONLY.has(finding.kind))).length;
  const warnings = findings.length - errors;
  const machine = Object.fromEntries(unreviewedMachine);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ok: failing === 0, editions, errors, failing, warnings, builtPages: pages.length, unreviewedMachine: machine, problems: findings }, null, 2)}\n`);
  } else {
    io.stdout.write(terminalSafe(grouped(findings)));
    const pagesNote =
      pages.length === 0 ? `; no built pages in ${options.out}, so hreflang links were not checked` : `; hreflang links of ${pages.length} built page${pages.length === 1 ? '' : 's'} checked`;
    const passing = errors - failing;
    const heldNote = passing === 0 ? '' : ` (${passing} only hold${passing === 1 ? 's' : ''} editions back, which --fail-on broken lets pass)`;
    io.stdout.write(`checked ${editions} edition${editions === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}${heldNote}, ${warnings} warning${warnings === 1 ? '' : 's'}${pagesNote}\n`);
    const counted = [...unreviewedMachine].filter(([, value]) => value > 0);
    io.stdout.write(`unreviewed machine segments: ${counted.length === 0 ? 'none' : counted.map(([code, value]) => `${code} ${count(value)}`).join(', ')}\n`);
  }
  if (failing > 0) {
    const failed = new EditionError(`${failing} problem${failing === 1 ? '' : 's'} must be fixed before these editions are published`, {
      code: 'check/failed',
      hint: 'each problem above says what to do; run `edition check` again afterwards',
    });
    // With --json, the report printed above is the answer (ok: false).
    throw options.json ? answeredBy(failed) : failed;
  }
}

/** The first file the article links that a build cannot publish (missing, not a kind edition publishes, an SVG with scripts). */
async function linkedFileProblem(assets: AssetPublisher, article: Article): Promise<Omit<Finding, 'locale' | 'article'> | undefined> {
  try {
    await assets.resolve(article.file, articleAssets(article), true);
    return undefined;
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    const where = error.line === undefined ? article.file : `${article.file}:${error.line}`;
    return {
      kind: 'linked-file',
      severity: 'error',
      file: article.file,
      message: `${error.message} (${where}${error.field === undefined ? '' : `, ${error.field}`})`,
      action: error.hint ?? 'fix the link',
    };
  }
}

/** Links to other articles that lead nowhere in a published edition: warnings, as a build gives them (it publishes the page). */
function deadLinkFindings(linking: readonly LinkingArticle[], locales: readonly string[], published: ReadonlyMap<string, boolean>, source: string): Finding[] {
  const slugs = new Set(linking.map((article) => article.slug));
  const isPublished = (slug: string, code: string) => (!slugs.has(slug) ? undefined : code === source || published.get(`${slug}\u0000${code}`) === true);
  return deadArticleLinks(linking, locales, isPublished).flatMap((dead): Finding[] => {
    const base = { kind: 'article-link' as const, severity: 'warning' as const, file: dead.file, article: dead.file };
    if (dead.missing) return [{ ...base, locale: source, message: `${missingLinkMessage(dead)} (line ${dead.line})`, action: missingLinkHint(dead) }];
    return dead.held.map((locale) => ({
      ...base,
      locale,
      message: `links ${linkedName(dead)} (line ${dead.line}), whose edition is held back: in this edition the link leads nowhere until that one is published`,
      action: `publish that edition (edition status says what it waits for), or link another page`,
    }));
  });
}

/** What the article's dates would tell readers and machines by mistake. */
function datesToCheck(article: Article, zone: string, now: number, gazetteer: Gazetteer): Array<[DateKind, DateNote]> {
  const quiet = unannouncedCorrection(article, zone);
  const clock = zoneContradiction(article, gazetteer);
  return [
    ...(quiet ? [['unannounced-correction', quiet] as [DateKind, DateNote]] : []),
    ...(clock ? [['dateline-zone', clock] as [DateKind, DateNote]] : []),
    ...futureDates(article, now).map((note): [DateKind, DateNote] => [note.field === 'date' ? 'future-date' : 'future-change', note]),
  ];
}

type DateKind = 'unannounced-correction' | 'future-date' | 'future-change' | 'dateline-zone';

function reasonMessage(kind: 'unreviewed-machine' | 'review-state'): string {
  return kind === 'unreviewed-machine' ? 'machine translation not reviewed, and the publishing policy asks for review' : 'human translation below the review state the publishing policy asks for';
}

/** Every article page of every locale that the out folder holds, with the editions its hreflang links name. */
async function builtPages(articles: readonly { slug: string }[], locales: readonly { code: string }[], outDir: string, siteUrl: string | undefined): Promise<BuiltPage[]> {
  const pages: BuiltPage[] = [];
  for (const { slug } of articles) {
    for (const locale of locales) {
      const path = articlePath(locale.code, slug);
      let html: string;
      try {
        html = await readFile(join(outDir, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      pages.push({ path, locale: locale.code, alternates: hreflangTargets(html, siteUrl) });
    }
  }
  return pages;
}

/**
 * Findings as a reader scans them: a heading per article, then one entry
 * per segment and problem naming every locale it concerns, e.g.
 *
 *     content/a.md
 *       segment 1f2e… (line 14): missing in de, ja, ko: segment has no translation
 *         do: translate it …
 */
function grouped(findings: readonly Finding[]): string {
  const articles = new Map<string, Map<string, { finding: Finding; locales: string[] }>>();
  for (const finding of findings) {
    const groups = articles.get(finding.article) ?? new Map<string, { finding: Finding; locales: string[] }>();
    articles.set(finding.article, groups);
    const key = [finding.segment ?? '', finding.kind, finding.severity, finding.message, finding.action, finding.kind === 'hreflang' ? finding.file : ''].join('\u0000');
    const group = groups.get(key) ?? { finding, locales: [] };
    if (!group.locales.includes(finding.locale)) group.locales.push(finding.locale);
    groups.set(key, group);
  }
  let text = '';
  for (const [article, groups] of articles) {
    text += `${article}\n`;
    for (const { finding, locales } of groups.values()) {
      const what = finding.kind === 'hreflang' ? finding.file : finding.segment ? `segment ${finding.segment}` : 'edition';
      text += `  ${what}: ${finding.severity === 'warning' ? 'warning: ' : ''}${finding.kind} in ${locales.join(', ')}: ${finding.message}\n    do: ${finding.action}\n`;
    }
  }
  return text;
}
