import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { buildScratch } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';

let dir: string;
let files: Map<string, string>;
beforeAll(async () => {
  dir = scratchProject({
    'content/story.md':
      '---\ntitle: "Talks"\ndate: "2025-03-14"\nupdated: "2025-03-15"\ndateline: {city: Seoul}\nbyline: "Min-ji Park"\n---\n\nBody.\n\nFamilies can call [+82 2 123 4567](tel:+8221234567).\n',
  });
  ({ files } = await buildScratch(dir, mockTranslator()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bidi isolation and language tags', () => {
  it('isolates the Latin byline and the dates of the Arabic meta line', () => {
    expect(files.get('ar/story.html')).toContain(
      '<p class="meta"><span class="byline">بقلم <bdi>Min-ji Park</bdi></span> · <time datetime="2025-03-14" dir="rtl">14 مارس/آذار 2025</time> · <span class="updated">حُدِّث في <time datetime="2025-03-15" dir="rtl">15 مارس/آذار 2025</time></span></p>',
    );
    expect(files.get('en/story.html')).toContain('<p class="meta"><span class="byline">By Min-ji Park</span> · <time datetime="2025-03-14">March 14, 2025</time>');
    expect(files.get('ko/story.html')).toContain('<span class="byline">Min-ji Park 기자</span>');
  });

  it('keeps a phone number left to right in a right-to-left edition, and says the language and direction of each feed body', () => {
    expect(files.get('ar/story.html')).toContain('<a href="tel:+8221234567" dir="ltr">');
    expect(files.get('en/story.html')).toContain('<a href="tel:+8221234567">');
    // Atom has no direction of its own: the body carries it, for a feed reader's left-to-right pane.
    expect(files.get('ar/feed.xml')).toMatch(/<content type="html" xml:base="[^"]+">&#x3C;div lang="ar" dir="rtl">&#x3C;p>/u);
    expect(files.get('ko/feed.xml')).toMatch(/<content type="html" xml:base="[^"]+">&#x3C;div lang="ko">&#x3C;p>/u);
  });

  it('marks the link to the original with the language it leads to, not the language of its words', () => {
    expect(files.get('ko/story.html')).toContain('<a href="../en/story.html" hreflang="en">영어 원문 읽기</a>');
  });

  it("puts each script's Noto family before system-ui", () => {
    expect(files.get('ar/story.html')).toContain('body{font-family:"Noto Sans Arabic","Noto Naskh Arabic","Noto Sans",system-ui,');
    expect(files.get('ja/story.html')).toContain('body{font-family:"Noto Sans JP","Noto Sans CJK JP","Noto Sans",system-ui,');
    expect(files.get('en/story.html')).toContain('body{margin:0;font:1.0625rem/1.7 "Noto Sans",system-ui,');
  });
});
