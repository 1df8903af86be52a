/**
 * XLIFF 2.1 for reviewers and translation tools: export an edition's
 * segments with their states and notes, import them back.
 *
 * - A unit is a segment; its id is the segment id (the hash of the
 *   English), so a file made before the English changed cannot be
 *   imported over the new text.
 * - Placeholder tags travel as XLIFF inline codes: `<em1>…</em1>` as
 *   `<pc id="em1">…</pc>`, `<code3/>` as `<ph id="code3"/>`.
 * - States are XLIFF's own; "source changed" is the subState
 *   `edition:source-changed`; origin, old source and target, and a flag
 *   are notes.
 * - Export, import, export gives the same bytes: an import changes only
 *   what the file changes.
 *
 * Written with xastscript and xast-util-to-xml; read with saxes, a strict
 * XML parser, so a malformed file is refused rather than half read.
 */
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { Element as XastElement, ElementContent as XastContent, Root as XastRoot } from 'xast';
import { SaxesParser } from 'saxes';
import { EditionError, EditionErrors } from '../errors.js';
import type { Segment } from '../segments/segment-article.js';
import { checkPlaceholders } from '../segments/check-placeholders.js';
import { normalizeSegmentText, segmentId } from '../segments/normalize.js';
import { escapeXmlText, parseTaggedText, TaggedTextError, type TaggedNode } from '../segments/tagged-text.js';
import { STATES, type MemoryEntry, type MemoryFile, type State } from '../translation/memory/memory-file.js';
import { editionStatus, type SegmentStatus } from './segment-status.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const SOURCE_CHANGED = 'edition:source-changed';

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
  const tree: XastRoot = {
    type: 'root',
    children: [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      { type: 'text', value: '\n' },
      x('xliff', { xmlns: XLIFF_NS, version: '2.1', srcLang: sourceLocale, trgLang: targetLocale }, indent(files, 1)),
      { type: 'text', value: '\n' },
    ],
  };
  return toXml(tree, { closeEmptyElements: true, tightClose: true });
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
  if (entry) {
    note('origin', entry.origin);
    if (row.status === 'stale') {
      note('previous-source', entry.source);
      note('previous-target', entry.target);
    } else {
      note('previous-source', entry.previousSource);
      note('previous-target', entry.previousTarget);
      note('flag', entry.flag);
    }
  }
  const segmentAttributes: Record<string, string> = { state: target?.state ?? 'initial' };
  if (target?.sourceChanged) segmentAttributes['subState'] = SOURCE_CHANGED;
  const parts = [x('source', toInline(row.segment.source)), ...(target ? [x('target', toInline(target.target))] : [])];
  return x('unit', { id: row.segment.id }, indent([x('notes', indent(notes, 4)), x('segment', segmentAttributes, indent(parts, 4))], 3));
}

/** Children on their own lines at a depth, so the file reads and diffs well. */
function indent(children: XastContent[], depth: number): XastContent[] {
  const out: XastContent[] = [];
  for (const child of children) out.push({ type: 'text', value: `\n${'  '.repeat(depth)}` }, child);
  out.push({ type: 'text', value: `\n${'  '.repeat(depth - 1)}` });
  return out;
}

function toInline(tagged: string): XastContent[] {
  const convert = (nodes: readonly TaggedNode[]): XastContent[] =>
    nodes.map((node) => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      return node.empty ? x('ph', { id: node.name }) : x('pc', { id: node.name }, convert(node.children));
    });
  return convert(parseTaggedText(tagged));
}

// ---- import -------------------------------------------------------------

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
  line: number;
}

/** What an import changes: each memory file's new content. Nothing is written unless every unit is sound. */
export interface XliffImport {
  targetLocale: string;
  memories: Array<{ file: string; memory: MemoryFile; changed: number }>;
}

/**
 * Check a whole XLIFF file against the current articles and memories and
 * return the memories it leads to. Any problem refuses the whole file.
 */
export function importXliff(
  text: string,
  file: string,
  project: { sourceLocale: string; targetLocales: readonly string[] },
  articleOf: (slug: string, locale: string) => XliffArticle | undefined,
): XliffImport {
  const root = parseXml(text, file);
  const fail = (line: number, message: string, hint: string, field?: string) => new EditionError(message, { code: 'xliff/refused', file, line, ...(field ? { field } : {}), hint });
  if (root.name !== 'xliff' || root.attributes['xmlns'] !== XLIFF_NS) {
    throw fail(root.line, `not an XLIFF 2 file (root <${root.name}>)`, `export one with \`edition xliff export\``);
  }
  if (!['2.0', '2.1'].includes(root.attributes['version'] ?? '')) throw fail(root.line, `XLIFF version "${root.attributes['version']}" is not 2.0 or 2.1`, 'export the file again as XLIFF 2.1');
  const targetLocale = root.attributes['trgLang'] ?? '';
  if (root.attributes['srcLang'] !== project.sourceLocale) throw fail(root.line, `srcLang is "${root.attributes['srcLang']}", not ${project.sourceLocale}`, 'export the file again from this project');
  if (!project.targetLocales.includes(targetLocale)) throw fail(root.line, `trgLang "${targetLocale}" is not a configured target locale`, `configured: ${project.targetLocales.join(', ')}`);

  const errors: EditionError[] = [];
  const memories: XliffImport['memories'] = [];
  for (const fileElement of elements(root, 'file')) {
    const slug = fileElement.attributes['id'] ?? '';
    const article = articleOf(slug, targetLocale);
    if (!article) {
      errors.push(fail(fileElement.line, `no article "${slug}"`, 'import files exported from this project only'));
      continue;
    }
    const rows = new Map(editionStatus(article.segments, article.memory).rows.map((row) => [row.segment.id, row]));
    let memory: MemoryFile = article.memory ?? { article: slug, locale: targetLocale, segments: {} };
    let changed = 0;
    for (const unit of elements(fileElement, 'unit')) {
      const id = unit.attributes['id'] ?? '';
      const row = rows.get(id);
      const segment = elements(unit, 'segment')[0];
      const sourceElement = segment && elements(segment, 'source')[0];
      if (!row) {
        errors.push(fail(unit.line, `unknown segment id ${id}: ${article.articleFile} has no such segment`, 'export again: the English may have changed since this file was made', id));
        continue;
      }
      if (!segment || !sourceElement) {
        errors.push(fail(unit.line, 'unit has no <segment> with a <source>', 'restore the unit from the exported file', id));
        continue;
      }
      const source = fromInline(sourceElement);
      if (typeof source !== 'string' || source !== row.segment.source || segmentId(normalizeSegmentText(source)) !== id) {
        errors.push(
          fail(sourceElement.line, "source does not match the article's English (its hash differs)", 'export again and redo this segment against the current English; never edit <source>', id),
        );
        continue;
      }
      const targetElement = elements(segment, 'target')[0];
      if (!targetElement) continue;
      const target = fromInline(targetElement);
      if (typeof target !== 'string') {
        errors.push(fail(targetElement.line, `broken placeholder tags: ${target.problem}`, 'keep each <pc id> and <ph id> of the source exactly once', id));
        continue;
      }
      const problem = checkPlaceholders(source, target);
      if (problem) {
        errors.push(fail(targetElement.line, `broken placeholder tags: ${problem}`, 'keep each <pc id> and <ph id> of the source exactly once', id));
        continue;
      }
      const state = segment.attributes['state'] ?? 'initial';
      if (!STATES.includes(state as State)) {
        errors.push(fail(segment.line, `state "${state}" is not one of ${STATES.join(', ')}`, 'use an XLIFF 2 state', id));
        continue;
      }
      const entry = importedEntry(row, target, state as State, segment.attributes['subState'] === SOURCE_CHANGED);
      if (entry === row.entry && !row.linkedFrom) continue;
      const segments = { ...memory.segments };
      if (row.linkedFrom && row.linkedFrom !== id) delete segments[row.linkedFrom];
      segments[id] = entry;
      memory = { ...memory, segments };
      changed += 1;
    }
    memories.push({ file: article.memoryFile, memory, changed });
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new EditionErrors(errors, `${file} refused: ${errors.length} problems; nothing was imported`, 'fix each unit, or export a fresh file');
  return { targetLocale, memories };
}

/**
 * The memory entry a unit leads to. A target the reviewer did not touch
 * keeps its origin; a changed one is a human translation. Anything the
 * reviewer changed (target, state, or dropping "source changed") resolves
 * the change, so the old texts go.
 */
function importedEntry(row: SegmentStatus, target: string, state: State, sourceChanged: boolean): MemoryEntry {
  const existing = row.status === 'stale' ? undefined : row.entry;
  if (existing && existing.target === target && existing.state === state && (existing.sourceChanged === true) === sourceChanged) return existing;
  const kept = existing && existing.target === target;
  return {
    source: row.segment.source,
    target,
    origin: kept ? existing.origin : 'human',
    state,
    ...(sourceChanged && existing?.sourceChanged ? { sourceChanged: true as const, previousSource: existing.previousSource! } : {}),
  };
}

/** Tagged text from an inline element, or the reason its codes are broken. */
function fromInline(element: XmlElement): string | { problem: string } {
  let out = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      out += escapeXmlText(child);
      continue;
    }
    const id = child.attributes['id'] ?? '';
    if (!/^[a-z]+\d+$/u.test(id)) return { problem: `<${child.name}> has id "${id}", not a placeholder name like em1` };
    if (child.name === 'ph') {
      if (child.children.length > 0) return { problem: `<ph id="${id}"> must be empty` };
      out += `<${id}/>`;
    } else if (child.name === 'pc') {
      const inner = fromInline(child);
      if (typeof inner !== 'string') return inner;
      out += `<${id}>${inner}</${id}>`;
    } else {
      return { problem: `<${child.name}> is not an inline code this project uses (only <pc> and <ph>)` };
    }
  }
  try {
    parseTaggedText(out);
  } catch (error) {
    if (error instanceof TaggedTextError) return { problem: error.message };
    throw error;
  }
  return out;
}

function elements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

function parseXml(text: string, file: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: { message: string; line: number } | undefined;
  parser.on('error', (error) => {
    failure ??= { message: error.message.replace(/^[^:]*:\d+:\d+: /u, ''), line: parser.line };
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], line: parser.line };
    if (stack.length === 0) root = element;
    else stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (value) => {
    const parent = stack.at(-1);
    if (!parent) return;
    const last = parent.children.at(-1);
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + value;
    else parent.children.push(value);
  });
  parser.on('cdata', (value) => {
    stack.at(-1)?.children.push(value);
  });
  parser.on('doctype', () => {
    failure ??= { message: 'a DOCTYPE is not allowed in an XLIFF file', line: parser.line };
  });
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= { message: (error as Error).message.replace(/^[^:]*:\d+:\d+: /u, ''), line: parser.line };
  }
  if (failure || !root) {
    throw new EditionError(`malformed XML: ${failure?.message ?? 'no root element'}; nothing was imported`, {
      code: 'xliff/malformed',
      file,
      line: failure?.line ?? 1,
      hint: 'fix the XML (an unclosed tag, a bare &), or export a fresh file',
    });
  }
  return root;
}
