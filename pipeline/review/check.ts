import type { Segment } from '../segments/segment-article.js';
import { segmentId } from '../segments/normalize.js';
import { awaitsPerson, type MemoryFile } from '../translation/memory/memory-file.js';
import type { Glossary } from '../translation/glossary/glossary-file.js';
import { missingTerms } from '../translation/glossary/terminology.js';
import { missingNumbers, type DecimalMarks } from '../segments/check-numbers.js';
import { editionStatus, type EditionStatus, type Status } from './segment-status.js';

/** One thing `edition check` found: where, what, and what to do about it. */
export interface Problem {
  kind: Exclude<Status, 'current'> | 'changed-correction' | 'placeholders' | 'unsafe' | 'glossary' | 'numbers' | 'hreflang' | 'orphan' | 'hash';
  /** Errors fail the check; warnings are listed and do not. */
  severity: 'error' | 'warning';
  file: string;
  locale: string;
  /** The segment id, when the problem is one segment's. */
  segment?: string;
  message: string;
  action: string;
}

export interface EditionToCheck {
  articleFile: string;
  locale: string;
  /** Where the edition's memory lives (whether or not the file exists yet). */
  memoryFile: string;
  segments: readonly Segment[];
  memory: MemoryFile | undefined;
  glossary?: Glossary | undefined;
  /** The segments' statuses (editionStatus of these segments and memory), when the caller has them already. */
  status?: EditionStatus | undefined;
  /** How the English and the translation write a decimal point, for reading their numbers (a full stop in both unless given). */
  decimalMarks?: DecimalMarks | undefined;
}

const ACTIONS: Record<Exclude<Status, 'current'>, string> = {
  missing: 'translate it: run `edition build --translator deepl`, or add it by hand or with `edition xliff import`',
  stale: 'its English changed: run `edition build --translator deepl` to re-translate it, or import a human translation',
  'source-changed': 'its English changed under a human or reviewed translation: compare with `edition diff`, then fix or confirm it with `edition xliff export`/`import`',
  flagged: 'fix the target as its flag says (in the review desk of `edition serve`, with `edition xliff export`/`import`, or in the file), then delete its "flag"',
  'unreviewed-correction': 'have an editor review the correction: export with `edition xliff export`, set state="reviewed", import',
};

const MESSAGES: Record<Exclude<Status, 'current'>, string> = {
  missing: 'segment has no translation',
  stale: 'machine translation of an older English text',
  'source-changed': 'English changed since this translation was made or reviewed',
  flagged: 'translation flagged for review',
  'unreviewed-correction': 'correction not reviewed yet',
};

/** Every problem of one article in one locale. */
export function checkEdition(edition: EditionToCheck): Problem[] {
  const { memoryFile: file, locale } = edition;
  const problems: Problem[] = [];
  const status = edition.status ?? editionStatus(edition.segments, edition.memory);
  // Entries whose source was edited in the memory no longer hash to their id: each is reported once, as a hash error (below), not also as English that changed.
  const hashBroken = new Set(Object.entries(edition.memory?.segments ?? {}).flatMap(([id, entry]) => (segmentId(entry.source) === id ? [] : [id])));
  for (const row of status.rows) {
    const segment = row.segment.id;
    const line = row.segment.line === undefined ? '' : ` (${edition.articleFile}:${row.segment.line})`;
    const reportedAsHash = row.status === 'source-changed' && row.linkedFrom !== undefined && hashBroken.has(row.linkedFrom);
    if (row.status === 'source-changed' && row.segment.kind === 'correction' && !reportedAsHash) {
      problems.push({
        kind: 'changed-correction',
        severity: 'error',
        file,
        locale,
        segment,
        message: `the correction's English changed since this translation: its readers would get the old correction${line}`,
        action: 'fix or confirm the translation (`edition diff`, then `edition xliff export`/`import` or the desk); the edition is held until then',
      });
    } else if (row.status !== 'current' && !reportedAsHash) {
      const detail = row.status === 'flagged' ? `: ${row.entry!.flag}` : '';
      // Flagged as it would be carried to the new English: the file still holds it, unflagged, under the old English's id.
      const carried = row.status === 'flagged' && row.linkedFrom !== undefined && edition.memory?.segments[row.segment.id] === undefined;
      // A person's draft is never sent to a machine: it waits for a person.
      const draft = row.status === 'missing' && row.draft !== undefined && awaitsPerson(row.draft) ? row.draft : undefined;
      const message = draft ? `${draft.state === 'initial' ? 'translation is a draft (state initial)' : 'translation is empty'}, which no machine replaces` : `${MESSAGES[row.status]}${detail}`;
      const action = draft
        ? 'complete it in the review desk (`edition serve`) or with `edition xliff export`/`import`, and set its state to translated or reviewed'
        : carried
          ? `fix the target for the new English in the review desk (\`edition serve\`) or with \`edition xliff export\`/\`import\`; until then the file keeps it unflagged under the old English's id ${row.linkedFrom}`
          : ACTIONS[row.status];
      problems.push({ kind: row.status, severity: 'error', file, locale, segment, message: `${message}${line}`, action });
    }
    if (row.placeholders && row.status !== 'flagged' && row.status !== 'stale') {
      problems.push({
        kind: 'placeholders',
        severity: 'error',
        file,
        locale,
        segment,
        message: `placeholder tags do not match the English: ${row.placeholders}${line}`,
        action: 'fix the tags in the target so each tag of the source appears exactly once',
      });
    }
    if (row.unsafe && row.status !== 'stale') {
      problems.push({
        kind: 'unsafe',
        severity: 'error',
        file,
        locale,
        segment,
        message: `target fails the checks every published translation passes: ${row.unsafe}${line}`,
        action: 'remove from the target what the English does not have; until then no build publishes it (one that would stops on it)',
      });
    }
    if (row.entry && row.status !== 'stale' && edition.glossary) {
      for (const term of missingTerms(edition.glossary.entries, row.segment.source, row.entry.target)) {
        problems.push({
          kind: 'glossary',
          severity: 'error',
          file,
          locale,
          segment,
          message: `"${term.source}" not translated as "${term.target}"${line}`,
          action: `use the newsroom's term (${edition.glossary.file}:${term.line}), or change the glossary`,
        });
      }
    }
    const numbers = row.entry && row.status !== 'stale' && !row.placeholders ? missingNumbers(row.segment.source, row.entry.target, edition.decimalMarks) : [];
    if (numbers.length > 0) {
      problems.push({
        kind: 'numbers',
        severity: 'warning',
        file,
        locale,
        segment,
        message: `${numbers.map((number) => `"${number}"`).join(', ')} of the English ${numbers.length === 1 ? 'is' : 'are'} not in the translation${line}`,
        action: "check the figures against the English and correct the translation (the locale's own way of writing a number, 1.250 or 1 250 for 1,250, counts as the same)",
      });
    }
  }
  // The build refuses these (translate-article.ts); check says so first.
  for (const id of hashBroken) {
    problems.push({
      kind: 'hash',
      severity: 'error',
      file,
      locale,
      segment: id,
      message: "source does not match the entry's id (its hash differs)",
      action: 'restore the source from git; to retranslate the segment instead, delete the entry',
    });
  }
  for (const orphan of status.orphans) {
    problems.push({
      kind: 'orphan',
      severity: 'warning',
      file,
      locale,
      segment: orphan,
      message: 'translation of English the article no longer has',
      action: 'delete the entry if the paragraph was removed; it is kept until someone does',
    });
  }
  return problems;
}

/** A built page and the editions its hreflang links name, as paths under the output folder. */
export interface BuiltPage {
  path: string;
  locale: string;
  alternates: readonly string[];
}

/** Every edition an hreflang link names that the build does not have. */
export function checkHreflang(pages: readonly BuiltPage[], built: ReadonlySet<string>, outLabel: string): Problem[] {
  const problems: Problem[] = [];
  for (const page of pages) {
    for (const target of page.alternates) {
      if (built.has(target)) continue;
      problems.push({
        kind: 'hreflang',
        severity: 'error',
        file: `${outLabel}/${page.path}`,
        locale: page.locale,
        message: `hreflang names ${target}, which the build does not have`,
        action: 'build every locale (`edition build`), or publish the missing edition before linking to it',
      });
    }
  }
  return problems;
}

/**
 * The output paths an edition's hreflang links point to: absolute under the
 * site's URL, or relative to the page's folder one level down. The pages
 * are the build's own, whose head writes each link as one tag with its
 * attributes double-quoted: read with a pattern, not a tokenizer, since
 * tokenizing the heads of a large site's pages took 6 to 16 times as long
 * (htmlparser2 and parse5's SAX parser, stopped at `</head>`, against this
 * pattern on 2,000 pages: 0.31 and 0.76 ms a page against 0.05).
 */
export function hreflangTargets(html: string, siteUrl: string | undefined): string[] {
  const targets: string[] = [];
  for (const match of html.matchAll(/<link\b[^>]*\brel="alternate"[^>]*>/gu)) {
    const tag = match[0];
    if (!/\bhreflang="/u.test(tag)) continue;
    const href = /\bhref="([^"]*)"/u.exec(tag)?.[1];
    if (href === undefined) continue;
    if (siteUrl && href.startsWith(siteUrl)) targets.push(decodedPath(href.slice(siteUrl.length)));
    else if (href.startsWith('../')) targets.push(decodedPath(href.slice(3)));
  }
  return [...new Set(targets)];
}

/** A link's path as a file name; one that does not decode (a page edited by hand) is kept as written, and so names no file. */
function decodedPath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
