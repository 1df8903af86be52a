/**
 * The out folder is replaced as a whole, so edition replaces only a folder
 * it can show it wrote, and touches no sibling that is not its own
 * leftover: a typo in --out must never delete a user's files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/build.js';
import { readTree } from '../support/tree.js';
import { hardeningProject } from './project.js';
import { recoverOutput, stagedOutput } from '../../pipeline/io/staged-output.js';

const project = () => {
  const dir = hardeningProject();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const write = (dir: string, files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
};
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('--out never replaces a folder edition did not write', () => {
  it('a browser extension with its own manifest.json is refused, naming the file that would be lost', async () => {
    const dir = project();
    write(dir, { 'ext/manifest.json': '{"manifest_version":3}\n', 'ext/background.js': 'x\n' });
    const run = await runCli(dir, ['build', '--translator', 'pseudo', '--locales', 'en', '--out', 'ext']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: ext: the out folder holds files edition did not write (background.js, manifest.json); replacing the folder would delete them\n  hint: choose a new or empty folder with --out, or move those files away first\n',
    });
    expect(readTree(join(dir, 'ext'))).toEqual({ 'background.js': b64('x\n'), 'manifest.json': b64('{"manifest_version":3}\n') });
  });

  it('a folder holding a .cache/build.json and other files is refused', async () => {
    const dir = project();
    write(dir, { 'public/.cache/build.json': '{}\n', 'public/app.js': 'app\n' });
    const run = await runCli(dir, ['build', '--out', 'public']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: public: the out folder holds files edition did not write (.cache/, app.js)');
    expect(readTree(join(dir, 'public'))).toEqual({ '.cache/build.json': b64('{}\n'), 'app.js': b64('app\n') });
  });

  it("edition's own out folder with a file a user added (CNAME) is refused, naming it; without it, it is replaced", async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    writeFileSync(join(dir, 'out/CNAME'), 'news.example.com\n');
    const before = readTree(join(dir, 'out'));
    const run = await runCli(dir, ['build', '--force']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: out: the out folder holds files edition did not write (CNAME)');
    expect(readTree(join(dir, 'out'))).toEqual(before);
    rmSync(join(dir, 'out/CNAME'));
    expect((await runCli(dir, ['build', '--force'])).code).toBe(0);
  });

  it.each([['index.html.tar.gz'], ['assets.tar.gz']])('an archive-like name that is no archive of a locale folder (%s) is a user file, refused and kept', async (name) => {
    const dir = project();
    // A picture, so that out/ has an assets/ folder, which is no locale's.
    const story = join(dir, 'content/talks.md');
    writeFileSync(story, `${readFileSync(story, 'utf8')}\n![The quay](pic.png)\n`);
    writeFileSync(join(dir, 'content/pic.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('assets');
    writeFileSync(join(dir, 'out', name), 'USER\n');
    const run = await runCli(dir, ['build', '--archive']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`holds files edition did not write (${name})`);
    expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe('USER\n');
  });

  it('a file given as the out folder is refused and kept', async () => {
    const dir = project();
    writeFileSync(join(dir, 'notes.txt'), 'call the desk\n');
    expect(await runCli(dir, ['build', '--out', 'notes.txt'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: notes.txt: the out folder is a file; replacing it would delete it\n  hint: choose a new or empty folder with --out\n',
    });
    expect(readTree(dir, ['content', 'locales'])).toEqual({ 'notes.txt': b64('call the desk\n') });
  });

  it('an empty folder, and a folder a shard build wrote, are replaced', async () => {
    const dir = project();
    mkdirSync(join(dir, 'empty'));
    expect((await runCli(dir, ['build', '--out', 'empty'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--shard', '1/2', '--out', 'part'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--shard', '1/2', '--out', 'part'])).code).toBe(0);
  });
});

describe('siblings of the out folder', () => {
  it("named like leftovers but not edition's (site.previous-release-2024, site.staging-for-review) are kept", async () => {
    const dir = project();
    const siblings = {
      'site.previous-release-2024/index.html': 'release\n',
      'site.staging-for-review/index.html': 'review\n',
      // The exact pattern, but no record of edition's: a user's folder.
      'site.previous-12/index.html': 'mine\n',
      'site.staging-13/index.html': 'mine too\n',
    };
    write(dir, siblings);
    expect((await runCli(dir, ['build', '--out', 'site'])).code).toBe(0);
    expect((await runCli(dir, ['build', '--out', 'site', '--force'])).code).toBe(0);
    for (const [path, text] of Object.entries(siblings)) expect(readTree(join(dir, path, '..'))).toEqual({ 'index.html': b64(text) });
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('site'))
        .sort(),
    ).toEqual(['site', 'site.previous-12', 'site.previous-release-2024', 'site.staging-13', 'site.staging-for-review']);
  });

  it("edition's own leftovers of a build whose process is gone are recovered; a live process's are left alone", async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    // The record's stamps name each file's inode and modification time, which copying changes: its list of files must not change.
    const listed = () => (JSON.parse(readFileSync(join(dir, 'out/.cache/out.json'), 'utf8')) as { files: string[] }).files;
    const records = ['.cache/out.json', '.cache/run.json'];
    const built = readTree(join(dir, 'out'), records);
    const files = listed();
    // A kill between the two renames of a commit: no out/, the old build as previous, the new one complete.
    const dead = deadPid();
    const { renameSync, cpSync } = await import('node:fs');
    renameSync(join(dir, 'out'), join(dir, `out.previous-${dead}`));
    cpSync(join(dir, `out.previous-${dead}`), join(dir, `out.staging-${dead}`), { recursive: true });
    // A build still running (this test's parent process): not touched.
    cpSync(join(dir, `out.previous-${dead}`), join(dir, `out.staging-${process.ppid}`), { recursive: true });
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(readTree(join(dir, 'out'), records)).toEqual(built);
    expect(listed()).toEqual(files);
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('out.'))
        .sort(),
    ).toEqual([`out.staging-${process.ppid}`]);
  });
});

describe('a build killed as it starts', () => {
  it('leaves a staging folder with its first record cut short, which the next build removes; one with anything else is kept', async () => {
    const dir = project();
    const [empty, half, other] = [deadPid(), deadPid(), deadPid()];
    // Killed between creating the record and writing it, or halfway through writing it.
    for (const [pid, text] of [
      [empty, ''],
      [half, '{"format":"edition out fo'],
    ] as const) {
      mkdirSync(join(dir, `out.staging-${pid}/.cache`), { recursive: true });
      writeFileSync(join(dir, `out.staging-${pid}/.cache/out.json`), text);
    }
    // Not a record edition began: kept.
    mkdirSync(join(dir, `out.staging-${other}/.cache`), { recursive: true });
    writeFileSync(join(dir, `out.staging-${other}/.cache/out.json`), '{"notes":"mine"}');
    await recoverOutput(join(dir, 'out'));
    expect(readdirSync(dir).filter((name) => name.startsWith('out.'))).toEqual([`out.staging-${other}`]);
  });
});

describe('a build that changed a few files', () => {
  it('moves just those into out/, and one killed while moving them is finished by the next', async () => {
    const dir = project();
    expect((await runCli(dir, ['build', '--locales', 'en,de'])).code).toBe(0);
    const before = readTree(join(dir, 'out'), ['.cache']);
    const pages = Object.keys(before).filter((path) => path.endsWith('.html'));
    const inode = (path: string) => statSync(join(dir, 'out', path)).ino;
    const inodes = Object.fromEntries(pages.map((path) => [path, inode(path)]));

    // As a build killed after writing its journal, one page moved and the rest not yet: a new German page and record, the English index gone.
    const staging = join(dir, `out.staging-${deadPid()}`);
    const record = readFileSync(join(dir, 'out/.cache/out.json'), 'utf8');
    write(staging, {
      'de/talks.html': '<p>new</p>\n',
      'de/index.html': '<p>new index</p>\n',
      '.cache/out.json': record.replace('"en/index.html",', ''),
      '.cache/commit.json': `${JSON.stringify({ format: 'edition commit 1', replace: ['de/index.html', 'de/talks.html', '.cache/out.json'], remove: ['en/index.html'] })}\n`,
    });
    renameSync(join(staging, 'de/index.html'), join(dir, 'out/de/index.html'));
    await recoverOutput(join(dir, 'out'));

    expect(readdirSync(dir).filter((name) => name.startsWith('out'))).toEqual(['out']);
    const after = readTree(join(dir, 'out'), ['.cache']);
    expect(after['de/talks.html']).toBe(b64('<p>new</p>\n'));
    expect(after['de/index.html']).toBe(b64('<p>new index</p>\n'));
    expect(after['en/index.html']).toBeUndefined();
    expect(readFileSync(join(dir, 'out/.cache/out.json'), 'utf8')).toBe(record.replace('"en/index.html",', ''));
    // Every other file is the one the first build wrote.
    for (const path of pages.filter((path) => !['de/talks.html', 'de/index.html', 'en/index.html'].includes(path))) expect(inode(path), path).toBe(inodes[path]);

    // A staging folder whose journal was not written whole is thrown away, and out/ is left as it is.
    const cut = join(dir, `out.staging-${deadPid()}`);
    write(cut, { 'de/talks.html': '<p>newer</p>\n', '.cache/out.json': record, '.cache/commit.json.tmp': '{"format":"edition commit 1","repl' });
    await recoverOutput(join(dir, 'out'));
    expect(readdirSync(dir).filter((name) => name.startsWith('out'))).toEqual(['out']);
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(after);
  });
});

describe('a journal left by a killed build', () => {
  it('is played only on the out/ it was written for: after another build replaced out/, it is thrown away', async () => {
    const dir = project();
    expect((await runCli(dir, ['build', '--locales', 'en,de'])).code).toBe(0);
    const record = readFileSync(join(dir, 'out/.cache/out.json'));
    const digest = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
    const journal = (from: string) => `${JSON.stringify({ format: 'edition commit 2', replace: ['de/talks.html', '.cache/out.json'], remove: [], from, to: digest('{"moved":true}\n') })}\n`;
    // Written for an out/ whose record was another: another build has replaced out/ since.
    const before = readTree(join(dir, 'out'));
    write(join(dir, `out.staging-${deadPid()}`), { 'de/talks.html': '<p>old build</p>\n', '.cache/out.json': '{"moved":true}\n', '.cache/commit.json': journal(digest('a record of long ago')) });
    await recoverOutput(join(dir, 'out'));
    expect(readdirSync(dir).filter((name) => name.startsWith('out'))).toEqual(['out']);
    expect(readTree(join(dir, 'out'))).toEqual(before);
    // Written for this out/: played.
    write(join(dir, `out.staging-${deadPid()}`), { 'de/talks.html': '<p>this build</p>\n', '.cache/out.json': '{"moved":true}\n', '.cache/commit.json': journal(digest(record)) });
    await recoverOutput(join(dir, 'out'));
    expect(readFileSync(join(dir, 'out/de/talks.html'), 'utf8')).toBe('<p>this build</p>\n');
  });
});

describe('the previous build, once replaced', () => {
  it('is deleted file by file from its record, never through a folder swapped for a symbolic link since', async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const output = await stagedOutput(join(dir, 'out'));
    await output.write('en/talks.html', 'the new page\n');
    // After the out folder was checked: its de/ folder becomes a link to a user's folder holding a file of the same name.
    write(dir, { 'notes/talks.html': 'a user file\n' });
    rmSync(join(dir, 'out/de'), { recursive: true });
    symlinkSync(join(dir, 'notes'), join(dir, 'out/de'));
    await output.commit();
    expect(readTree(join(dir, 'notes'))).toEqual({ 'talks.html': b64('a user file\n') });
    // The link is someone's, and cannot be moved into the new out/ as a file: the previous build stays beside it, holding it.
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('out'))
        .map((name) => name.replace(/\d+$/u, 'PID')),
    ).toEqual(['out', 'out.previous-PID']);
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual({ 'en/talks.html': b64('the new page\n') });
  });

  it('keeps a file someone put in out/ while the build ran: moved into the new out/, where the next build names it', async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const output = await stagedOutput(join(dir, 'out'));
    await output.write('en/talks.html', 'the new page\n');
    // The whole folder is swapped, as an --archive build does.
    output.materialize();
    // After the out folder was checked for strangers: a deploy step drops a CNAME, a colleague a note beside the pages,
    // and another a file at a path the build writes too.
    write(dir, { 'out/CNAME': 'news.example.com\n', 'out/en/notes.txt': 'mine\n', 'out/de/talks.html.orig': 'kept\n' });
    await output.commit();
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual({
      CNAME: b64('news.example.com\n'),
      'de/talks.html.orig': b64('kept\n'),
      'en/notes.txt': b64('mine\n'),
      'en/talks.html': b64('the new page\n'),
    });
    expect(readdirSync(dir).filter((name) => name.startsWith('out'))).toEqual(['out']);
    const next = await runCli(dir, ['build']);
    expect(next.code).toBe(1);
    expect(next.stderr).toContain('the out folder holds files edition did not write (CNAME, de/talks.html.orig, en/notes.txt)');
  });

  it('keeps what it cannot move into the new out/ (a name no page may have) by leaving the previous build beside it, and moves a folder of a first build', async () => {
    const dir = project();
    const output = await stagedOutput(join(dir, 'out'));
    await output.write('en/talks.html', 'the new page\n');
    output.materialize();
    // A first build: out/ appears during it, with a folder and a file whose name has a backslash.
    write(dir, { 'out/.well-known/security.txt': 'Contact: desk@example.org\n', 'out/a\\b.txt': 'odd\n' });
    await output.commit();
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual({ '.well-known/security.txt': b64('Contact: desk@example.org\n'), 'en/talks.html': b64('the new page\n') });
    const previous = readdirSync(dir).filter((name) => name.startsWith('out.previous-'));
    expect(previous).toHaveLength(1);
    expect(readFileSync(join(dir, previous[0]!, 'a\\b.txt'), 'utf8')).toBe('odd\n');
  });

  it('leaves the previous build beside out/ when a file put there during the build has a path the new build wrote too', async () => {
    const dir = project();
    expect((await runCli(dir, ['build'])).code).toBe(0);
    const output = await stagedOutput(join(dir, 'out'));
    await output.write('en/talks.html', 'the new page\n');
    await output.write('en/extra.html', 'a new page\n');
    output.materialize();
    write(dir, { 'out/en/extra.html': 'a user page\n' });
    await output.commit();
    expect(readTree(join(dir, 'out'), ['.cache'])['en/extra.html']).toBe(b64('a new page\n'));
    const previous = readdirSync(dir).filter((name) => name.startsWith('out.previous-'));
    expect(previous).toHaveLength(1);
    expect(readFileSync(join(dir, previous[0]!, 'en/extra.html'), 'utf8')).toBe('a user page\n');
    // Once this process is gone, the next build's recovery still leaves a folder holding someone's file alone.
    const leftover = `out.previous-${deadPid()}`;
    renameSync(join(dir, previous[0]!), join(dir, leftover));
    await recoverOutput(join(dir, 'out'));
    expect(readdirSync(dir).filter((name) => name.startsWith('out.previous-'))).toEqual([leftover]);
  });
});
