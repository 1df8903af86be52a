/**
 * A translator answering with a control character no memory file may hold
 * (a C1 control, as a mis-decoded proxy answer has): stored as U+FFFD and
 * flagged, so the memory stays readable, the edition is held and every
 * later build goes on; an XLIFF unit with one is refused.
 */
import { describe, expect, it } from 'vitest';
import { fakeDeepLSuite } from '../support/fake-deepl-suite.js';
import { fakeEnv, readMemory, runEdition } from '../support/deepl-project.js';

const suite = fakeDeepLSuite();

describe('a control character in a translation', { timeout: 30_000 }, () => {
  it('is stored as U+FFFD with a flag naming it: the edition is held, and the next build reads the memory and sends nothing', async () => {
    const dir = suite.project([{ slug: 'ctl', title: 'Control', paragraphs: ['First paragraph.', 'Second paragraph.'] }], ['en', 'ko']);
    suite.fake.faults.mangle = (text, index) => (index === 1 ? `${text}\u009b31m` : text);
    const run = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('held: content/ctl.md: ko: 1 segment flagged for review\n');
    const entry = Object.values(readMemory(dir, 'ctl', 'ko')!.segments).find((one) => one.source === 'First paragraph.')!;
    expect(entry.target).toBe('ko⟦First paragraph.⟧\uFFFD31m');
    expect(entry.flag).toContain('U+009B');

    suite.fake.reset();
    const rerun = await runEdition(dir, ['build'], fakeEnv(suite.fake));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('held: content/ctl.md: ko: 1 segment flagged for review\n');
    expect(suite.fake.translateCalls).toEqual([]);
  });
});
