import { EditionError } from '../../errors.js';

export interface GlossaryEntry {
  source: string;
  target: string;
  line: number;
}

export interface Glossary {
  locale: string;
  file: string;
  entries: readonly GlossaryEntry[];
}

/**
 * A newsroom glossary, locales/<lng>/glossary.txt: one term per line,
 * `source term → target term` (`->` works too), `#` starts a comment line.
 * Plain text so that editors can review a change in a diff at a glance.
 */
export function parseGlossary(text: string, file: string, locale: string): Glossary {
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .forEach((raw, index) => {
      const line = index + 1;
      const content = raw.trim();
      if (content === '' || content.startsWith('#')) return;
      const fail = (message: string, hint: string): never => {
        throw new EditionError(message, { code: 'glossary/invalid', file, line, hint });
      };
      const arrow = /\s*(?:→|->)\s*/u.exec(content);
      if (!arrow) return fail('line has no arrow', 'write one term per line: Kim Jong-un → 김정은');
      const source = content.slice(0, arrow.index);
      const target = content.slice(arrow.index + arrow[0].length);
      if (source === '' || target === '') return fail('a term is empty', 'write both terms: source → target');
      if (/\t/u.test(content)) return fail('a term contains a tab', 'use spaces inside terms');
      if (/(?:→|->)/u.test(target)) return fail('line has more than one arrow', 'write one term per line');
      const previous = seen.get(source);
      if (previous !== undefined) return fail(`"${source}" is already defined on line ${previous}`, 'keep one translation per term');
      seen.set(source, line);
      entries.push({ source, target, line });
    });
  return { locale, file, entries };
}
