import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';
import { newsroomPage } from './newsroom-page.js';
import type { DiffPart } from './word-diff.js';

export interface DiffSection {
  /** Where the change is: memory file and segment id. */
  heading: string;
  status: string;
  source: { lang: string; dir: 'ltr' | 'rtl'; parts: DiffPart[] };
  target: { lang: string; dir: 'ltr' | 'rtl'; parts: DiffPart[] };
}

const STYLE = `
body{font:1rem/1.6 system-ui,"Noto Sans","Noto Sans CJK KR","Noto Sans CJK JP","Noto Sans CJK SC","Noto Sans Arabic",sans-serif;max-width:60rem;margin:1rem auto;padding-inline:1rem}
section{border-block-end:1px solid #ddd;padding-block:.5rem}
h2{font-size:.875rem;font-family:ui-monospace,monospace;font-weight:400;color:#555}
p{overflow-wrap:anywhere}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
:lang(ko){word-break:keep-all}
`.trim();

/** A static page of word diffs, for a reviewer to read in a browser or attach to a pull request. */
export function diffPage(title: string, sections: readonly DiffSection[]): Root {
  const text = (parts: readonly DiffPart[]): ElementContent[] => parts.map((part) => (part.kind === 'same' ? { type: 'text', value: part.text } : h(part.kind === 'added' ? 'ins' : 'del', part.text)));
  return newsroomPage(title, STYLE, [
    h('h1', title),
    ...(sections.length === 0 ? [h('p', 'No changes.')] : []),
    ...sections.map((section) =>
      h('section', [
        h('h2', `${section.heading} · ${section.status}`),
        h('p', { lang: section.source.lang, dir: section.source.dir }, text(section.source.parts)),
        // As the terminal says it: an empty target is no translation yet, not an empty one.
        section.target.parts.every((part) => part.text === '')
          ? h('p', { className: ['missing'], lang: 'en', dir: 'ltr' }, 'no translation yet')
          : h('p', { lang: section.target.lang, dir: section.target.dir }, text(section.target.parts)),
      ]),
    ),
  ]);
}
