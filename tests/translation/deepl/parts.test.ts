import { describe, expect, it } from 'vitest';
import { batches } from '../../../pipeline/translation/translators/deepl/batches.js';
import { deeplTarget } from '../../../pipeline/translation/translators/deepl/languages.js';
import { glossaryPlan } from '../../../pipeline/translation/translators/deepl/glossary.js';
import { runBounded } from '../../../pipeline/translation/translators/deepl/pool.js';
import { containsKey, keyForms, redactKey } from '../../../pipeline/translation/translators/deepl/key-forms.js';
import { checkPlaceholders } from '../../../pipeline/segments/check-placeholders.js';
import { parseGlossary } from '../../../pipeline/translation/glossary/glossary-file.js';
import { missingTerms } from '../../../pipeline/translation/glossary/terminology.js';
import { parseMemory, serializeMemory } from '../../../pipeline/translation/memory/memory-file.js';

describe('batches', () => {
  it('stops at the text count and at the byte size', () => {
    const texts = Array.from({ length: 7 }, (_, index) => `t${index}`);
    expect(batches(texts, (text) => text, { maxTexts: 3, maxBytes: 1000 }).map((batch) => batch.length)).toEqual([3, 3, 1]);
    // 한 is 3 bytes in UTF-8
    expect(batches(['한한', '한', '한한'], (text) => text, { maxTexts: 50, maxBytes: 9 })).toEqual([['한한', '한'], ['한한']]);
    expect(batches(['x'.repeat(20)], (text) => text, { maxTexts: 50, maxBytes: 9 })).toEqual([['x'.repeat(20)]]);
  });
});

describe('runBounded', () => {
  it('keeps at most the limit in flight and lets sent tasks finish after a failure', async () => {
    let inFlight = 0;
    let most = 0;
    const finished: number[] = [];
    const tasks = Array.from({ length: 8 }, (_, index) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (index === 2) throw new Error('boom');
      finished.push(index);
    });
    await expect(runBounded(tasks, 3)).rejects.toThrow('boom');
    expect(most).toBe(3);
    expect(finished).toEqual([0, 1, 3, 4]);
  });
});

describe('deeplTarget', () => {
  it('maps locales to DeepL codes, as data', () => {
    expect(deeplTarget('ko')).toEqual({ target: 'KO', glossary: 'ko', formality: 'prefer_more' });
    expect(deeplTarget('zh-CN').target).toBe('ZH-HANS');
    expect(deeplTarget('zh-TW').target).toBe('ZH-HANT');
    expect(deeplTarget('pt-BR')).toMatchObject({ target: 'PT-BR', glossary: 'pt' });
    expect(deeplTarget('en-GB').target).toBe('EN-GB');
    expect(deeplTarget('de-AT').target).toBe('DE');
  });
  it('refuses what DeepL cannot serve, with a hint', () => {
    expect(() => deeplTarget('pt')).toThrow(/needs a variant of "pt"/u);
    expect(() => deeplTarget('tlh')).toThrow(/cannot translate into "tlh"/u);
  });
});

describe('checkPlaceholders', () => {
  const source = 'Read <a1>the <em2>full</em2> report</a1> at <code3/>.';
  it('accepts reordered tags', () => {
    expect(checkPlaceholders(source, 'Bei <code3/> lesen: <a1><em2>ganzer</em2> Bericht</a1>.')).toBeUndefined();
  });
  it('names what is wrong', () => {
    expect(checkPlaceholders(source, 'Lesen <a1>Bericht</a1> <code3/>.')).toBe('tag <em2> missing');
    expect(checkPlaceholders(source, 'x <a1>y</a1> <em2>z</em2> <code3/> <i9>w</i9>')).toBe('tag <i9> is not in the source');
    expect(checkPlaceholders(source, 'x <a1>y</a1> <em2>z</em2> <code3>w</code3>')).toBe('tag <code3/> must stay self-closing');
    expect(checkPlaceholders(source, 'x <a1>y</a1> <a1>y</a1> <em2>z</em2> <code3/>')).toBe('tag <a1> appears more than once');
    expect(checkPlaceholders(source, 'x <a1>y <em2>z</a1></em2> <code3/>')).toMatch(/not well-formed/u);
  });
});

describe('glossary file', () => {
  it('reads terms with either arrow, skipping comments', () => {
    const glossary = parseGlossary('# terms\nKim Jong-un → 김정은\n\nAurus -> 아우루스\n', 'locales/ko/glossary.txt', 'ko');
    expect(glossary.entries).toEqual([
      { source: 'Kim Jong-un', target: '김정은', line: 2 },
      { source: 'Aurus', target: '아우루스', line: 4 },
    ]);
  });
  it('names the line of a mistake', () => {
    expect(() => parseGlossary('Putin → 푸틴\nPutin → 푸친\n', 'g.txt', 'ko')).toThrow(/already defined on line 1/u);
    expect(() => parseGlossary('Putin 푸틴\n', 'g.txt', 'ko')).toThrow(/no arrow/u);
  });
  it('hashes the content: same files, same name; a changed term, a new name', () => {
    const one = parseGlossary('Putin → 푸틴\n', 'a', 'ko');
    const two = parseGlossary('Putin → 푸친\n', 'a', 'ko');
    expect(glossaryPlan([one], 'en').name).toBe(glossaryPlan([one], 'en').name);
    expect(glossaryPlan([one], 'en').name).not.toBe(glossaryPlan([two], 'en').name);
    expect(glossaryPlan([one], 'en').name).toMatch(/^edition-[0-9a-f]{16}$/u);
  });
  it('reports terms the target lacks', () => {
    const { entries } = parseGlossary('Putin → 푸틴\nZelensky → 젤렌스키\n', 'g', 'ko');
    expect(missingTerms(entries, 'Putin and <em1>Zelensky</em1>', '푸틴과 <em1>젤렌스키</em1>')).toEqual([]);
    expect(missingTerms(entries, 'Putin and <em1>Zelensky</em1>', '푸틴과 <em1>젤렌스끼</em1>').map((entry) => entry.source)).toEqual(['Zelensky']);
  });
});

describe('memory flag', () => {
  it('round-trips, stays byte-stable, and is validated', () => {
    const memory = {
      article: 'a',
      locale: 'de',
      segments: {
        b: { source: 's', target: 't', origin: 'deepl', state: 'translated' as const, flag: 'tag <em1> missing' },
        a: { source: 's2', target: 't2', origin: 'human', state: 'reviewed' as const },
      },
    };
    const text = serializeMemory(memory);
    expect(text).toContain('"flag": "tag <em1> missing"');
    expect(text.match(/"flag"/gu)).toHaveLength(1);
    expect(serializeMemory(parseMemory(text, 'f.json'))).toBe(text);
    expect(() => parseMemory(text.replace('"tag <em1> missing"', '""'), 'f.json')).toThrow(/segments\.b\.flag/u);
  });
});

describe('deepl translator concurrency', () => {
  it('never has more requests in flight than its limit', async () => {
    const { startFakeDeepL } = await import('../../support/fake-deepl.js');
    const { deeplTranslator } = await import('../../../pipeline/translation/translators/deepl/index.js');
    const fake = await startFakeDeepL();
    try {
      fake.faults.delayMs = 50;
      const translator = deeplTranslator({ env: { DEEPL_AUTH_KEY: fake.key, DEEPL_SERVER_URL: fake.url, DEEPL_MAX_RETRIES: '1' } }, { concurrency: 2, limits: { maxTexts: 2, maxBytes: 1000 } });
      const segments = Array.from({ length: 10 }, (_, index) => ({ id: `s${index}`, source: `Sentence ${index}.` }));
      const saved: number[] = [];
      const results = await translator.translate({
        sourceLocale: 'en',
        targetLocale: 'de',
        segments,
        article: { slug: 'a', file: 'content/a.md', title: 'A' },
        onBatch: async (batch) => {
          saved.push(batch.length);
        },
      });
      expect(results).toHaveLength(10);
      expect(fake.translateCalls).toHaveLength(5);
      expect(fake.maxInFlight).toBe(2);
      expect(saved).toEqual([2, 2, 2, 2, 2]);
    } finally {
      await fake.close();
    }
  });
});

describe('the key in the forms a server may echo', () => {
  const key = '0f5c3a9e-1b2d-4c6e-8f70-123456789abc:fx';
  const forms = keyForms(key);
  it.each([
    ['as it is', `x ${key} y`],
    ['without :fx', `id=${key.slice(0, -3)}`],
    ['URL-encoded, either case', `k=${encodeURIComponent(key).toLowerCase()}`],
    ['base64 at every alignment', ['', 'a', 'ab'].map((lead) => Buffer.from(`Basic ${lead}${key}!`).toString('base64')).join(' ')],
    ['base64url', Buffer.from(`>>${key}??`).toString('base64url')],
  ])('is found and redacted %s', (_name, text) => {
    expect(containsKey(text, forms)).toBe(true);
    expect(containsKey(redactKey(text, forms), forms)).toBe(false);
  });

  it('is not found in ordinary text', () => {
    expect(containsKey('Die Gespräche endeten ohne Einigung. 0f5c3a9e', forms)).toBe(false);
  });
});
