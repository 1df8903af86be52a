/**
 * Command-line values that once replaced the site with an empty one or
 * ended in "internal error" (exit 70): each is refused with a message
 * naming the option or the path, and leaves out/ as it was.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { hardeningProject } from './project.js';

const built = async () => {
  const dir = hardeningProject();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  expect((await runCli(dir, ['build'])).code).toBe(0);
  return dir;
};

describe('--locales naming no locale', () => {
  it.each([[''], [',,,'], [' , ']])('--locales %j is a usage error (exit 2) and the site stays', async (value) => {
    const dir = await built();
    const site = readTree(join(dir, 'out'));
    const run = await runCli(dir, ['build', '--locales', value]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --locales names no locale\n  hint: name some, e.g. --locales en,ko, or leave the option out for them all\n',
    });
    expect(readTree(join(dir, 'out'))).toEqual(site);
  });
});

describe('folders named by nothing (an unset CI variable)', () => {
  it.each([['--content'], ['--locales-dir'], ['--out']])('%s "" is a usage error (exit 2) that --json answers too, and the site stays', async (option) => {
    const dir = await built();
    const site = readTree(join(dir, 'out'));
    const run = await runCli(dir, ['build', option, '', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${option} names no folder\n  hint: name a folder, or leave ${option} out for its default\n`);
    expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: expect.objectContaining({ code: 'cli/no-folder', field: option }) });
    expect(readTree(join(dir, 'out'))).toEqual(site);
  });

  it('a check or status with --json that cannot read the project, or an option commander refuses, answers on stdout as build does', async () => {
    const dir = await built();
    for (const args of [
      ['check', '--json', '--content', 'nowhere'],
      ['status', '--json', '--content', 'nowhere'],
      ['build', '--json', '--forse'],
    ]) {
      const run = await runCli(dir, args);
      expect([args, run.code === 0, JSON.parse(run.stdout).ok]).toEqual([args, false, false]);
    }
  });

  it('a mistyped command quoting an escape sequence is named without sending the sequence to the terminal', async () => {
    const run = await runCli(await built(), ['bui\u001b[2Jld']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("error: unknown command 'bui\uFFFD[2Jld'")]);
  });
});

describe('paths that are not what the option needs', () => {
  it.each([
    [['status', '--html'], '--html'],
    [['review', 'de', 'talks', '--out'], '--out'],
    [['xliff', 'export', 'de', '-o'], '--out'],
    [['diff', 'de', '--html'], '--html'],
  ])('%j given nothing, or a folder, names the option (exit 1, not "internal error")', async (args, option) => {
    const dir = await built();
    expect(await runCli(dir, [...args, ''])).toEqual({ code: 1, stdout: '', stderr: `error: ${option} names no file\n  hint: give ${option} a file name, or leave the option out\n` });
    expect(await runCli(dir, [...args, 'out'])).toEqual({ code: 1, stdout: '', stderr: `error: ${option} out is a folder, not a file\n  hint: name the file to write, not a folder\n` });
  });

  it('--cache given nothing (an unset CI variable) is refused, and no cache is written into the project', async () => {
    const dir = await built();
    const run = await runCli(dir, ['build', '--cache', '']);
    expect([run.code, run.stderr]).toEqual([2, 'error: --cache names no folder\n  hint: name a folder for the build cache, or leave the option out (the cache is then kept in the out folder)\n']);
    expect(existsSync(join(dir, 'build.json'))).toBe(false);
  });

  it('--content and --locales-dir naming a file', async () => {
    const dir = await built();
    writeFileSync(join(dir, 'notes.txt'), 'a file\n');
    expect(await runCli(dir, ['build', '--content', 'notes.txt'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --content notes.txt is a file, not a folder\n  hint: give --content the folder that holds site.yaml and the articles\n',
    });
    expect(await runCli(dir, ['check', '--locales-dir', 'notes.txt'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --locales-dir notes.txt is a file, not a folder\n  hint: give --locales-dir the folder that holds one folder per locale\n',
    });
  });

  it("--locales-dir: a locale file's error names it where it is, not under locales/", async () => {
    const dir = await built();
    cpSync(join(dir, 'locales'), join(dir, 'lang'), { recursive: true });
    const strings = join(dir, 'lang/de/translation.yaml');
    writeFileSync(strings, readFileSync(strings, 'utf8').replace(/^latest:.*$/mu, ''));
    expect((await runCli(dir, ['build', '--locales-dir', 'lang'])).stderr).toBe(
      'error: lang/de/translation.yaml (latest): string "latest" is missing for locale de\n  hint: add "latest" to lang/de/translation.yaml\n',
    );
    const settings = join(dir, 'lang/de/locale.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^cldr: de$/mu, 'cldr: hebrew'));
    expect((await runCli(dir, ['check', '--locales-dir', 'lang'])).stderr).toBe(
      'error: lang/de/locale.yaml (cldr): CLDR has no time-zone names for "hebrew"\n  hint: set cldr: in locale.yaml to a CLDR locale (ko, zh, pt-PT...)\n',
    );
  });

  it('--cache naming a file, or a folder whose build.json is not a cache, is refused and nothing is replaced', async () => {
    const dir = await built();
    const site = readTree(join(dir, 'out'));
    writeFileSync(join(dir, 'notes.txt'), 'a file\n');
    expect(await runCli(dir, ['build', '--cache', 'notes.txt'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --cache notes.txt is a file, not a folder\n  hint: name a folder for the build cache (it is created if missing)\n',
    });
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine/build.json'), '{"name": "my build settings"}\n');
    const run = await runCli(dir, ['build', '--cache', 'mine']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: --cache: mine/build.json is not an edition build cache; writing the cache would replace it');
    expect(readFileSync(join(dir, 'mine/build.json'), 'utf8')).toBe('{"name": "my build settings"}\n');
    expect(readTree(join(dir, 'out'))).toEqual(site);
    // A folder of its own works, and the next build finds its cache there.
    expect((await runCli(dir, ['build', '--cache', 'state'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--cache', 'state'])).code).toBe(0);
  });

  it('a lock path that is a folder is refused by name, and the folder is kept', async () => {
    const dir = await built();
    mkdirSync(join(dir, 'content/.edition.lock/inside'), { recursive: true });
    const run = await runCli(dir, ['build']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: content/.edition.lock: cannot lock the translation memory in content: its lock path is not a file\n  hint: move that folder away: edition keeps a small lock file at that path while it writes\n',
    });
    expect(readTree(join(dir, 'content/.edition.lock'))).toEqual({});
  });
});

describe('shard counts', () => {
  it('--shard 1/99999999 is refused at build time', async () => {
    const dir = await built();
    const run = await runCli(dir, ['build', '--shard', '1/99999999', '--out', 'part']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: --shard 1/99999999 is not a shard: write i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4\n  hint: build shard 1/4, 2/4, 3/4 and 4/4 and copy their out folders together\n');
  });

  it('a shard manifest claiming 99999999 shards is refused by `edition manifest` before anything is allocated', async () => {
    const dir = await built();
    mkdirSync(join(dir, 'merged'));
    const part = { shard: { index: 1, count: 99999999 }, sourceRevision: null, coverage: {} };
    writeFileSync(join(dir, 'merged/manifest.shard-1-of-99999999.json'), JSON.stringify(part));
    const run = await runCli(dir, ['manifest', '--out', 'merged']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: merged/manifest.shard-1-of-99999999.json: shard manifest is for 99999999 shards; edition builds 1 to 1000\n  hint: build the shards again with --shard i/n, n at most 1000\n',
    });
  });
});
