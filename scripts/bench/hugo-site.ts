/**
 * The benchmark's Hugo site: the same articles, in the same languages, with
 * the same translations, so that `hugo` does work comparable to an edition
 * build. Each edition becomes a Markdown file in its language's content
 * folder (the memory's targets put back into the article's tree, then
 * written as Markdown), and the templates give every page hreflang
 * alternates, a language switcher and a localized date, with Hugo's own
 * RSS feeds and sitemaps per language.
 *
 *     tsx scripts/bench/hugo-site.ts PROJECT_DIR HUGO_DIR
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { assembleArticle } from '../../pipeline/segments/segment-article.js';
import { parseMemory } from '../../pipeline/translation/memory/memory-file.js';

const BASEOF = `<!doctype html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with .Site.Home.AllTranslations.Reverse }}{{ end }}
</head>
<body>
<nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`;

const SINGLE = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="standfirst">{{ . }}</p>{{ end }}
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ time.Format ":date_long" .Date }}</time></p>
<div class="body"><p><span class="dateline">{{ upper .Params.city }}</span></p>{{ .Content }}</div>
</article>{{ end }}
`;

const LIST = `{{ define "main" }}<ol class="articles">{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ time.Format ":date_long" .Date }}</time></li>{{ end }}</ol>{{ end }}
`;

const [project, out] = process.argv.slice(2) as [string, string];
const locales = readdirSync(join(project, 'locales'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const toMarkdown = unified().use(remarkGfm).use(remarkStringify).freeze();

const languages = locales.map((code, index) => {
  const settings = parseYaml(readFileSync(join(project, 'locales', code, 'locale.yaml'), 'utf8')) as { name: string; dir: string };
  return `[languages.${JSON.stringify(code.toLowerCase())}]
languageCode = ${JSON.stringify(code)}
languageName = ${JSON.stringify(settings.name)}
languageDirection = ${JSON.stringify(settings.dir)}
contentDir = ${JSON.stringify(`content/${code}`)}
weight = ${index + 1}
`;
});
writeFileSync(
  join(out, 'hugo.toml'),
  `baseURL = "https://news.example.com/"
title = "News"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]
${languages.join('\n')}`,
);
for (const [name, text] of [
  ['baseof.html', BASEOF],
  ['single.html', SINGLE],
  ['list.html', LIST],
] as const) {
  mkdirSync(join(out, 'layouts/_default'), { recursive: true });
  writeFileSync(join(out, 'layouts/_default', name), text);
}

const quote = (text: string) => JSON.stringify(text);
for (const name of readdirSync(join(project, 'content'))
  .filter((file) => file.endsWith('.md'))
  .sort()) {
  const slug = name.slice(0, -3);
  const article = loadArticle(readFileSync(join(project, 'content', name), 'utf8'), `content/${name}`, slug);
  const { date, dateline } = article.frontMatter;
  const instant = date.kind === 'instant' ? date.iso : `${date.iso}T00:00:00Z`;
  for (const code of locales) {
    let text: { title: string; summary: string | undefined; body: string };
    if (code === 'en') {
      text = { title: article.frontMatter.title, summary: article.frontMatter.summary, body: String(toMarkdown.stringify(article.tree)) };
    } else {
      const memoryFile = join(project, 'content/translations', code, `${slug}.json`);
      const memory = parseMemory(readFileSync(memoryFile, 'utf8'), memoryFile);
      const assembled = assembleArticle(article, (id) => memory.segments[id]?.target, code);
      text = { title: assembled.title, summary: assembled.summary, body: String(toMarkdown.stringify(assembled.tree)) };
    }
    mkdirSync(join(out, 'content', code), { recursive: true });
    const summary = text.summary === undefined ? '' : `summary: ${quote(text.summary)}\n`;
    writeFileSync(join(out, 'content', code, name), `---\ntitle: ${quote(text.title)}\n${summary}date: ${quote(instant)}\ncity: ${quote(dateline.city)}\n---\n\n${text.body}`);
  }
}
