/**
 * The benchmark's baseline: plain unified (remark-parse → remark-rehype →
 * rehype-stringify) over the same articles, once per locale, writing the
 * same number of pages, with no translation and no template.
 *
 *     tsx scripts/bench/baseline.ts CONTENT_DIR OUT_DIR LOCALES
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';

const [content, out, locales] = process.argv.slice(2) as [string, string, string];
const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze();
const files = readdirSync(content)
  .filter((name) => name.endsWith('.md'))
  .sort();
for (const locale of locales.split(',')) {
  mkdirSync(join(out, locale), { recursive: true });
  for (const name of files) {
    const html = String(processor.processSync(readFileSync(join(content, name), 'utf8')));
    writeFileSync(join(out, locale, name.replace(/\.md$/u, '.html')), html);
  }
}
