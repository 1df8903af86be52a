import { STATES, type State } from '../../translation/memory/memory-file.js';
import { SOURCE_CHANGED, XLIFF_NS } from './export.js';
import type { XmlElement } from './read-xml.js';

/**
 * A unit as the one `<segment>` edition exported, also when a translation
 * tool split it into sentences. CAT tools segment what they open: an
 * exported paragraph comes back as several `<segment>`s, with the spaces
 * between them in `<ignorable>`s. XLIFF 2 defines the unit's text as all of
 * them in order, so that is what is read: the sources joined (which must
 * still be the English the unit was made for), the targets joined, an
 * ignorable's target or else its source in between; the state the least
 * advanced of the segments' (one sentence still `initial` holds the whole
 * paragraph), "source changed" if any segment says so.
 *
 * A unit with some sentences translated and others not is refused: its
 * target would be half English. Only segments without a `<target>`, or
 * with an empty one, are untranslated (as an empty target is for a unit).
 */
export function joinedSegment(unit: XmlElement): XmlElement | { problem: string; hint: string; line: number } {
  const parts = unit.children.filter((child): child is XmlElement => typeof child !== 'string' && child.namespace === XLIFF_NS && (child.name === 'segment' || child.name === 'ignorable'));
  const segments = parts.filter((part) => part.name === 'segment');
  if (segments.length === 1) return segments[0]!;
  if (segments.length === 0) return { problem: 'unit has no <segment>', hint: 'restore the unit from the exported file', line: unit.line };
  const first = segments[0]!;
  const sources: Array<XmlElement | string> = [];
  const targets: Array<XmlElement | string> = [];
  const untranslated: XmlElement[] = [];
  let targetLine: number | undefined;
  let state: State = 'final';
  let sourceChanged = false;
  for (const part of parts) {
    const source = childNamed(part, 'source');
    const target = childNamed(part, 'target');
    if (!source) return { problem: `<${part.name}> has no <source>`, hint: 'restore the unit from the exported file', line: part.line };
    sources.push(...source.children);
    if (part.name === 'ignorable') {
      targets.push(...(target ?? source).children);
      continue;
    }
    const given = part.attributes.get('state') ?? 'initial';
    if (!STATES.includes(given as State)) return { problem: `state "${given}" is not one of ${STATES.join(', ')}`, hint: 'use an XLIFF 2 state', line: part.line };
    if (STATES.indexOf(given as State) < STATES.indexOf(state)) state = given as State;
    if (part.attributes.get('subState') === SOURCE_CHANGED) sourceChanged = true;
    if (!target || target.children.length === 0) untranslated.push(part);
    else {
      targetLine ??= target.line;
      targets.push(...target.children);
    }
  }
  const translated = segments.length - untranslated.length;
  if (translated > 0 && untranslated.length > 0) {
    return {
      problem: `unit is split into ${segments.length} segments and ${untranslated.length} of them ${untranslated.length === 1 ? 'has' : 'have'} no translation (line ${untranslated.map((part) => part.line).join(', ')}); its target would be partly English`,
      hint: 'translate every segment of the unit, or none',
      line: unit.line,
    };
  }
  const attributes = new Map<string, string>([['state', state]]);
  if (sourceChanged) attributes.set('subState', SOURCE_CHANGED);
  const space = first.attributes.get('xml:space');
  if (space !== undefined) attributes.set('xml:space', space);
  const children: XmlElement[] = [element('source', sources, childNamed(first, 'source')!.line)];
  if (translated > 0) children.push(element('target', targets, targetLine!));
  return { namespace: XLIFF_NS, name: 'segment', attributes, children, line: first.line };
}

function element(name: string, children: Array<XmlElement | string>, line: number): XmlElement {
  return { namespace: XLIFF_NS, name, attributes: new Map(), children, line };
}

function childNamed(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((child): child is XmlElement => typeof child !== 'string' && child.namespace === XLIFF_NS && child.name === name);
}
