import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { buildScratch } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { mockTranslator } from '../support/mock-translator.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const story = (title: string, body: string) => `---\ntitle: "${title}"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;

describe('a link to another article by its file', () => {
  it("points at that article's page in the same edition, its section kept; other links stay as written", async () => {
    const dir = scratchProject({
      'content/talks.md': story('Talks resume', 'See [our earlier story](strike.md#background), [the same](./strike.md), [the data](https://example.com/data.md) and [a page](other/strike.md).'),
      'content/strike.md': story('Port strike', 'The strike began on Monday.'),
    });
    dirs.push(dir);
    const { files } = await buildScratch(dir, mockTranslator());
    for (const locale of ['en', 'ko']) {
      const page = files.get(`${locale}/talks.html`)!;
      expect(page).toContain('href="strike.html#background"');
      expect(page).toContain('href="strike.html"');
      expect(page).toContain('href="https://example.com/data.md"');
      expect(page).toContain('href="other/strike.md"');
      expect(files.has(`${locale}/strike.html`)).toBe(true);
    }
  });
});
