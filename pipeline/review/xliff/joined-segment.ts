import { STATES, type State } from '../../translation/memory/memory-file.js';
import { SOURCE_CHANGED, XLIFF_NS } from './export.js';
import { childElements, spaceOf, type XmlElement } from './read-xml.js';

/**
 * Marks, on a converted XLIFF 1.2 segment, sentences of its target a tool
 * left untranslated while it translated others (the reason, for the
 * refusal): never written, only read by the import.
 */
export const PARTLY_TRANSLATED = 'edition:partly-translated';

export interface UnitProblem {
  problem: string;
  hint: string;
  line: number;
}

/**
 * A unit as the one `<segment>` edition exported, also when a translation
 * tool split it into sentences. CAT tools segment what they open: an
 * exported paragraph comes back as several `<segment>`s, with the spaces
 * between them in `<ignorable>`s. XLIFF 2 defines the unit's text as all of
 * them in order, so that is what is read: the sources joined (which must
 * still be the English the unit was made for), the targets joined in their
 * `order`, an ignorable's target or else its source in between; the state
 * the least advanced of the segments' (one sentence still `initial` holds
 * the whole paragraph), "source changed" if any segment says so. Each
 * part's whitespace follows its own `xml:space`.
 *
 * Refused rather than half English: a unit with some sentences translated
 * and others not (a sentence is untranslated without a target, or with one
 * holding no text: empty, spaces, only tags), and an ignorable holding text
 * but no target (an ignorable is the space between sentences).
 */
export function joinedSegment(unit: XmlElement, preserve: boolean): XmlElement | UnitProblem {
  const parts = unit.children.filter((child): child is XmlElement => typeof child !== 'string' && child.namespace === XLIFF_NS && (child.name === 'segment' || child.name === 'ignorable'));
  const segments = parts.filter((part) => part.name === 'segment');
  if (segments.length === 0) return { problem: 'unit has no <segment>', hint: 'restore the unit from the exported file', line: unit.line };
  if (parts.length === 1) {
    const partly = segments[0]!.attributes.get(PARTLY_TRANSLATED);
    return partly === undefined ? segments[0]! : partlyTranslated(partly, unit.line);
  }
  const sources: Array<XmlElement | string> = [];
  const targets: Array<{ order: number; children: Array<XmlElement | string>; preserve: boolean }> = [];
  const untranslated: XmlElement[] = [];
  let state: State = 'final';
  let sourceChanged = false;
  for (const [index, part] of parts.entries()) {
    const source = childNamed(part, 'source');
    const target = childNamed(part, 'target');
    if (!source) return { problem: `<${part.name}> has no <source>`, hint: 'restore the unit from the exported file', line: part.line };
    sources.push(...source.children);
    const partPreserve = spaceOf(part, preserve);
    // XLIFF 2 numbers the parts from 1; a target may say where it goes in the translated unit.
    const order = Number(target?.attributes.get('order') ?? index + 1);
    if (part.name === 'ignorable') {
      if (!target && hasText(source)) {
        return { problem: '<ignorable> holds text and no translation of it', hint: 'translate that text in a <segment>, or keep only the spaces between sentences in <ignorable>', line: part.line };
      }
      const given = target ?? source;
      targets.push({ order, children: given.children, preserve: spaceOf(given, partPreserve) });
      continue;
    }
    const given = part.attributes.get('state') ?? 'initial';
    if (!STATES.includes(given as State)) return { problem: `state "${given}" is not one of ${STATES.join(', ')}`, hint: 'use an XLIFF 2 state', line: part.line };
    if (STATES.indexOf(given as State) < STATES.indexOf(state)) state = given as State;
    if (part.attributes.get('subState') === SOURCE_CHANGED) sourceChanged = true;
    if (!target || !hasText(target)) untranslated.push(part);
    else targets.push({ order, children: target.children, preserve: spaceOf(target, partPreserve) });
  }
  const translated = segments.length - untranslated.length;
  if (translated > 0 && untranslated.length > 0) {
    return partlyTranslated(
      `${untranslated.length} of its ${segments.length} segments ${untranslated.length === 1 ? 'has' : 'have'} no translation (line ${untranslated.map((part) => part.line).join(', ')})`,
      unit.line,
    );
  }
  const attributes = new Map<string, string>([['state', state]]);
  if (sourceChanged) attributes.set('subState', SOURCE_CHANGED);
  // Problems with the joined texts are the unit's: its line, not one sentence's.
  const children: XmlElement[] = [element('source', sources, unit.line)];
  if (translated > 0) children.push(joinedTarget(targets, unit.line));
  return { namespace: XLIFF_NS, name: 'segment', attributes, children, line: unit.line };
}

/**
 * The translated pieces in their order, each with its own whitespace rule:
 * a piece whose `xml:space` is default has its runs of spaces made one
 * (and, at either end of the unit, none), as a whole unit's would be; when
 * any piece keeps its spaces, the joined target is marked to keep them.
 */
function joinedTarget(pieces: ReadonlyArray<{ order: number; children: Array<XmlElement | string>; preserve: boolean }>, line: number): XmlElement {
  const ordered = [...pieces].sort((a, b) => a.order - b.order);
  const preserve = ordered.some((piece) => piece.preserve);
  const children = ordered.flatMap((piece) => (piece.preserve || !preserve ? piece.children : collapsed(piece.children)));
  if (preserve) {
    if (!ordered[0]!.preserve) trimEdge(children, 'start');
    if (!ordered.at(-1)!.preserve) trimEdge(children, 'end');
  }
  const target = element('target', children, line);
  if (preserve) target.attributes.set('xml:space', 'preserve');
  return target;
}

function collapsed(children: ReadonlyArray<XmlElement | string>): Array<XmlElement | string> {
  return children.map((child) => (typeof child === 'string' ? child.replace(/[ \t\r\n]+/gu, ' ') : { ...child, children: collapsed(child.children) }));
}

function trimEdge(children: Array<XmlElement | string>, edge: 'start' | 'end'): void {
  const index = edge === 'start' ? 0 : children.length - 1;
  const child = children[index];
  if (typeof child === 'string') children[index] = edge === 'start' ? child.trimStart() : child.trimEnd();
}

function partlyTranslated(which: string, line: number): UnitProblem {
  return { problem: `unit is partly translated: ${which}; its target would be partly English`, hint: 'translate every sentence of the unit, or none', line };
}

/** Whether inline content holds any text (tags and spaces alone translate nothing). */
export function hasText(element: XmlElement): boolean {
  return element.children.some((child) => (typeof child === 'string' ? /\S/u.test(child) : hasText(child)));
}

function element(name: string, children: Array<XmlElement | string>, line: number): XmlElement {
  return { namespace: XLIFF_NS, name, attributes: new Map(), children, line };
}

function childNamed(parent: XmlElement, name: string): XmlElement | undefined {
  return childElements(parent, XLIFF_NS, name)[0];
}
