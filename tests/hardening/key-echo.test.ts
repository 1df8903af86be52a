/**
 * A compromised or misconfigured server that echoes the DeepL key inside a
 * translation: the key, in any form, is never stored in clear, and the
 * segment is flagged, so its edition is held and nothing of it is published.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import { fakeEnv, readMemory, runEdition } from '../support/deepl-project.js';
import { readTree } from '../support/tree.js';

const suite = fakeDeepLSuite();

const FLAG = 'the translation held the DeepL authentication key (removed here): the server that answered may be compromised or misconfigured';

describe('a DeepL key echoed in a translation', { timeout: 30_000 }, () => {
  it('is flagged and stored redacted, in every form; the edition is held, its page and bundle never written', async () => {
    const paragraphs = ['First paragraph.', 'Second paragraph.', 'Third paragraph.', 'Fourth paragraph.', 'Fifth paragraph.'];
    const dir = suite.project([{ slug: 'echo', title: 'Echo', paragraphs }], ['en', 'ko']);
    const bare = suite.fake.key.replace(/:fx$/u, '');
    const forms = [suite.fake.key, encodeURIComponent(suite.fake.key), Buffer.from(`Basic ${suite.fake.key}`).toString('base64'), bare];
    // Texts go in article order: the title, then the paragraphs; the last paragraph comes back clean.
    suite.fake.faults.mangle = (text, index) => (index >= 1 && index <= forms.length ? `${text} ${forms[index - 1]}` : text);

    const run = await runEdition(dir, ['build', '--archive'], fakeEnv(suite.fake));
    // The flagged segments hold back the Korean edition; the English one is published.
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('held: content/echo.md: ko: 4 segments flagged for review\n');
    expect(run.stdout).toContain('deepl ko: 1 request, 6 segments, 86 billed characters, 4 flagged for review');
    const check = await runEdition(dir, ['check'], {});
    expect(check.stdout.match(/flagged in ko: .*the translation held the DeepL authentication key/gu)).toHaveLength(4);

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
    for (const form of forms) expect(run.stdout + run.stderr + check.stdout).not.toContain(form);
    // No Korean page and no Korean bundle; the key is nowhere in what was published.
    expect(existsSync(join(dir, 'out/ko'))).toBe(false);
    expect(existsSync(join(dir, 'out/ko.tar.gz'))).toBe(false);
    expect(existsSync(join(dir, 'out/en/echo.html'))).toBe(true);
    for (const [path, base64] of Object.entries(readTree(join(dir, 'out')))) {
      const text = Buffer.from(base64, 'base64').toString('utf8');
      for (const form of forms) expect(text.includes(form), path).toBe(false);
    }

    // The flagged segments are kept (they were paid for): the next build sends nothing and still holds the edition.
    suite.fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('held: content/echo.md: ko: 4 segments flagged for review\n');
    expect(suite.fake.translateCalls).toEqual([]);
  });
});
