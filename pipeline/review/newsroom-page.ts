import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';

/**
 * The document around a page for the newsroom, never for readers: English
 * chrome, and noindex, nofollow so a copy left on a public server is not
 * listed.
 */
export function newsroomPage(title: string, style: string, body: ElementContent[]): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en', dir: 'ltr' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'robots', content: 'noindex, nofollow' }),
          h('title', title),
          h('style', style),
        ]),
        h('body', body),
      ]),
    ],
  };
}
