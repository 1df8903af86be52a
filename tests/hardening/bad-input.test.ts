/**
 * The bad-input corpus: each case is a broken project (or command line),
 * with exactly what a user must see. Every case also checks what must not
 * happen: no stack trace, the content folder and translation memory left
 * byte for byte as they were, and a failed build leaves out/ as it was.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.js';
import { fakeEnv } from '../support/deepl-project.js';
import { memoryFor, article, hardeningProject, TALKS, VALID_FRONT_MATTER, writePreviousBuild } from './project.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { normalizeSegmentText, segmentId } from '../../pipeline/segments/normalize.js';
import { repoRoot } from '../support/project.js';
import { bodyLinks, unsafeMarkup } from './html.js';

interface BadInput {
  name: string;
  /** Files written over the base project (null deletes one). */
  files?: Record<string, string | Uint8Array | null>;
  args?: string[];
  /** Run against the fake DeepL server with its key set. */
  deepl?: boolean;
  code: number;
  /** Must appear in stderr: where and what, as the user reads it. */
  stderr?: Array<string | RegExp>;
  /** Lines of stderr at most (one error is one or two lines). */
  lines?: number;
  /** Extra checks on the result (pages, memory). */
  check?: (dir: string, stderr: string) => void | Promise<void>;
}

const repoLocales = join(repoRoot, 'locales');
const segmentIdOf = (text: string) => segmentId(normalizeSegmentText(text));
const fm = (frontMatter: string, body?: string) => ({ 'content/story.md': article(frontMatter, body) });
const pseudo = ['build', '--translator', 'pseudo'];
/** Where a case's build wrote: a pseudo build writes out-pseudo/, never out/. */
const built = (dir: string) => join(dir, existsSync(join(dir, 'out-pseudo')) ? 'out-pseudo' : 'out');
const page = (dir: string, locale: string, slug: string) => readFileSync(join(built(dir), locale, `${slug}.html`), 'utf8');
const talksDe = 'content/translations/de/talks.json';
const talksMemory = () => memoryFor(TALKS, 'talks', 'de');

const cases: BadInput[] = [
  // ── front matter ──
  {
    name: 'front matter that is not YAML',
    files: fm('title: [unclosed\ndate: "2024-06-27"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: [
      /^error: content\/story\.md:3: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/m,
      'hint: fix the YAML between the --- lines',
    ],
  },
  {
    name: 'front matter that is not closed',
    files: { 'content/story.md': `---\n${VALID_FRONT_MATTER}\n\nThe story.\n` },
    code: 1,
    stderr: ['error: content/story.md:1: front matter opened on line 1 is not closed', 'hint: end the front matter with a line ---'],
  },
  {
    name: 'no title',
    files: fm('date: "2024-06-27"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:2 (title): front matter has no title', 'hint: add a line "title: ..."'],
  },
  {
    name: 'no date',
    files: fm('title: "T"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:2 (date): front matter has no date', 'hint: add a line date: "2024-06-27"'],
  },
  {
    name: 'a date that is not a date',
    files: fm('title: "T"\ndate: "2024-13-45"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:3 (date): "2024-13-45" is not a calendar date', 'hint: write the date as YYYY-MM-DD'],
  },
  {
    // YAML 1.2 (the parser's schema) has no timestamp type: 2024-06-27 is the text as written, never a Date shifted to UTC.
    name: 'an unquoted YAML date (accepted: YAML 1.2 reads it as text)',
    files: fm('title: "T"\ndate: 2024-06-27\ndateline: {city: Seoul}'),
    args: pseudo,
    code: 0,
    check: (dir) => expect(page(dir, 'de', 'story')).toContain('datetime="2024-06-27"'),
  },
  {
    name: 'an unknown time zone',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Seoul\n  timezone: Asia/Seol'),
    code: 1,
    stderr: ['error: content/story.md:6 (dateline.timezone): unknown time zone "Asia/Seol"', 'hint: use an IANA time zone name'],
  },
  {
    name: 'a city the gazetteer lacks, without a time zone',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Atlantis'),
    args: pseudo,
    code: 1,
    stderr: ['error: content/story.md:4 (dateline.timezone): city "Atlantis" is not in the gazetteer and the dateline has no timezone', 'hint: add "timezone: Region/City"'],
  },
  {
    name: 'a city misspelt (a timezone would publish the misspelling and hold every other edition for its name)',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Seol'),
    args: pseudo,
    code: 1,
    stderr: [
      'error: content/story.md:4 (dateline.city): city "Seol" is not in the gazetteer',
      'hint: did you mean Seoul? For a place the gazetteer lacks, add "timezone: Region/City" (an IANA zone) under dateline',
    ],
  },
  {
    name: 'an image without its alt text (the line of the image, not of the front matter)',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\nimage: {src: "lead.png"}'),
    args: pseudo,
    code: 1,
    stderr: ['error: content/story.md:5 (image.alt): image needs its alt text, what it shows', 'hint: write image: {src: "img/lead.jpg", alt: "What the picture shows"}'],
  },
  {
    name: 'a city name shared by places in several time zones, without a time zone',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Springfield'),
    args: pseudo,
    code: 1,
    stderr: [
      'error: content/story.md:4 (dateline.timezone): city "Springfield" names places in several time zones (America/Chicago, America/Los_Angeles, America/New_York)',
      'hint: add "timezone: America/Chicago" (or the zone of the place meant) under dateline',
    ],
  },
  ...['check', 'status', 'estimate'].map((command): BadInput => ({
    name: `edition ${command} on a city in several time zones: the build's error, not "add its name to cities.yaml"`,
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline:\n  city: Springfield'),
    args: [command],
    code: 1,
    stderr: ['error: content/story.md:4 (dateline.timezone): city "Springfield" names places in several time zones', 'hint: add "timezone: America/Chicago"'],
  })),
  {
    name: 'a misspelt site setting',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nfeedEntires: 1\n' },
    code: 1,
    stderr: ['error: content/site.yaml (feedEntires): "feedEntires" is not a site setting', 'hint: the settings are url, sourceLocale, name,'],
  },
  {
    name: 'a publishing override for a locale code that is not configured (it would publish what the policy holds back)',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\npublishing:\n  locales:\n    DE: {unreviewedMachine: false}\n' },
    args: ['check'],
    code: 1,
    stderr: ['error: content/site.yaml (publishing.locales.DE): no locale "DE" is configured', 'hint: did you mean de?'],
  },
  ...['build', 'check', 'review ko talks', 'status'].map((command): BadInput => ({
    name: `edition ${command} with a source locale that has no folder (review took ko for the source, check called en a target)`,
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: pt\n' },
    args: command.split(' '),
    code: 1,
    stderr: ['error: content/site.yaml (sourceLocale): source locale "pt" has no folder under locales/', 'hint: add locales/pt/ or change sourceLocale in site.yaml'],
  })),
  {
    name: 'a newsroom name for a locale code that is not configured',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nname: {en: "The Herald", deu: "Der Herold"}\n' },
    code: 1,
    stderr: ['error: content/site.yaml (name.deu): no locale "deu" is configured', /hint: the locales are (de, en|en, de) \(the folders under locales\/\)/],
  },
  {
    name: 'no url in site.yaml (a warning: feeds and sitemaps would be relative)',
    files: { 'content/site.yaml': 'sourceLocale: en\n' },
    args: ['build'],
    code: 0,
    stderr: ['warning: content/site.yaml has no url: feed ids, sitemaps and canonical links are relative', 'set url before you publish'],
  },
  {
    name: 'a newsroom name holding a control character (it would reach every page and feed)',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nname: "The Herald\\a"\n' },
    code: 1,
    stderr: ['error: content/site.yaml (name): name contains the control character U+0007', 'hint: delete the invisible control character'],
  },
  {
    name: 'a newsroom name that opens a right-to-left override and does not close it (it would reverse feed titles)',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nname: {en: "\\u202EThe Herald"}\n' },
    code: 1,
    stderr: ['error: content/site.yaml (name.en): name.en opens the bidirectional control U+202E and does not close it'],
  },
  {
    name: "edition check on a logo that does not exist: the build's error, not a pass",
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nlogo: "nologo.png"\n' },
    args: ['check'],
    code: 1,
    stderr: ['error: content/site.yaml (logo): "nologo.png" does not exist', 'hint: put the file in the content folder'],
  },
  {
    name: 'a logo that is not an image',
    files: { 'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nlogo: "logo.txt"\n', 'content/logo.txt': 'The Herald' },
    code: 1,
    stderr: ['error: content/site.yaml (logo): logo "logo.txt" is not an image', 'hint: use an .svg, .png'],
  },
  {
    name: 'an SVG logo with a script (it would run on the site when the file is opened)',
    files: {
      'content/site.yaml': 'url: "https://news.example.com/"\nsourceLocale: en\nlogo: "logo.svg"\n',
      'content/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    },
    code: 1,
    stderr: ['error: content/site.yaml (logo): "logo.svg" holds a <script> element, which would run on the site when the file is opened', 'hint: save the drawing without scripts'],
  },
  {
    name: 'a drawing with a script, its name percent-encoded (evil%2Esvg is published as .svg)',
    files: { ...fm(VALID_FRONT_MATTER, 'Intro.\n\n![A chart](evil%2Esvg)'), 'content/evil.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
    args: pseudo,
    code: 1,
    stderr: ['error: content/story.md:10: "evil%2Esvg" holds a <script> element, which would run on the site when the file is opened'],
  },
  {
    name: 'a web page shown as an image (it would be published and run on the site)',
    files: { ...fm(VALID_FRONT_MATTER, 'Intro.\n\n![A photo](page.html)'), 'content/page.html': '<script>alert(1)</script>' },
    args: pseudo,
    code: 1,
    stderr: ['error: content/story.md:10: "page.html" is not a picture (png, jpg, gif, webp, avif or svg)', 'hint: a web page or script shown or linked as a file would run on the site'],
  },
  {
    name: 'a lead image that is not a picture',
    files: { ...fm(`${VALID_FRONT_MATTER}\nimage: {src: "lead.js", alt: "A lead"}`, 'Intro.'), 'content/lead.js': 'alert(1)' },
    args: pseudo,
    code: 1,
    stderr: [/^error: content\/story\.md:\d+: "lead\.js" is not a picture/mu],
  },
  {
    name: "an article's SVG chart with an event handler",
    files: { ...fm(VALID_FRONT_MATTER, 'Intro.\n\n![A chart](chart.svg)'), 'content/chart.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(1)"><rect width="1" height="1"/></svg>' },
    code: 1,
    stderr: ['error: content/story.md:10: "chart.svg" holds an event handler (onload), which would run on the site when the file is opened'],
  },
  {
    name: 'an unknown field (a warning, the build goes on)',
    files: fm(`${VALID_FRONT_MATTER}\nauthor: "Kim"`),
    args: pseudo,
    code: 0,
    stderr: ['warning: content/story.md:6 (author): unknown front matter field, ignored'],
  },
  {
    name: 'a link showing only an image without alt text (a warning: the link has no name for screen readers)',
    files: fm(VALID_FRONT_MATTER, 'Intro.\n\n[![](https://example.org/chart.png)](https://example.org/chart) and [![A chart](https://example.org/c.png)](https://example.org/c)'),
    args: pseudo,
    code: 0,
    stderr: ['warning: content/story.md:10: a link whose only content is an image without alt text has no name for screen readers', 'give the image alt text'],
  },
  {
    name: 'a title that is a list',
    files: fm('title: [1, 2]\ndate: "2024-06-27"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:2 (title): title must be non-empty text', 'hint: write title as text in quotes'],
  },
  {
    name: 'a date that is a number',
    files: fm('title: "T"\ndate: 20240627\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:3 (date): date must be text', 'hint: put the date in quotes'],
  },
  {
    name: 'a dateline that is text, not a map',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline: Seoul'),
    code: 1,
    stderr: ['error: content/story.md:4 (dateline): dateline must be a map with city and timezone'],
  },
  {
    name: 'a field given twice',
    files: fm('title: "T"\ntitle: "U"\ndate: "2024-06-27"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: [/^error: content\/story\.md:3: front matter is not valid YAML: Map keys must be unique/m],
  },
  // ── body ──
  {
    name: 'an empty file',
    files: { 'content/story.md': '' },
    code: 1,
    stderr: ['error: content/story.md:1: article has no front matter', 'hint: start the file with ---'],
  },
  {
    name: 'front matter and no body',
    files: { 'content/story.md': `---\n${VALID_FRONT_MATTER}\n---\n` },
    code: 1,
    stderr: ['error: content/story.md:7: article has no text after its front matter', 'hint: write the story below the closing ---'],
  },
  {
    name: 'a body that is only an HTML comment and a link definition',
    files: { 'content/story.md': `---\n${VALID_FRONT_MATTER}\n---\n\n<!-- TODO: write the story -->\n\n[ref]: https://example.org\n` },
    code: 1,
    stderr: ['error: content/story.md:7: article has no text after its front matter', 'hint: write the story below the closing ---'],
  },
  {
    name: 'a footnote marker inside a link (a link in a link)',
    files: fm(VALID_FRONT_MATTER, 'Intro.\n\nSee [the report[^1]](https://example.com/r).\n\n[^1]: Note.'),
    code: 1,
    stderr: ["error: content/story.md:10: a footnote marker inside a link's text", 'hint: put the marker after the link: [the report](https://…)[^1]'],
  },
  {
    name: 'updated, as an instant, on a day before the plain date in every zone',
    files: fm('title: "T"\ndate: "2024-06-27"\nupdated: "2024-06-25T23:00:00+09:00"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:4 (updated): updated (2024-06-25T23:00:00+09:00) is earlier than date (2024-06-27)'],
  },
  {
    name: 'updated, as an instant written in UTC, on the plain date at the dateline city (08:30 in Seoul): accepted',
    files: fm('title: "T"\ndate: "2024-06-27"\nupdated: "2024-06-26T23:30:00Z"\ndateline: {city: Seoul}'),
    args: ['build', '--translator', 'pseudo'],
    code: 0,
  },
  ...['build', 'check', 'status'].map((command): BadInput => ({
    name: `edition ${command} on a day the dateline city's clocks skipped (Samoa crossed the date line)`,
    files: fm('title: "T"\ndate: "2011-12-30"\ndateline: {city: Apia, timezone: Pacific/Apia}'),
    args: [command],
    code: 1,
    stderr: ['error: content/story.md:3 (date): 2011-12-30 did not happen in Apia (Pacific/Apia): its clocks skipped that day', 'hint: write the day before or the day after'],
  })),
  {
    name: 'updated earlier than date',
    files: fm('title: "T"\ndate: "2024-06-27"\nupdated: "2024-05-28"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:4 (updated): updated (2024-05-28) is earlier than date (2024-06-27)', 'hint: correct the date or the update'],
  },
  {
    name: 'a correction dated before the story',
    files: fm('title: "T"\ndate: "2024-06-27"\ndateline: {city: Seoul}\ncorrections:\n  - date: "2024-06-20"\n    text: "An earlier version misspelt a name."'),
    code: 1,
    stderr: [/^error: content\/story\.md:\d+ \(corrections\.0\.date\): correction date \(2024-06-20\) is earlier than date \(2024-06-27\)$/m, 'hint: correct the date'],
  },
  {
    name: "a correction dated the day before a story that ran at 09:30 in Seoul (the front matter alone cannot tell the city's day)",
    files: fm('title: "T"\ndate: "2024-06-27T09:30:00+09:00"\ndateline: {city: Seoul}\ncorrections:\n  - date: "2024-06-26"\n    text: "An earlier version misspelt a name."'),
    code: 1,
    stderr: [/^error: content\/story\.md:\d+ \(corrections\.0\.date\): correction date \(2024-06-26\) is earlier than the story's day in Seoul \(2024-06-27\)$/m, 'hint: correct the date'],
  },
  {
    name: "a correction dated the story's day in Seoul, though the story's instant is written in UTC on the day before: accepted",
    files: fm('title: "T"\ndate: "2024-06-26T23:30:00Z"\ndateline: {city: Seoul}\ncorrections:\n  - date: "2024-06-27"\n    text: "An earlier version misspelt a name."'),
    args: ['build', '--translator', 'pseudo'],
    code: 0,
  },
  {
    name: 'a title that opens a right-to-left override and does not close it (it would reverse " | The Herald" in the window title)',
    files: fm('title: "Quote from \\u202Eevil"\ndate: "2024-06-27"\ndateline: {city: Seoul}'),
    code: 1,
    stderr: ['error: content/story.md:2 (title): title opens the bidirectional control U+202E and does not close it', 'hint: close it with U+202C'],
  },
  {
    name: 'an article of 2 MB',
    files: fm(VALID_FRONT_MATTER, Array.from({ length: 34_000 }, (_, index) => `Paragraph ${index} of a pasted data dump, far longer than any story.`).join('\n\n')),
    code: 1,
    stderr: [/^error: content\/story\.md: article is 2\.\d MiB; an article may be at most 1 MiB$/m, 'hint: split it into several articles'],
  },
  {
    name: 'a single paragraph of 200 KB, over one DeepL request',
    files: fm(VALID_FRONT_MATTER, 'word '.repeat(40_000).trim()),
    deepl: true,
    code: 1,
    stderr: [
      /^error: content\/story\.md:8 \([0-9a-f]{16}\): segment is 195\.3 KiB, over the 30 KiB deepl takes in one request; nothing of this article was sent$/m,
      'hint: split the paragraph into shorter ones',
    ],
    check: () => expect(fake.log.filter((line) => line === 'POST /v2/translate')).toEqual([]),
  },
  {
    name: 'an article that is not UTF-8',
    // "Café" saved as Latin-1: é is the lone byte E9.
    files: { 'content/story.md': Buffer.from(article(VALID_FRONT_MATTER, 'Caf\u00e9 au lait.'), 'latin1') },
    code: 1,
    stderr: ['error: content/story.md:8: file is not UTF-8 text', 'hint: save the file with UTF-8 encoding'],
  },
  {
    name: 'an article with a NUL byte',
    files: { 'content/story.md': article(VALID_FRONT_MATTER, 'Line one.\n\nLine\u0000two.') },
    code: 1,
    stderr: ['error: content/story.md:10: file contains a NUL byte; it is not a text article'],
  },
  {
    name: 'a byte-order mark and CRLF line endings (built from the same memory)',
    files: { 'content/talks.md': `\uFEFF${TALKS.replaceAll('\n', '\r\n')}` },
    code: 0,
    check: (dir) => {
      const html = page(dir, 'de', 'talks');
      expect(html).toContain('<a href="https://example.org/talks">');
      expect(html).toContain('<em>NOTHING</em>OFFICIALS SAID');
    },
  },
  {
    name: 'raw HTML: script, iframe, event handlers and javascript: links',
    files: fm(
      VALID_FRONT_MATTER.replace('"A story"', '"</script><script>alert(1)</script>"'),
      [
        '<script>alert(2)</script>',
        '<iframe src="https://evil.example/"></iframe>',
        'A [click](javascript:alert(3)) and <a href="javascript:alert(4)">raw</a> and <img src=x onerror="alert(5)">.',
        '[ref]: javascript:alert(6)',
        'See [the ref][ref] and ![pic](javascript:alert(7)).',
      ].join('\n\n'),
    ),
    args: pseudo,
    code: 0,
    check: (dir) => {
      for (const locale of ['en', 'de']) {
        expect(unsafeMarkup(page(dir, locale, 'story'))).toEqual([]);
        expect(unsafeMarkup(readFileSync(join(built(dir), locale, 'index.html'), 'utf8'))).toEqual([]);
        expect(bodyLinks(page(dir, locale, 'story'))).toEqual([]);
      }
    },
  },
  // ── translation memory ──
  {
    name: 'a memory file that is not JSON',
    files: { [talksDe]: serializeMemory(talksMemory()).replace('"state": "reviewed"\n', '"state": "reviewed",\n') },
    code: 1,
    stderr: [/^error: content\/translations\/de\/talks\.json:10: not valid JSON: a property name in double quotes was expected \(a comma before a closing brace\?\)$/m, 'hint: fix the JSON syntax'],
  },
  {
    name: 'git merge conflict markers in a memory file',
    files: {
      [talksDe]: serializeMemory(talksMemory()).replace(/( *"target": .*\n)/u, '<<<<<<< HEAD\n$1=======\n      "target": "theirs",\n>>>>>>> branch\n'),
    },
    code: 1,
    stderr: ['error: content/translations/de/talks.json:7: unresolved git merge conflict (markers on lines 7, 9, 11)', 'hint: resolve the conflict'],
  },
  {
    name: 'a memory entry whose id is not the hash of its source',
    files: {
      [talksDe]: (() => {
        const memory = talksMemory();
        const [id, entry] = Object.entries(memory.segments)[0]!;
        memory.segments[id] = { ...entry, source: `${entry.source} (edited by hand)` };
        return serializeMemory(memory);
      })(),
    },
    code: 1,
    stderr: [/^error: content\/translations\/de\/talks\.json \(segments\.[0-9a-f]{16}\.source\): source does not match the entry's id \(its hash differs\)/m, 'hint: restore the source from git'],
    check: async (dir) => {
      const check = await runCli(dir, ['check']);
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toMatch(/^content\/talks\.md\n(?:.*\n)*  segment [0-9a-f]{16}: hash in de: source does not match the entry's id/mu);
      // The entry's English was edited in the memory, not in the article: no "English changed" beside the hash error.
      expect(check.stdout + check.stderr).not.toContain('source-changed');
    },
  },
  {
    name: 'an orphan memory entry (kept and reported)',
    files: {
      [talksDe]: (() => {
        const memory = talksMemory();
        const orphan = 'A paragraph the article no longer has.';
        memory.segments[segmentIdOf(orphan)] = { source: orphan, target: 'Ein Absatz, den der Artikel nicht mehr hat.', origin: 'human', state: 'reviewed' };
        return serializeMemory(memory);
      })(),
    },
    code: 0,
    stderr: [/^warning: content\/translations\/de\/talks\.json \([0-9a-f]{16}\): entry matches no segment of content\/talks\.md; kept/m],
  },
  {
    name: 'a memory file for a locale that is not configured',
    files: { 'content/translations/xx/talks.json': serializeMemory({ ...talksMemory(), locale: 'xx' }) },
    code: 0,
    stderr: ['warning: content/translations/xx: no locale "xx" is configured (no locales/xx/); its memory files are not used'],
  },
  {
    name: 'stories filed in a section folder, or saved as .MD or .markdown (skipped, each named)',
    files: { 'content/world/port.md': TALKS, 'content/world/strike.md': TALKS, 'content/Budget.MD': TALKS, 'content/fares.markdown': TALKS, 'content/img/notes.txt': 'not a story\n' },
    code: 0,
    stderr: [
      'warning: content/Budget.MD: not read as an article: articles are content/<slug>.md, ending in lower-case .md; rename it to publish it',
      'warning: content/fares.markdown: not read as an article',
      'warning: content/world: holds Markdown files (port.md, strike.md) that are not read as articles: articles are content/<slug>.md, at the top of the content folder; move them there to publish them',
    ],
  },
  {
    name: 'a memory entry with an unknown state',
    files: { [talksDe]: serializeMemory(talksMemory()).replace('"state": "reviewed"', '"state": "approved"') },
    code: 1,
    stderr: [/^error: content\/translations\/de\/talks\.json:9 \(segments\.[0-9a-f]{16}\.state\): segments\.[0-9a-f]{16}\.state must be one of initial, translated, reviewed, final/m],
  },
  // ── locales ──
  {
    name: 'a UI string missing from a locale',
    files: { 'locales/de/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8').replace(/^latest:.*\n/mu, '') },
    code: 1,
    stderr: ['error: locales/de/translation.yaml (latest): string "latest" is missing for locale de', 'hint: add "latest" to locales/de/translation.yaml'],
  },
  {
    name: 'a dateline template with an unknown variable',
    files: { 'locales/de/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8').replace(/^dateline:.*$/mu, 'dateline: "{{city}} {{weather}} –"') },
    code: 1,
    stderr: ['error: locales/de/translation.yaml (dateline): string "dateline" uses unknown variable {{weather}}', 'hint: use only {{city}}, {{date}}, {{publication}} in "dateline"'],
  },
  {
    name: 'a UI string that is a number, not text',
    files: { 'locales/de/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8').replace(/^datelineSeparator:.*$/mu, 'datelineSeparator: 5') },
    code: 1,
    stderr: ['error: locales/de/translation.yaml (datelineSeparator): string "datelineSeparator" is not text', 'hint: write it in quotes: datelineSeparator: "5"'],
  },
  {
    name: 'a UI string left without a value (accepted: the empty text, as Chinese and Japanese leave separators, never the key)',
    files: { 'locales/de/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8').replace(/^datelineSeparator:.*$/mu, 'datelineSeparator:') },
    args: pseudo,
    code: 0,
    check: (dir) => {
      const html = page(dir, 'de', 'talks');
      expect(html).not.toContain('datelineSeparator');
      expect(html).toMatch(/<span class="dateline">[^<]+<\/span>\S/u);
    },
  },
  ...['build', 'check'].map((command): BadInput => ({
    name: `edition ${command} with a locale.yaml copied from the source's, source: true and all (its datelines would fall back to English city names)`,
    files: { 'locales/de/locale.yaml': `${readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8')}source: true\n` },
    args: [command],
    code: 1,
    stderr: [
      'error: locales/de/locale.yaml (source): source: true, but the articles are written in en, not de',
      'hint: delete the line: only the locale the articles are written in (sourceLocale: en in site.yaml) is the source',
    ],
  })),
  {
    name: 'a misspelt locale setting',
    files: { 'locales/de/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8').replace(/^datelineDateFormat:/mu, 'datelineDateFromat:') },
    code: 1,
    stderr: [/^error: locales\/de\/locale\.yaml \(datelineDateFromat\): unknown locale setting "datelineDateFromat"$/m, /^ {2}hint: the settings are name, dir, intl, /m],
  },
  {
    name: 'a calendar Intl does not know (it would fall back to the locale default)',
    files: { 'locales/de/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8').replace(/^calendar:.*$/mu, 'calendar: gregor') },
    code: 1,
    stderr: ['error: locales/de/locale.yaml (calendar): calendar "gregor" is not one Intl knows', /^ {2}hint: use gregory/m],
  },
  {
    name: 'an intl tag Intl has no data for (dates would be in another language)',
    files: { 'locales/de/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8').replace(/^intl:.*$/mu, 'intl: german') },
    code: 1,
    stderr: ['error: locales/de/locale.yaml (intl): Intl has no data for "german": its dates would come out in another language', 'hint: use a BCP 47 tag such as it-IT or pt-BR'],
  },
  {
    name: 'a locale folder named with an underscore',
    files: { 'locales/pt_BR/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8'), 'locales/pt_BR/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8') },
    code: 1,
    stderr: ['error: locales/pt_BR: locale folder "pt_BR" is not a BCP 47 language tag', 'hint: name the folder with a tag such as pt-BR or zh-Hant (a hyphen, not an underscore)'],
  },
  {
    name: 'a locale folder whose region is in lower case (i18next would find none of its strings)',
    files: { 'locales/pt-br/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8'), 'locales/pt-br/translation.yaml': readFileSync(join(repoLocales, 'de/translation.yaml'), 'utf8') },
    code: 1,
    stderr: ['error: locales/pt-br: locale folder "pt-br" is not written as the tag is written', 'hint: rename the folder pt-BR'],
  },
  {
    name: 'month names under a calendar other than the Gregorian (they would name the wrong month)',
    files: {
      'locales/de/locale.yaml':
        readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8').replace(/^calendar:.*$/mu, 'calendar: islamic-umalqura') + 'monthNames: [M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12]\n',
    },
    code: 1,
    stderr: ["error: locales/de/locale.yaml (monthNames): monthNames replace the Gregorian months, and this locale's calendar is islamic-umalqura", 'hint: delete it'],
  },
  {
    name: 'short month names for a language whose dates write that month in figures (pt-PT "27/06" would become "27/jun.")',
    files: { 'locales/es/locale.yaml': readFileSync(join(repoLocales, 'es/locale.yaml'), 'utf8').replace(/^intl:.*$/mu, 'intl: pt-PT') },
    code: 1,
    stderr: [
      'error: locales/es/locale.yaml (shortMonthNames): shortMonthNames replace words in dates, and pt-PT writes datelineDateFormat\'s month in figures ("27/06")',
      "hint: delete shortMonthNames, or set datelineDateFormat's month to long if pt-PT writes that one as a word",
    ],
  },
  {
    name: 'a day form for a day no month has',
    files: { 'locales/de/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8') + 'dayForms: {32: 32e}\n' },
    code: 1,
    stderr: ['error: locales/de/locale.yaml (dayForms): dayForms maps days of the month (1 to 31) to text; "32" is not one, or has no text', 'hint: write dayForms: {1: 1er}'],
  },
  {
    name: 'day forms under a calendar other than the Gregorian (they would name the wrong day)',
    files: { 'locales/de/locale.yaml': readFileSync(join(repoLocales, 'de/locale.yaml'), 'utf8').replace(/^calendar:.*$/mu, 'calendar: islamic-umalqura') + 'dayForms: {1: 1er}\n' },
    code: 1,
    stderr: ["error: locales/de/locale.yaml (dayForms): dayForms replace the Gregorian days, and this locale's calendar is islamic-umalqura", 'hint: delete it'],
  },
  {
    name: "a city in a locale's cities.yaml in another case than articles write it (every edition there would be held, 'add it to cities.yaml')",
    files: { 'locales/de/cities.yaml': 'seoul: Soul\n' },
    code: 1,
    stderr: ['error: locales/de/cities.yaml (seoul): "seoul" is written "Seoul" in the gazetteer, and articles name it so', 'hint: write the line as Seoul: ...'],
  },
  ...['build', 'check', 'status'].map((command): BadInput => ({
    name: `edition ${command} on a memory folder named in another case than its locale (its translations would be found nowhere)`,
    files: { 'content/translations/DE/talks.json': '{}' },
    args: [command],
    code: 1,
    stderr: ['error: content/translations/DE: the memory folder of de is named "DE"', 'hint: rename it de'],
  })),
  {
    name: 'a locale file that is not YAML',
    files: { 'locales/de/locale.yaml': 'name: "Deutsch\ndir: ltr\n' },
    code: 1,
    stderr: [/^error: locales\/de\/locale\.yaml:3: not valid YAML: Missing closing "quote$/m, 'hint: fix the YAML syntax'],
  },
  {
    name: 'two articles whose slugs differ only in case',
    files: { 'content/Talks.md': TALKS },
    code: 1,
    stderr: ['error: content/talks.md: its slug "talks" collides with content/Talks.md', 'hint: rename one of the files'],
  },
  // ── command line ──
  { name: 'an unknown command', args: ['publish'], code: 2, stderr: ["error: unknown command 'publish'"] },
  { name: 'an unknown flag', args: ['build', '--colour'], code: 2, stderr: ["error: unknown option '--colour'"] },
  {
    name: 'an unknown locale',
    args: ['build', '--locales', 'de,xx'],
    code: 1,
    stderr: ['error: --locales: unknown locale xx', 'hint: configured locales: de, en'],
  },
  {
    name: 'a shard that does not exist',
    args: ['build', '--shard', '3/2'],
    code: 1,
    stderr: ['error: --shard 3/2 is not a shard: write i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4', 'hint: build shard 1/4'],
  },
  {
    name: 'a budget that is not a number',
    args: ['build', '--max-characters', 'lots'],
    code: 1,
    stderr: ['error: --max-characters: "lots" is not a whole number'],
  },
  {
    name: 'an out folder that cannot be written (a file is in the way)',
    files: { blocker: 'not a folder\n' },
    args: ['build', '--out', 'blocker/out'],
    code: 1,
    stderr: ['error: blocker/out: cannot write the out folder', 'hint: choose a writable folder with --out DIR'],
  },
];

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());

describe('bad input', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const dir = hardeningProject(testCase.files ?? {});
    fake.reset();
    writePreviousBuild(dir);
    const before = readTree(join(dir, 'content'));
    const outBefore = readTree(join(dir, 'out'));
    const run = await runCli(dir, testCase.args ?? ['build'], testCase.deepl ? fakeEnv(fake) : {});

    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: testCase.code });
    for (const expected of testCase.stderr ?? []) {
      if (typeof expected === 'string') expect(run.stderr).toContain(expected);
      else expect(run.stderr).toMatch(expected);
    }
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/u);
    if (testCase.code !== 0) {
      const errorLines = run.stderr.slice(run.stderr.indexOf('error: ')).trimEnd().split('\n');
      expect(errorLines.length).toBeLessThanOrEqual(testCase.lines ?? 2);
      expect(run.stderr).not.toMatch(/\/tmp\/|edition-hardening-/u);
      expect(readTree(join(dir, 'out'))).toEqual(outBefore);
    }
    expect(readTree(join(dir, 'content'))).toEqual(before);
    expect(readdirSync(dir).filter((name) => /\.(staging|previous)-/u.test(name))).toEqual([]);
    await testCase.check?.(dir, run.stderr);
    rmSync(dir, { recursive: true, force: true });
  });
});
