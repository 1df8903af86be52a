import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildScratch, runCli } from '../support/build.js';
import { loadProject, scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';
import { reviewProject } from '../review/fixture.js';
import { memoryOutput } from '../../pipeline/bundle/output.js';
import { buildSite } from '../../pipeline/build/build-site.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
const article = (body: string) => `---\ntitle: "Charts"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

function project(body: string, files: Record<string, string> = {}) {
  const dir = scratchProject({ 'content/story.md': article(body), ...files });
  dirs.push(dir);
  return dir;
}

describe('a linked file too large to publish', () => {
  it('stops the build naming the article that links it, and the file', async () => {
    const dir = scratchProject({ 'content/charts.md': article('![Chart](huge.png)') });
    dirs.push(dir);
    // Sparse: 65 MiB as the file system reports it, without writing them.
    writeFileSync(join(dir, 'content/huge.png'), '');
    truncateSync(join(dir, 'content/huge.png'), 65 * 1024 * 1024);
    const run = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: content/charts.md:7: links "huge.png" (content/huge.png), which is 68157440 bytes, more than the 67108864 an article may link');
  });
});

describe('files an article links by relative path', () => {
  it('are published once under out/assets with a content hash, and every locale points at them', async () => {
    const dir = project('![A chart](img/chart.png) and ![remote](https://example.org/x.png) and [the data](figures.csv) and [a page](other.html).', {
      'content/figures.csv': 'a,b\n1,2\n',
      'content/img/chart.png': '',
    });
    writeFileSync(join(dir, 'content/img/chart.png'), PNG, { flag: 'w' });
    const { files } = await buildScratch(dir, mockTranslator());
    const chart = `assets/chart.${hash(PNG).slice(0, 10)}.png`;
    const csv = `assets/figures.${hash(Buffer.from('a,b\n1,2\n')).slice(0, 10)}.csv`;
    expect([...files.keys()].filter((path) => path.startsWith('assets/'))).toEqual([chart, csv]);
    expect(Buffer.from(files.get(chart)!, 'base64')).toEqual(PNG);
    for (const code of LOCALES) {
      const page = files.get(`${code}/story.html`)!;
      expect({
        code,
        chart: page.includes(`src="../${chart}"`),
        csv: page.includes(`href="../${csv}"`),
        remote: page.includes('src="https://example.org/x.png"'),
        page: page.includes('href="other.html"'),
      }).toEqual({
        code,
        chart: true,
        csv: true,
        remote: true,
        page: true,
      });
    }
    const manifest = JSON.parse(files.get('manifest.json')!) as { files: { path: string; sha256: string; size: number }[] };
    expect(manifest.files.find((file) => file.path === chart)).toEqual({ path: chart, sha256: hash(PNG), size: PNG.byteLength });
  });

  it('give each picture its width and height from its header, turned as its EXIF orientation turns it, and the lead image its Open Graph size', async () => {
    const png = (width: number, height: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), uint32(width), uint32(height), Buffer.from('0806000000', 'hex')]);
    // A JPEG stored 400 × 300 whose EXIF orientation (6) turns it a quarter: drawn 300 × 400.
    const tiff = Buffer.from('4d4d002a000000080001011200030000000100060000' + '00000000', 'hex');
    const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, exif.length + 2]), exif, Buffer.from('ffc0001108012c019003011100021101031101ffd9', 'hex')]);
    const dir = project('![A chart](chart.png) ![A photo](photo.jpg) ![A map](map.svg) ![A wide map](wide.svg) ![Broken](broken.png)', {
      'content/map.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"></svg>',
      'content/wide.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="100%"></svg>',
      'content/broken.png': 'not a picture',
    });
    writeFileSync(join(dir, 'content/chart.png'), png(640, 360));
    writeFileSync(join(dir, 'content/photo.jpg'), jpeg);
    writeFileSync(join(dir, 'content/lead.png'), png(1200, 630));
    writeFileSync(join(dir, 'content/story.md'), readFileSync(join(dir, 'content/story.md'), 'utf8').replace('dateline:', 'image: {src: "lead.png", alt: "The lead"}\ndateline:'));
    const { files } = await buildScratch(dir, mockTranslator());
    const sizes = (code: string) =>
      [...files.get(`${code}/story.html`)!.matchAll(/<img src="\.\.\/assets\/([a-z]+)\.[0-9a-f]{10}\.[a-z]+" alt="[^"]*"( width="\d+" height="\d+")?>/gu)].map(
        (match) => `${match[1]}${match[2] ?? ''}`,
      );
    for (const code of ['en', 'ar', 'ko']) {
      // The lead image first, above the story.
      expect(sizes(code)).toEqual(['lead width="1200" height="630"', 'chart width="640" height="360"', 'photo width="300" height="400"', 'map width="200" height="100"', 'wide', 'broken']);
    }
    expect(files.get('en/story.html')).toContain('<meta property="og:image:alt" content="The lead"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">');
  });

  it('show the lead image above the story, with its translated alt text and its size, in the page and the feed; not twice when the story shows it', async () => {
    const lead = (body: string) => {
      const dir = project(body);
      writeFileSync(join(dir, 'content/lead.png'), Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), uint32(1200), uint32(630), Buffer.from('0806000000', 'hex')]));
      writeFileSync(join(dir, 'content/story.md'), readFileSync(join(dir, 'content/story.md'), 'utf8').replace('dateline:', 'image: {src: "lead.png", alt: "Negotiators at the table"}\ndateline:'));
      return buildScratch(dir, mockTranslator());
    };
    const { files } = await lead('Negotiators met.');
    const path = [...files.keys()].find((file) => file.startsWith('assets/lead.'))!;
    expect(files.get('en/story.html')).toContain(
      `<div class="body"><figure class="lead"><img src="../${path}" alt="Negotiators at the table" width="1200" height="630"></figure><p><span class="dateline">SEOUL, June 27 —</span> Negotiators met.</p></div>`,
    );
    // In the edition's language, as the page's other text.
    expect(files.get('ko/story.html')).toContain(`<figure class="lead"><img src="../${path}" alt="⟦ko⟧ NEGOTIATORS AT THE TABLE" width="1200" height="630"></figure>`);
    expect(files.get('en/feed.xml')).toContain(`&#x3C;figure class="lead">&#x3C;img src="../${path}" alt="Negotiators at the table"`);
    // A story that opens with the same picture shows it once.
    const again = (await lead('![Negotiators at the table](lead.png)\n\nNegotiators met.')).files.get('en/story.html')!;
    expect(again).not.toContain('<figure class="lead">');
    expect(again.split(`src="../${path}"`)).toHaveLength(2);
  });

  it('show a lead image at another address as written (site path, //host, a remote name in Korean), once when the story shows it too', async () => {
    const page = async (src: string, body = 'Negotiators met.') => {
      const dir = project(body);
      writeFileSync(join(dir, 'content/story.md'), readFileSync(join(dir, 'content/story.md'), 'utf8').replace('dateline:', `image: {src: "${src}", alt: "The lead"}\ndateline:`));
      return (await buildScratch(dir, mockTranslator())).files.get('en/story.html')!;
    };
    expect(await page('/images/lead.png')).toContain('<figure class="lead"><img src="/images/lead.png" alt="The lead"></figure>');
    expect(await page('//cdn.example.com/lead.png')).toContain('<figure class="lead"><img src="//cdn.example.com/lead.png" alt="The lead"></figure>');
    const korean = 'https://cdn.example.kr/사진/lead one.jpg';
    expect(await page(korean)).toContain('<figure class="lead"><img src="https://cdn.example.kr/%EC%82%AC%EC%A7%84/lead%20one.jpg" alt="The lead"></figure>');
    const shown = await page(korean, `![The lead](<${korean}>)\n\nNegotiators met.`);
    expect(shown).not.toContain('<figure class="lead">');
    expect(shown.split('<img ')).toHaveLength(2);
  });

  it('size an SVG by its root element, not by an <svg> in a comment before it', async () => {
    const dir = project('![A map](map.svg)', {
      'content/map.svg': '<?xml version="1.0"?>\n<!-- old: <svg width="1" height="1"> -->\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>\n',
    });
    const { files } = await buildScratch(dir, mockTranslator());
    expect(files.get('en/story.html')).toMatch(/<img src="\.\.\/assets\/map\.[0-9a-f]{10}\.svg" alt="A map" width="400" height="300">/u);
  });

  it('are found when their names have spaces or letters outside ASCII, which the page writes percent-encoded', async () => {
    const dir = project('![A chart](img/차트.png) and [the data](<data/Figures 2024.csv>).', { 'content/img/차트.png': 'chart', 'content/data/Figures 2024.csv': 'a,b\n' });
    const { files } = await buildScratch(dir, mockTranslator());
    const published = [...files.keys()].filter((path) => path.startsWith('assets/'));
    expect(published).toEqual([`assets/-.${hash(Buffer.from('chart')).slice(0, 10)}.png`, `assets/Figures-2024.${hash(Buffer.from('a,b\n')).slice(0, 10)}.csv`]);
    for (const code of LOCALES) {
      const page = files.get(`${code}/story.html`)!;
      expect([code, page.includes(`src="../${published[0]}"`), page.includes(`href="../${published[1]}"`), page.includes('img/%EC'), page.includes('Figures%20')]).toEqual([
        code,
        true,
        true,
        false,
        false,
      ]);
    }
  });

  it('are read once a build, however many editions link them, with or without a cache', async () => {
    const dir = project('![A chart](img/chart.png) and ![the same chart](img/chart.png).', { 'content/img/chart.png': 'chart' });
    const project_ = await loadProject(dir);
    const reads: string[] = [];
    const counted = { ...project_, readAsset: async (file: string, url: string) => (reads.push(url), project_.readAsset!(file, url)) };
    const first = await buildSite(counted, { translator: mockTranslator(), output: memoryOutput() });
    expect(first.summary.rebuilt).toBe(10);
    expect(reads).toEqual(['img/chart.png']);
    reads.length = 0;
    const output = memoryOutput();
    const again = await buildSite(counted, { translator: mockTranslator(), output, cache: first.cache });
    expect(again.summary.rebuilt).toBe(10);
    expect(reads).toEqual(['img/chart.png']);
  });

  it('a missing file, or one outside the content folder, is an error naming the file and line', async () => {
    const dir = project('Intro.\n\n![A chart](chart.png)\n\n![secret](../../etc/passwd.png)');
    await expect(buildScratch(dir, mockTranslator())).rejects.toMatchObject({ code: 'content/missing-asset', file: 'content/story.md', line: 9, message: '"chart.png" does not exist' });
    writeFileSync(join(dir, 'content/chart.png'), PNG);
    await expect(buildScratch(dir, mockTranslator())).rejects.toMatchObject({ code: 'content/missing-asset', line: 11, message: '"../../etc/passwd.png" does not exist' });
    // One that exists outside is never read, and is named as outside, not as missing.
    writeFileSync(join(dir, 'outside.png'), PNG);
    writeFileSync(join(dir, 'content/story.md'), readFileSync(join(dir, 'content/story.md'), 'utf8').replace('../../etc/passwd.png', '../outside.png'));
    await expect(buildScratch(dir, mockTranslator())).rejects.toMatchObject({
      code: 'content/symlink',
      file: 'content/story.md',
      line: 11,
      message: 'links "../outside.png", which leads out of the content folder',
    });
  });

  it('a changed file gets a new name, and the pages a cached build carried over point at it', async () => {
    const dir = project('![A chart](chart.png)');
    writeFileSync(join(dir, 'content/chart.png'), PNG);
    const first = await buildScratch(dir, mockTranslator());
    const changed = Buffer.concat([PNG, Buffer.from([0])]);
    writeFileSync(join(dir, 'content/chart.png'), changed);
    const second = await buildScratch(dir, mockTranslator(), { cache: first.cache, output: memoryOutput(first.files) });
    const name = `assets/chart.${hash(changed).slice(0, 10)}.png`;
    expect([...second.files.keys()].filter((path) => path.startsWith('assets/'))).toEqual([name]);
    expect(second.files.get('ko/story.html')).toContain(`src="../${name}"`);
    const third = await buildScratch(dir, mockTranslator(), { cache: second.cache, output: memoryOutput(second.files) });
    expect(third.summary.rebuilt).toBe(0);
    expect([...third.files.keys()].filter((path) => path.startsWith('assets/'))).toEqual([name]);
  });

  it("are named in the run record relative to out/, never by the machine's folders, and a change to one is still seen by the no-op check", async () => {
    const dir = project('![A chart](chart.png)');
    writeFileSync(join(dir, 'content/chart.png'), PNG);
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    const record = readFileSync(join(dir, 'out/.cache/run.json'), 'utf8');
    expect((JSON.parse(record) as { assets: string[] }).assets).toEqual(['../content/chart.png']);
    expect(record).not.toContain(dir);
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).stdout).toMatch(/\(0 rendered, \d+ unchanged\)/u);
    writeFileSync(join(dir, 'content/chart.png'), Buffer.concat([PNG, Buffer.from([0])]));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).stdout).toMatch(/\([1-9]\d* rendered/u);
  });

  it('a symbolic link repointed to another picture is seen by the no-op check, and the new picture published', async () => {
    const dir = project('![A chart](chart.png)');
    writeFileSync(join(dir, 'content/v1.png'), PNG);
    const second = Buffer.concat([PNG, Buffer.from([0])]);
    writeFileSync(join(dir, 'content/v2.png'), second);
    symlinkSync('v1.png', join(dir, 'content/chart.png'));
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).code).toBe(0);
    rmSync(join(dir, 'content/chart.png'));
    symlinkSync('v2.png', join(dir, 'content/chart.png'));
    // Neither picture changed: only where the link leads.
    expect((await runCli(dir, ['build', '--locales', 'en,ko'])).stdout).toMatch(/\([1-9]\d* rendered/u);
    expect(readFileSync(join(dir, 'out/en/story.html'), 'utf8')).toContain(`src="../assets/chart.${hash(second).slice(0, 10)}.png"`);
  });

  it('a file no page links any more is not published by the next build, which writes what a fresh build does', async () => {
    const dir = project('![A chart](chart.png)');
    writeFileSync(join(dir, 'content/chart.png'), PNG);
    const first = await buildScratch(dir, mockTranslator());
    expect([...first.files.keys()].filter((path) => path.startsWith('assets/'))).toHaveLength(1);
    writeFileSync(join(dir, 'content/story.md'), article('No chart today.'));
    const second = await buildScratch(dir, mockTranslator(), { cache: first.cache, output: memoryOutput(first.files) });
    expect([...second.files.keys()].filter((path) => path.startsWith('assets/'))).toEqual([]);
    expect(second.files.get('manifest.json')).not.toContain('assets/');
    const fresh = await buildScratch(dir, mockTranslator());
    expect([...second.files.keys()].sort()).toEqual([...fresh.files.keys()].sort());
    expect(second.files.get('manifest.json')).toBe(fresh.files.get('manifest.json'));
  });
});

/** The entry names of a tar archive. */
function tarNames(tar: Buffer): string[] {
  const names: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/su, '');
    if (!name) break;
    names.push(name);
    offset += 512 + Math.ceil(parseInt(tar.subarray(offset + 124, offset + 136).toString('utf8'), 8) / 512) * 512;
  }
  return names;
}

describe('locale archives', () => {
  it("carry only the files their own pages link, so a shard's archive is the full build's byte for byte", async () => {
    // The talks article is translated into Korean; the chart story is not yet, so only its English edition links the chart.
    const dir = reviewProject();
    dirs.push(dir);
    writeFileSync(join(dir, 'content/chart.md'), article('![A chart](chart.png)'));
    writeFileSync(join(dir, 'content/chart.png'), PNG);
    expect((await runCli(dir, ['build', '--locales', 'en,ko', '--archive'])).code).toBe(0);
    const name = `assets/chart.${hash(PNG).slice(0, 10)}.png`;
    expect(tarNames(gunzipSync(readFileSync(join(dir, 'out/en.tar.gz'))))).toContain(name);
    expect(tarNames(gunzipSync(readFileSync(join(dir, 'out/ko.tar.gz')))).filter((entry) => entry.startsWith('assets/'))).toEqual([]);
    // Shards deal the sorted locales: 2/2 builds ko alone.
    expect((await runCli(dir, ['build', '--locales', 'en,ko', '--shard', '2/2', '--archive', '--out', 'shard-2'])).code).toBe(0);
    expect(readFileSync(join(dir, 'shard-2/ko.tar.gz'))).toEqual(readFileSync(join(dir, 'out/ko.tar.gz')));
  });

  it('carry the assets their pages link', async () => {
    const dir = project('![A chart](chart.png)', { 'content/chart.png': 'png bytes' });
    expect((await runCli(dir, ['build', '--translator', 'pseudo', '--archive'])).code).toBe(0);
    const name = `assets/chart.${hash(Buffer.from('png bytes')).slice(0, 10)}.png`;
    expect(tarNames(gunzipSync(readFileSync(join(dir, 'out-pseudo/ko.tar.gz'))))).toEqual([name, 'ko/feed.xml', 'ko/index.html', 'ko/news-sitemap.xml', 'ko/sitemap.xml', 'ko/story.html']);
  });
});
