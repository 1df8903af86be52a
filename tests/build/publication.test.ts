import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScratch, seedProject } from '../support/build.js';

const SLUG = 'kim-jong-un-supports-russia';
const dirs: string[] = [];
const project = () => {
  const dir = seedProject();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// The product's own name, in the scripts the locales write it in.
const PRODUCT = /에디션|エディション|\bEdition\b/u;

describe('the publication name from site.yaml', () => {
  it('appears in the masthead, titles, feeds, JSON-LD and datelines, and the product name nowhere', async () => {
    const { files } = await buildScratch(project());
    for (const [path, text] of files) if (!path.endsWith('.json')) expect({ path, product: PRODUCT.exec(text)?.[0] }).toEqual({ path, product: undefined });
    const ko = files.get(`ko/${SLUG}.html`)!;
    expect(ko).toContain('<span class="dateline">(서울=샘플헤럴드)</span>');
    expect(ko).toContain('<title>김정은, 우크라이나 전쟁 속 러시아 지원 | 샘플헤럴드</title>');
    expect(ko).toContain('<a class="masthead" href="index.html">샘플헤럴드</a>');
    expect(files.get('ko/feed.xml')).toContain('<author><name>샘플헤럴드</name></author>');
    expect(files.get(`es/${SLUG}.html`)).toContain('<span class="dateline">Seúl, 27 jun (The Sample Herald).-</span>');
  });

  it('takes one name for every edition', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nname: "Kyiv Courier"\n');
    const { files } = await buildScratch(dir);
    expect(files.get(`ko/${SLUG}.html`)).toContain('<span class="dateline">(서울=Kyiv Courier)</span>');
    expect(files.get(`ja/${SLUG}.html`)).toContain('<a class="masthead" href="index.html">Kyiv Courier</a>');
  });

  it('gives a locale the map leaves out the source locale name', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nname: {en: "Kyiv Courier", ko: "키이우 쿠리어"}\n');
    const { files } = await buildScratch(dir);
    expect(files.get(`ko/${SLUG}.html`)).toContain('<span class="dateline">(서울=키이우 쿠리어)</span>');
    expect(files.get(`ja/${SLUG}.html`)).toContain('<a class="masthead" href="index.html">Kyiv Courier</a>');
  });

  it('refuses a map without the source locale', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'name: {ko: "키이우 쿠리어"}\n');
    await expect(buildScratch(dir)).rejects.toMatchObject({ message: 'name gives no name for the source locale en', code: 'site/invalid', field: 'name' });
  });
});

describe('the newsroom look from site.yaml', () => {
  it('links its stylesheet after the built-in one and shows its logo, both published under assets/', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nname: "Kyiv Courier"\nstylesheet: "theme/site.css"\nlogo: "logo.svg"\n');
    writeFileSync(join(dir, 'content/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(dir, 'content/theme'));
    writeFileSync(join(dir, 'content/theme/site.css'), 'body{color:navy}');
    const { files } = await buildScratch(dir);
    const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);
    const css = `assets/site.${short('body{color:navy}')}.css`;
    const logo = `assets/logo.${short('<svg xmlns="http://www.w3.org/2000/svg"/>')}.svg`;
    expect([...files.keys()].filter((path) => path.startsWith('assets/'))).toEqual([logo, css]);
    const ko = files.get(`ko/${SLUG}.html`)!;
    expect(ko).toContain(`</style><link rel="stylesheet" href="../${css}"></head>`);
    expect(ko).toContain(`<a class="masthead" href="index.html"><img src="../${logo}" alt="Kyiv Courier" class="logo"></a>`);
    expect(files.get('ko/index.html')).toContain(`<a class="masthead" href="../index.html"><img src="../${logo}" alt="Kyiv Courier" class="logo"></a>`);
    expect(files.get('index.html')).toContain(`<link rel="stylesheet" href="${css}">`);
    // The publisher news search reads: the newsroom's name and its logo, at the site's address.
    expect(ko).toContain(`"publisher":{"@type":"NewsMediaOrganization","name":"Kyiv Courier","logo":{"@type":"ImageObject","url":"https://news.example.com/${logo}"}}`);
  });

  it('refuses a stylesheet that does not exist, naming site.yaml, the setting, and where the path starts', async () => {
    const dir = project();
    writeFileSync(join(dir, 'content/site.yaml'), 'stylesheet: "missing.css"\n');
    await expect(buildScratch(dir)).rejects.toMatchObject({
      code: 'content/missing-asset',
      file: 'content/site.yaml',
      field: 'stylesheet',
      message: '"missing.css" does not exist',
      hint: 'put the file in the content folder (site.yaml names it relative to that folder), or fix the path',
    });
  });
});
