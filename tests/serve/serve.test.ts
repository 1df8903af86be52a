import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildScratch, runCli } from '../support/build.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { previewTranslator } from '../../pipeline/serve/served-site.js';
import { memoryTag } from '../../pipeline/serve/review-write.js';
import { targetParts } from '../../pipeline/serve/desk-page.js';
import { EDITED, KOREAN, PARAGRAPHS, SLUG, koreanMemory, markdown, readKorean, reviewProject, segmentsOf, writeArticleText } from '../review/fixture.js';
import { call, meta, nextChange, serve, until } from './support.js';
import { tempDir } from '../support/temp.js';
import { repoRoot } from '../support/project.js';

const segments = segmentsOf(markdown());
/** The paragraph with a link: its source carries the placeholder tags <a1>…</a1>. */
const LINKED = segments[2]!;
const KOREAN_FILE = `content/translations/ko/${SLUG}.json`;

async function desk(port: number) {
  const page = await call(port, `/_edition/review/ko/${SLUG}`);
  return { page, token: meta(page.body, 'edition-token'), etag: meta(page.body, 'edition-etag') };
}

function put(port: number, id: string, body: unknown, headers: Record<string, string>) {
  return call(port, `/_edition/api/memory/ko/${SLUG}/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('edition serve', { timeout: 30_000 }, () => {
  it('listens on 127.0.0.1 by default and serves the site exactly as a build writes it, plus the live-reload script in pages', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    expect(served.server.origin).toBe(`http://127.0.0.1:${served.port}`);
    expect(served.stdout()).toBe(`serving http://127.0.0.1:${served.port}/ (review desk: http://127.0.0.1:${served.port}/_edition/review/)\ntoken: ${served.token}\n`);
    // Translations the memory lacks show the English, as a build with the same translator writes them.
    const built = await buildScratch(dir, previewTranslator);
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(built.files);
    const page = await call(served.port, `/ko/${SLUG}.html`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(built.files.get(`ko/${SLUG}.html`)!.replace('</body>', '<script src="/_edition/live.js"></script></body>'));
  });

  it('tells no reader of the preview that the English it shows for missing translations is a machine translation', async () => {
    const served = await serve(reviewProject());
    // German has no memory: every segment is shown in English, so the page carries no translation note at all.
    const german = await call(served.port, `/de/${SLUG}.html`);
    expect(german.status).toBe(200);
    expect(german.body).not.toContain('untranslated');
    expect(german.body).not.toContain('class="disclosure"');
    // Korean's translations are its translators': said as a build says it.
    expect((await call(served.port, `/ko/${SLUG}.html`)).body).toContain('class="disclosure"');
  });

  it('answers each file with its content type, a folder with its index page, and anything else with 404', async () => {
    const served = await serve(reviewProject());
    const types = async (path: string) => {
      const reply = await call(served.port, path);
      return [reply.status, reply.headers['content-type']];
    };
    expect(await types('/')).toEqual([200, 'text/html; charset=utf-8']);
    expect(await types('/ko/')).toEqual([200, 'text/html; charset=utf-8']);
    expect(await types('/ko/feed.xml')).toEqual([200, 'application/atom+xml; charset=utf-8']);
    expect(await types('/ko/sitemap.xml')).toEqual([200, 'application/xml; charset=utf-8']);
    expect(await types('/manifest.json')).toEqual([200, 'application/json; charset=utf-8']);
    expect(await types('/_edition/live.js')).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await types('/ko')).toEqual([404, 'text/plain; charset=utf-8']);
    expect(await types('/ko/nothing.html')).toEqual([404, 'text/plain; charset=utf-8']);
    expect(await types('/_edition/')).toEqual([404, 'text/plain; charset=utf-8']);
    expect((await call(served.port, '/ko/', { method: 'POST' })).status).toBe(405);
  });

  it('sends each picture an article links under its own type, which a browser needs to show it (nosniff)', async () => {
    const dir = reviewProject(koreanMemory(), `${markdown()}\n![A map](map.svg) ![A chart](chart.png)\n`);
    writeFileSync(join(dir, 'content/map.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>\n');
    writeFileSync(join(dir, 'content/chart.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    const served = await serve(dir);
    const asset = (extension: string) => [...served.site.snapshot().keys()].find((path) => path.startsWith('assets/') && path.endsWith(extension))!;
    for (const [extension, type] of [
      ['.svg', 'image/svg+xml'],
      ['.png', 'image/png'],
    ]) {
      const reply = await call(served.port, `/${asset(extension!)}`);
      expect([reply.status, reply.headers['content-type'], reply.headers['x-content-type-options']]).toEqual([200, type, 'nosniff']);
    }
  });

  it('refuses a request whose Host is not the address it listens on (DNS rebinding), whatever the path', async () => {
    const served = await serve(reviewProject());
    const withHost = async (host: string, path = `/ko/${SLUG}.html`) => (await call(served.port, path, { headers: { Host: host } })).status;
    expect(await withHost(`127.0.0.1:${served.port}`)).toBe(200);
    expect(await withHost(`localhost:${served.port}`)).toBe(200);
    expect(await withHost(`attacker.example:${served.port}`)).toBe(403);
    expect(await withHost(`attacker.example:${served.port}`, `/_edition/review/ko/${SLUG}`)).toBe(403);
    expect(await withHost(`127.0.0.1:${served.port + 1}`)).toBe(403);
    expect(await withHost('127.0.0.1')).toBe(403);
  });

  it('never serves a file outside the site: raw and encoded .., encoded slashes, symlinks out of content', async () => {
    const outside = tempDir('edition-secret-');
    writeFileSync(join(outside, 'secret.md'), '---\ntitle: "SECRET"\ndate: "2024-01-01"\n---\n\nSECRET-TEXT\n');
    const dir = reviewProject();
    symlinkSync(outside, join(dir, 'content/leaks'));
    const served = await serve(dir);
    // An article linked in from elsewhere while serving: the project is read again, refuses the link, and keeps serving.
    symlinkSync(join(outside, 'secret.md'), join(dir, 'content/leak.md'));
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => (served.stderr().includes('leads out of the content folder') ? resolve() : Date.now() - started > 5000 ? reject(new Error(served.stderr())) : setTimeout(poll, 20));
      poll();
    });
    expect(served.stderr()).toBe('error: content/leak.md: is a symbolic link that leads out of the content folder\n  hint: copy the file into the content folder instead of linking to it\n');
    const paths = [
      '/../content/talks.md',
      '/ko/../../content/talks.md',
      '/%2e%2e/content/talks.md',
      '/ko/..%2f..%2fcontent%2ftalks.md',
      '/ko/%2E%2E%2F%2E%2E%2Fcontent/talks.md',
      '/..%5c..%5ccontent%5ctalks.md',
      '/ko/%00.html',
      '/%E0%A4%A.html',
      '/content/talks.md',
      '/en/leak.html',
      '/leak.md',
      '/leaks/secret.md',
      '/content/leaks/secret.md',
    ];
    // While the project cannot be read, a page the preview has not got is answered with the reason (503), never with a file.
    const replies = await Promise.all(paths.map(async (path) => [path, await call(served.port, path)] as const));
    expect(replies.filter(([, reply]) => reply.status !== 404 && reply.status !== 503)).toEqual([]);
    expect(replies.find(([path]) => path === '/en/leak.html')![1].body).toContain('content/leak.md: is a symbolic link that leads out of the content folder');
    expect(replies.filter(([, reply]) => reply.body.includes('SECRET'))).toEqual([]);
    expect([...served.site.snapshot().values()].some((content) => String(content).includes('SECRET-TEXT'))).toBe(false);
  });

  it('refuses another --host without --allow-remote, and warns when it is given', async () => {
    const refused = await runCli(reviewProject(), ['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: --host: listening on 0.0.0.0 would let other machines reach the review desk\n  hint: serve on 127.0.0.1 (the default), or add --allow-remote if every machine on that network may edit the memory with the token\n',
    });
    const served = await serve(reviewProject(), { host: '0.0.0.0', allowRemote: true });
    expect(served.stderr()).toBe('warning: serving on 0.0.0.0: anyone who can reach it can read the site and, through the review desk (whose pages carry the token), change the memory\n');
    expect((await call(served.port, '/ko/', { headers: { Host: `attacker.example:${served.port}` } })).status).toBe(403);
  });

  it('says so when the port is taken, instead of failing as a bug', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const run = await runCli(reviewProject(), ['serve', '--port', String(port)]);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `error: --port: 127.0.0.1:${port} is already in use\n  hint: choose another port with --port N (0 picks a free one)\n` });
    } finally {
      taken.close();
    }
  });

  it('sends a change event and serves the new page within a second when an article is edited', async () => {
    const dir = reviewProject();
    // The newsroom's own name, which the pages rendered again after the edit must carry as a build does.
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\nname: {en: "The Sample Herald", ko: "샘플헤럴드"}\n');
    const served = await serve(dir);
    const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(PARAGRAPHS.map((text, index) => (index === 2 ? 'Negotiators will meet again in Osaka.' : text))));
    const paths = await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    // The article's editions change (English shows in the untranslated ones), and so do the feeds that carry its body; Korean keeps
    // its reviewer's translation of the old paragraph (marked source-changed), and its feed gains the notice its page shows.
    const locales = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'ko', 'ru', 'uk', 'zh-CN'];
    const feeds = locales.map((code) => `${code}/feed.xml`);
    expect(paths.sort()).toEqual([...locales.map((code) => `${code}/${SLUG}.html`), ...feeds, 'manifest.json'].sort());
    const page = await call(served.port, `/en/${SLUG}.html`);
    expect(page.body).toContain('Negotiators will meet again in Osaka.');
    expect(page.body).toContain('| The Sample Herald</title>');
    expect((await call(served.port, `/ko/${SLUG}.html`)).body).toContain('| 샘플헤럴드</title>');
    // Only the article was rendered again, yet every file is what a whole build writes now.
    const built = await buildScratch(dir, previewTranslator);
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(built.files);
  });

  it('sees every save of a file replaced by a rename (as editors, git and the desk save), not only the first', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const file = join(dir, `content/${SLUG}.md`);
    for (const place of ['Osaka', 'Kobe', 'Nara']) {
      const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
      await change.ready;
      writeFileSync(`${file}.saving`, markdown(PARAGRAPHS.map((text, index) => (index === 2 ? `Negotiators will meet again in ${place}.` : text))));
      renameSync(`${file}.saving`, file);
      await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error(`no change event within 5 s for ${place}`)), 5000))]);
      change.close();
      expect((await call(served.port, `/en/${SLUG}.html`)).body).toContain(`meet again in ${place}.`);
    }
  });

  it('watches a folder made after it started: a new locale folder of the memory and the file saved in it', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const change = nextChange(served.port, (paths) => paths.includes(`de/${SLUG}.html`));
    await change.ready;
    mkdirSync(join(dir, 'content/translations/de'));
    // Give the new folder's watch a moment to start, as a person creating a folder and then saving into it would.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const german = {
      article: SLUG,
      locale: 'de',
      segments: { [segments[0]!.id]: { source: segments[0]!.source, target: 'Handelsgespräche beendet', origin: 'human' as const, state: 'reviewed' as const } },
    };
    writeFileSync(join(dir, `content/translations/de/${SLUG}.json`), serializeMemory(german));
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    expect((await call(served.port, `/de/${SLUG}.html`)).body).toContain('Handelsgespräche beendet');
  });

  it('renders an edited article one of whose editions a build holds back (a flagged segment) as a whole build does', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { flag: 'placeholder tags lost' } : {})));
    const served = await serve(dir);
    expect((await call(served.port, `/ko/${SLUG}.html`)).status).toBe(404);
    const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(PARAGRAPHS.map((text, index) => (index === 2 ? 'Negotiators will meet again in Osaka.' : text))));
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    // The English and the other editions show the edit; Korean stays held, as in a build.
    expect((await call(served.port, `/en/${SLUG}.html`)).body).toContain('Negotiators will meet again in Osaka.');
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);
  });

  it('says what a build would warn of, each warning once: at start, and after an edit', async () => {
    const dir = reviewProject();
    const file = join(dir, `content/${SLUG}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: "([^"]*)"/mu, 'title: "$1 **now**"'));
    const served = await serve(dir);
    await until('the warning', () => served.stderr().includes('"**now**" is Markdown'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n<iframe src="https://example.com/"></iframe>\n`);
    await until('the new warning', () => served.stderr().includes('raw HTML is not published'));
    expect(served.stderr().split('"**now**" is Markdown').length).toBe(2);
  });

  it('says when a fix ends an error, though no page changed', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const file = join(dir, `content/${SLUG}.md`);
    const story = readFileSync(file, 'utf8');
    writeFileSync(file, story.replace(/^date: .*$/mu, 'date: "2024-13-45"'));
    await until('the error', () => served.stderr().includes('error: '));
    expect(served.stdout()).not.toContain('fixed');
    writeFileSync(file, story);
    await until('the all-clear', () => served.stdout().includes('0 pages changed (the error above is fixed)'));
  });

  it('ends the error of a new article that cannot be read when the file is deleted again', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const bad = join(dir, 'content/draft copy.md');
    writeFileSync(bad, readFileSync(join(dir, `content/${SLUG}.md`), 'utf8'));
    await until('the error', () => served.stderr().includes('error: '));
    expect((await call(served.port, '/nowhere.html')).status).toBe(503);
    rmSync(bad);
    await until('the all-clear', () => served.stdout().includes('(the error above is fixed)'));
    expect((await call(served.port, '/nowhere.html')).status).toBe(404);
  });

  it("does not read the project again for an editor's lock file (Emacs's .#story.md, a link to nowhere) beside a save", async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const read = served.site.project;
    const lock = join(dir, `content/.#${SLUG}.md`);
    symlinkSync('someone@host.1234:1700000000', lock);
    const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(PARAGRAPHS.map((text, index) => (index === 2 ? 'Negotiators will meet again in Osaka.' : text))));
    rmSync(lock);
    await change.event;
    expect(served.site.project).toBe(read);
  });

  it('does not call a broken site.yaml fixed because an article rendered in between', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const siteFile = join(dir, 'content/site.yaml');
    const settings = readFileSync(siteFile, 'utf8');
    writeFileSync(siteFile, `${settings}url: [broken\n`);
    await until('the error', () => served.stderr().includes('error: '));
    const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(PARAGRAPHS.map((text, index) => (index === 2 ? 'Negotiators will meet again in Osaka.' : text))));
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    await until('the render', () => served.stdout().includes('rendered'));
    expect(served.stdout()).not.toContain('fixed');
    expect((await call(served.port, '/nowhere.html')).body).toContain('edition cannot render the site until this is fixed');
    writeFileSync(siteFile, settings);
    await until('the all-clear', () => served.stdout().includes('(the error above is fixed)'));
  });

  it('prints an error quoting the project without its control characters (a retitled window, a coloured terminal)', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const siteFile = join(dir, 'content/site.yaml');
    writeFileSync(siteFile, `${readFileSync(siteFile, 'utf8')}"\u001b]2;PWNED\u0007\u001b[31mRED": 1\n`);
    await until('the error', () => served.stderr().includes('is not a site setting'));
    expect(served.stderr()).not.toContain('\u0007');
    expect(served.stderr()).not.toContain('\u001b');
    expect(served.stderr()).toContain('\uFFFD]2;PWNED\uFFFD\uFFFD[31mRED');
  });

  it('answers a page it cannot render with the reason while the site is broken, and serves it once fixed', async () => {
    const dir = reviewProject();
    const strings = join(dir, 'locales/ko/translation.yaml');
    const text = readFileSync(strings, 'utf8');
    writeFileSync(strings, text.replace(/^switcher:.*\n/mu, ''));
    const served = await serve(dir);
    const broken = await call(served.port, '/index.html');
    expect(broken.status).toBe(503);
    expect(broken.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(broken.body).toContain('string "switcher" is missing for locale ko');
    const change = nextChange(served.port, (paths) => paths.includes('index.html'));
    await change.ready;
    writeFileSync(strings, text);
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    expect((await call(served.port, '/index.html')).status).toBe(200);
    expect((await call(served.port, '/nowhere.html')).status).toBe(404);
  });

  it('links an edition whose flag was cleared from every other edition and sitemap again, as a whole build does', async () => {
    const flagged = koreanMemory((index) => (index === 1 ? { flag: 'legal: check the names' } : {}));
    const dir = reviewProject(flagged);
    const served = await serve(dir);
    expect((await call(served.port, `/ko/${SLUG}.html`)).status).toBe(404);
    expect((await call(served.port, `/en/${SLUG}.html`)).body).not.toContain('hreflang="ko"');
    const change = nextChange(served.port, (paths) => paths.includes(`ko/${SLUG}.html`));
    await change.ready;
    const cleared = { ...flagged, segments: Object.fromEntries(Object.entries(flagged.segments).map(([id, { flag: _flag, ...entry }]) => [id, entry])) };
    writeFileSync(join(dir, `content/translations/ko/${SLUG}.json`), serializeMemory(cleared));
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    expect((await call(served.port, `/en/${SLUG}.html`)).body).toContain('hreflang="ko"');
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);
  });

  it('renders the list pages again when an edit changes what they show, and every file stays what a whole build writes', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const change = nextChange(served.port, (paths) => paths.includes('en/index.html'));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown().replace('title: "Trade talks end"', 'title: "Trade talks collapse"'));
    const paths = await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    // The Korean title is a human translation of the old title, kept with a notice: the Korean index and news sitemap show
    // it unchanged, and the Korean feed gains the notice.
    expect(paths.filter((path) => !path.endsWith(`/${SLUG}.html`)).sort()).toEqual(
      [...['ar', 'de', 'en', 'es', 'fr', 'ja', 'ru', 'uk', 'zh-CN'].flatMap((code) => [`${code}/feed.xml`, `${code}/index.html`, `${code}/news-sitemap.xml`]), 'ko/feed.xml', 'manifest.json'].sort(),
    );
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);

    // A second edit in the same run, whose lists may come from the first edit's render: still what a whole build writes.
    const again = nextChange(served.port, (paths) => paths.includes('en/index.html'));
    await again.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown().replace('title: "Trade talks end"', 'title: "Trade talks resume"'));
    const second = await Promise.race([again.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    expect(second.filter((path) => path.endsWith('/sitemap.xml'))).toEqual([]);
    expect((await call(served.port, '/en/index.html')).body).toContain('Trade talks resume');
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);
  });

  it('refuses a write without the token or from another origin with 403, and leaves the file as it was', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    const { token, etag } = await desk(served.port);
    const body = { target: '새 번역', state: 'reviewed' };
    const own = `http://127.0.0.1:${served.port}`;
    const attempts = [
      { 'If-Match': etag, Origin: own },
      { 'If-Match': etag, Origin: own, 'X-Edition-Token': 'wrong' },
      { 'If-Match': etag, Origin: own, 'X-Edition-Token': `${token}x` },
      { 'If-Match': etag, Origin: 'http://attacker.example', 'X-Edition-Token': token },
      { 'If-Match': etag, Origin: 'null', 'X-Edition-Token': token },
      { 'If-Match': etag, 'X-Edition-Token': token },
    ];
    const statuses = [];
    for (const headers of attempts) statuses.push((await put(served.port, segments[1]!.id, body, headers)).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);
  });

  it('stores a tokened write as a reviewed human translation and serves it on the page', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { origin: 'deepl' } : {})));
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const target = '양국 관리들은 목요일 서울에서 만나 통상 문제를 논의했다.';
    const reply = await put(served.port, segments[1]!.id, { target, state: 'reviewed' }, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    expect(reply.status).toBe(200);
    const stored = readKorean(dir);
    expect(stored.segments[segments[1]!.id]).toEqual({ source: segments[1]!.source, target, origin: 'human', state: 'reviewed' });
    expect(JSON.parse(reply.body)).toEqual({
      id: segments[1]!.id,
      target,
      parts: [{ text: target }],
      state: 'reviewed',
      origin: 'human',
      category: 'reviewed',
      label: '검토 완료',
      attention: false,
      meta: { origin: 'human', notes: [] },
      etag: (await desk(served.port)).etag,
    });
    const page = await call(served.port, `/ko/${SLUG}.html`);
    expect(page.body).toContain(target);
    expect(page.body).not.toContain(KOREAN[0]);
    // Only the Korean edition was rendered again; the manifest's Korean coverage follows.
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);
  });

  it("shows a translator's draft in the editor and the API, so a save replaces it seen; one made for the English before an edit leaves nothing behind", async () => {
    const draft = '부처 <a1>성명</a1>에 따르면 (번역가 초안) 회담은 끝났다.';
    const dir = reviewProject(koreanMemory((index) => (index === 2 ? { target: draft, state: 'initial' } : {})));
    writeArticleText(dir, markdown(EDITED));
    const edited = segmentsOf(markdown(EDITED))[2]!;
    expect(edited.id).not.toBe(LINKED.id);
    const served = await serve(dir);
    const { page, token, etag } = await desk(served.port);
    expect(page.body).toContain('에 따르면 (번역가 초안) 회담은 끝났다.');
    // The row's state as the API gives it, so a reload after a conflict takes the row for unchanged.
    expect(page.body).toContain(`data-id="${edited.id}" data-category="missing" data-state="initial"`);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}` };
    const shown = JSON.parse((await call(served.port, `/_edition/api/memory/ko/${SLUG}/${edited.id}`, { headers })).body) as { target: string; state: string };
    expect(shown).toMatchObject({ target: draft, state: 'initial' });
    const target = draft.replace(' (번역가 초안)', '');
    expect((await put(served.port, edited.id, { target, state: 'reviewed' }, { ...headers, 'If-Match': etag })).status).toBe(200);
    const stored = readKorean(dir);
    expect(stored.segments[edited.id]).toEqual({ source: edited.source, target, origin: 'human', state: 'reviewed' });
    expect(stored.segments[LINKED.id]).toBeUndefined();
  });

  it('answers the API from the article as it is now: an edit between two reads gives the new segment, and the old one is gone', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}` };
    const read = (id: string) => call(served.port, `/_edition/api/memory/ko/${SLUG}/${id}`, { headers });
    expect((await read(LINKED.id)).status).toBe(200);
    writeArticleText(dir, markdown(EDITED));
    const edited = segmentsOf(markdown(EDITED))[2]!;
    expect((await read(edited.id)).status).toBe(200);
    expect((await read(LINKED.id)).status).toBe(404);
  });

  it('approves an unchanged machine translation without making it human, and clears a flag only when asked', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 2 ? { origin: 'deepl', flag: 'tag <a1> was dropped' } : index === 1 ? { origin: 'deepl' } : {})));
    const served = await serve(dir);
    const { token } = await desk(served.port);
    const write = async (id: string, body: unknown) => {
      const { etag } = await desk(served.port);
      return put(served.port, id, body, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    };
    expect((await write(segments[1]!.id, { target: KOREAN[0], state: 'reviewed' })).status).toBe(200);
    expect(readKorean(dir).segments[segments[1]!.id]).toEqual({ source: segments[1]!.source, target: KOREAN[0], origin: 'deepl', state: 'reviewed' });
    expect((await write(LINKED.id, { target: KOREAN[1], state: 'reviewed' })).status).toBe(200);
    expect(readKorean(dir).segments[LINKED.id]).toEqual({ source: LINKED.source, target: KOREAN[1], origin: 'deepl', state: 'reviewed', flag: 'tag <a1> was dropped' });
    expect((await write(LINKED.id, { target: KOREAN[1], state: 'reviewed', clearFlag: true })).status).toBe(200);
    expect(readKorean(dir).segments[LINKED.id]).toEqual({ source: LINKED.source, target: KOREAN[1], origin: 'deepl', state: 'reviewed' });
  });

  it('approves a target written with character references as it is: neither rewritten nor made human', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 1 ? { target: '양국 관리들은 목요일 &quot;서울&quot;에서 만나 무역을 논의했다.', origin: 'deepl' } : {})));
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    // What the desk's editor sends back: the text as shown, quotes as characters.
    const saved = await put(
      served.port,
      segments[1]!.id,
      { target: '양국 관리들은 목요일 "서울"에서 만나 무역을 논의했다.', state: 'reviewed' },
      { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag },
    );
    expect(saved.status).toBe(200);
    expect(readKorean(dir).segments[segments[1]!.id]).toEqual({
      source: segments[1]!.source,
      target: '양국 관리들은 목요일 &quot;서울&quot;에서 만나 무역을 논의했다.',
      origin: 'deepl',
      state: 'reviewed',
    });
  });

  it('takes saves sent at once in turn: one is stored, the others meet the changed file (409), none is told another process holds the memory', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag };
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => put(served.port, segments[1]!.id, { target: `${KOREAN[0]} (${index})`, state: 'reviewed' }, headers)));
    expect(answers.map((answer) => answer.status).sort((a, b) => a - b)).toEqual([200, 409, 409, 409, 409, 409]);
  });

  it('keeps holding what the publishing policy holds after a desk save, as a whole build does, and links none of it', async () => {
    const dir = reviewProject();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\npublishing:\n  humanState: reviewed\n');
    const served = await serve(dir);
    expect((await call(served.port, `/ko/${SLUG}.html`)).status).toBe(404);
    const { token, etag } = await desk(served.port);
    const [, first] = segmentsOf(markdown());
    // One segment approved; the others are still below the state the policy asks for.
    expect((await put(served.port, first!.id, { target: KOREAN[0], state: 'reviewed' }, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag })).status).toBe(200);
    // Then the English changes, so that a page does: the event says the preview has rendered both.
    const change = nextChange(served.port, (paths) => paths.includes(`en/${SLUG}.html`));
    await change.ready;
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown().replace('title: "Trade talks end"', 'title: "Trade talks stall"'));
    await Promise.race([change.event, new Promise<string[]>((_, reject) => setTimeout(() => reject(new Error('no change event within 5 s')), 5000))]);
    await served.site.render();
    expect((await call(served.port, `/ko/${SLUG}.html`)).status).toBe(404);
    expect((await call(served.port, `/en/${SLUG}.html`)).body).not.toContain('hreflang="ko"');
    expect(new Map([...served.site.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual((await buildScratch(dir, previewTranslator)).files);
  });

  it("does not store a flag the desk only worked out (the new English's tags no longer fit the old target) once the target is fixed", async () => {
    const edited = PARAGRAPHS.map((text, index) => (index === 0 ? text.replace('in Seoul', 'in [Seoul](https://example.org/seoul)') : text));
    const dir = reviewProject(koreanMemory(), markdown(edited));
    const moved = segmentsOf(markdown(edited))[1]!;
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const fixed = KOREAN[0]!.replace('서울', '<a1>서울</a1>');
    const saved = await put(served.port, moved.id, { target: fixed, state: 'reviewed' }, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    expect(saved.status).toBe(200);
    expect(readKorean(dir).segments[moved.id]).toEqual({ source: moved.source, target: fixed, origin: 'human', state: 'reviewed' });
  });

  it("opens a locale's desk and saves there while another locale's memory file does not parse, which its own desk names", async () => {
    const dir = reviewProject();
    cpSync(join(repoRoot, 'locales/de'), join(dir, 'locales/de'), { recursive: true });
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    writeFileSync(join(dir, `content/translations/de/${SLUG}.json`), '{"article": "talks", "locale": "de", "segments": {},}\n');
    const served = await serve(dir);
    expect((await call(served.port, `/_edition/review/ko/${SLUG}`)).status).toBe(200);
    const etag = memoryTag(readFileSync(join(dir, `content/translations/ko/${SLUG}.json`), 'utf8'));
    const [, first] = segmentsOf(markdown());
    const saved = await put(served.port, first!.id, { target: KOREAN[0], state: 'reviewed' }, { 'X-Edition-Token': served.token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    expect(saved.status).toBe(200);
    expect(readKorean(dir).segments[first!.id]).toMatchObject({ target: KOREAN[0], state: 'reviewed' });
    // The German desk cannot open, and says which file, where, and what to do, as the command line would.
    const german = await call(served.port, `/_edition/review/de/${SLUG}`);
    expect([german.status, german.body.split('\n')[0]!.startsWith(`content/translations/de/${SLUG}.json:`), german.body.includes('\n  hint: ')]).toEqual([422, true, true]);
  });

  it('keeps a desk closed, and its saves refused, on a memory file that names another article (a file moved or copied)', async () => {
    const dir = reviewProject();
    writeFileSync(join(dir, KOREAN_FILE), readFileSync(join(dir, KOREAN_FILE), 'utf8').replace('"article": "talks"', '"article": "other-story"'));
    const served = await serve(dir);
    const desk = await call(served.port, `/_edition/review/ko/${SLUG}`);
    expect([desk.status, desk.body.startsWith(KOREAN_FILE), desk.body.split('\n')[0]!.includes('(article): article is "other-story"')]).toEqual([422, true, true]);
    const [, first] = segmentsOf(markdown());
    const etag = memoryTag(readFileSync(join(dir, KOREAN_FILE), 'utf8'));
    const refused = await put(served.port, first!.id, { target: KOREAN[0], state: 'reviewed' }, { 'X-Edition-Token': served.token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    expect([refused.status, JSON.parse(refused.body).file]).toEqual([422, KOREAN_FILE]);
  });

  it('keeps a flag on a segment whose English changed when its target is saved without clearing it', async () => {
    const dir = reviewProject(koreanMemory((index) => (index === 2 ? { flag: 'legal: check the names before publishing' } : {})));
    const edited = PARAGRAPHS.map((text, index) => (index === 1 ? text.replace('without an agreement', 'without any agreement') : text));
    writeFileSync(join(dir, `content/${SLUG}.md`), markdown(edited));
    const moved = segmentsOf(markdown(edited))[2]!;
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const saved = await put(served.port, moved.id, { target: KOREAN[1], state: 'reviewed' }, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag });
    expect(saved.status).toBe(200);
    expect(readKorean(dir).segments[moved.id]).toMatchObject({ source: moved.source, target: KOREAN[1], state: 'reviewed', flag: 'legal: check the names before publishing' });
    expect(readKorean(dir).segments[LINKED.id]).toBeUndefined();
  });

  it('refuses a write that breaks the placeholder tags, with the reason, and one made against a file changed since (409)', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag };
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    const broken = await put(served.port, LINKED.id, { target: '부처의 성명에 따르면 회담은 합의 없이 끝났다.', state: 'reviewed' }, headers);
    expect([broken.status, JSON.parse(broken.body)]).toEqual([
      422,
      { error: 'the placeholder tags do not match the English: tag <a1> missing', code: 'segment/placeholders', detail: 'tag <a1> missing' },
    ]);
    const unclosed = await put(served.port, LINKED.id, { target: '부처의 <a1>성명에 따르면 회담은 합의 없이 끝났다.', state: 'reviewed' }, headers);
    expect(unclosed.status).toBe(422);
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);

    // Someone else changes the file (an editor, a git checkout) after the desk was loaded.
    const changed = serializeMemory(koreanMemory((index) => (index === 0 ? { target: '무역 회담 결렬' } : {})));
    writeFileSync(join(dir, KOREAN_FILE), changed);
    const stale = await put(served.port, segments[1]!.id, { target: '새 번역', state: 'reviewed' }, headers);
    expect([stale.status, JSON.parse(stale.body)]).toEqual([409, { error: `${KOREAN_FILE} changed since the page was loaded`, code: 'serve/conflict' }]);
    const missingTag = await put(served.port, segments[1]!.id, { target: '새 번역', state: 'reviewed' }, { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}` });
    expect(missingTag.status).toBe(409);
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(changed);
  });

  it('refuses a target the build would not publish, with the reason, and leaves the file as it was', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag };
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    const id = segments[1]!.id;
    const script = await put(served.port, id, { target: '회담 javascript:alert(1)', state: 'reviewed' }, headers);
    expect(script.status).toBe(422);
    expect(JSON.parse(script.body)).toMatchObject({ code: 'translation/unchecked', error: expect.stringContaining('fails the checks every published target passes') });
    // A character no memory file may hold: refused by the same checks, before the file is replaced, not after.
    const control = await put(served.port, id, { target: '회담\u0085', state: 'reviewed' }, headers);
    expect([control.status, JSON.parse(control.body).code]).toEqual([422, 'translation/unchecked']);
    expect(JSON.parse(control.body).error).toContain('U+0085');
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);
    // The desk still writes to the file, with the ETag it had.
    expect((await put(served.port, id, { target: '회담', state: 'reviewed' }, headers)).status).toBe(200);
    expect((await runCli(dir, ['check', '--locales', 'ko'])).code).toBe(0);
  });

  it('answers what the README says first: an unknown segment is 404 whatever the ETag, an empty target 400 even where the English has tags', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': '"stale"' };
    expect((await put(served.port, 'ffffffffffffffff', { target: '새 번역', state: 'reviewed' }, headers)).status).toBe(404);
    const { etag } = await desk(served.port);
    const empty = await put(served.port, LINKED.id, { target: ' ', state: 'reviewed' }, { ...headers, 'If-Match': etag });
    expect([empty.status, JSON.parse(empty.body)]).toEqual([400, { error: 'the translation is empty', code: 'serve/empty-target' }]);
  });

  it('refuses bodies that are too large, not JSON, or ask for what the desk cannot do', async () => {
    const dir = reviewProject();
    const served = await serve(dir);
    const { token, etag } = await desk(served.port);
    const headers = { 'X-Edition-Token': token, Origin: `http://127.0.0.1:${served.port}`, 'If-Match': etag };
    const before = readFileSync(join(dir, KOREAN_FILE), 'utf8');
    const status = async (body: unknown, id = segments[1]!.id) => (await put(served.port, id, body, headers)).status;
    expect(await status({ target: 'x'.repeat(70 * 1024), state: 'reviewed' })).toBe(413);
    expect(await status({ target: '새 번역', state: 'initial' })).toBe(400);
    expect(await status({ target: '새 번역', state: 'reviewed', origin: 'deepl' })).toBe(400);
    expect(await status({ target: '', state: 'reviewed' })).toBe(400);
    expect(await status({ target: '새 번역', state: 'reviewed' }, 'nosuchsegment')).toBe(404);
    expect((await call(served.port, `/_edition/api/memory/xx/${SLUG}/${segments[1]!.id}`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(
      404,
    );
    expect(
      (await call(served.port, `/_edition/api/memory/ko/${SLUG}/${segments[1]!.id}`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"target":' })).status,
    ).toBe(400);
    expect(readFileSync(join(dir, KOREAN_FILE), 'utf8')).toBe(before);
  });
});

describe('the review desk', { timeout: 30_000 }, () => {
  it('shows English and translation side by side with states, Korean labels, the diff of a source change and tag tokens', async () => {
    const memory = koreanMemory((index) =>
      index === 1 ? { origin: 'deepl' } : index === 2 ? { sourceChanged: true, previousSource: 'The talks ended, according to a <a1>statement</a1> from the ministry.', state: 'reviewed' } : {},
    );
    const served = await serve(reviewProject(memory));
    const { page, token } = await desk(served.port);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(token).toBe(served.token);
    expect(page.body).toContain('<html lang="ko" dir="ltr">');
    expect(page.body).toContain('<h1>검토: talks (ko)</h1>');
    expect(page.body).toContain('세그먼트 4개 중 2개 확인 필요.');
    expect(page.body).toContain(`<section class="row" id="s-${segments[1]!.id}" data-id="${segments[1]!.id}" data-category="machine" data-state="translated">`);
    expect(page.body).toContain(`data-category="source-changed"`);
    expect(page.body).toContain('<span class="label">영어 원문 이전 → 현재: </span><bdi>The talks ended <ins>without an agreement</ins>, according to a statement from the ministry.</bdi>');
    expect(page.body).toContain(
      '<div class="editor" contenteditable="true" role="textbox" aria-multiline="false" aria-label="' +
        LINKED.id +
        '" spellcheck lang="ko" dir="ltr">부처의 <span class="tag" contenteditable="false" draggable="true" data-tag="<a1>" dir="ltr">&#x3C;a1></span>성명<span class="tag" contenteditable="false" draggable="true" data-tag="</a1>" dir="ltr">&#x3C;/a1></span>에 따르면 회담은 합의 없이 끝났다.</div>',
    );
    const index = await call(served.port, '/_edition/review/');
    expect(index.status).toBe(200);
    expect(index.body).toContain(`<td class="attention"><a href="/_edition/review/ko/${SLUG}">2</a></td>`);
  });

  it('lists an article whose memory does not read in the desk index, with that count unknown and the other locales counted', async () => {
    const dir = reviewProject();
    cpSync(join(repoRoot, 'locales/de'), join(dir, 'locales/de'), { recursive: true });
    writeFileSync(join(dir, KOREAN_FILE), '{ broken');
    const served = await serve(dir);
    const index = await call(served.port, '/_edition/review/');
    expect(index.status).toBe(200);
    expect(index.body).toContain(`<td class="attention"><a href="/_edition/review/ko/${SLUG}">?</a></td>`);
    // German has no memory yet: every segment needs a translator, counted as ever.
    expect(index.body).toContain(`<td class="attention"><a href="/_edition/review/de/${SLUG}">${segments.length}</a></td>`);
    expect(index.body).not.toContain('확인이 필요한 항목이 없습니다');
    expect(index.body).not.toContain('Nothing needs attention');
  });

  it('counts what the publishing policy holds for review, as check does: human translations below humanState', async () => {
    const dir = reviewProject();
    writeFileSync(join(dir, 'content/site.yaml'), 'url: "https://news.example.com/"\nsourceLocale: en\npublishing:\n  humanState: reviewed\n');
    const served = await serve(dir);
    // The title and three paragraphs, translated by people and not reviewed.
    expect((await call(served.port, '/_edition/review/')).body).toContain(`<td class="attention"><a href="/_edition/review/ko/${SLUG}">4</a></td>`);
    expect((await desk(served.port)).page.body).toContain('세그먼트 4개 중 4개 확인 필요.');
  });

  it('never turns memory text into markup: hostile targets are shown as text', async () => {
    const hostile = ['<img src=x onerror="alert(1)">', '&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;', '\u202Egnp.exe\u202C &lt;script&gt;alert(1)&lt;/script&gt;'];
    const memory = koreanMemory((index) => (index >= 1 ? { target: hostile[index - 1]!, origin: 'deepl' } : {}));
    memory.segments[LINKED.id]!.target = `${hostile[1]} <a1>x</a1>`;
    const served = await serve(reviewProject(memory));
    const { page } = await desk(served.port);
    expect(page.body).not.toMatch(/<img|<a href="javascript|<script>alert/u);
    expect(page.body).toContain('&#x3C;img src=x onerror="alert(1)">');
    expect(page.body).toContain('&#x3C;a href="javascript:alert(1)">click&#x3C;/a>');
    expect(page.body).toContain('\u202Egnp.exe\u202C &#x3C;script>alert(1)&#x3C;/script>');
    // Each stops every build: the desk files them with the flagged, says why, and counts them in its index.
    expect(page.body.match(/data-category="flagged"/gu)).toHaveLength(3);
    expect(page.body).toContain('<bdi class="flag">text that looks like HTML markup, not in the source: "&#x3C;script>"');
    expect((await call(served.port, '/_edition/review/')).body).toContain(`<td class="attention"><a href="/_edition/review/ko/${SLUG}">3</a></td>`);
  });

  it('answers the desk only for a configured target locale and a known article', async () => {
    const dir = reviewProject();
    mkdirSync(join(dir, 'content/translations/xx'), { recursive: true });
    const served = await serve(dir);
    for (const path of [`/_edition/review/en/${SLUG}`, `/_edition/review/xx/${SLUG}`, '/_edition/review/ko/nothing', '/_edition/review/ko/__proto__', '/_edition/review/constructor/talks']) {
      expect([path, (await call(served.port, path)).status]).toEqual([path, 404]);
    }
  });
});

describe('a target as the desk edits it', () => {
  it('shows every placeholder tag as a tag token, also one written with a space (<code1 />)', () => {
    expect(targetParts('관리들은 <code1 /> 말했다 <a2>성명</a2 >')).toEqual([{ text: '관리들은 ' }, { tag: '<code1 />' }, { text: ' 말했다 ' }, { tag: '<a2>' }, { text: '성명' }, { tag: '</a2 >' }]);
  });
});
