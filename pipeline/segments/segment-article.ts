import type { Root } from 'mdast';
import type { Article } from '../content/article.js';
import { EditionError } from '../errors.js';
import { collectSlots, plainSlot, type Slot } from './slots.js';
import { PlaceholderError } from './untag-phrasing.js';
import type { SegmentKind } from './blocks.js';

export interface Segment {
  id: string;
  source: string;
  kind: SegmentKind;
  line: number | undefined;
}

/** A translated article: the body tree and the front-matter texts, in the target language. */
export interface AssembledArticle {
  tree: Root;
  title: string;
  summary: string | undefined;
  /** Each correction's text, in front-matter order. */
  corrections: string[];
  /** The lead image's alt text. */
  imageAlt: string | undefined;
}

interface ArticleSlots {
  slots: Slot[];
  assembled: AssembledArticle;
}

function slotsOf(article: Article, tree: Root): ArticleSlots {
  const { title, summary, corrections = [], image } = article.frontMatter;
  const assembled: AssembledArticle = { tree, title, summary, corrections: corrections.map((correction) => correction.text), imageAlt: image?.alt };
  const head = [
    plainSlot(title, 'title', article.fieldLines['title'], (text) => {
      assembled.title = text;
    }),
    summary === undefined
      ? undefined
      : plainSlot(summary, 'summary', article.fieldLines['summary'], (text) => {
          assembled.summary = text;
        }),
    image === undefined
      ? undefined
      : plainSlot(image.alt, 'imageAlt', article.fieldLines['image'], (text) => {
          assembled.imageAlt = text;
        }),
  ].filter((slot): slot is Slot => slot !== undefined);
  const tail = corrections
    .map((correction, index) =>
      plainSlot(correction.text, 'correction', article.fieldLines['corrections'], (text) => {
        assembled.corrections[index] = text;
      }),
    )
    .filter((slot): slot is Slot => slot !== undefined);
  return { slots: [...head, ...collectSlots(tree), ...tail], assembled };
}

/**
 * The article's segments in document order, each distinct source once
 * (a repeated sentence is translated, and paid for, once).
 */
export function segmentArticle(article: Article): Segment[] {
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const slot of slotsOf(article, article.tree).slots) {
    if (seen.has(slot.id)) continue;
    seen.add(slot.id);
    segments.push({ id: slot.id, source: slot.source, kind: slot.kind, line: slot.line });
  }
  return segments;
}

/**
 * Re-assemble the article in a target language. The source tree is left
 * untouched; every slot of a copy receives its translation. A translation
 * whose placeholder tags do not match is an error naming the segment.
 */
export function assembleArticle(article: Article, targetOf: (id: string) => string | undefined, locale: string): AssembledArticle {
  const { slots, assembled } = slotsOf(article, cloneTree(article.tree));
  for (const slot of slots) {
    const target = targetOf(slot.id);
    if (target === undefined) {
      throw new EditionError(`segment has no ${locale} translation`, {
        code: 'memory/missing',
        file: article.file,
        ...(slot.line === undefined ? {} : { line: slot.line }),
        field: slot.id,
      });
    }
    try {
      slot.apply(target);
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      throw new EditionError(`${locale} translation of segment ${slot.id} has broken markup: ${error.message}`, {
        code: 'segment/placeholders',
        file: article.file,
        ...(slot.line === undefined ? {} : { line: slot.line }),
        field: slot.id,
        hint: 'fix the placeholder tags in the translation so they match the source',
      });
    }
  }
  return assembled;
}

/**
 * A deep copy of a parsed tree, whose nodes are plain objects and arrays
 * of plain values: copied by hand, as structuredClone would copy them, in
 * a quarter of its time (it was the largest cost of re-assembly). Anything
 * else a plugin may have put in the tree goes to structuredClone.
 */
function cloneTree<Value>(value: Value): Value {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(cloneTree(item));
    return items as Value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    // An own `__proto__` would set the copy's prototype instead of a field.
    if (key === '__proto__' || !Object.hasOwn(value, key)) return structuredClone(value);
    copy[key] = cloneTree(value[key]);
  }
  return copy as Value;
}
