import { createHash } from 'node:crypto';
import { GlossaryEntries, type DeepLClient } from 'deepl-node';
import { EditionError } from '../../../errors.js';
import type { Glossary } from '../../glossary/glossary-file.js';
import { BadAnswer } from './errors.js';
import { deeplTarget } from './languages.js';

/** Every glossary edition keeps on a DeepL account is named with this prefix and its content hash. */
export const GLOSSARY_PREFIX = 'edition-';

export interface SyncedGlossary {
  glossaryId: string;
  /** Glossary language codes (`ko`, `zh`) that have a dictionary in it. */
  languages: ReadonlySet<string>;
}

interface Dictionary {
  language: string;
  entries: Record<string, string>;
  file: string;
}

/**
 * The newsroom glossaries as DeepL dictionaries, one per target language,
 * and the name that identifies their exact content. DeepL glossaries are
 * not regional, so two locales of one language (pt-BR, pt-PT) must agree.
 */
export function glossaryPlan(glossaries: Iterable<Glossary>, sourceLang: string): { name: string; dictionaries: Dictionary[] } {
  const byLanguage = new Map<string, Dictionary>();
  for (const glossary of glossaries) {
    const language = deeplTarget(glossary.locale).glossary;
    const entries = Object.fromEntries(glossary.entries.map((entry) => [entry.source, entry.target]));
    const other = byLanguage.get(language);
    if (other && JSON.stringify(sortKeys(other.entries)) !== JSON.stringify(sortKeys(entries))) {
      throw new EditionError(`DeepL keeps one "${language}" glossary, and ${other.file} differs from this one`, {
        code: 'glossary/conflict',
        file: glossary.file,
        hint: `make the two files the same (DeepL glossaries are per language, not per region)`,
      });
    }
    byLanguage.set(language, { language, entries, file: glossary.file });
  }
  const dictionaries = [...byLanguage.values()].sort((a, b) => (a.language < b.language ? -1 : 1));
  const canonical = JSON.stringify([sourceLang, dictionaries.map((dictionary) => [dictionary.language, sortKeys(dictionary.entries)])]);
  const hash = createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
  return { name: `${GLOSSARY_PREFIX}${hash}`, dictionaries };
}

/**
 * Make sure the account holds the glossary for the current files: found by
 * its content-hash name, or created once when the files changed. Edition
 * glossaries older than a week are deleted then, so the account's glossary
 * limit is not used up by history; newer ones may be another branch's or
 * another site's on the same key, or a build's still running, whose
 * requests name them.
 */
export async function syncGlossary(client: DeepLClient, glossaries: Iterable<Glossary>, sourceLang: string, now: number): Promise<SyncedGlossary | undefined> {
  const plan = glossaryPlan(glossaries, sourceLang);
  if (plan.dictionaries.length === 0) return undefined;
  const languages = new Set(plan.dictionaries.map((dictionary) => dictionary.language));
  const existing = await shaped(() => client.listMultilingualGlossaries());
  const current = existing.find((glossary) => glossary.name === plan.name);
  if (current) return { glossaryId: current.glossaryId, languages };

  const created = await client.createMultilingualGlossary(
    plan.name,
    plan.dictionaries.map((dictionary) => ({
      sourceLangCode: sourceLang,
      targetLangCode: dictionary.language,
      entries: new GlossaryEntries({ entries: dictionary.entries }),
    })),
  );
  const stale = (glossary: (typeof existing)[number]) => glossary.name.startsWith(GLOSSARY_PREFIX) && now - glossary.creationTime.getTime() > KEPT_MS;
  for (const old of existing.filter(stale)) await client.deleteMultilingualGlossary(old.glossaryId);
  return { glossaryId: created.glossaryId, languages };
}

/** How long an edition glossary no longer current is kept: longer than any build, and than a branch waits for its merge. */
const KEPT_MS = 7 * 24 * 3_600_000;

/** The client reads the glossary list without checking its shape: a missing field surfaces as a TypeError. */
async function shaped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError) throw new BadAnswer('the glossary list is not shaped as DeepL sends it');
    throw error;
  }
}

function sortKeys(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
