import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildScratch } from '../support/build.js';
import { fixture, scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';
import { pseudoTranslator } from '../../pipeline/translation/translators/pseudo.js';
import { tempDir } from '../support/temp.js';
import { checkHtml } from '../support/nu-checker.js';

describe('HTML validity (Nu Html Checker)', () => {
  it('passes on every page of the seed build and of a rich article in every locale', async () => {
    // Subheads as newsrooms' Markdown has them: starting at ###, skipping a level, a body # Heading.
    const outline = '---\ntitle: "Outline"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n### Background\n\nText.\n\n##### Detail\n\nText.[^1]\n\n# Reaction\n\nText.\n\n[^1]: A note.\n';
    const project = scratchProject({ 'content/rich.md': fixture('rich-article.md'), 'content/outline.md': outline }, { withSeed: true });
    // One story a list page: the later pages of each locale's list, and their links, are checked too.
    appendFileSync(join(project, 'content/site.yaml'), 'indexEntries: 1\n');
    const out = tempDir('edition-vnu-');
    for (const [translator, folder] of [
      [mockTranslator(), 'mock'],
      [pseudoTranslator(), 'pseudo'],
    ] as const) {
      const { files } = await buildScratch(project, translator);
      for (const [path, html] of files) {
        const file = join(out, folder, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, html);
      }
    }
    const messages = checkHtml(out);
    expect(messages.map((message) => `${message.url.split('/').slice(-3).join('/')}:${message.lastLine} ${message.message}`)).toEqual([]);
  }, 120_000);

  it('notices invalid HTML (the checker is really running)', () => {
    const dir = tempDir('edition-vnu-');
    writeFileSync(join(dir, 'bad.html'), '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>');
    expect(checkHtml(dir).length).toBeGreaterThan(0);
  }, 60_000);
});
