/**
 * One small stylesheet inlined in every page, so an edition is a single
 * file a reviewer can open anywhere. Logical properties (margin-inline,
 * border-inline-start) make the same rules right for rtl editions.
 */
/**
 * Font families after a locale's own (locale.yaml `fonts`): Noto before
 * system-ui, since system-ui is DejaVu on many Linux desktops even where the
 * Noto fonts of the page's script are installed.
 */
export const FONT_FAMILIES = '"Noto Sans",system-ui,-apple-system,"Segoe UI","Noto Sans CJK KR","Noto Sans CJK JP","Noto Sans CJK SC","Noto Sans Arabic",sans-serif';

/** The page's font stack: its script's families first. */
export function fontStyles(fonts: readonly string[] | undefined): string {
  return fonts?.length ? `body{font-family:${[...fonts.map((font) => `"${font}"`), FONT_FAMILIES].join(',')}}` : '';
}

export const styles = `
body{margin:0;font:1.0625rem/1.7 ${FONT_FAMILIES};color:#1a1a1a;background:#fff;overflow-wrap:break-word}
pre{overflow-x:auto}
header.site,main{max-width:42rem;margin-inline:auto;padding-inline:1rem}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;padding-block:1rem;border-block-end:1px solid #ddd}
.masthead{font-weight:700;text-decoration:none;color:inherit}
.logo{max-height:2.5rem;width:auto;vertical-align:middle}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0;list-style:none;font-size:.875rem}
nav a[aria-current]{font-weight:700;text-decoration:none;color:inherit}
h1{font-size:2rem;line-height:1.25;margin-block:1.5rem .75rem;overflow-wrap:anywhere}
.standfirst{font-size:1.2rem;color:#333}
.meta,.disclosure,.notice{font-size:.875rem;color:#555}
.dateline{font-weight:700}
.notice{padding:.5rem .75rem;border-inline-start:4px solid #c60;background:#fff6ec}
.disclosure{border-block-start:1px solid #ddd;padding-block-start:1rem;margin-block-start:2rem}
.corrections{border-block-start:1px solid #ddd;margin-block-start:2rem}
article img{max-width:100%;height:auto}
figure.lead{margin:1rem 0}
table{border-collapse:collapse}.table-scroll{overflow-x:auto}th,td{border:1px solid #ccc;padding:.25rem .5rem}th a,td a{overflow-wrap:anywhere}
ol.articles{list-style:none;padding:0}ol.articles li{margin-block:1rem}
nav.pages{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin-block:2rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
:lang(ko){word-break:keep-all;overflow-wrap:anywhere}
:lang(ja),:lang(zh-CN){line-break:strict}
.meta bdi,.meta time{unicode-bidi:isolate}
`.trim();
