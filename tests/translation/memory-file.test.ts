import { describe, expect, it } from 'vitest';
import { parseMemory, serializeMemory, memoryFilePath, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { EditionError } from '../../pipeline/errors.js';

const memory: MemoryFile = {
  article: 'a',
  locale: 'ko',
  segments: {
    ffff000000000000: { source: 'Second', target: '둘째', origin: 'human', state: 'reviewed' },
    '0000ffff00000000': { source: 'First <em1>one</em1>', target: '<em1>첫째</em1>', origin: 'deepl', state: 'translated' },
  },
};

describe('translation memory files', () => {
  it('serialize sorted, pretty-printed, one entry per segment, and read back the same', () => {
    const text = serializeMemory(memory);
    expect(text).toBe(`{
  "article": "a",
  "locale": "ko",
  "segments": {
    "0000ffff00000000": {
      "source": "First <em1>one</em1>",
      "target": "<em1>첫째</em1>",
      "origin": "deepl",
      "state": "translated"
    },
    "ffff000000000000": {
      "source": "Second",
      "target": "둘째",
      "origin": "human",
      "state": "reviewed"
    }
  }
}
`);
    expect(parseMemory(text, 'm.json')).toEqual(memory);
    expect(serializeMemory(parseMemory(text, 'm.json'))).toBe(text);
  });

  it('live beside the article, one per locale', () => {
    expect(memoryFilePath('content/story.md', 'story', 'zh-CN')).toBe('content/translations/zh-CN/story.json');
  });

  it('name the lines of a git merge conflict', () => {
    const text = serializeMemory(memory).replace('      "target": "둘째",\n', '<<<<<<< HEAD\n      "target": "둘째",\n=======\n      "target": "두 번째",\n>>>>>>> edit\n');
    expect(() => parseMemory(text, 'm.json')).toThrow('unresolved git merge conflict (markers on lines 13, 15, 17)');
  });

  it('name the line of a JSON syntax error', () => {
    const text = serializeMemory(memory).replace('"state": "reviewed"', '"state": "reviewed",');
    const error = (() => {
      try {
        parseMemory(text, 'm.json');
      } catch (caught) {
        return caught as EditionError;
      }
    })();
    expect(error).toBeInstanceOf(EditionError);
    expect(error?.file).toBe('m.json');
    expect(error?.line).toBe(16);
  });

  it('refuse an unknown review state', () => {
    const text = serializeMemory(memory).replace('"reviewed"', '"approved"');
    expect(() => parseMemory(text, 'm.json')).toThrow(/segments.ffff000000000000.state must be one of initial, translated, reviewed, final/);
  });

  const failure = (text: string, expected?: { article: string; locale: string }) => {
    try {
      parseMemory(text, 'm.json', expected);
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      return { code: error.code, line: error.line, field: error.field, message: error.message };
    }
    throw new Error('expected an EditionError');
  };

  it.each([
    ['a value left out', '{\n  "article": "a",\n  "locale": }\n', 3, 'not valid JSON: a value was expected (a comma before a closing bracket?)'],
    ['a comment', '{\n  // a note\n  "article": "a"\n}\n', 2, 'not valid JSON: comments are not allowed in JSON'],
    ['a trailing comma', '{\n  "article": "a",\n}\n', 3, 'not valid JSON: a property name in double quotes was expected (a comma before a closing brace?)'],
    ['single quotes', "{\n  'article': 'a'\n}\n", 2, 'not valid JSON: a character that JSON does not allow here (text must be in double quotes)'],
    ['a raw line break in a string', '{\n  "article": "a\tb"\n}\n', 2, 'not valid JSON: a control character (a raw tab or line break?) inside a string'],
    ['text after the object', '{}\n{}\n', 2, 'not valid JSON: text after the end of the JSON object'],
    ['arrays nested 100,000 deep', `{\n"x":\n${'['.repeat(100_000)}`, 3, 'not valid JSON: nested more than 16 levels deep'],
  ])('name the line of a syntax error: %s', (_name, text, line, message) => {
    expect(failure(text)).toEqual({ code: 'memory/json', line, field: undefined, message });
  });

  it.each([
    ['a state', (text: string) => text.replace('"translated"', '"done"'), 9, 'segments.0000ffff00000000.state', 'segments.0000ffff00000000.state must be one of initial, translated, reviewed, final'],
    ['a target that is a number', (text: string) => text.replace('"target": "둘째"', '"target": 2'), 13, 'segments.ffff000000000000.target', 'segments.ffff000000000000.target must be text'],
    [
      'a missing origin: the line of its entry',
      (text: string) => text.replace('      "origin": "human",\n', ''),
      11,
      'segments.ffff000000000000.origin',
      'segments.ffff000000000000.origin must be text',
    ],
    [
      'a control character in a source',
      (text: string) => text.replace('"source": "Second"', '"source": "Sec\\u001bond"'),
      12,
      'segments.ffff000000000000.source',
      'segments.ffff000000000000.source contains the control character U+001B',
    ],
    ['a segment given twice', (text: string) => text.replace('"ffff000000000000": {', '"0000ffff00000000": {'), 11, 'segments.0000ffff00000000', 'segments.0000ffff00000000 appears twice'],
    [
      'a target given twice, the last one valid',
      (text: string) => text.replace('"target": "둘째",', '"target": "둘째",\n      "target" : "셋째",'),
      14,
      'segments.ffff000000000000.target',
      'segments.ffff000000000000.target appears twice',
    ],
    ['a file field given twice', (text: string) => text.replace('"locale": "ko",', '"locale": "ko",\n  "locale": "ko",'), 4, 'file.locale', 'file.locale appears twice'],
  ])('name the line and field of an invalid entry: %s', (_name, edit, line, field, message) => {
    expect(failure(edit(serializeMemory(memory)))).toEqual({ code: 'memory/invalid', line, field, message });
  });

  it('refuse a file whose locale or article is not the one its path names', () => {
    const text = serializeMemory(memory);
    expect(failure(text, { article: 'a', locale: 'ja' })).toEqual({ code: 'memory/invalid', line: 3, field: 'locale', message: 'locale is "ko", but the file is in the folder of locale "ja"' });
    expect(failure(text, { article: 'b', locale: 'ko' })).toEqual({ code: 'memory/invalid', line: 2, field: 'article', message: 'article is "a", but the file is named for article "b"' });
    expect(parseMemory(text, 'm.json', { article: 'a', locale: 'ko' })).toEqual(memory);
  });

  it('read the review fields, and refuse a field edition does not write (a misspelt flag would publish what it meant to hold; any other would be lost at the next write)', () => {
    const reviewed: MemoryFile = {
      article: 'a',
      locale: 'ko',
      segments: {
        '0000ffff00000000': { source: 'New "quoted" \\ text', target: '새', origin: 'human', state: 'final', sourceChanged: true, previousSource: 'Old', previousTarget: '옛' },
        ffff000000000000: { source: 'Second', target: '둘째', origin: 'deepl', state: 'translated', flag: 'tag <em1> missing' },
      },
    };
    const text = serializeMemory(reviewed);
    expect(parseMemory(text, 'm.json')).toEqual(reviewed);
    expect(failure(text.replace('"state": "final",', '"state": "final",\n      "note": {"by": ["x"]},'))).toEqual({
      code: 'memory/invalid',
      line: 10,
      field: 'segments.0000ffff00000000.note',
      message: 'segments.0000ffff00000000.note is not a field of a memory entry',
    });
    expect(failure(text.replace('"origin": "deepl",', '"origin": "deepl",\n      "flags": "legal: do not publish",'))).toMatchObject({ field: 'segments.ffff000000000000.flags' });
    expect(failure(text.replace('"locale": "ko",', '"locale": "ko",\n  "generator": "x",'))).toEqual({
      code: 'memory/invalid',
      line: 4,
      field: 'generator',
      message: 'generator is not a field of a memory file',
    });
  });

  it('keep "__proto__" as a segment id, not as the prototype', () => {
    const text = serializeMemory(memory).replace('"ffff000000000000"', '"__proto__"');
    const parsed = parseMemory(text, 'm.json');
    expect(Object.keys(parsed.segments).sort()).toEqual(['0000ffff00000000', '__proto__']);
    expect(serializeMemory(parsed)).toBe(text);
  });
});
