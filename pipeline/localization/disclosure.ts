import type { MemoryEntry } from '../translation/memory/memory-file.js';
import type { Translate } from './i18n.js';
import { UNTRANSLATED } from '../translation/translator.js';

/**
 * The reader's notice of how an edition was translated: by people, by a
 * machine engine, or both, and whether every segment was reviewed. A
 * segment a preview shows in English is no translation and counts for
 * nothing; with nothing translated there is no notice.
 */
export function disclosure(entries: Iterable<MemoryEntry>, t: Translate, engineName: (origin: string) => string = (origin) => origin): string | undefined {
  const engines = new Set<string>();
  let human = false;
  let reviewed = true;
  let any = false;
  for (const entry of entries) {
    if (entry.origin === UNTRANSLATED) continue;
    any = true;
    if (entry.origin === 'human') human = true;
    else engines.add(entry.origin);
    if (entry.state !== 'reviewed' && entry.state !== 'final') reviewed = false;
  }
  if (!any) return undefined;
  const engine = [...engines].sort().map(engineName).join(', ');
  const who = engines.size === 0 ? t('disclosureHuman') : human ? t('disclosureMixed', { engine }) : t('disclosureMachine', { engine });
  return `${who}${t('sentenceSeparator')}${t(reviewed ? 'reviewed' : 'unreviewed')}`;
}

/**
 * The notice that the English changed under a translation nobody has
 * rechecked yet, or undefined when every segment is current.
 */
export function staleNotice(entries: Iterable<MemoryEntry>, t: Translate): string | undefined {
  for (const entry of entries) if (entry.sourceChanged) return t('stale');
  return undefined;
}
