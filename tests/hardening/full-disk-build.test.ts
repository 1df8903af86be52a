/**
 * A full disk while the build writes out/: a message naming what could
 * not be written and the documented exit code 74, never "internal error";
 * the previous build stays and no staging folder is left behind. The
 * disk is made full by failing the file system's writes with ENOSPC.
 */
import type * as Fs from 'node:fs';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { hardeningProject } from './project.js';

const disk = vi.hoisted(() => ({ full: (_file: string): boolean => false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const writeFileSync: typeof Fs.writeFileSync = (file, ...rest) => {
    if (disk.full(String(file))) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    fs.writeFileSync(file, ...rest);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

describe('a full disk while the build writes out/', () => {
  it('while writing a page: exit 74 naming the page, out/ as it was, nothing left behind', async () => {
    const dir = hardeningProject();
    onTestFinished(() => {
      disk.full = () => false;
      rmSync(dir, { recursive: true, force: true });
    });
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const site = readTree(join(dir, 'out'));
    // A page the build must write: one with the bytes out/ holds is not written again.
    const article = join(dir, 'content/talks.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace('The talks ended without', 'The talks ended late without'));
    disk.full = (file) => file.includes('out.staging-') && file.endsWith('talks.html');
    const run = await runCli(dir, ['build', '--force']);
    expect({ code: run.code, stdout: run.stdout, error: run.stderr.slice(run.stderr.indexOf('error: ')) }).toEqual({
      code: 74,
      stdout: '',
      error: 'error: out: the disk is full: cannot write en/talks.html; the previous build is kept\n  hint: free some space on that disk and build again\n',
    });
    expect(readTree(join(dir, 'out'))).toEqual(site);
    expect(readdirSync(dir).sort()).toEqual(['content', 'locales', 'out']);
  });
});
