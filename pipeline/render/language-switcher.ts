import { h } from 'hastscript';
import type { Element } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';

/**
 * Links to the same page in every edition, each labelled in its own
 * language and marked with its language so screen readers pronounce it.
 * The current edition's link is this page (`aria-current="page"`), or,
 * from a later page of a list, the current edition's first page: then it
 * is only the current one of the editions (`"true"`), not this page.
 */
export function languageSwitcher(label: string, current: LocaleConfig, locales: readonly LocaleConfig[], hrefOf: (locale: string) => string, currentLink: 'page' | 'true' = 'page'): Element {
  return h('nav', { ariaLabel: label }, [
    h(
      'ul',
      locales.map((locale) =>
        h('li', [
          h(
            'a',
            {
              href: hrefOf(locale.code),
              hrefLang: locale.code,
              lang: locale.code,
              ...(locale.dir === current.dir ? {} : { dir: locale.dir }),
              ...(locale.code === current.code ? { ariaCurrent: currentLink } : {}),
            },
            locale.name,
          ),
        ]),
      ),
    ),
  ]);
}
