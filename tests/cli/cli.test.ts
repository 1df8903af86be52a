import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, seedProject } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { readTree } from '../support/tree.js';

describe('edition build on the command line', () => {
  it('builds, prints a one-line summary and exits 0', async () => {
    const dir = seedProject();
    const run = await runCli(dir, ['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('built 1 article, 10 editions (10 rendered, 0 unchanged): 45 segments from memory, 0 translated (memory) -> out\n');
    expect(run.stderr).toContain('building: 10/10 editions');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.cache', 'ar', 'de', 'en', 'es', 'fr', 'index.html', 'ja', 'ko', 'manifest.json', 'robots.txt', 'ru', 'sitemap.xml', 'uk', 'zh-CN']);
  });

  it('builds only the locales asked for, into another folder', async () => {
    const dir = seedProject();
    const run = await runCli(dir, ['build', '--locales', 'ko,ja', '--out', 'public']);
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'public')).sort()).toEqual(['.cache', 'index.html', 'ja', 'ko', 'manifest.json', 'robots.txt', 'sitemap.xml']);
  });

  it('prints its version, that of its package, with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await runCli(seedProject(), [flag]);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: `${version}\n` });
    }
  });

  it('pseudo-localizes any article without touching the memory', async () => {
    const dir = scratchProject({
      'content/new.md': '---\ntitle: "Fresh story"\ndate: "2024-07-01"\ndateline: {city: Seoul}\n---\n\nA [linked](https://example.org/) word.\n',
    });
    const run = await runCli(dir, ['build', '--translator', 'pseudo', '--locales', 'de']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 segments from memory, 2 translated (pseudo)');
    expect(existsSync(join(dir, 'content/translations'))).toBe(false);
  });

  it.each([
    [['publish'], 2, /unknown command 'publish'/],
    [['build', '--colour'], 2, /unknown option '--colour'/],
    [['build', '--translator', 'babelfish'], 1, /error: --translator: unknown translator "babelfish"\n {2}hint: choose one of: memory, pseudo/],
    [['build', '--locales', 'ko,xx'], 1, /error: --locales: unknown locale xx\n {2}hint: configured locales: ar, de, en/],
    // A locale given as the command's argument is named as such, not as an option the user never typed.
    [['diff', 'xx'], 1, /error: <locale>: unknown locale xx\n {2}hint: configured locales: ar, de, en/],
    [['xliff', 'export', 'xx'], 1, /error: <locale>: unknown locale xx\n/],
    [['build', '--content', 'nowhere'], 1, /error: nowhere: content folder does not exist/],
  ])('refuses %j with exit code %i and a one-line message', async (args, code, message) => {
    const run = await runCli(seedProject(), args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('run from inside the project', () => {
  it('says where the project folder is, rather than only that a folder is missing', async () => {
    const dir = seedProject();
    const run = await runCli(join(dir, 'content'), ['status']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: 'error: locales: locales folder does not exist\n  hint: run edition in .., the project folder above (it has content/ and locales/), or point to this one with --locales-dir DIR\n',
    });
    // Merging shards too.
    const merge = await runCli(join(dir, 'content'), ['manifest']);
    expect({ code: merge.code, stderr: merge.stderr }).toEqual({
      code: 1,
      stderr:
        'error: out: the out folder does not exist\n  hint: run edition in .., the project folder above (it has content/ and locales/), or copy the out folders of every `edition build --shard i/n` run into this one first\n',
    });
  });
});

describe('the out folder', () => {
  it('is never a folder the build reads or one holding files edition did not write', async () => {
    const dir = seedProject();
    const here = await runCli(dir, ['build', '--out', '.']);
    expect(here.code).toBe(1);
    expect(here.stderr).toMatch(/the out folder contains .*, which the build reads/);
    expect(existsSync(join(dir, 'content/kim-jong-un-supports-russia.md'))).toBe(true);

    const { mkdirSync, writeFileSync, readFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes/todo.txt'), 'call the desk');
    const foreign = await runCli(dir, ['build', '--out', 'notes']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/notes: the out folder holds files edition did not write/);
    expect(readFileSync(join(dir, 'notes/todo.txt'), 'utf8')).toBe('call the desk');

    // Its own output it replaces, build after build.
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect((await runCli(dir, ['build'])).code).toBe(0);
  });

  it("reached through a symbolic link (a web server's folder), is replaced where the link points, and the link stays a link", async () => {
    const { lstatSync, mkdirSync, readdirSync: list, symlinkSync } = await import('node:fs');
    const dir = seedProject();
    mkdirSync(join(dir, 'www/site'), { recursive: true });
    symlinkSync('www/site', join(dir, 'pub'));
    for (const args of [
      ['build', '--out', 'pub', '--locales', 'en,ko'],
      ['build', '--out', 'pub', '--locales', 'en,ko', '--archive'],
    ]) {
      expect((await runCli(dir, args)).code).toBe(0);
    }
    expect(lstatSync(join(dir, 'pub')).isSymbolicLink()).toBe(true);
    expect(list(join(dir, 'www/site'))).toEqual(expect.arrayContaining(['en.tar.gz', 'ko.tar.gz', 'manifest.json']));
    expect([...list(dir), ...list(join(dir, 'www'))].filter((name) => /\.(staging|previous)-/u.test(name))).toEqual([]);

    // A first deploy: the link is there, the folder it points to is not yet.
    mkdirSync(join(dir, 'www2'));
    symlinkSync('www2/site', join(dir, 'pub2'));
    expect((await runCli(dir, ['build', '--out', 'pub2', '--locales', 'en,ko'])).code).toBe(0);
    expect(lstatSync(join(dir, 'pub2')).isSymbolicLink()).toBe(true);
    expect(list(join(dir, 'www2/site'))).toContain('manifest.json');
  });

  it("leaves alone a copy named like edition's leftovers but with a number no process can have (a dated backup)", async () => {
    const { cpSync, readdirSync: list, rmSync } = await import('node:fs');
    const dir = seedProject();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    cpSync(join(dir, 'out'), join(dir, 'out.previous-20240601'), { recursive: true });
    const backup = readTree(join(dir, 'out.previous-20240601'));
    rmSync(join(dir, 'out'), { recursive: true });
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    expect(readTree(join(dir, 'out.previous-20240601'))).toEqual(backup);
    expect(list(join(dir, 'out')).sort()).toEqual(['.cache', 'en', 'index.html', 'ko', 'manifest.json', 'robots.txt', 'sitemap.xml']);
  });

  it('prints a held line quoting the article (a dateline city) without its bidi controls, in build and status', async () => {
    const story = '---\ntitle: "Port"\ndate: "2024-06-27"\ndateline:\n  city: "Abc\u202Egpj.exe\u202C"\n  timezone: Asia/Seoul\n---\n\nThe port reopened.\n';
    const dir = scratchProject({ 'content/port.md': story });
    for (const args of [
      ['build', '--locales', 'en,de'],
      ['status', '--locales', 'de'],
    ]) {
      const run = await runCli(dir, args);
      expect(run.stdout).toContain('held: content/port.md: de: no name for the dateline city "Abc\uFFFDgpj.exe\uFFFD"');
      expect(run.stdout).not.toMatch(/[\u202A-\u202E]/u);
    }
  });
});
