/**
 * A read-only content folder (a checkout mounted read-only in CI): a
 * build that writes nothing there needs no lock there. The file system is
 * made read-only for content/ by failing its writes with EROFS (the tests
 * may run as root, for whom permissions do not stop a write).
 */
import type * as Fs from 'node:fs';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { hardeningProject, TALKS } from './project.js';

const disk = vi.hoisted(() => ({ readOnly: '' }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const refuse = (file: unknown) => {
    if (disk.readOnly !== '' && String(file).startsWith(disk.readOnly))
      throw Object.assign(new Error(`EROFS: read-only file system, open '${String(file)}'`), { code: 'EROFS', errno: -30, syscall: 'open' });
  };
  const writeFileSync: typeof Fs.writeFileSync = (file, ...rest) => {
    refuse(file);
    fs.writeFileSync(file, ...rest);
  };
  const renameSync: typeof Fs.renameSync = (from, to) => {
    refuse(to);
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, writeFileSync, renameSync }, writeFileSync, renameSync };
});

const readOnlyProject = () => {
  const dir = hardeningProject();
  onTestFinished(() => {
    disk.readOnly = '';
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
};

describe('a read-only content folder', () => {
  it('builds from the memory and pseudo-localizes, writing nothing there', async () => {
    const dir = readOnlyProject();
    const content = readTree(join(dir, 'content'));
    disk.readOnly = join(dir, 'content');
    const run = await runCli(dir, ['build']);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: 'built 1 article, 2 editions (2 rendered, 0 unchanged): 3 segments from memory, 0 translated (memory) -> out\n' });
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--out', 'pseudo'])).code).toBe(0);
    expect(readTree(join(dir, 'content'))).toEqual(content);
    expect(readdirSync(join(dir, 'out/de'))).toEqual(['feed.xml', 'index.html', 'news-sitemap.xml', 'sitemap.xml', 'talks.html']);
  });

  it('a build that must re-key the memory says it cannot write there (exit 1), and publishes nothing', async () => {
    const dir = readOnlyProject();
    writeFileSync(join(dir, 'content/talks.md'), TALKS.replace('Officials said *nothing* more.', 'Officials said *nothing* else.'));
    const content = readTree(join(dir, 'content'));
    disk.readOnly = join(dir, 'content');
    const run = await runCli(dir, ['build']);
    expect({ code: run.code, error: run.stderr.slice(run.stderr.indexOf('error: ')) }).toEqual({
      code: 1,
      error: 'error: content/translations/de: cannot save the translation memory: the folder is not writable\n  hint: make the content folder writable, or build with --translator pseudo\n',
    });
    expect(readTree(join(dir, 'content'))).toEqual(content);
    expect(readdirSync(dir).sort()).toEqual(['content', 'locales']);
  });
});
