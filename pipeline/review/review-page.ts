import { BIDI_CONTROL_RANGE } from '../content/characters.js';
import { h } from 'hastscript';
import type { Element, ElementContent, Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { needsAttention, type SegmentStatus } from './segment-status.js';
import { newsroomPage } from './newsroom-page.js';
import { readable, textDiff, type DiffPart } from './word-diff.js';

export interface ReviewPageInput {
  slug: string;
  articleFile: string;
  memoryFile: string;
  source: LocaleConfig;
  target: LocaleConfig;
  rows: readonly SegmentStatus[];
}

const STYLE = `
body{margin:0;font:1rem/1.65 system-ui,"Noto Sans","Noto Sans CJK KR","Noto Sans CJK JP","Noto Sans CJK SC","Noto Sans Arabic",sans-serif;color:#1a1a1a;background:#fff}
header,main{max-width:72rem;margin-inline:auto;padding-inline:1rem}
header{border-block-end:1px solid #ddd}
h1{font-size:1.4rem;overflow-wrap:anywhere}
.summary{color:#555;font-size:.875rem}
.row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.25rem 1.5rem;padding-block:.75rem;border-block-end:1px solid #eee}
.row.head{font-weight:700;border-block-end:2px solid #ccc;position:sticky;top:0;background:#fff}
.meta{grid-column:1/-1;font-size:.8rem;color:#555;font-family:ui-monospace,monospace}
.cell{min-width:0;overflow-wrap:anywhere}
.cell p{margin:0}
.change{margin-block-start:.5rem;padding:.25rem .5rem;background:#f7f7f7;font-size:.875rem}
.status{display:inline-block;padding-inline:.4rem;border-radius:.25rem;background:#e8f0e8}
.status.attention{background:#fde2c8}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.missing{color:#a00;font-style:italic}
mark.control{background:#fd8;font:0.75em monospace;padding:0 0.2em}
:lang(ko){word-break:keep-all}
:lang(ja),:lang(zh-CN){line-break:strict}
`.trim();

const LABELS: Record<SegmentStatus['status'], string> = {
  current: 'current',
  missing: 'missing',
  stale: 'stale: English changed, machine translation to redo',
  'source-changed': 'English changed since this translation',
  flagged: 'flagged',
  'unreviewed-correction': 'correction, not reviewed',
};

/**
 * The reviewer's page for one edition: each segment's English and
 * translation side by side, with its state, its origin and how the English
 * changed since the translation was made. For reviewers only: noindex,
 * never linked from the site. Each column carries its language and
 * direction, so Arabic reads right to left beside the English.
 */
export function reviewPage(input: ReviewPageInput): Root {
  const { source, target, rows } = input;
  const attention = rows.filter(needsAttention).length;
  const header = h('div', { className: ['row', 'head'] }, [
    h('div', { className: ['cell'], lang: source.code, dir: source.dir }, source.name),
    h('div', { className: ['cell'], lang: target.code, dir: target.dir }, target.name),
  ]);
  return newsroomPage(`Review: ${input.slug} (${target.code})`, STYLE, [
    h('header', [
      h('h1', `Review: ${input.slug} → ${target.name} (${target.code})`),
      h(
        'p',
        { className: ['summary'] },
        `${rows.length} segments, ${attention} needing attention. English: ${input.articleFile}. Translations: ${input.memoryFile}. Approve by editing the memory or with edition xliff export / import.`,
      ),
    ]),
    h('main', [header, ...rows.map((row) => segmentRow(row, source, target))]),
  ]);
}

function segmentRow(row: SegmentStatus, source: LocaleConfig, target: LocaleConfig): Element {
  const { segment, entry } = row;
  const shown = row.status === 'stale' ? undefined : entry;
  const meta = [
    `${segment.id} · ${segment.kind}${segment.line === undefined ? '' : ` · line ${segment.line}`} · `,
    h('span', { className: needsAttention(row) ? ['status', 'attention'] : ['status'] }, LABELS[row.status]),
    ...(shown ? [` · ${shown.state} · ${shown.origin === 'human' ? 'human' : `machine (${shown.origin})`}`] : []),
    ...(row.placeholders ? [' · ', h('span', { className: ['status', 'attention'] }, `tags: ${row.placeholders}`)] : []),
    ...(row.unsafe ? [' · ', h('span', { className: ['status', 'attention'] }, `fails the checks every published target passes (no build publishes it): ${row.unsafe}`)] : []),
  ];
  const oldSource = row.status === 'stale' ? entry?.source : entry?.previousSource;
  const oldTarget = row.status === 'stale' ? entry?.target : entry?.previousTarget;
  return h('section', { className: ['row'], id: `s-${segment.id}` }, [
    h('div', { className: ['meta'] }, meta),
    h('div', { className: ['cell'], lang: source.code, dir: source.dir }, [
      h('p', shownText(readable(segment.source))),
      ...(oldSource !== undefined ? [change('English before → now', textDiff(oldSource, segment.source, source.intl))] : []),
    ]),
    h('div', { className: ['cell'], lang: target.code, dir: target.dir }, [
      shown ? h('p', shownText(readable(shown.target))) : h('p', { className: ['missing'], lang: 'en', dir: 'ltr' }, 'no translation yet'),
      ...(oldTarget !== undefined && shown ? [change('translation before → now', textDiff(oldTarget, shown.target, target.intl))] : []),
      ...(oldTarget !== undefined && !shown ? [change('old translation', [{ kind: 'removed', text: readable(oldTarget) }])] : []),
    ]),
  ]);
}

// Bidi embeddings, overrides and isolates, a zero-width space, a word joiner, a BOM: invisible, yet they reorder or split
// what a reviewer reads. Not the marks and joiners text needs (LRM and RLM in Arabic, ZWNJ in Persian, ZWJ in emoji).
const INVISIBLE = new RegExp(`[\\u200B\\u2060\\uFEFF${BIDI_CONTROL_RANGE}]`, 'u');

/** A text with each invisible control shown as its code point, marked, so the reviewer sees it and sees the text unreordered. */
function shownText(text: string): ElementContent[] {
  return text
    .split(new RegExp(`(${INVISIBLE.source})`, 'u'))
    .filter((part) => part !== '')
    .map((part) => (INVISIBLE.test(part) ? h('mark', { className: ['control'], lang: 'en', dir: 'ltr' }, `U+${part.codePointAt(0)!.toString(16).toUpperCase()}`) : { type: 'text', value: part }));
}

function change(label: string, parts: readonly DiffPart[]): Element {
  const content: ElementContent[] = parts.flatMap((part) => (part.kind === 'same' ? shownText(part.text) : [h(part.kind === 'added' ? 'ins' : 'del', shownText(part.text))]));
  return h('div', { className: ['change'] }, [h('span', { lang: 'en', dir: 'ltr' }, `${label}: `), ...content]);
}
