import { posix } from 'node:path';
import { x } from 'xastscript';
import type { Element as XastElement, ElementContent as XastContent } from 'xast';
import { EditionError } from '../../errors.js';
import type { State } from '../../translation/memory/memory-file.js';
import { parseTaggedText, TaggedTextError, type TaggedNode } from '../../segments/tagged-text.js';
import { editionStatus, type SegmentStatus } from '../segment-status.js';
import { indent, SOURCE_CHANGED, XLIFF_NS, xliffDocument, type XliffArticle } from './export.js';
import { exportedStamp, normalizeSpace, PLACEHOLDER } from './inline.js';
import { childElements, type XmlElement } from './read-xml.js';
import { hasText, PARTLY_TRANSLATED } from './joined-segment.js';

/**
 * XLIFF 1.2, which many translation tools in newsrooms still prefer, beside
 * 2.1 and with the same round trip. The differences are only of form:
 * - a `<file>` per article, `original` its path (the slug is its name),
 *   languages on each `<file>`, units in `<body>` as `<trans-unit>`;
 * - inline codes `<g id="em1">…</g>` and `<x id="code3"/>`;
 * - states `new`, `translated`, `signed-off`, `final` for initial,
 *   translated, reviewed, final (on import, the other 1.2 states too:
 *   `needs-review-*` as translated, `needs-*` as initial); "source
 *   changed" is the state-qualifier
 *   `x-edition-source-changed`; whitespace kept as written is
 *   `xml:space="preserve"` on the `<trans-unit>`.
 * The import reads a 1.2 file into the shape of a 2.1 one and goes on as
 * for 2.1, so both are checked alike.
 */
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
const QUALIFIER = 'x-edition-source-changed';
const TO_12: Record<State, string> = { initial: 'new', translated: 'translated', reviewed: 'signed-off', final: 'final' };
// Every state XLIFF 1.2 defines: those asking for work are initial (a person translates it), those asking for review are translated.
const FROM_12 = new Map<string, State>([
  ['new', 'initial'],
  ['needs-translation', 'initial'],
  ['needs-l10n', 'initial'],
  ['needs-adaptation', 'initial'],
  ['translated', 'translated'],
  ['needs-review-translation', 'translated'],
  ['needs-review-l10n', 'translated'],
  ['needs-review-adaptation', 'translated'],
  ['signed-off', 'reviewed'],
  ['final', 'final'],
]);

export function exportXliff12(sourceLocale: string, targetLocale: string, articles: readonly XliffArticle[]): string {
  const files = articles.map((article) => {
    const units = editionStatus(article.segments, article.memory).rows.map((row) => unitOf(row));
    const attributes = { original: article.articleFile, 'source-language': sourceLocale, 'target-language': targetLocale, datatype: 'plaintext' };
    return x('file', attributes, indent([x('body', indent(units, 3))], 2));
  });
  return xliffDocument(x('xliff', { xmlns: XLIFF12_NS, version: '1.2' }, indent(files, 1)));
}

function unitOf(row: SegmentStatus): XastElement {
  const entry = row.entry;
  const target = entry && row.status !== 'stale' ? entry : undefined;
  const notes: XastElement[] = [];
  const note = (category: string, text: string | undefined) => {
    if (text !== undefined) notes.push(x('note', { from: `edition:${category}` }, text));
  };
  note('kind', row.segment.kind);
  note('exported', exportedStamp(target));
  if (entry) {
    note('origin', entry.origin);
    note('previous-source', row.status === 'stale' ? entry.source : entry.previousSource);
    note('previous-target', row.status === 'stale' ? entry.target : entry.previousTarget);
    if (row.status !== 'stale') {
      note('flag', entry.flag);
      note('placeholders', row.placeholders);
    }
  }
  const parts: XastElement[] = [x('source', toInline12(row.segment.source))];
  if (target) {
    const attributes: Record<string, string> = { state: TO_12[target.state] };
    if (target.sourceChanged) attributes['state-qualifier'] = QUALIFIER;
    parts.push(x('target', attributes, toInline12(target.target)));
  }
  const preserve = target !== undefined && normalizeSpace(target.target) !== target.target;
  return x('trans-unit', { id: row.segment.id, ...(preserve ? { 'xml:space': 'preserve' } : {}) }, indent([...parts, ...notes], 4));
}

function toInline12(tagged: string): XastContent[] {
  const convert = (nodes: readonly TaggedNode[]): XastContent[] =>
    nodes.map((node) => {
      if (node.type === 'text') return { type: 'text', value: node.value };
      return node.empty ? x('x', { id: node.name }) : x('g', { id: node.name }, convert(node.children));
    });
  try {
    return convert(parseTaggedText(tagged));
  } catch (error) {
    // A target whose tags do not parse (a memory edited by hand) is written as the text it is.
    if (error instanceof TaggedTextError) return [{ type: 'text', value: tagged }];
    throw error;
  }
}

/**
 * A 1.2 document in the shape of a 2.1 one, for the one importer. What
 * the 2.1 import would refuse (an unknown inline code, a wrong state) is
 * carried over so that it is refused there, with its line.
 */
export function fromXliff12(root: XmlElement, file: string): XmlElement {
  const fail = (line: number, message: string, hint: string) => new EditionError(message, { code: 'xliff/refused', file, line, hint });
  if (root.attributes.get('version') !== '1.2') throw fail(root.line, `XLIFF version "${root.attributes.get('version') ?? ''}" is not 1.2`, 'export the file again');
  const files = children12(root, 'file');
  const first = files[0];
  const languages = (element: XmlElement) => [element.attributes.get('source-language') ?? '', element.attributes.get('target-language') ?? ''];
  const [srcLang, trgLang] = first ? languages(first) : ['', ''];
  const converted: XmlElement[] = [];
  for (const element of files) {
    const [source, target] = languages(element);
    if (source !== srcLang || target !== trgLang) throw fail(element.line, `languages ${source} → ${target} differ from the first <file>'s, ${srcLang} → ${trgLang}`, 'export one locale per file');
    const slug = posix.basename((element.attributes.get('original') ?? '').replaceAll('\\', '/')).replace(/\.md$/u, '');
    const units = children12(element, 'body').flatMap((body) => transUnits(body));
    converted.push(
      as2(
        element,
        'file',
        { id: slug, ...space(element) },
        units.map((unit) => unitFrom12(unit)),
      ),
    );
  }
  return as2(root, 'xliff', { version: '2.1', srcLang: srcLang!, trgLang: trgLang!, [CONVERTED_FROM_12]: 'true' }, converted);
}

/** Marks the root converted from a 1.2 file, whose messages name 1.2's attributes (target-language, not trgLang). */
export const CONVERTED_FROM_12 = 'edition:from-1.2';

/**
 * The sentences a CAT tool cut a target into (`<mrk mtype="seg">`), each
 * translated or not: not when it holds no text (empty, spaces, only tags),
 * nor when the tool's own record of it says it is a draft or was rejected
 * (Trados writes `<sdl:seg-defs>`, a `conf` per sentence, beside the target).
 */
function sentenceStates(unit: XmlElement): Array<{ line: number; translated: boolean }> {
  const target = children12(unit, 'target')[0];
  if (!target) return [];
  const segs = childElements(unit, SDL_NS, 'seg-defs').flatMap((defs) => childElements(defs, SDL_NS, 'seg'));
  const confs = new Map(segs.map((seg) => [seg.attributes.get('id') ?? '', seg.attributes.get('conf') ?? '']));
  const sentences: Array<{ line: number; translated: boolean }> = [];
  const visit = (element: XmlElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.namespace === XLIFF12_NS && child.name === 'mrk' && child.attributes.get('mtype') === 'seg') {
        const conf = confs.get(child.attributes.get('mid') ?? '');
        sentences.push({ line: child.line, translated: hasText(child) && (conf === undefined || TRANSLATED_CONFS.has(conf)) });
      } else visit(child);
    }
  };
  visit(target);
  return sentences;
}

const SDL_NS = 'http://sdl.com/FileTypes/SdlXliff/1.0';
/** Trados's confirmation levels of a sentence that is translated; `Draft`, `RejectedTranslation`, `RejectedSignOff` or none are not. */
const TRANSLATED_CONFS = new Set(['Translated', 'ApprovedTranslation', 'ApprovedSignOff']);

/** Trans-units of a body, also inside `<group>` elements. */
function transUnits(parent: XmlElement): XmlElement[] {
  return parent.children.flatMap((child) => {
    if (typeof child === 'string' || child.namespace !== XLIFF12_NS) return [];
    if (child.name === 'trans-unit') return [child];
    return child.name === 'group' ? transUnits(child) : [];
  });
}

/** Marks, on the converted segment, a 1.2 target without a state: never written, only read by the import. */
export const UNSTATED = 'edition:unstated';

function unitFrom12(unit: XmlElement): XmlElement {
  const source = children12(unit, 'source')[0];
  const sentences = sentenceStates(unit);
  const untranslated = sentences.filter((sentence) => !sentence.translated);
  // A target whose every sentence a tool left untranslated is no translation at all (as an empty target is).
  const target = sentences.length > 0 && untranslated.length === sentences.length ? undefined : children12(unit, 'target')[0];
  const state = target?.attributes.get('state');
  const segmentAttributes: Record<string, string> = { state: target === undefined || state === undefined ? (target ? 'translated' : 'initial') : (FROM_12.get(state) ?? state) };
  // Another qualifier in its place (a tool's own, `leveraged-tm`) is kept as the unit's subState: the import tells it from ours.
  const qualifier = target?.attributes.get('state-qualifier');
  if (qualifier !== undefined && qualifier !== '') segmentAttributes['subState'] = qualifier === QUALIFIER ? SOURCE_CHANGED : `x12:${qualifier}`;
  // No state is no word on the state (1.2 has no default): a target left as exported keeps the one it had.
  if (target !== undefined && state === undefined) segmentAttributes[UNSTATED] = 'true';
  if (target !== undefined && untranslated.length > 0) {
    const lines = untranslated.map((sentence) => sentence.line).join(', ');
    segmentAttributes[PARTLY_TRANSLATED] = `${untranslated.length} of its ${sentences.length} sentences ${untranslated.length === 1 ? 'has' : 'have'} no translation (line ${lines})`;
  }
  const parts = [source, target].filter((part): part is XmlElement => part !== undefined).map((part) => inlineFrom12(part));
  // The one note the import reads: what the unit held when it was exported.
  const exported = children12(unit, 'note').find((note) => note.attributes.get('from') === 'edition:exported');
  const notes = exported
    ? [
        as2(exported, 'notes', {}, [
          as2(
            exported,
            'note',
            { category: 'exported' },
            exported.children.filter((child) => typeof child === 'string'),
          ),
        ]),
      ]
    : [];
  return as2(unit, 'unit', { id: unit.attributes.get('id') ?? '', ...space(unit) }, [...notes, as2(unit, 'segment', segmentAttributes, parts)]);
}

/**
 * `<g>` as `<pc>`, `<x>` as `<ph>`; `<bx>`/`<ex>` (a `<g>` a tool cut in
 * two, at a sentence it segmented) as `<sc>`/`<ec>`: a `<bx>` named by its
 * `id` (or its `rid`, when that is the placeholder name), an `<ex>` by the
 * `<bx>` its `rid` pairs it with. `<mrk>` only marks text (a CAT tool's
 * sentence, `mtype="seg"`, or a term): its text is kept, the mark dropped.
 * Anything else is left for the importer to refuse by name.
 */
function inlineFrom12(element: XmlElement, pairs: ReadonlyMap<string, string> = pairedNames(element)): XmlElement {
  const own = element.namespace === XLIFF12_NS;
  const name = !own ? element.name : (RENAMED_12.get(element.name) ?? element.name);
  const paired = own && (element.name === 'bx' || element.name === 'ex');
  const attributes = paired ? new Map([[element.name === 'bx' ? 'id' : 'startRef', pairedName(element, pairs)]]) : element.attributes;
  const children = element.children.flatMap((child) =>
    typeof child === 'string' ? [child] : child.namespace === XLIFF12_NS && child.name === 'mrk' ? inlineFrom12(child, pairs).children : [inlineFrom12(child, pairs)],
  );
  return { namespace: own ? XLIFF_NS : element.namespace, name, attributes, children, line: element.line, ...(name === element.name ? {} : { written: element.name }) };
}

const RENAMED_12 = new Map([
  ['g', 'pc'],
  ['x', 'ph'],
  ['bx', 'sc'],
  ['ex', 'ec'],
]);

/** The placeholder name of each `<bx>`, by its `rid`: the `<ex>` with that `rid` closes it. */
function pairedNames(element: XmlElement): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (parent: XmlElement) => {
    for (const child of parent.children) {
      if (typeof child === 'string') continue;
      if (child.namespace === XLIFF12_NS && child.name === 'bx') {
        const rid = child.attributes.get('rid');
        if (rid !== undefined) names.set(rid, ownName(child, 'id', 'rid'));
      }
      visit(child);
    }
  };
  visit(element);
  return names;
}

/** A `<bx>` by its own id (or its rid when that is the placeholder name); an `<ex>` by the `<bx>` its rid pairs it with, or else its own names. */
function pairedName(element: XmlElement, pairs: ReadonlyMap<string, string>): string {
  if (element.name === 'bx') return ownName(element, 'id', 'rid');
  const rid = element.attributes.get('rid');
  return (rid === undefined ? undefined : pairs.get(rid)) ?? ownName(element, 'rid', 'id');
}

function ownName(element: XmlElement, first: string, second: string): string {
  const [a, b] = [element.attributes.get(first), element.attributes.get(second)];
  if (a !== undefined && PLACEHOLDER.test(a)) return a;
  if (b !== undefined && PLACEHOLDER.test(b)) return b;
  return element.attributes.get('id') ?? '';
}

function as2(from: XmlElement, name: string, attributes: Record<string, string>, children: XmlElement['children']): XmlElement {
  return { namespace: XLIFF_NS, name, attributes: new Map(Object.entries(attributes)), children, line: from.line };
}

function space(element: XmlElement): Record<string, string> {
  const value = element.attributes.get('xml:space');
  return value === undefined ? {} : { 'xml:space': value };
}

function children12(parent: XmlElement, name: string): XmlElement[] {
  return childElements(parent, XLIFF12_NS, name);
}
