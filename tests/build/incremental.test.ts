/**
 * The build cache and shards: an incremental build renders only what
 * changed, links what did not, and gives the bytes of a full build; every
 * input of a page (dependencies and runtime included) is in its key.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOk, corpusProject as corpusProjectOf, runCli } from '../support/build.js';
import { loadProject, scratchProject } from '../support/project.js';
import { readTree } from '../support/tree.js';
import { tempDir } from '../support/temp.js';
import { memoryFor } from '../hardening/project.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { buildSite } from '../../pipeline/build/build-site.js';
import { memoryOutput } from '../../pipeline/bundle/output.js';
import { memoryTranslator } from '../../pipeline/translation/translators/memory.js';
import { BUNDLED, installedDependencies, installFingerprint } from '../../pipeline/io/fingerprint.js';
import { OUT_RECORD, RUN_RECORD } from '../../pipeline/io/staged-output.js';

const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const TARGETS = LOCALES.filter((code) => code !== 'en');

const corpusProject = (count: number) => corpusProjectOf(count, TARGETS);
const build = buildOk;

/** Paths whose bytes differ, or that are in one tree only. */
function changedPaths(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((path) => before[path] !== after[path]).sort();
}

describe('incremental builds', { timeout: 30_000 }, () => {
  it('rebuild only the edited article, leave every other file in place, and update its pages, indexes, feeds and manifest', async () => {
    const dir = corpusProject(4);
    const first = await build(dir);
    expect(first.stdout).toContain('40 editions (40 rendered, 0 unchanged)');
    const before = readTree(join(dir, 'out'), ['.cache']);
    const inode = (path: string) => statSync(join(dir, 'out', path)).ino;
    const inodes = Object.fromEntries(Object.keys(before).map((path) => [path, inode(path)]));

    const again = await build(dir);
    expect(again.stdout).toContain('40 editions (0 rendered, 40 unchanged)');
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(before);

    // A new title for story 2, and its translation in every locale, as a newsroom would add it.
    const file = join(dir, 'content/story-00002.md');
    const text = readFileSync(file, 'utf8').replace('title: "Story 2:', 'title: "Story 2 (updated):');
    writeFileSync(file, text);
    for (const locale of TARGETS) writeFileSync(join(dir, 'content/translations', locale, 'story-00002.json'), serializeMemory(memoryFor(text, 'story-00002', locale)));
    const edited = await build(dir);
    expect(edited.stdout).toContain('40 editions (10 rendered, 30 unchanged)');
    const after = readTree(join(dir, 'out'), ['.cache']);
    const changed = LOCALES.flatMap((locale) => [`${locale}/feed.xml`, `${locale}/index.html`, `${locale}/news-sitemap.xml`, `${locale}/story-00002.html`]);
    expect(changedPaths(before, after)).toEqual([...changed, 'manifest.json'].sort());
    // Unchanged files are the previous build's, left in place; changed ones are new files. A list page is
    // rendered when what it shows changed: a new title changes the index and the feed, not the sitemap. The home
    // page, the sitemap index and robots.txt come out with the same bytes, and stay the files they were.
    const rendered = [...changed, 'manifest.json'];
    for (const path of Object.keys(after)) {
      if (rendered.includes(path)) expect(inode(path), path).not.toBe(inodes[path]);
      else expect(inode(path), path).toBe(inodes[path]);
    }
    expect(Buffer.from(after['ko/index.html']!, 'base64').toString()).toContain('STORY 2 (UPDATED):');
  });

  it('leave out/ as it is when nothing changed: every file, lists, manifest and cache included, is the same file', async () => {
    const dir = corpusProject(3);
    await build(dir);
    // edition's records of the folder's files may be brought up to date (a file's stamp); they are no pages of the site.
    const files = (folder: string) =>
      readdirSync(folder, { recursive: true, withFileTypes: true }).filter(
        (entry) => entry.isFile() && ![OUT_RECORD, RUN_RECORD].some((record) => join(entry.parentPath, entry.name) === join(folder, record)),
      );
    const identity = () => Object.fromEntries(files(join(dir, 'out')).map((entry) => [join(entry.parentPath, entry.name), statSync(join(entry.parentPath, entry.name)).ino]));
    const before = identity();
    // A forced build renders every page again, with the same bytes.
    for (const args of [[], ['--force']]) {
      const again = await build(dir, ...args);
      expect(again.stdout).toContain('30 editions');
      expect(identity()).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(['content', 'locales', 'out']);
    }
    // One edited page: a new out/ again, with that page's file new and the others carried over.
    const file = join(dir, 'content/story-00001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('dateline:\n  city: Tokyo', 'dateline:\n  city: Seoul'));
    await build(dir);
    const after = identity();
    expect(after[join(dir, 'out/en/story-00001.html')]).not.toBe(before[join(dir, 'out/en/story-00001.html')]);
    expect(after[join(dir, 'out/en/story-00002.html')]).toBe(before[join(dir, 'out/en/story-00002.html')]);
  });

  it('give the same bytes as a forced full build after edits', async () => {
    const dir = corpusProject(3);
    await build(dir);
    const file = join(dir, 'content/story-00001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('dateline:\n  city: Tokyo', 'dateline:\n  city: Seoul'));
    const incremental = await build(dir);
    expect(incremental.stdout).toContain('30 editions (10 rendered, 20 unchanged)');
    const afterIncremental = readTree(join(dir, 'out'), ['.cache']);
    const full = await build(dir, '--force', '--out', 'full');
    expect(full.stdout).toContain('(30 rendered, 0 unchanged)');
    expect(readTree(join(dir, 'full'), ['.cache'])).toEqual(afterIncremental);
  });

  it('--force repairs a page edited in place with its size and modification time put back, which the stamp cannot see', async () => {
    const dir = corpusProject(2);
    await build(dir);
    const page = join(dir, 'out/ko/story-00001.html');
    const good = readFileSync(page, 'utf8');
    const reference = join(dir, 'reference.html');
    execFileSync('cp', ['-p', page, reference]);
    // One byte changed in place (same size and inode), then the time put back to the nanosecond with `touch -r`.
    writeFileSync(page, good.replace('<html', '<HTML'));
    execFileSync('touch', ['-r', reference, page]);
    expect(await build(dir)).toMatchObject({ stdout: expect.stringContaining('(0 rendered, 20 unchanged)') });
    await build(dir, '--force');
    expect(readFileSync(page, 'utf8')).toBe(good);
  });

  it('rebuild a locale whose resources changed, and nothing else', async () => {
    const dir = corpusProject(2);
    await build(dir);
    const before = readTree(join(dir, 'out'), ['.cache']);
    const strings = join(dir, 'locales/de/translation.yaml');
    writeFileSync(strings, readFileSync(strings, 'utf8').replace(/^latest: .*$/m, 'latest: "Aktuelle Meldungen"'));
    const run = await build(dir);
    expect(run.stdout).toContain('20 editions (2 rendered, 18 unchanged)');
    expect(readFileSync(join(dir, 'out/de/index.html'), 'utf8')).toContain('Aktuelle Meldungen');
    expect(changedPaths(before, readTree(join(dir, 'out'), ['.cache']))).toEqual(['de/feed.xml', 'de/index.html', 'de/story-00000.html', 'de/story-00001.html', 'manifest.json']);
  });

  it('write only the lists again when site.yaml changes only their lengths, with the bytes of a full build', async () => {
    const dir = corpusProject(4);
    const site = join(dir, 'content/site.yaml');
    const settings = readFileSync(site, 'utf8');
    await build(dir);
    // Shorter, then longer than the feed was at first: the entries that come back into it need their bodies again.
    for (const lengths of ['feedEntries: 2\nindexEntries: 3\n', 'feedEntries: 3\nindexEntries: 1\n', '']) {
      const before = readTree(join(dir, 'out'), ['.cache']);
      writeFileSync(site, `${settings.trimEnd()}\n${lengths}`);
      const run = await build(dir);
      expect(run.stdout).toContain('40 editions (0 rendered, 40 unchanged)');
      const changed = changedPaths(before, readTree(join(dir, 'out'), ['.cache']));
      expect(changed.length).toBeGreaterThan(1);
      expect(changed.filter((path) => /^[^/]+\/story-\d+\.html$/u.test(path))).toEqual([]);
      rmSync(join(dir, 'full'), { recursive: true, force: true });
      await build(dir, '--force', '--out', 'full');
      expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
    }
    // Anything else in site.yaml still reaches every page it shapes, per-locale settings included, as a full build has it.
    for (const [other, shown] of [
      ['name: "The Example Times"', '40 editions (40 rendered, 0 unchanged)'],
      ['name: {en: "The Example Times", de: "Die Beispielzeitung"}', '40 editions (40 rendered, 0 unchanged)'],
      ['name: {en: "The Example Times", de: "Das Beispielblatt"}', '40 editions (40 rendered, 0 unchanged)'],
      ['publishing: {locales: {ko: {humanState: final}}}', '36 editions (36 rendered, 0 unchanged), 4 held:'],
    ]) {
      writeFileSync(site, `${settings.trimEnd()}\n${other}\n`);
      expect((await build(dir)).stdout).toContain(shown);
      rmSync(join(dir, 'full'), { recursive: true, force: true });
      await build(dir, '--force', '--out', 'full');
      expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
    }
  });

  it('render again every page that links a locale renamed in its locale.yaml, as a full build does', async () => {
    const dir = corpusProject(2);
    await build(dir);
    const settings = join(dir, 'locales/ar/locale.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^name: .*$/mu, 'name: "العربية (تجريبي)"'));
    await build(dir);
    // And another edition's Open Graph locale, which every page's og:locale:alternate names.
    const german = join(dir, 'locales/de/locale.yaml');
    writeFileSync(german, readFileSync(german, 'utf8').replace(/^ogLocale: .*$/mu, 'ogLocale: de_AT'));
    await build(dir);
    expect(readFileSync(join(dir, 'out/ko/story-00000.html'), 'utf8')).toContain('<meta property="og:locale:alternate" content="de_AT">');
    // The German page's language switcher, and the German list of stories, name Arabic as it is called now.
    expect(readFileSync(join(dir, 'out/de/story-00000.html'), 'utf8')).toContain('dir="rtl">العربية (تجريبي)</a>');
    expect(readFileSync(join(dir, 'out/de/index.html'), 'utf8')).toContain('dir="rtl">العربية (تجريبي)</a>');
    await build(dir, '--force', '--out', 'full');
    expect(readTree(join(dir, 'out'), ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
  });

  it('keep a cache given inside the out folder with --cache', async () => {
    const dir = corpusProject(1);
    expect((await build(dir, '--cache', 'out/.cache')).stdout).toContain('(10 rendered, 0 unchanged)');
    expect((await build(dir, '--cache', 'out/.cache')).stdout).toContain('(0 rendered, 10 unchanged)');
    expect((await build(dir, '--cache', 'out/state')).stdout).toContain('(10 rendered, 0 unchanged)');
    expect((await build(dir, '--cache', 'out/state')).stdout).toContain('(0 rendered, 10 unchanged)');
    expect(readdirSync(join(dir, 'out/state'))).toEqual(['build.json']);
  });
});

describe('the cache key', { timeout: 30_000 }, () => {
  /** A package as npm installs it: its code, its manifest, a dependency with one of its own. */
  function installedPackage(): string {
    const root = tempDir('edition-install-');
    const write = (path: string, data: unknown) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), typeof data === 'string' ? data : JSON.stringify(data));
    };
    write('dist/main.js', 'export {};\n');
    write('package.json', { name: 'edition', dependencies: { 'fake-cldr': '^48.0.0' } });
    write('node_modules/fake-cldr/package.json', { name: 'fake-cldr', version: '48.0.0', dependencies: { 'fake-data': '^1.0.0' } });
    write('node_modules/fake-data/package.json', { name: 'fake-data', version: '1.0.0' });
    return root;
  }

  it('holds the installed version of every runtime dependency and the runtime data: an update rebuilds every edition', async () => {
    const root = installedPackage();
    const runtime = { node: '20.19.0', v8: '11.3', icu: '77.1', cldr: '47.0', tz: '2025a', unicode: '16.0' };
    const fingerprint = (versions = runtime) => installFingerprint(join(root, 'dist'), root, versions);
    const installed = await fingerprint();
    expect(installedDependencies(root)).toEqual(['fake-cldr@48.0.0', 'fake-data@1.0.0']);

    // `npm update` of an indirect dependency: only its installed package.json changes.
    writeFileSync(join(root, 'node_modules/fake-data/package.json'), JSON.stringify({ name: 'fake-data', version: '1.0.1' }));
    expect(installedDependencies(root)).toEqual(['fake-cldr@48.0.0', 'fake-data@1.0.1']);
    const updated = await fingerprint();
    const newNode = await fingerprint({ ...runtime, icu: '78.1', cldr: '48.0', tz: '2025b' });
    expect(new Set([installed, updated, newNode]).size).toBe(3);

    const dir = corpusProject(2);
    const project = await loadProject(dir);
    const buildWith = async (pipeline: string, previous: ReturnType<typeof memoryOutput> | undefined, cache: Awaited<ReturnType<typeof buildSite>>['cache'] | undefined) => {
      const output = memoryOutput(previous?.files);
      const result = await buildSite({ ...project, fingerprints: { ...project.fingerprints, pipeline } }, { translator: memoryTranslator(), output, cache });
      return { output, result };
    };
    const first = await buildWith(installed, undefined, undefined);
    expect(first.result.summary.rebuilt).toBe(20);
    const same = await buildWith(installed, first.output, first.result.cache);
    expect(same.result.summary.rebuilt).toBe(0);
    expect((await buildWith(updated, same.output, same.result.cache)).result.summary.rebuilt).toBe(20);
    expect((await buildWith(newNode, same.output, same.result.cache)).result.summary.rebuilt).toBe(20);
  });

  it('names the packages a bundle holds from its list, and looks up only the others in node_modules', async () => {
    const root = installedPackage();
    const fingerprint = () => installFingerprint(join(root, 'dist'), root, process.versions);
    const unbundled = await fingerprint();
    writeFileSync(join(root, 'dist', BUNDLED), JSON.stringify(['fake-cldr@48.0.0']));
    const bundled = await fingerprint();
    expect(bundled).not.toBe(unbundled);
    // The bundle holds fake-cldr (and so what it needs): node_modules no longer counts for them.
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(await fingerprint()).toBe(bundled);
    writeFileSync(join(root, 'dist', BUNDLED), JSON.stringify(['fake-cldr@48.0.1']));
    expect(await fingerprint()).not.toBe(bundled);
  });

  it('does not depend on where the install or the project lives: a project checked out in another folder, its out/ restored, rebuilds nothing', async () => {
    const root = installedPackage();
    const moved = tempDir('edition-install-');
    cpSync(root, moved, { recursive: true });
    expect(await installFingerprint(join(moved, 'dist'), moved, process.versions)).toBe(await installFingerprint(join(root, 'dist'), root, process.versions));

    const dir = corpusProject(2);
    await build(dir);
    const checkout = tempDir('edition-checkout-');
    cpSync(dir, checkout, { recursive: true });
    expect((await build(checkout)).stdout).toContain('(0 rendered, 20 unchanged)');
    // A changed file still counts: the fingerprint names files by their place in the project.
    writeFileSync(join(checkout, 'locales/ko/translation.yaml'), `${readFileSync(join(checkout, 'locales/ko/translation.yaml'), 'utf8')}\n`);
    expect((await build(checkout)).stdout).toContain('(2 rendered, 18 unchanged)');
  });
});

/** Two shards of a two-article corpus built and copied into one folder (without their records), not merged yet. */
async function copiedShards(): Promise<{ dir: string; merged: string }> {
  const dir = corpusProject(2);
  const merged = join(dir, 'merged');
  for (const shard of ['1/2', '2/2']) {
    await build(dir, '--shard', shard, '--out', `shard-${shard[0]}`);
    cpSync(join(dir, `shard-${shard[0]}`), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
  }
  return { dir, merged };
}

describe('shards', { timeout: 30_000 }, () => {
  it('copied together and merged give the same bytes as one full build', async () => {
    const dir = corpusProject(3);
    await build(dir, '--out', 'full', '--archive');
    const merged = join(dir, 'merged');
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = `shard-${shard[0]}`;
      await build(dir, '--shard', shard, '--out', out, '--archive');
      const locales = readdirSync(join(dir, out)).filter((name) => LOCALES.includes(name));
      expect(locales.length).toBeGreaterThanOrEqual(3);
      cpSync(join(dir, out), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
    }
    const run = await runCli(dir, ['manifest', '--out', 'merged', '--json']);
    expect(run.code).toBe(0);
    const listed = (JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8')) as { files: unknown[] }).files.length;
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, shards: 3, files: listed, manifest: 'merged/manifest.json' });
    expect(readTree(merged, ['.cache'])).toEqual(readTree(join(dir, 'full'), ['.cache']));
    // The merged folder is edition's: the next build may replace it.
    expect((await runCli(dir, ['build', '--out', 'merged'])).code).toBe(0);
  });

  it('never claims a file no shard wrote: the merge refuses it, and one added after the merge stops the next build instead of being deleted', async () => {
    const { dir, merged } = await copiedShards();
    writeFileSync(join(merged, 'CNAME'), 'news.example.com\n');
    const refused = await runCli(dir, ['manifest', '--out', 'merged']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the out folder holds files no shard wrote (CNAME)');
    const json = await runCli(dir, ['manifest', '--out', 'merged', '--json']);
    expect({ code: json.code, answer: JSON.parse(json.stdout) as unknown }).toMatchObject({ code: 1, answer: { ok: false, error: { code: 'manifest/strangers' } } });
    expect(existsSync(join(merged, 'manifest.json'))).toBe(false);

    rmSync(join(merged, 'CNAME'));
    expect((await runCli(dir, ['manifest', '--out', 'merged'])).code).toBe(0);
    writeFileSync(join(merged, 'CNAME'), 'news.example.com\n');
    const next = await runCli(dir, ['build', '--out', 'merged']);
    expect(next.code).toBe(1);
    expect(next.stderr).toContain('holds files edition did not write (CNAME)');
    expect(readFileSync(join(merged, 'CNAME'), 'utf8')).toBe('news.example.com\n');
  });

  it('never claims a symbolic link, which an upload would follow to a file anywhere on the machine', async () => {
    const { dir, merged } = await copiedShards();
    writeFileSync(join(dir, 'secret.txt'), 'not for the site\n');
    symlinkSync(join(dir, 'secret.txt'), join(merged, 'CNAME'));
    const refused = await runCli(dir, ['manifest', '--out', 'merged']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('the out folder holds files no shard wrote (CNAME)')]);
    expect(existsSync(join(merged, 'manifest.json'))).toBe(false);
  });

  it('merges only the archives the shards wrote, with their bytes: not a missing one, an older one, or one a shard without --archive left', async () => {
    const dir = corpusProject(2);
    const merged = join(dir, 'merged');
    for (const shard of ['1/2', '2/2']) await build(dir, '--shard', shard, '--out', `shard-${shard[0]}`, '--archive');
    await build(dir, '--shard', '1/2', '--out', 'shard-1-plain');
    const copy = (...shards: string[]) => {
      rmSync(merged, { recursive: true, force: true });
      for (const shard of shards) cpSync(join(dir, shard), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
    };
    const archive = readdirSync(join(dir, 'shard-1')).find((name) => name.endsWith('.tar.gz'))!;
    const merge = async () => {
      const run = await runCli(dir, ['manifest', '--out', 'merged']);
      return [run.code, run.stderr];
    };
    copy('shard-1', 'shard-2');
    rmSync(join(merged, archive));
    expect(await merge()).toEqual([1, expect.stringContaining(`files the shards wrote are not in the out folder (${archive})`)]);
    copy('shard-1', 'shard-2');
    // An older bundle of the same locale, copied over the new one.
    writeFileSync(join(merged, archive), 'an older bundle\n');
    expect(await merge()).toEqual([1, expect.stringContaining(`archives differ from what their shards wrote (${archive})`)]);
    // The shard built without --archive, its locale's archive left from an earlier run.
    copy('shard-1-plain', 'shard-2');
    cpSync(join(dir, 'shard-1', archive), join(merged, archive));
    expect(await merge()).toEqual([1, expect.stringContaining(`the out folder holds files no shard wrote (${archive})`)]);
    copy('shard-1', 'shard-2');
    expect(await merge()).toEqual([0, '']);
  });

  it('never claims an archive of a locale no shard published, nor a .tar.gz inside a locale folder', async () => {
    const { dir, merged } = await copiedShards();
    for (const file of ['xx.tar.gz', 'CNAME.tar.gz', 'assets.tar.gz', 'de/old.tar.gz']) {
      writeFileSync(join(merged, file), 'not a bundle of these shards\n');
      const refused = await runCli(dir, ['manifest', '--out', 'merged']);
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`the out folder holds files no shard wrote (${file})`)]);
      rmSync(join(merged, file));
    }
    expect((await runCli(dir, ['manifest', '--out', 'merged'])).code).toBe(0);
  });

  it('refuses to merge shards whose files are not all there (a locale left out of the copy), which would link pages that are missing', async () => {
    const { dir, merged } = await copiedShards();
    rmSync(join(merged, 'de'), { recursive: true });
    const refused = await runCli(dir, ['manifest', '--out', 'merged']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^error: merged: files the shards wrote are not in the out folder \(de\/feed\.xml, de\/index\.html/u)]);
    expect(existsSync(join(merged, 'manifest.json'))).toBe(false);
  });

  it('refuses to merge shards built from different content, which would link editions no shard published', async () => {
    const dir = corpusProject(2);
    const merged = join(dir, 'merged');
    await build(dir, '--shard', '1/2', '--out', 'shard-1');
    // An article added between the shards' builds (outside git, the revision cannot tell).
    cpSync(join(dir, 'content/story-00000.md'), join(dir, 'content/story-00009.md'));
    await build(dir, '--shard', '2/2', '--out', 'shard-2');
    for (const out of ['shard-1', 'shard-2']) cpSync(join(dir, out), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
    const refused = await runCli(dir, ['manifest', '--out', 'merged']);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      'error: shards were built from different content (articles, translations, settings or locales)\n  hint: build every shard from the same files (the same commit, with nothing edited since), then merge\n',
    ]);
    expect(existsSync(join(merged, 'manifest.json'))).toBe(false);
  });

  it('refuses to merge shards whose lists have other lengths (site.yaml), which no page key holds', async () => {
    const dir = corpusProject(2);
    const merged = join(dir, 'merged');
    await build(dir, '--shard', '1/2', '--out', 'shard-1');
    writeFileSync(join(dir, 'content/site.yaml'), `${readFileSync(join(dir, 'content/site.yaml'), 'utf8')}feedEntries: 1\n`);
    await build(dir, '--shard', '2/2', '--out', 'shard-2');
    for (const out of ['shard-1', 'shard-2']) cpSync(join(dir, out), merged, { recursive: true, filter: (path) => !path.includes('.cache') });
    const refused = await runCli(dir, ['manifest', '--out', 'merged']);
    expect([refused.code, refused.stderr]).toMatchObject([1, expect.stringContaining('shards were built from different content')]);
  });

  it('refuses a shard that is not i/n with 1 ≤ i ≤ n', async () => {
    const dir = scratchProject();
    const run = await runCli(dir, ['build', '--shard', '3/2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--shard 3\/2 is not a shard/);
  });
});
