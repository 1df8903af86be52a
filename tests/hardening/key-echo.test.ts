/**
 * A compromised or misconfigured server that echoes the DeepL key inside a
 * translation: the key, in any form, is never stored in clear, and the
 * segment is flagged, so nothing of it is published.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import { fakeEnv, readMemory, runEdition } from '../support/deepl-project.js';

const suite = fakeDeepLSuite();

const FLAG = 'the translation held the DeepL authentication key (removed here): the server that answered may be compromised or misconfigured';

describe('a DeepL key echoed in a translation', { timeout: 30_000 }, () => {
  it('is flagged and stored redacted, in every form; nothing is published', async () => {
    const paragraphs = ['First paragraph.', 'Second paragraph.', 'Third paragraph.', 'Fourth paragraph.', 'Fifth paragraph.'];
    const dir = suite.project([{ slug: 'echo', title: 'Echo', paragraphs }], ['en', 'ko']);
    const bare = suite.fake.key.replace(/:fx$/u, '');
    const forms = [suite.fake.key, encodeURIComponent(suite.fake.key), Buffer.from(`Basic ${suite.fake.key}`).toString('base64'), bare];
    // Texts go in article order: the title, then the paragraphs; the last paragraph comes back clean.
    suite.fake.faults.mangle = (text, index) => (index >= 1 && index <= forms.length ? `${text} ${forms[index - 1]}` : text);

    const run = await runEdition(dir, ['build', '--archive'], fakeEnv(suite.fake));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('deepl ko: 1 request, 6 segments, 86 billed characters, 4 flagged for review');
    expect(run.stderr.match(/flagged for review: the translation held the DeepL authentication key/gu)).toHaveLength(4);

    const memory = readMemory(dir, 'echo', 'ko')!;
    const bySource = Object.fromEntries(Object.values(memory.segments).map((entry) => [entry.source, [entry.target, entry.flag]]));
    expect(bySource).toEqual({
      Echo: ['ko⟦Echo⟧', undefined],
      'First paragraph.': ['ko⟦First paragraph.⟧ [DEEPL_AUTH_KEY]', FLAG],
      'Second paragraph.': ['ko⟦Second paragraph.⟧ [DEEPL_AUTH_KEY]', FLAG],
      'Third paragraph.': ['ko⟦Third paragraph.⟧ QmFzaWMg[DEEPL_AUTH_KEY]', FLAG],
      'Fourth paragraph.': ['ko⟦Fourth paragraph.⟧ [DEEPL_AUTH_KEY]', FLAG],
      'Fifth paragraph.': ['ko⟦Fifth paragraph.⟧', undefined],
    });
    const stored = readFileSync(join(dir, 'content/translations/ko/echo.json'), 'utf8');
    for (const form of [...forms, Buffer.from(suite.fake.key).toString('base64')]) expect(stored).not.toContain(form);
    for (const form of forms) expect(run.stdout + run.stderr).not.toContain(form);
    // Nothing published: no page, no archive.
    expect(existsSync(join(dir, 'out'))).toBe(false);

    // The flagged segments are kept (they were paid for): the next build sends nothing and still refuses.
    suite.fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(rerun.code).toBe(1);
    expect(suite.fake.translateCalls).toEqual([]);
  });
});
