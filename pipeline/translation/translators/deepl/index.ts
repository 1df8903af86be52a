import type { DeepLClient, SourceLanguageCode, TargetLanguageCode } from 'deepl-node';
import { EditionError, EditionErrors } from '../../../errors.js';
import { checkTranslation } from '../../../segments/check-translation.js';
import { parseTaggedText, type TaggedNode } from '../../../segments/tagged-text.js';
import { missingTerms } from '../../glossary/terminology.js';
import type { TranslatedSegment, TranslationRequest, Translator, TranslatorContext, TranslatorLocaleStats, TranslatorStats } from '../../translator.js';
import { batches, MAX_BYTES, MAX_TEXTS, type BatchLimits } from './batches.js';
import { createClient, deeplSettings, serverName } from './client.js';
import { deeplError } from './errors.js';
import { syncGlossary, type SyncedGlossary } from './glossary.js';
import { deeplSource, deeplTarget } from './languages.js';
import { runBounded } from './pool.js';

export interface DeepLOptions {
  /** Translate requests in flight at once. */
  concurrency?: number;
  limits?: BatchLimits;
}

export interface DeepLUsage {
  characters: { count: number; limit: number } | undefined;
  server: string;
}

export interface DeepLTranslator extends Translator {
  usage(): Promise<DeepLUsage>;
}

interface Result {
  target: string;
  flag: string | undefined;
}

const DEFAULT_CONCURRENCY = 4;

/**
 * Machine translation with DeepL. One instance is one run: it remembers
 * what it translated so that a sentence shared by many articles is sent
 * (and billed) once per locale, and after a failure that would fail every
 * request (bad key, quota, unreachable server) it sends nothing more.
 */
export function deeplTranslator(context: TranslatorContext, options: DeepLOptions = {}): DeepLTranslator {
  const settings = deeplSettings(context.env);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limits = options.limits ?? { maxTexts: MAX_TEXTS, maxBytes: MAX_BYTES };
  let client: DeepLClient | undefined;
  const getClient = () => (client ??= createClient(settings));

  const cache = new Map<string, Map<string, Result>>();
  const remaining = new Map<string, Set<string>>();
  const perLocale = new Map<string, TranslatorLocaleStats>();
  const warnings: string[] = [];
  let fatal: EditionError | undefined;
  let glossary: Promise<SyncedGlossary | undefined> | undefined;

  const statsFor = (locale: string) => {
    let stats = perLocale.get(locale);
    if (!stats) perLocale.set(locale, (stats = { requests: 0, texts: 0, billedCharacters: 0, remaining: 0, flagged: 0 }));
    return stats;
  };
  const leftOver = (locale: string, sources: Iterable<string>) => {
    let set = remaining.get(locale);
    if (!set) remaining.set(locale, (set = new Set()));
    for (const source of sources) set.add(source);
  };

  async function translate(request: TranslationRequest): Promise<TranslatedSegment[]> {
    const locale = request.targetLocale;
    const target = deeplTarget(locale);
    const sourceLang = deeplSource(request.sourceLocale);
    const known = cache.get(locale) ?? new Map<string, Result>();
    cache.set(locale, known);

    // Ids per distinct source: the same text under two ids is sent once.
    const idsOf = new Map<string, string[]>();
    for (const segment of request.segments) idsOf.set(segment.source, [...(idsOf.get(segment.source) ?? []), segment.id]);
    const toSegments = (source: string, result: Result): TranslatedSegment[] => idsOf.get(source)!.map((id) => ({ id, target: result.target, ...(result.flag ? { flag: result.flag } : {}) }));

    const results: TranslatedSegment[] = [];
    const fromCache = [...idsOf.keys()].filter((source) => known.has(source)).flatMap((source) => toSegments(source, known.get(source)!));
    results.push(...fromCache);
    if (fromCache.length > 0) await request.onBatch?.(fromCache);
    const unsent = new Set([...idsOf.keys()].filter((source) => !known.has(source)));
    if (unsent.size === 0) return results;
    if (fatal) {
      leftOver(locale, unsent);
      throw fatal;
    }

    const stop = (error: unknown) => {
      fatal ??= deeplError(error, settings, `translating into ${locale}`);
      return fatal;
    };
    let synced: SyncedGlossary | undefined;
    try {
      glossary ??= syncGlossary(getClient(), context.glossaries?.values() ?? [], sourceLang);
      synced = await glossary;
    } catch (error) {
      leftOver(locale, unsent);
      throw stop(error);
    }
    const glossaryId = synced?.languages.has(target.glossary) ? synced.glossaryId : undefined;
    const terms = context.glossaries?.get(locale)?.entries ?? [];
    const stats = statsFor(locale);

    const tasks = batches([...unsent], (source) => source, limits).map((sources) => async () => {
      let answers;
      try {
        answers = await getClient().translateText(sources, sourceLang as SourceLanguageCode, target.target as TargetLanguageCode, {
          tagHandling: 'xml',
          // Placeholders mark inline markup inside a sentence, never a break between sentences.
          nonSplittingTags: tagNames(sources),
          splitSentences: 'nonewlines',
          formality: target.formality,
          context: [request.article.title, request.article.summary].filter(Boolean).join('\n'),
          ...(glossaryId ? { glossary: glossaryId } : {}),
        });
      } catch (error) {
        throw stop(error);
      }
      stats.requests += 1;
      stats.texts += sources.length;
      const batch: TranslatedSegment[] = [];
      sources.forEach((source, index) => {
        const answer = answers[index];
        if (!answer) return;
        stats.billedCharacters += answer.billedCharacters ?? 0;
        const result: Result = { target: answer.text, flag: checkTranslation(source, answer.text) };
        if (result.flag) stats.flagged += 1;
        known.set(source, result);
        unsent.delete(source);
        for (const term of result.flag ? [] : missingTerms(terms, source, answer.text)) {
          warnings.push(`${locale}: ${request.article.file} (${idsOf.get(source)![0]}): "${term.source}" not translated as "${term.target}" (glossary line ${term.line})`);
        }
        batch.push(...toSegments(source, result));
      });
      results.push(...batch);
      context.onProgress?.(locale, sources.length);
      await request.onBatch?.(batch);
    });
    try {
      await runBounded(tasks, concurrency, () => fatal !== undefined);
    } finally {
      if (fatal) leftOver(locale, unsent);
    }
    if (fatal) throw fatal;
    return results;
  }

  return {
    name: 'deepl',
    usesMemory: true,
    storesResults: true,
    maxSegmentBytes: limits.maxBytes,
    translate,
    checkLocales(codes) {
      const errors: EditionError[] = [];
      for (const code of codes) {
        try {
          deeplTarget(code);
        } catch (error) {
          if (!(error instanceof EditionError)) throw error;
          errors.push(error);
        }
      }
      if (errors.length === 1) throw errors[0]!;
      if (errors.length > 1) throw new EditionErrors(errors, `DeepL cannot serve ${errors.length} locales; nothing was sent`);
    },
    stats(): TranslatorStats {
      const locales: Record<string, TranslatorLocaleStats> = {};
      for (const code of [...new Set([...perLocale.keys(), ...remaining.keys()])].sort()) {
        locales[code] = { ...statsFor(code), remaining: remaining.get(code)?.size ?? 0 };
      }
      return { locales, warnings: [...warnings] };
    },
    async usage() {
      try {
        const usage = await getClient().getUsage();
        return {
          characters: usage.character ? { count: usage.character.count, limit: usage.character.limit } : undefined,
          server: serverName(settings),
        };
      } catch (error) {
        throw deeplError(error, settings, 'reading usage');
      }
    },
  };
}

/** Placeholder names in a batch (`em1`, `a2`), for DeepL's tag options. */
function tagNames(sources: readonly string[]): string[] {
  const names = new Set<string>();
  const visit = (nodes: readonly TaggedNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      names.add(node.name);
      visit(node.children);
    }
  };
  for (const source of sources) visit(parseTaggedText(source));
  return [...names].sort();
}
