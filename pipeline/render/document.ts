import { h } from 'hastscript';
import type { ElementContent, Root } from 'hast';
import type { LocaleConfig } from '../localization/locale.js';
import type { Site } from '../content/site.js';
import { fontStyles, styles } from './styles.js';
import { applyTypography } from './typography.js';

/** The HTML document around every page: doctype, html lang/dir, head basics, stylesheet; the locale's typography over its text. */
export function htmlDocument(locale: LocaleConfig, title: string, head: ElementContent[], body: ElementContent[], theme: Theme = {}): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale.code, dir: locale.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          applyTypography(h('title', title), locale),
          ...head,
          h('style', styles + fontStyles(locale.fonts)),
          // The newsroom's stylesheet comes after the built-in one, so its rules win.
          ...(theme.stylesheet ? [h('link', { rel: 'stylesheet', href: theme.stylesheet })] : []),
        ]),
        applyTypography(h('body', body), locale),
      ]),
    ],
  };
}

/** The newsroom's look, as addresses from the page being rendered. */
export interface Theme {
  stylesheet?: string | undefined;
  logo?: string | undefined;
}

/** The site's stylesheet and logo as seen from a page `prefix` away from out/ (`../` for a locale's pages). */
export function themeOf(site: Site, prefix: string): Theme {
  const { stylesheet, logo } = site.published ?? {};
  return { stylesheet: stylesheet && `${prefix}${stylesheet}`, logo: logo && `${prefix}${logo}` };
}

/** The masthead's content: the logo, named by the publication for readers who cannot see it, or the name. */
export function mastheadContent(theme: Theme, publication: string): ElementContent {
  return theme.logo ? h('img', { src: theme.logo, alt: publication, className: ['logo'] }) : { type: 'text', value: publication };
}
