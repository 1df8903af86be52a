/**
 * What a server says, and what a memory target holds, reaches the terminal
 * only as safe text: no control characters (a title change, a line erase),
 * no HTML page, no key in any form, and no more than a line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import { fakeEnv, runEdition, type ArticleSpec } from '../support/deepl-project.js';
import { normalizeSegmentText, segmentId } from '../../pipeline/segments/normalize.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { terminalLine, terminalSafe } from '../../pipeline/cli/terminal-text.js';

const suite = fakeDeepLSuite();

const story: ArticleSpec = { slug: 'story', title: 'Story', paragraphs: ['The talks ended.'] };
const project = () => suite.project([story], ['en', 'de']);

// eslint-disable-next-line no-control-regex -- the characters the terminal must never receive
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const base64 = (text: string) => Buffer.from(text).toString('base64');
const errorLine = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('error: '));

describe('server messages on the terminal', { timeout: 20_000 }, () => {
  it('a 404 HTML page is named, not printed', async () => {
    const dir = project();
    const page = `<!DOCTYPE html>\n<html><head><title>404</title></head><body>${'<p>Not here.</p>\n'.repeat(300)}</body></html>`;
    suite.fake.faults.raw.push({ route: 'POST /v2/translate', status: 404, body: page });
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toBe(`error: ${suite.fake.url}: DeepL refused the request while translating into de: Not found: an HTML page (not shown)`);
    expect(run.stderr).not.toContain('<');
    expect(run.stderr.length).toBeLessThan(600);
  });

  it('escape sequences in a 400 message never reach the terminal', async () => {
    const dir = project();
    suite.fake.faults.raw.push({ route: 'POST /v2/translate', status: 400, contentType: 'application/json', body: JSON.stringify({ message: 'bad \u001b]0;PWN\u0007title\u001b[2K erased\u009b1m' }) });
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toBe(`error: ${suite.fake.url}: DeepL refused the request while translating into de: Bad request, message: bad \uFFFD]0;PWN\uFFFDtitle\uFFFD[2K erased\uFFFD1m`);
    expect(run.stderr).not.toMatch(CONTROL);
  });

  it('the key echoed URL-encoded, in base64 or without its :fx is redacted, and a long message is cut', async () => {
    const dir = project();
    const bare = suite.fake.key.replace(/:fx$/u, '');
    const message = `key=${encodeURIComponent(suite.fake.key)} auth=${base64(`Basic x${suite.fake.key}`)} id=${bare} ${'padding '.repeat(60)}`;
    suite.fake.faults.raw.push({ route: 'POST /v2/translate', status: 400, contentType: 'application/json', body: JSON.stringify({ message }) });
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code).toBe(1);
    const line = errorLine(run.stderr)!;
    expect(line).toMatch(/^error: .*: Bad request, message: key=\[DEEPL_AUTH_KEY\] auth=QmFzaWMge\S*\[DEEPL_AUTH_KEY\]\S* id=\[DEEPL_AUTH_KEY\] (padding )+.*… \(cut\)$/u);
    for (const form of [suite.fake.key, bare, encodeURIComponent(suite.fake.key), base64(suite.fake.key)]) expect(run.stderr).not.toContain(form);
    expect(line.length).toBeLessThan(340);
  });

  it('edition diff prints a hostile memory target on its own line, without bidi controls', async () => {
    const dir = project();
    const source = 'The talks ended.';
    const id = segmentId(normalizeSegmentText(source));
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    writeFileSync(
      join(dir, 'content/translations/de/story.json'),
      serializeMemory({
        article: 'story',
        locale: 'de',
        segments: {
          [id]: {
            source,
            // Control characters are refused when the memory is read; a line break and bidi controls get this far.
            target: 'Die Gespräche endeten.\nstory.json (0000) changed \u202Eevil',
            origin: 'deepl',
            state: 'translated',
            previousSource: 'The talks went on.',
            previousTarget: 'Die Gespräche gingen weiter.',
          },
        },
      }),
    );
    const run = await runEdition(dir, ['diff', 'de'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout.split('\n')).toEqual([
      `content/translations/de/story.json (${segmentId(normalizeSegmentText('Story'))}) missing`,
      '  en: {+Story+}',
      '  de: (no translation yet)',
      `content/translations/de/story.json (${id}) current`,
      '  en: The talks [-went on-]{+ended+}.',
      // (the word diff repeats the U+202E it was given)
      '  de: Die Gespräche [-gingen weiter-]{+endeten+}. {+story.json (0000) changed \uFFFD\uFFFDevil+}',
      '2 changed segments in de',
      '',
    ]);
  });
});

describe('terminal text', () => {
  it('replaces C0 (but line breaks and tabs), DEL, C1 and bidi controls', () => {
    expect(terminalSafe('a\u0000b\u0007c\u001bd\te\nf\rg\u007fh\u0085i\u009bj\u202Ek\u2066l\u200Fm')).toBe('a\uFFFDb\uFFFDc\uFFFDd\te\nf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uFFFDl\uFFFDm');
    expect(terminalLine('one\ntwo\tthree\u001b')).toBe('one two three\uFFFD');
    expect(terminalSafe('서울 ⟦ok⟧ — fine')).toBe('서울 ⟦ok⟧ — fine');
  });
});
