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
});
