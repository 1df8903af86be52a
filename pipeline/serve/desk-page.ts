import type { PublishingPolicy } from '../content/site.js';
import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import type { Translate } from '../localization/i18n.js';
import type { MemoryEntry } from '../translation/memory/memory-file.js';
import { failsChecks, type SegmentStatus } from '../review/segment-status.js';
import type { ReviewPageInput } from '../review/review-page.js';
import { textDiff, type DiffPart } from '../review/word-diff.js';

/**
 * What a reviewer filters by: the status of `edition review`, and for a
 * segment that needs nothing, how far its review went.
 */
export const CATEGORIES = ['missing', 'flagged', 'stale', 'source-changed', 'machine', 'translated', 'reviewed', 'final'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories that need a reviewer's attention whatever the publishing policy. */
export const ATTENTION: ReadonlySet<Category> = new Set(['missing', 'flagged', 'stale', 'source-changed', 'machine']);

/**
 * Whether a segment needs a reviewer: its category needs one, or the
 * publishing policy holds the edition until it is reviewed (a human
 * translation below `humanState`), or it is a correction nobody reviewed
 * (which `edition check` warns of). The desk counts what check reports.
 */
export function needsReviewer(row: SegmentStatus, policy: PublishingPolicy): boolean {
  const category = categoryOf(row);
  if (ATTENTION.has(category)) return true;
  if (row.status === 'unreviewed-correction') return true;
  return category === 'translated' ? policy.humanState !== 'translated' : category === 'reviewed' && policy.humanState === 'final';
}

/** The UI string key of each category. */
export const CATEGORY_KEYS: Readonly<Record<Category, string>> = {
  missing: 'desk.missing',
  flagged: 'desk.flagged',
  stale: 'desk.stale',
  'source-changed': 'desk.sourceChanged',
  machine: 'desk.machine',
  translated: 'desk.translated',
  reviewed: 'desk.reviewed',
  final: 'desk.final',
};

export function categoryOf(row: SegmentStatus): Category {
  // A target that fails the checks (broken tags, an address or markup the English lacks) stops every build: it is
  // counted and shown with the flagged ones, what a reviewer must fix first.
  if (row.status !== 'stale' && row.status !== 'missing' && failsChecks(row)) return 'flagged';
  if (row.status === 'missing' || row.status === 'flagged' || row.status === 'stale' || row.status === 'source-changed') return row.status;
  const entry = row.entry!;
  if (entry.state === 'final' || entry.state === 'reviewed') return entry.state;
  return entry.origin === 'human' ? 'translated' : 'machine';
}

/** A run of a target as the desk edits it: text, or a placeholder tag the reviewer can move but not change. */
export type TargetPart = { text: string } | { tag: string };

// A tag as XML writes it, with the space it allows before `>` and `/>` (`<code1 />`).
const TAG = /<\/?[A-Za-z][A-Za-z0-9]*\s*\/?>/gu;
const ENTITY = /&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/gu;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Split tagged text into text and tags. It never fails: a broken target is
 * shown as far as it goes, so the reviewer can repair it, and the server
 * checks the repaired text before it is stored.
 */
export function targetParts(tagged: string): TargetPart[] {
  const parts: TargetPart[] = [];
  let last = 0;
  const text = (value: string) => {
    if (value !== '') parts.push({ text: value.replace(ENTITY, (_, name: string) => decodeEntity(name)) });
  };
  for (const match of tagged.matchAll(TAG)) {
    text(tagged.slice(last, match.index));
    parts.push({ tag: match[0] });
    last = match.index + match[0].length;
  }
  text(tagged.slice(last));
  return parts;
}

function decodeEntity(name: string): string {
  if (!name.startsWith('#')) return NAMED[name]!;
  const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

export interface DeskInput extends ReviewPageInput {
  /** The memory file's ETag when the page was made. */
  tag: string;
  token: string;
  /** The target locale's UI strings: the desk speaks the reviewer's language. */
  t: Translate;
  /** The target locale's publishing policy: what it holds back needs a reviewer. */
  policy: PublishingPolicy;
}

/** Strings the desk's script shows, handed over as attributes (escaped by the serializer, never parsed as HTML). */
const MESSAGES = ['saved', 'conflict', 'forbidden'] as const;

/**
 * The review desk of one edition: English and translation side by side,
 * each translation editable in place. Every text from the memory goes into
 * a text node (the serializer escapes it), so a target can never become
 * markup; each cell carries its language and direction, isolated from its
 * neighbours.
 */
export function deskPage(input: DeskInput): Root {
  const { target, rows, t } = input;
  const categories = rows.map(categoryOf);
  const counts = new Map<Category, number>(CATEGORIES.map((category) => [category, 0]));
  for (const category of categories) counts.set(category, counts.get(category)! + 1);
  const attention = rows.filter((row) => needsReviewer(row, input.policy)).length;
  const filters = h('nav', { className: ['filters'], ariaLabel: t('desk.filterLabel') }, [
    h('button', { type: 'button', dataFilter: 'all', dataLabel: t('desk.all'), ariaPressed: 'true' }, `${t('desk.all')} (${rows.length})`),
    ...CATEGORIES.map((category) =>
      h('button', { type: 'button', dataFilter: category, dataLabel: t(CATEGORY_KEYS[category]), ariaPressed: 'false' }, `${t(CATEGORY_KEYS[category])} (${counts.get(category)})`),
    ),
  ]);
  return document(
    target,
    t('desk.title', { slug: input.slug, locale: target.code }),
    [h('meta', { name: 'edition-token', content: input.token }), h('meta', { name: 'edition-etag', content: input.tag })],
    h(
      'body',
      {
        dataLocale: target.code,
        dataSlug: input.slug,
        ...Object.fromEntries(MESSAGES.map((key) => [`data-msg-${key}`, t(`desk.${key}`)])),
        dataMsgRefused: t('desk.refused', { reason: '{reason}' }),
        dataMsgTagsMismatch: t('desk.tagsMismatch', { detail: '{detail}' }),
        dataMsgFailsChecks: t('desk.failsChecks', { detail: '{detail}' }),
        dataMsgEmptyTarget: t('desk.emptyTarget'),
        dataMsgReplaced: t('desk.replaced', { typed: '{typed}' }),
        // Counted again in the page after each save: the count a reviewer works down.
        dataMsgSummary: t('desk.summary', { total: '{total}', attention: '{attention}' }),
      },
      [
        h('header', [
          h('h1', t('desk.title', { slug: input.slug, locale: target.code })),
          h('p', { className: ['summary'] }, [
            h('span', { className: ['counts'] }, t('desk.summary', { total: String(rows.length), attention: String(attention) })),
            ' ',
            h('a', { href: '/_edition/review/' }, t('desk.indexTitle')),
          ]),
          h('p', { className: ['summary'] }, [h('bdi', input.articleFile), ' · ', h('bdi', input.memoryFile)]),
          h('p', { className: ['keys'] }, t('desk.keys')),
          filters,
        ]),
        h(
          'main',
          rows.map((row, index) => segmentRow(row, categories[index]!, input)),
        ),
      ],
    ),
  );
}

/**
 * What a row's meta line says beside its status: who wrote the target in
 * use, and why it is held or refused (its flag, broken tags, a failed
 * check). The server sends the same after each save, so a row never keeps
 * a flag that was cleared or an origin that changed.
 */
export function rowNotes(row: SegmentStatus): { origin: string | undefined; notes: string[] } {
  return { origin: inUse(row)?.origin, notes: [row.entry?.flag, row.placeholders, row.unsafe].filter((note) => note !== undefined) };
}

/** The entry the edition uses for the row: none while it is stale or missing. */
function inUse(row: SegmentStatus): MemoryEntry | undefined {
  return row.status === 'stale' || row.status === 'missing' ? undefined : row.entry;
}

/**
 * What a reviewer's edit of the row starts from, and a save replaces, seen:
 * the memory's entry (a stale machine translation included), or else a
 * person's draft (state initial), which holds the edition.
 */
export function editedEntry(row: SegmentStatus): MemoryEntry | undefined {
  return row.entry ?? row.draft;
}

function segmentRow(row: SegmentStatus, category: Category, input: DeskInput): Element {
  const { segment, entry } = row;
  const { source, target, t } = input;
  const shown = inUse(row);
  const { origin, notes } = rowNotes(row);
  const oldSource = row.status === 'stale' ? entry?.source : entry?.previousSource;
  const oldTarget = row.status === 'stale' ? entry?.target : entry?.previousTarget;
  const edited = editedEntry(row);
  // The state the API gives the row (a draft's own), so that a reload after a conflict sees the row as the page showed it.
  return h('section', { className: ['row'], id: `s-${segment.id}`, dataId: segment.id, dataCategory: category, dataState: edited?.state ?? '' }, [
    h('div', { className: ['meta'] }, [
      h('span', { className: ['id'] }, segment.id),
      ` · ${segment.kind} · `,
      h('span', { className: needsReviewer(row, input.policy) ? ['status', 'attention'] : ['status'] }, t(CATEGORY_KEYS[category])),
      h('span', { className: ['notes'] }, [
        ...(origin === undefined ? [] : [h('span', { className: ['origin'] }, ` · ${origin}`)]),
        ...notes.flatMap((note) => [' · ', h('bdi', { className: ['flag'] }, note)]),
      ]),
    ]),
    h('div', { className: ['cell', 'source'], lang: source.code, dir: source.dir }, [
      h('p', { className: ['text'] }, parts(targetParts(segment.source))),
      ...(oldSource !== undefined ? [change(t('desk.sourceBefore'), textDiff(oldSource, segment.source, source.intl))] : []),
    ]),
    h('div', { className: ['cell', 'target'], lang: target.code, dir: target.dir }, [
      h(
        'div',
        { className: ['editor'], contentEditable: 'true', role: 'textbox', ariaMultiLine: 'false', ariaLabel: segment.id, spellCheck: true, lang: target.code, dir: target.dir },
        parts(targetParts(edited?.target ?? '')),
      ),
      ...(oldTarget !== undefined && shown ? [change(t('desk.targetBefore'), textDiff(oldTarget, shown.target, target.intl))] : []),
      h('div', { className: ['actions'] }, [
        h('button', { type: 'button', dataAction: 'translated' }, t('desk.save')),
        h('button', { type: 'button', dataAction: 'reviewed' }, t('desk.approve')),
        h('button', { type: 'button', dataAction: 'final' }, t('desk.finalize')),
        // Hidden, not left out: a flag set on disk after the page loaded brings it back.
        h('button', { type: 'button', dataAction: 'clear-flag', hidden: entry?.flag === undefined }, t('desk.clearFlag')),
      ]),
      h('p', { className: ['message'], role: 'status' }),
    ]),
  ]);
}

/** Text and tag tokens; tokens are atoms in the editor (not editable, draggable as a whole). */
function parts(list: readonly TargetPart[]): ElementContent[] {
  return list.map((part) =>
    'tag' in part ? h('span', { className: ['tag'], contentEditable: 'false', draggable: 'true', dataTag: part.tag, dir: 'ltr' }, part.tag) : { type: 'text', value: part.text },
  );
}

function change(label: string, diff: readonly DiffPart[]): Element {
  const content: ElementContent[] = diff.map((part) => (part.kind === 'same' ? { type: 'text', value: part.text } : h(part.kind === 'added' ? 'ins' : 'del', part.text)));
  return h('div', { className: ['change'] }, [h('span', { className: ['label'] }, `${label}: `), h('bdi', content)]);
}

export interface DeskIndexRow {
  slug: string;
  /** Locale code → segments needing attention; a locale left out is unknown (the article or its memory does not read). */
  attention: ReadonlyMap<string, number>;
}

/** Every edition with its count of segments needing attention, each linked to its desk. */
export function deskIndexPage(input: { source: LocaleConfig; targets: readonly LocaleConfig[]; rows: readonly DeskIndexRow[]; t: Translate }): Root {
  const { source, targets, rows, t } = input;
  const table = h('table', [
    h('thead', h('tr', [h('th', { scope: 'col' }, t('desk.article')), ...targets.map((locale) => h('th', { scope: 'col', lang: locale.code }, locale.code))])),
    h(
      'tbody',
      rows.map((row) =>
        h('tr', [
          h('th', { scope: 'row' }, h('bdi', row.slug)),
          ...targets.map((locale) => {
            // Unknown (the article or its memory does not read): "?", marked for attention; its desk says why.
            const count = row.attention.get(locale.code);
            return h(
              'td',
              { className: count === undefined || count > 0 ? ['attention'] : [] },
              h('a', { href: `/_edition/review/${encodeURIComponent(locale.code)}/${encodeURIComponent(row.slug)}` }, count === undefined ? '?' : String(count)),
            );
          }),
        ]),
      ),
    ),
  ]);
  const total = rows.reduce((sum, row) => sum + [...row.attention.values()].reduce((a, b) => a + b, 0), 0);
  // A count that could not be made is not "nothing needs attention".
  const unknown = rows.some((row) => targets.some((locale) => !row.attention.has(locale.code)));
  return document(
    source,
    t('desk.indexTitle'),
    [],
    h('body', [
      h('header', [h('h1', t('desk.indexTitle')), h('p', { className: ['summary'] }, total === 0 && !unknown ? t('desk.nothing') : t('desk.indexSummary', { attention: String(total) }))]),
      h('main', table),
    ]),
  );
}

function document(locale: LocaleConfig, title: string, metas: Element[], body: Element): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale.code, dir: locale.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'robots', content: 'noindex, nofollow' }),
          ...metas,
          h('title', title),
          h('link', { rel: 'stylesheet', href: '/_edition/desk.css' }),
          h('script', { src: '/_edition/desk.js', defer: true }),
        ]),
        body,
      ]),
    ],
  };
}
