import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScratch, seedProject } from '../support/build.js';
import { h } from 'hastscript';
import { TYPOGRAPHY_RULES } from '../../pipeline/localization/typography.js';
import { applyTypography } from '../../pipeline/render/typography.js';

const SLUG = 'kim-jong-un-supports-russia';
let dir: string;
let files: Map<string, string>;
beforeAll(async () => {
  dir = seedProject();
  ({ files } = await buildScratch(dir));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NNBSP = '\u202F';

describe('locale typography on the repository pages', () => {
  it('French: narrow no-break spaces inside guillemets and before ; : ! ?', () => {
    const fr = files.get(`fr/${SLUG}.html`)!;
    expect(fr).toContain(`« fanfaronnade ridicule d’un Don Quichotte du XXIe siècle »`.replaceAll('« ', `«${NNBSP}`).replaceAll(' »', `${NNBSP}»`));
    expect(fr).toContain(`qui se bat pour son pays${NNBSP}; elle se livre en outre`);
    expect(fr.match(/« |[ \u00A0][»;:!?]/gu)).toEqual(null);
    expect(files.get('fr/feed.xml')).toContain(`<title>The Sample Herald${NNBSP}: Derniers articles</title>`);
  });

  it('Japanese and Chinese: no ASCII space after a full stop, in the body and in the notice joined to its link', () => {
    for (const code of ['ja', 'zh-CN']) {
      const page = files.get(`${code}/${SLUG}.html`)!;
      expect({ code, gaps: page.match(/[。！？] /gu) }).toEqual({ code, gaps: null });
    }
    expect(files.get(`ja/${SLUG}.html`)).toContain('まだ編集者による確認を経ていません。<a href="../en/');
    expect(files.get('ja/feed.xml')).toContain('<title>サンプル・ヘラルド：最新記事</title>');
    expect(files.get('zh-CN/feed.xml')).toContain('<title>样例先驱报：最新报道</title>');
  });

  it('reads the text after a footnote marker as following what came before the marker', () => {
    const paragraph = h('p', ['文。', h('sup', [h('a', { href: '#fn-1', dataFootnoteRef: true }, '1')]), ' 次の文。']);
    applyTypography(paragraph, { code: 'ja', typography: ['cjk-spacing'] });
    expect(paragraph.children.at(-1)).toEqual({ type: 'text', value: '次の文。' });
    const french = h('p', ['Il a dit', h('sup', [h('a', { href: '#fn-1' }, '1')]), ' : oui']);
    applyTypography(french, { code: 'fr', typography: ['french-spacing'] });
    expect(french.children.at(-1)).toEqual({ type: 'text', value: `${NNBSP}: oui` });
  });

  it('leaves code, other languages and already-right text alone, and gives the same text applied twice', () => {
    const french = TYPOGRAPHY_RULES.get('french-spacing')!;
    expect(french('Il a dit : « oui » ; puis http://x.org', '')).toBe(`Il a dit${NNBSP}: «${NNBSP}oui${NNBSP}»${NNBSP}; puis http://x.org`);
    expect(french(french('« a » !', ''), '')).toBe(`«${NNBSP}a${NNBSP}»${NNBSP}!`);
    expect(french(' texte', '«')).toBe(`${NNBSP}texte`);
    // A space left out is added, where a word meets the mark; times, ratios and addresses keep their colon, "?!" takes one space.
    expect(french('L’émissaire a demandé: «Pourquoi maintenant?»', '')).toBe(`L’émissaire a demandé${NNBSP}: «${NNBSP}Pourquoi maintenant${NNBSP}?${NNBSP}»`);
    expect(french('À 10:30, le ratio 3:1, voir http://x.fr/?a=1', '')).toBe('À 10:30, le ratio 3:1, voir http://x.fr/?a=1');
    expect(french('Quoi?! (sic!)', '')).toBe(`Quoi${NNBSP}?! (sic${NNBSP}!)`);
    expect(french('?', 't')).toBe(`${NNBSP}?`);
    expect(french('Pourquoi', '«')).toBe(`${NNBSP}Pourquoi`);
    for (const text of ['demandé: «Pourquoi?»', 'Quoi?! (sic!)', 'Il a dit : « oui »']) expect(french(french(text, ''), '')).toBe(french(text, ''));
    const cjk = TYPOGRAPHY_RULES.get('cjk-spacing')!;
    expect(cjk('終わった。 次に、 Kim は', '')).toBe('終わった。次に、Kim は');
    expect(cjk(' 英語', '。')).toBe('英語');
    expect(cjk(' Kim', 'a')).toBe(' Kim');
  });
});

describe('locale typography beyond the page body', () => {
  it('sets the title in French spacing wherever it goes: window title, headline, Open Graph, JSON-LD, the list and the feed', async () => {
    const project = seedProject();
    const file = join(project, `content/translations/fr/${SLUG}.json`);
    const memory = JSON.parse(readFileSync(file, 'utf8')) as { segments: Record<string, { source: string; target: string }> };
    const title = Object.values(memory.segments).find((entry) => entry.source.startsWith('Kim Jong-un Supports'))!;
    title.target = 'Kim Jong-un : soutien à la Russie';
    writeFileSync(file, JSON.stringify(memory, null, 2));
    const built = (await buildScratch(project)).files;
    rmSync(project, { recursive: true, force: true });
    const set = `Kim Jong-un${NNBSP}: soutien à la Russie`;
    const page = built.get(`fr/${SLUG}.html`)!;
    for (const where of [`<title>${set} |`, `<h1>${set}</h1>`, `<meta property="og:title" content="${set}">`, `"headline":"${set}"`]) expect([where, page.includes(where)]).toEqual([where, true]);
    expect(built.get('fr/index.html')).toContain(set);
    expect(built.get('fr/feed.xml')).toContain(`<title>${set}</title>`);
    expect(page).not.toContain('Kim Jong-un :');
  });
});
