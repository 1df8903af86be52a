import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import { styles } from './styles.js';

/** The HTML document around every page: doctype, html lang/dir, head basics, stylesheet. */
export function htmlDocument(locale: LocaleConfig, title: string, head: ElementContent[], body: ElementContent[]): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale.code, dir: locale.dir }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', title), ...head, h('style', styles)]),
        h('body', body),
      ]),
    ],
  };
}
