import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';
import { newsroomPage } from './newsroom-page.js';
import type { LocaleConfig } from '../localization/locale.js';
import type { Translate } from '../localization/i18n.js';

/** Why an edition is held, as the build reports it. */
export interface StatusReason {
  kind: string;
  segments: readonly string[];
  message: string;
}

/** One edition's segments by state, and how many are ready to publish under the policy. */
export interface EditionCounts {
  segments: number;
  /** Characters of the English, as DeepL counts them. */
  characters: number;
  readySegments: number;
  readyCharacters: number;
  missing: number;
  stale: number;
  flagged: number;
  /** Machine translations nobody has reviewed. */
  unreviewedMachine: number;
  /** Human translations not yet reviewed. */
  human: number;
  reviewed: number;
  final: number;
}

export interface StatusEdition {
  slug: string;
  file: string;
  locale: string;
  published: boolean;
  reasons: readonly StatusReason[];
  counts: EditionCounts;
}

export interface LocaleStatus {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
  published: number;
  held: number;
  segments: number;
  readySegments: number;
  characters: number;
  readyCharacters: number;
  unreviewedMachine: number;
  /** What a DeepL build would send to fill the locale's gaps. */
  toComplete: { segments: number; characters: number };
}

/** The coverage matrix, article × target locale. The original is always published. */
export interface StatusReport {
  sourceLocale: string;
  articles: { slug: string; file: string; title: string }[];
  locales: LocaleStatus[];
  editions: StatusEdition[];
}

/** A share as a whole percentage, rounded down so 99.6 % never reads as complete. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part * 100) / whole);
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.summary { color: #555; margin: 0 0 1.25rem; }
.chart { display: grid; grid-template-columns: max-content 16rem 1fr; gap: .35rem .75rem; align-items: center; max-width: 60rem; }
.bar { background: #e6e6e6; height: 1rem; border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; background: #2f7d32; }
.bar.partial span { background: #c77700; }
.figures { font-variant-numeric: tabular-nums; color: #333; font-size: .9rem; }
table { border-collapse: collapse; margin-top: 1.5rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; font-size: .9rem; }
td.published { background: #e8f5e9; }
td.held { background: #fff3e0; }
td ul { margin: .2rem 0 0; padding-left: 1rem; }
`;

/**
 * The desk editor's dashboard: a bar per locale showing how much of it is
 * ready to publish, then the matrix of editions with each held one's
 * reasons. Locale names are in their own language; numbers, and the
 * publication's name, in the reader's UI language (`--lang`), the one string
 * the locale files hold for it; the labels are English. For the newsroom
 * only: noindex.
 */
export function statusPage(report: StatusReport, ui: { locale: LocaleConfig; t: Translate }): Root {
  const number = new Intl.NumberFormat(ui.locale.intl);
  const n = (value: number) => number.format(value);
  // As the reader's language writes a share: `0 %` in German and French, `%0` in Turkish.
  const share = new Intl.NumberFormat(ui.locale.intl, { style: 'percent' });
  const pct = (value: number) => share.format(value / 100);
  const byLocale = new Map(report.locales.map((locale) => [locale.code, locale]));
  const editionOf = new Map(report.editions.map((edition) => [`${edition.slug}\u0000${edition.locale}`, edition]));
  const published = report.editions.filter((edition) => edition.published).length;
  const localeName = (code: string): ElementContent => {
    const locale = byLocale.get(code);
    return h('span', { lang: code, ...(locale && locale.dir !== 'ltr' ? { dir: locale.dir } : {}) }, locale?.name ?? code);
  };

  const chart = report.locales.flatMap((locale) => {
    const ready = percent(locale.readySegments, locale.segments);
    return [
      h('div', [localeName(locale.code), ` (${locale.code})`]),
      h('div', { className: ready === 100 ? ['bar'] : ['bar', 'partial'], role: 'img', ariaLabel: `${locale.code}: ${pct(ready)} of segments ready` }, [h('span', { style: `width: ${ready}%` })]),
      h(
        'div',
        { className: ['figures'] },
        `${pct(ready)} of segments, ${pct(percent(locale.readyCharacters, locale.characters))} of characters · ${n(locale.published)} published, ${n(locale.held)} held · ${n(locale.unreviewedMachine)} unreviewed machine · to complete: ${n(locale.toComplete.segments)} segments, ${n(locale.toComplete.characters)} characters`,
      ),
    ];
  });

  const matrix = h('table', [
    h('caption', `Editions by article and locale (the ${report.sourceLocale} original is always published)`),
    h('thead', [h('tr', [h('th', { scope: 'col' }, 'Article'), ...report.locales.map((locale) => h('th', { scope: 'col' }, [localeName(locale.code)]))])]),
    h(
      'tbody',
      report.articles.map((article) =>
        h('tr', [
          h('th', { scope: 'row' }, [article.title, h('br'), h('small', article.file)]),
          ...report.locales.map((locale) => {
            const edition = editionOf.get(`${article.slug}\u0000${locale.code}`);
            if (!edition) return h('td', '');
            const { counts } = edition;
            const states = [
              [counts.final, 'final'],
              [counts.reviewed, 'reviewed'],
              [counts.human, 'human, unreviewed'],
              [counts.unreviewedMachine, 'machine, unreviewed'],
              [counts.stale, 'stale'],
              [counts.flagged, 'flagged'],
              [counts.missing, 'missing'],
            ] as const;
            return h('td', { className: [edition.published ? 'published' : 'held'] }, [
              h('strong', edition.published ? 'published' : 'held'),
              h('br'),
              h(
                'small',
                states
                  .filter(([count]) => count > 0)
                  .map(([count, label]) => `${n(count)} ${label}`)
                  .join(', '),
              ),
              ...(edition.reasons.length > 0
                ? [
                    h(
                      'ul',
                      edition.reasons.map((reason) => h('li', reason.message)),
                    ),
                  ]
                : []),
            ]);
          }),
        ]),
      ),
    ),
  ]);

  return newsroomPage(`${ui.t('publication')}: translation status`, STYLE, [
    h('main', [
      h('h1', [h('span', { lang: ui.locale.code, ...(ui.locale.dir === 'ltr' ? {} : { dir: ui.locale.dir }) }, ui.t('publication')), ': translation status']),
      h(
        'p',
        { className: ['summary'] },
        `${n(report.articles.length)} articles, ${n(report.locales.length)} locales: ${n(published)} translated editions published, ${n(report.editions.length - published)} held`,
      ),
      h('h2', 'Ready to publish, per locale'),
      h('div', { className: ['chart'] }, chart),
      h('h2', 'Editions'),
      matrix,
    ]),
  ]);
}
