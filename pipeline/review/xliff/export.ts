import { x } from 'xastscript';
import type { Element as XastElement, ElementContent as XastContent, Root as XastRoot } from 'xast';
import type { Segment } from '../../segments/segment-article.js';
import type { MemoryFile } from '../../translation/memory/memory-file.js';
import { toWellFormedXml } from '../../render/xml-text.js';
import { editionStatus, type SegmentStatus } from '../segment-status.js';
import { exportedStamp, normalizeSpace, targetToInline, toInline } from './inline.js';

/**
 * XLIFF 2.1 for reviewers and translation tools: an edition's segments
 * with their states and notes.
 *
 * - A unit is a segment; its id is the segment id (the hash of the
 *   English). An import of a file made before the English changed is
 *   rebased onto the new text (import.ts).
 * - Placeholder tags travel as XLIFF inline codes (inline.ts).
 * - States are XLIFF's own; "source changed" is the subState
 *   `edition:source-changed`; origin, old source and target, and a flag
 *   are notes.
 * - Export, import, export gives the same bytes: an import changes only
 *   what the file changes.
 */
export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const SOURCE_CHANGED = 'edition:source-changed';

/** One article of the export: its segments and its memory in the target locale. */
export interface XliffArticle {
  slug: string;
  articleFile: string;
  memoryFile: string;
  segments: readonly Segment[];
  memory: MemoryFile | undefined;
}

export function exportXliff(sourceLocale: string, targetLocale: string, articles: readonly XliffArticle[]): string {
  const files = articles.map((article) => {
    const units = editionStatus(article.segments, article.memory).rows.map((row) => unitOf(row));
    return x('file', { id: article.slug, original: article.articleFile }, indent(units, 2));
  });
  return xliffDocument(x('xliff', { xmlns: XLIFF_NS, version: '2.1', srcLang: sourceLocale, trgLang: targetLocale }, indent(files, 1)));
}

/** The file around a root element: declaration, root, final newline; text escaped so that any target makes well-formed XML. */
export function xliffDocument(root: XastElement): string {
  const tree: XastRoot = {
    type: 'root',
    children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' }, { type: 'text', value: '\n' }, root, { type: 'text', value: '\n' }],
  };
  return toWellFormedXml(tree, { closeEmptyElements: true, tightClose: true });
}

function unitOf(row: SegmentStatus): XastElement {
  const entry = row.entry;
  // A stale machine translation is of another English: offered as a note only, never as this segment's target.
  const target = entry && row.status !== 'stale' ? entry : undefined;
  const notes: XastElement[] = [];
  const note = (category: string, text: string | undefined) => {
    if (text !== undefined) notes.push(x('note', { category }, text));
  };
  note('kind', row.segment.kind);
  note('exported', exportedStamp(target));
  if (entry) {
    note('origin', entry.origin);
    if (row.status === 'stale') {
      note('previous-source', entry.source);
      note('previous-target', entry.target);
    } else {
      note('previous-source', entry.previousSource);
      note('previous-target', entry.previousTarget);
      note('flag', entry.flag);
      note('placeholders', row.placeholders);
    }
  }
  const segmentAttributes: Record<string, string> = { state: target?.state ?? 'initial' };
  if (target?.sourceChanged) segmentAttributes['subState'] = SOURCE_CHANGED;
  const parts = [x('source', toInline(row.segment.source)), ...(target ? [targetOf(target.target)] : [])];
  return x('unit', { id: row.segment.id }, indent([x('notes', indent(notes, 4)), x('segment', segmentAttributes, indent(parts, 4))], 3));
}

/** A target whose spaces a reader of XLIFF would normalize says so, so the import gives back the same text. */
function targetOf(tagged: string): XastElement {
  return x('target', normalizeSpace(tagged) === tagged ? {} : { 'xml:space': 'preserve' }, targetToInline(tagged));
}

/** Children on their own lines at a depth, so the file reads and diffs well. */
export function indent(children: XastContent[], depth: number): XastContent[] {
  const out: XastContent[] = [];
  for (const child of children) out.push({ type: 'text', value: `\n${'  '.repeat(depth)}` }, child);
  out.push({ type: 'text', value: `\n${'  '.repeat(depth - 1)}` });
  return out;
}
