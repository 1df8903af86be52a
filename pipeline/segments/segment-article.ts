import type { Root } from 'mdast';
import type { Article } from '../content/article.js';
import { EditionError } from '../errors.js';
import { collectSlots, plainSlot, translatedCopy, type Draft, type Slot } from './slots.js';
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

/** An edition's draft: the tree's translations, and the front-matter texts as they are assembled. */
interface ArticleDraft extends Draft {
  texts: Omit<AssembledArticle, 'tree'>;
}

/** An article's slots, with what they were read from. */
interface ArticleSlots {
  tree: Root;
  frontMatter: Article['frontMatter'];
  fieldLines: Article['fieldLines'];
  slots: Slot<ArticleDraft>[];
}

/**
 * Each article's slots, read once for all its editions (tagging every block
 * again for each locale was most of re-assembly's cost). Held weakly, for as
 * long as the article is; read again if the article's tree or front matter
 * is not the one they were read from.
 */
const articleSlots = new WeakMap<Article, ArticleSlots>();

function slotsOf(article: Article): Slot<ArticleDraft>[] {
  const known = articleSlots.get(article);
  if (known && known.tree === article.tree && known.frontMatter === article.frontMatter && known.fieldLines === article.fieldLines) return known.slots;
  const { title, summary, corrections = [], image } = article.frontMatter;
  const head = [
    plainSlot<ArticleDraft>(title, 'title', article.fieldLines['title'], (text, draft) => {
      draft.texts.title = text;
    }),
    summary === undefined
      ? undefined
      : plainSlot<ArticleDraft>(summary, 'summary', article.fieldLines['summary'], (text, draft) => {
          draft.texts.summary = text;
        }),
    image === undefined
      ? undefined
      : plainSlot<ArticleDraft>(image.alt, 'imageAlt', article.fieldLines['image'], (text, draft) => {
          draft.texts.imageAlt = text;
        }),
  ].filter((slot): slot is Slot<ArticleDraft> => slot !== undefined);
  const tail = corrections
    .map((correction, index) =>
      plainSlot<ArticleDraft>(correction.text, 'correction', article.fieldLines[`corrections.${index}`] ?? article.fieldLines['corrections'], (text, draft) => {
        draft.texts.corrections[index] = text;
      }),
    )
    .filter((slot): slot is Slot<ArticleDraft> => slot !== undefined);
  const slots = [...head, ...collectSlots(article.tree), ...tail];
  articleSlots.set(article, { tree: article.tree, frontMatter: article.frontMatter, fieldLines: article.fieldLines, slots });
  return slots;
}

/**
 * The article's segments in document order, each distinct source once
 * (a repeated sentence is translated, and paid for, once).
 */
export function segmentArticle(article: Article): Segment[] {
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const slot of slotsOf(article)) {
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
  const { title, summary, corrections = [], image } = article.frontMatter;
  const draft: ArticleDraft = {
    blocks: new Map(),
    alts: new Map(),
    titles: new Map(),
    texts: { title, summary, corrections: corrections.map((correction) => correction.text), imageAlt: image?.alt },
  };
  for (const slot of slotsOf(article)) {
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
      slot.apply(target, draft);
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
  return { tree: translatedCopy(article.tree, draft), ...draft.texts };
}
