import { EditionError, EditionErrors } from '../../errors.js';
import { checkTranslation } from '../../segments/check-translation.js';
import { normalizeSegmentText, segmentId } from '../../segments/normalize.js';
import { STATES, isProtected, type MemoryEntry, type MemoryFile, type State } from '../../translation/memory/memory-file.js';
import { linkOrphans } from '../../translation/memory/link-orphans.js';
import { editionStatus, type SegmentStatus } from '../segment-status.js';
import { SOURCE_CHANGED, XLIFF_NS, type XliffArticle } from './export.js';
import { exportedStamp, fromInline, normalizeSpace, sameTarget } from './inline.js';
import { childElements, readXml, spaceOf, type XmlElement } from './read-xml.js';
import { CONVERTED_FROM_12, fromXliff12, UNSTATED, XLIFF12_NS } from './xliff12.js';
import { joinedSegment } from './joined-segment.js';

/** A unit of an older English, stored on the segment it became (or under its old id when it matches none). */
export interface RebasedUnit {
  memoryFile: string;
  line: number;
  /** The unit's id: the segment id of the English it was made for. */
  from: string;
  /** The current segment it was linked to; undefined when it is kept as an orphan. */
  to: string | undefined;
}

/** What an import changes: each memory file's new content. Nothing is written unless every unit is sound. */
export interface XliffImport {
  targetLocale: string;
  memories: Array<{ file: string; memory: MemoryFile; changed: number }>;
  rebased: RebasedUnit[];
  /**
   * Units that changed the memory without their `exported` note (a tool
   * dropped it): whether the reviewer changed them or the memory changed
   * since the export cannot be told, so they were taken as the reviewer's.
   */
  unstamped: Array<{ line: number; id: string }>;
  /** Units stored with a target but state initial: drafts, which hold their edition until someone marks them translated. */
  drafts: Array<{ line: number; id: string }>;
  /** Units changed whose entry is still flagged (a flag clears only when the target changes): their edition stays held. */
  flagged: Array<{ line: number; id: string }>;
  /** Units whose new target is their English as it is: what some tools write for a unit nobody translated. */
  copies: Array<{ line: number; id: string }>;
}

export interface XliffProject {
  sourceLocale: string;
  targetLocales: readonly string[];
}

/** The whole import's state: every step reads and adds to it. */
interface ImportRun {
  file: string;
  project: XliffProject;
  /** Read when the file names it: an import of a few articles reads only those, in its one locale. */
  articleOf: (slug: string, locale: string) => Promise<XliffArticle | undefined>;
  targetLocale: string;
  errors: EditionError[];
  result: XliffImport;
  /** File ids seen so far, with their line: the same article twice would drop one's units. */
  files: Map<string, number>;
  /** The version the file was written in: messages name its elements. */
  version: '2' | '1.2';
}

/** One `<file>`'s state: one article's memory as the import changes it. */
interface FileRun {
  run: ImportRun;
  article: XliffArticle;
  rows: Map<string, SegmentStatus>;
  memory: MemoryFile;
  changed: number;
  /** Unit ids seen in this file, with their line. */
  units: Map<string, number>;
  /** Units made before the English changed, linked once every unit of the file is read. */
  older: ReadUnit[];
}

/** A unit as the file gives it, checked for form only. */
interface ReadUnit {
  id: string;
  line: number;
  source: string;
  target: { text: string; line: number } | undefined;
  state: State;
  sourceChanged: boolean;
  /**
   * The mark replaced by another value (a tool rewrote `subState` or 1.2's
   * `state-qualifier` with its own): not a person confirming the change,
   * which is removing the mark, so a marked entry stays marked.
   */
  markReplaced: boolean;
  /** What the unit held when it was exported (its `exported` note); absent in files from before the note. */
  exported: string | undefined;
}

/**
 * Check a whole XLIFF file against the current articles and memories and
 * return the memories it leads to. Any problem refuses the whole file.
 */
export async function importXliff(text: string, file: string, project: XliffProject, articleOf: ImportRun['articleOf']): Promise<XliffImport> {
  const read = readXml(text, file);
  // A 1.2 file is read into the shape of a 2.1 one: from here on both are one format.
  const root = read.namespace === XLIFF12_NS && read.name === 'xliff' ? fromXliff12(read, file) : read;
  const targetLocale = readHeader(root, file, project);
  const run: ImportRun = {
    file,
    project,
    articleOf,
    targetLocale,
    errors: [],
    result: { targetLocale, memories: [], rebased: [], unstamped: [], drafts: [], flagged: [], copies: [] },
    files: new Map(),
    version: root.attributes.get(CONVERTED_FROM_12) === 'true' ? '1.2' : '2',
  };
  for (const fileElement of children(root, 'file')) await importFile(run, fileElement, spaceOf(root, false));
  if (run.errors.length === 1) throw run.errors[0]!;
  if (run.errors.length > 1) throw new EditionErrors(run.errors, `${file} refused: ${run.errors.length} problems; nothing was imported`, 'fix each unit, or export a fresh file');
  return run.result;
}

function refusal(run: ImportRun, line: number, message: string, hint: string, field?: string): undefined {
  run.errors.push(new EditionError(message, { code: 'xliff/refused', file: run.file, line, ...(field === undefined ? {} : { field }), hint }));
  return undefined;
}

/** A tag's language subtag (`ko` of `ko-KR`), or the text as written when it is no tag. */
function languageOf(tag: string): string {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return tag.toLowerCase();
  }
}

function readHeader(root: XmlElement, file: string, project: XliffProject): string {
  const fail = (message: string, hint: string) => new EditionError(message, { code: 'xliff/refused', file, line: root.line, hint });
  if (root.name !== 'xliff' || root.namespace !== XLIFF_NS) {
    throw fail(`not an XLIFF 2 or 1.2 file (root <${root.name}> in namespace "${root.namespace}")`, 'export one with `edition xliff export`');
  }
  const version = root.attributes.get('version') ?? '';
  if (version !== '2.0' && version !== '2.1') throw fail(`XLIFF version "${version}" is not 2.0 or 2.1`, 'export the file again as XLIFF 2.1');
  const [sourceName, targetName] = root.attributes.get(CONVERTED_FROM_12) === 'true' ? ['source-language', 'target-language'] : ['srcLang', 'trgLang'];
  const source = root.attributes.get('srcLang');
  if (source !== project.sourceLocale) throw fail(`${sourceName} is "${source ?? ''}", not ${project.sourceLocale}`, 'export the file again from this project');
  const target = root.attributes.get('trgLang') ?? '';
  if (!project.targetLocales.includes(target)) {
    // ko-KR for ko: many tools write the language with a region. Only suggested: a file for zh-TW is no zh-CN file.
    const near = project.targetLocales.filter((code) => languageOf(code) === languageOf(target));
    const hint =
      near.length === 0
        ? `configured: ${project.targetLocales.join(', ')}`
        : `did you mean ${near.join(' or ')}? If the file is for that locale, set ${targetName}="${near[0]}" and import again (configured: ${project.targetLocales.join(', ')})`;
    throw fail(`${targetName} "${target}" is not a configured target locale`, hint);
  }
  return target;
}

async function importFile(run: ImportRun, element: XmlElement, preserve: boolean): Promise<void> {
  const slug = element.attributes.get('id') ?? '';
  const seen = run.files.get(slug);
  if (seen !== undefined) return refusal(run, element.line, `a second <file id="${slug}"> (the first is on line ${seen})`, 'put each article in one <file>');
  run.files.set(slug, element.line);
  const article = await run.articleOf(slug, run.targetLocale);
  if (!article) return refusal(run, element.line, `no article "${slug}"`, 'import files exported from this project only');
  const rows = new Map(editionStatus(article.segments, article.memory).rows.map((row) => [row.segment.id, row]));
  const state: FileRun = {
    run,
    article,
    rows,
    memory: article.memory ?? { article: slug, locale: run.targetLocale, segments: {} },
    changed: 0,
    units: new Map(),
    older: [],
  };
  const filePreserve = spaceOf(element, preserve);
  for (const [unit, preserveHere] of unitsOf(element, filePreserve)) {
    const read = readUnit(state, unit, preserveHere);
    if (!read) continue;
    const row = rows.get(read.id);
    if (row) importUnit(state, row, read);
    else state.older.push(read);
  }
  rebase(state);
  run.result.memories.push({ file: article.memoryFile, memory: state.memory, changed: state.changed });
}

/** A unit's id, source, target and state, or undefined (with the refusal recorded) when its form is wrong. */
function readUnit(state: FileRun, unit: XmlElement, inherited: boolean): ReadUnit | undefined {
  const { run, article } = state;
  const id = unit.attributes.get('id') ?? '';
  const seen = state.units.get(id);
  if (seen !== undefined) return refusal(run, unit.line, `the unit is given twice (the first is on line ${seen})`, 'keep each unit once', id);
  state.units.set(id, unit.line);
  // A unit a translation tool split into sentences is read as the one segment it was exported as.
  const segment = joinedSegment(unit, spaceOf(unit, inherited));
  if ('problem' in segment) return refusal(run, segment.line, segment.problem, segment.hint, id);
  const sourceElement = children(segment, 'source')[0];
  if (!sourceElement) return refusal(run, unit.line, 'unit has no <segment> with a <source>', 'restore the unit from the exported file', id);
  const preserve = spaceOf(segment, spaceOf(unit, inherited));
  const source = fromInline(sourceElement, XLIFF_NS, run.version);
  if (typeof source !== 'string') return refusal(run, sourceElement.line, `broken inline codes in <source>: ${source.problem}`, 'restore the source from the exported file', id);
  const normalizedSource = normalizeSpace(source);
  const row = state.rows.get(id);
  if (!row && segmentId(normalizeSegmentText(normalizedSource)) !== id) {
    return refusal(
      run,
      unit.line,
      `unknown segment id ${id}: ${article.articleFile} has no such segment, and the unit's source is not the English it was made for`,
      'never edit <source> or a unit id; export again',
      id,
    );
  }
  if (row && normalizedSource !== row.segment.source) {
    return refusal(
      run,
      sourceElement.line,
      "source does not match the article's English (its hash differs)",
      'export again and redo this segment against the current English; never edit <source>',
      id,
    );
  }
  const stateName = segment.attributes.get('state') ?? 'initial';
  if (!STATES.includes(stateName as State)) return refusal(run, segment.line, `state "${stateName}" is not one of ${STATES.join(', ')}`, 'use an XLIFF 2 state', id);
  const targetElement = children(segment, 'target')[0];
  let target: ReadUnit['target'];
  if (targetElement) {
    const text = fromInline(targetElement, XLIFF_NS, run.version);
    if (typeof text !== 'string')
      return refusal(run, targetElement.line, `broken placeholder tags: ${text.problem}`, 'keep each inline code of the source (<pc>/<ph>, or <g>/<x> in XLIFF 1.2) exactly once', id);
    target = { text: spaceOf(targetElement, preserve) ? text : normalizeSpace(text), line: targetElement.line };
  }
  const exported = children(unit, 'notes')
    .flatMap((notes) => children(notes, 'note'))
    .find((note) => note.attributes.get('category') === 'exported')
    ?.children.filter((child) => typeof child === 'string')
    .join('')
    .trim();
  const subState = segment.attributes.get('subState');
  const sourceChanged = subState === SOURCE_CHANGED;
  const markReplaced = subState !== undefined && subState !== '' && !sourceChanged;
  let given = stateName as State;
  // An XLIFF 1.2 target without a state (a tool that drops it): left as exported, it keeps the state it was exported with.
  if (segment.attributes.get(UNSTATED) === 'true' && target !== undefined && exported !== undefined) {
    given = STATES.find((candidate) => exportedStamp({ target: target.text, state: candidate, sourceChanged }) === exported) ?? given;
  }
  return { id, line: unit.line, source: normalizedSource, target, state: given, sourceChanged, markReplaced, exported };
}

/**
 * Whether a unit brings a translation. An empty `<target/>` is how many
 * CAT tools write a unit nobody translated: read as no target, it neither
 * replaces a translation nor becomes a person's draft that holds the
 * edition (and that no machine may then fill).
 */
function translates(unit: ReadUnit): unit is ReadUnit & { target: NonNullable<ReadUnit['target']> } {
  return unit.target !== undefined && unit.target.text.trim() !== '';
}

/**
 * A unit of a current segment: its entry changes only if the reviewer
 * changed something. A unit left as it was exported changes nothing, even
 * when the memory changed since (another reviewer's file imported first);
 * a unit changed in the file and in the memory since the export is a
 * conflict the importer does not settle by overwriting either.
 */
function importUnit(state: FileRun, row: SegmentStatus, unit: ReadUnit): void {
  if (!translates(unit)) return;
  const current = row.status === 'stale' ? undefined : row.entry;
  let asked = { target: unit.target.text, state: unit.state, sourceChanged: unit.sourceChanged || (unit.markReplaced && current?.sourceChanged === true) };
  if (unit.exported !== undefined) {
    if (exportedStamp(asked) === unit.exported) {
      // Left as exported: the memory as it is now stands. Only an entry found under the English's old id moves to the new one, as a build moves it.
      if (!row.linkedFrom || !current) return;
      asked = { target: current.target, state: current.state, sourceChanged: current.sourceChanged === true };
    } else if (exportedStamp(current) !== unit.exported && exportedStamp(current) !== exportedStamp(asked)) {
      refusal(
        state.run,
        unit.target.line,
        `changed in ${state.article.memoryFile} since this file was exported, and changed here too`,
        'export the article again and redo this unit on the memory as it is now',
        unit.id,
      );
      return;
    }
  }
  const entry = importedEntry(row, asked.target, asked.state, asked.sourceChanged);
  if (entry === row.entry && !row.linkedFrom) return;
  if (!passes(state, unit, row.segment.source, entry)) return;
  if (unit.exported === undefined) state.run.result.unstamped.push({ line: unit.target.line, id: unit.id });
  if (entry.state === 'initial') state.run.result.drafts.push({ line: unit.target.line, id: unit.id });
  if (entry.flag !== undefined) state.run.result.flagged.push({ line: unit.target.line, id: unit.id });
  if (entry.target !== row.entry?.target && entry.target === row.segment.source && /\p{L}/u.test(entry.target)) state.run.result.copies.push({ line: unit.target.line, id: unit.id });
  const segments = { ...state.memory.segments };
  if (row.linkedFrom && row.linkedFrom !== unit.id) delete segments[row.linkedFrom];
  segments[unit.id] = entry;
  state.memory = { ...state.memory, segments };
  state.changed += 1;
}

/**
 * The memory entry a unit leads to. A target the reviewer did not touch
 * keeps its origin and its flag: a flag clears only when the target
 * changes. A changed target is a human translation. Anything the reviewer
 * changed (target, state, or dropping "source changed") resolves the
 * change, so the old texts go.
 */
function importedEntry(row: SegmentStatus, target: string, state: State, sourceChanged: boolean): MemoryEntry {
  const existing = row.status === 'stale' ? undefined : row.entry;
  const kept = existing !== undefined && sameTarget(existing.target, target);
  if (kept && existing.state === state && (existing.sourceChanged === true) === sourceChanged) return existing;
  return {
    source: row.segment.source,
    target: kept ? existing.target : target,
    origin: kept ? existing.origin : 'human',
    state,
    // A target changed in the file translates the English the file shows, the current one: only one left as it was can
    // still be the older English's (an English edited back would otherwise find a new translation marked as its own).
    ...(sourceChanged && kept && existing.sourceChanged ? { sourceChanged: true as const, previousSource: existing.previousSource! } : {}),
    ...(kept && existing.flag !== undefined ? { flag: existing.flag } : {}),
  };
}

/**
 * Whether an entry the import would write passes what every published
 * target passes (placeholders and the hostile-text checks); a flagged one
 * is kept flagged, so it is never published either way.
 */
function passes(state: FileRun, unit: ReadUnit, source: string, entry: MemoryEntry): boolean {
  if (entry.flag !== undefined) return true;
  const problem = checkTranslation(source, entry.target);
  if (problem === undefined) return true;
  const placeholders = /^(tag |not well-formed)/u.test(problem);
  refusal(
    state.run,
    unit.target?.line ?? unit.line,
    placeholders ? `broken placeholder tags: ${problem}` : `target refused: ${problem}`,
    placeholders ? 'keep each inline code of the source (<pc>/<ph>, or <g>/<x> in XLIFF 1.2) exactly once' : 'remove what the source does not have, or ask an editor to change the English',
    unit.id,
  );
  return false;
}

/**
 * Units made for an English that has changed since the export: each is
 * linked to the segment it most likely became (the same word-diff linking
 * the build uses for its memory) and stored there as the reviewer's
 * translation, marked source-changed with the English it was made for. A
 * unit that matches no segment is kept under its old id, as an orphan
 * `edition check` lists. Nothing the reviewer wrote is lost.
 */
function rebase(state: FileRun): void {
  const units = new Map(state.older.filter(translates).map((unit) => [unit.id, unit]));
  if (units.size === 0) return;
  const free = state.article.segments.filter((segment) => !state.units.has(segment.id));
  const candidates: MemoryFile = { ...state.memory, segments: {} };
  for (const unit of units.values()) candidates.segments[unit.id] = { source: unit.source, target: unit.target.text, origin: 'human', state: unit.state };
  const { links } = linkOrphans(free, candidates);
  const linked = new Map(links.map((link) => [link.from, link.id]));
  for (const unit of units.values()) {
    const target = unit.target.text;
    const before = state.memory.segments[unit.id];
    // Checked against the English the reviewer translated: hostile text is refused whatever it is rebased onto.
    const own = checkTranslation(unit.source, target);
    if (own !== undefined) {
      refusal(state.run, unit.target.line, `target refused: ${own}`, 'remove what the source does not have', unit.id);
      continue;
    }
    // Left as exported: what the memory holds now (a build may have moved or translated the segment since) stands.
    if (unit.exported !== undefined && exportedStamp({ target, state: unit.state, sourceChanged: unit.sourceChanged }) === unit.exported) continue;
    const to = linked.get(unit.id);
    const row = to === undefined ? undefined : state.rows.get(to);
    const current = row?.entry?.previousSource === unit.source ? row.entry : undefined;
    const untouched = [before, current].some((entry) => entry !== undefined && entry.target === target && entry.state === unit.state);
    if (untouched) continue;
    // The new segment's entry is a person's or reviewer's that changed since the export (fixed after the build moved it
    // there), and the file changed the unit too: a conflict, refused as importUnit refuses one, not settled by
    // overwriting the fix. A machine translation there gives way, as it always does.
    const moved = row?.entry;
    const asExported = (sourceChanged: boolean) => moved !== undefined && exportedStamp({ target: moved.target, state: moved.state, sourceChanged }) === unit.exported;
    if (moved !== undefined && isProtected(moved) && unit.exported !== undefined && !asExported(false) && !asExported(true)) {
      refusal(
        state.run,
        unit.target.line,
        `changed in ${state.article.memoryFile} since this file was exported (under the edited English's new id ${row!.segment.id}), and changed here too`,
        'export the article again and redo this unit on the memory as it is now',
        unit.id,
      );
      continue;
    }
    // Without the export's notes (a tool dropped them), a person's translation of the edited English that is no longer
    // the one carried over from this unit's English (someone fixed or confirmed it since) may be newer than the file:
    // refused, since nothing tells whether the reviewer changed this unit at all.
    if (moved !== undefined && isProtected(moved) && unit.exported === undefined && moved.previousSource !== unit.source) {
      refusal(
        state.run,
        unit.target.line,
        `made for an older English, and the translation of the edited English (id ${row!.segment.id}) in ${state.article.memoryFile} was fixed or confirmed since; this file has no export notes, so edition cannot tell whether this unit is newer`,
        'export the article again and redo this unit on the memory as it is now (keep the notes edition writes)',
        unit.id,
      );
      continue;
    }
    const origin = before?.target === target ? before.origin : 'human';
    const segments = { ...state.memory.segments };
    if (row) {
      delete segments[unit.id];
      const problem = checkTranslation(row.segment.source, target);
      segments[row.segment.id] = {
        source: row.segment.source,
        target,
        origin,
        state: unit.state,
        sourceChanged: true,
        previousSource: unit.source,
        ...(problem === undefined ? {} : { flag: `the source changed since this translation and it no longer fits: ${problem}` }),
      };
    } else {
      segments[unit.id] = { source: unit.source, target, origin, state: unit.state };
    }
    state.memory = { ...state.memory, segments };
    state.changed += 1;
    if (unit.exported === undefined) state.run.result.unstamped.push({ line: unit.target.line, id: unit.id });
    state.run.result.rebased.push({ memoryFile: state.article.memoryFile, line: unit.line, from: unit.id, to });
  }
}

/** The units of a file, also those a tool put in `<group>` elements, each with the `xml:space` it inherits. */
function unitsOf(file: XmlElement, preserve: boolean): Array<[XmlElement, boolean]> {
  const units: Array<[XmlElement, boolean]> = [];
  for (const child of file.children) {
    if (typeof child === 'string' || child.namespace !== XLIFF_NS) continue;
    if (child.name === 'unit') units.push([child, preserve]);
    else if (child.name === 'group') for (const unit of unitsOf(child, spaceOf(child, preserve))) units.push(unit);
  }
  return units;
}

/** Child elements in the XLIFF namespace with a name; elements of other namespaces (extensions) are skipped. */
function children(parent: XmlElement, name: string): XmlElement[] {
  return childElements(parent, XLIFF_NS, name);
}
