import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle } from '../../pipeline/segments/segment-article.js';
import { serializeMemory, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { mockTranslate } from './mock-translator.js';

const CITIES = ['Seoul', 'Tokyo', 'Berlin', 'Paris', 'Madrid', 'London', 'Cairo', 'Istanbul', 'Kyiv', 'New York'];
const WORDS = (
  'officials said the talks would resume next week after a long pause in negotiations over trade quotas ' +
  'energy prices and the security of shipping lanes while analysts warned that markets remained nervous ' +
  'and that the outcome depended on parliament approving the budget before the summer recess began'
).split(' ');

/** A deterministic pseudo-random sentence: article i, paragraph p. */
function sentence(seed: number, length: number): string {
  const words: string[] = [];
  let state = (seed * 2654435761) % 4294967296;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    words.push(WORDS[state % WORDS.length]!);
  }
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/**
 * A newsroom-like article of about 600 words: headings, paragraphs with
 * links and emphasis, a block quote, a list and a table.
 */
export function syntheticArticle(index: number): string {
  const city = CITIES[index % CITIES.length]!;
  const day = String((index % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(index / 28) % 12) + 1).padStart(2, '0');
  const paragraph = (p: number) =>
    `${sentence(index * 100 + p, 22)} ${sentence(index * 100 + p + 50, 18)} See [the report](https://example.org/${index}/${p}) and *the* **annex**, ${sentence(index * 100 + p + 70, 12)}`;
  return `---
title: "Story ${index}: ${sentence(index, 6).slice(0, -1)}"
summary: "${sentence(index + 7, 16)}"
date: "2024-${month}-${day}T${String(index % 24).padStart(2, '0')}:15:00Z"
dateline:
  city: ${city}
---

${paragraph(1)}

${paragraph(2)}

## ${sentence(index + 3, 5).slice(0, -1)}

${paragraph(3)}

> ${sentence(index * 7 + 1, 20)}

- ${sentence(index * 7 + 2, 8)}
- ${sentence(index * 7 + 3, 8)}

${paragraph(4)}

| Item | Figure |
| ---- | ------ |
| Quota | ${index * 3}% |
| Budget | ${index + 1} bn |

## ${sentence(index + 5, 4).slice(0, -1)}

${paragraph(5)}

${paragraph(6)}
`;
}

/**
 * Write a corpus into a project folder: articles, and when `locales` is
 * given, a complete translation memory for each (mock translations, as in
 * a newsroom that already translated everything).
 */
export function writeCorpus(dir: string, count: number, locales: readonly string[] = []): void {
  mkdirSync(join(dir, 'content'), { recursive: true });
  for (let index = 0; index < count; index += 1) {
    const slug = `story-${String(index).padStart(5, '0')}`;
    const text = syntheticArticle(index);
    writeFileSync(join(dir, 'content', `${slug}.md`), text);
    if (locales.length === 0) continue;
    const segments = segmentArticle(loadArticle(text, `content/${slug}.md`, slug));
    for (const locale of locales) {
      const memory: MemoryFile = { article: slug, locale, segments: {} };
      for (const segment of segments) {
        memory.segments[segment.id] = { source: segment.source, target: mockTranslate(segment.source, locale), origin: 'human', state: 'reviewed' };
      }
      mkdirSync(join(dir, 'content/translations', locale), { recursive: true });
      writeFileSync(join(dir, 'content/translations', locale, `${slug}.json`), serializeMemory(memory));
    }
  }
}
