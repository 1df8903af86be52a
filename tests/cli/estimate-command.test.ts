import { describe, expect, it, onTestFinished } from 'vitest';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/build.js';
import { scratchProject } from '../support/project.js';

/** The seed project with a Welsh locale: a language DeepL does not translate into. */
function welshProject(): string {
  const dir = scratchProject({}, { withSeed: true });
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'locales/cy'));
  const settings = readFileSync(join(dir, 'locales/de/locale.yaml'), 'utf8')
    .replace(/^name:.*$/mu, 'name: Cymraeg')
    .replace(/^intl:.*$/mu, 'intl: cy')
    .replace(/^cldr:.*$/mu, 'cldr: cy')
    .replace(/^ogLocale:.*$/mu, 'ogLocale: cy_GB');
  writeFileSync(join(dir, 'locales/cy/locale.yaml'), settings);
  writeFileSync(join(dir, 'locales/cy/translation.yaml'), readFileSync(join(dir, 'locales/de/translation.yaml'), 'utf8'));
  return dir;
}

describe('edition estimate', () => {
  it('warns that a DeepL build would stop on a locale DeepL cannot translate into, rather than only pricing it', async () => {
    const dir = welshProject();
    const run = await runCli(dir, ['estimate', '--locales', 'cy']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cy\s+\d+\s+[\d,]+$/mu);
    expect(run.stderr).toBe('warning: cy: DeepL cannot translate into "cy": a DeepL build stops on it before sending anything\n');
    // A locale it serves, with every segment in the memory, says nothing.
    expect((await runCli(dir, ['estimate', '--locales', 'de'])).stderr).toBe('');
  });
});
