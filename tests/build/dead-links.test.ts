import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/build.js';
import { scratchProject } from '../support/project.js';
import { translateByHand } from '../support/mock-translator.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const story = (title: string, body: string) => `---\ntitle: "${title}"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;

const translate = (dir: string, slug: string, locale: string) => translateByHand(dir, slug, locale, 'reviewed');

const build = async (dir: string) => {
  const run = await runCli(dir, ['build', '--locales', 'en,ko,ja']);
  expect(run.code, run.stderr).toBe(0);
  return run.stderr.split('\n').filter((line) => line.includes('leads nowhere'));
};

/** What `edition check` finds of links to other articles. */
const checked = async (dir: string) => {
  const run = await runCli(dir, ['check', '--locales', 'ko,ja', '--json']);
  const report = JSON.parse(run.stdout) as { problems: Array<{ kind: string; severity: string; locale: string; message: string }> };
  return report.problems.filter((problem) => problem.kind === 'article-link').map(({ kind, severity, locale, message }) => ({ kind, severity, locale, message }));
};

describe('a link to another article that leads nowhere', { timeout: 60_000 }, () => {
  it('is warned of while the article it names does not exist, also when the linking story is carried over, and no longer once it does', async () => {
    const dir = scratchProject({ 'content/talks.md': story('Talks resume', 'Talks resumed.\n\nSee [our earlier story](strike.md#background).') });
    dirs.push(dir);
    const expected = [
      "warning: content/talks.md:9: links strike.md, but there is no article strike (content/strike.md): the link leads nowhere in every edition; link an article by its file name alone, as the content folder has it (strike.md for content/strike.md), or link the page's full address",
    ];
    expect(await build(dir)).toEqual(expected);
    // In the JSON answer too, for CI reading it rather than stderr; also from a build with nothing to do.
    for (let run = 0; run < 2; run += 1) {
      const json = JSON.parse((await runCli(dir, ['build', '--locales', 'en,ko,ja', '--json'])).stdout) as { warnings: string[] };
      expect(json.warnings.map((warning) => `warning: ${warning}`)).toEqual(expected);
    }
    writeFileSync(join(dir, 'content/notes.md'), story('Notes', 'Nothing else.'));
    expect(await build(dir)).toEqual(expected);
    expect(await checked(dir)).toEqual([
      { kind: 'article-link', severity: 'warning', locale: 'en', message: 'links strike.md, but there is no article strike (content/strike.md): the link leads nowhere in every edition (line 9)' },
    ]);
    writeFileSync(join(dir, 'content/strike.md'), story('Port strike', 'The strike began.'));
    expect(await build(dir)).toEqual([]);
  });

  it('is warned of when it names a Markdown file that is no article, with the article it likely means; a reference no link uses, and the front page, are not', async () => {
    const dir = scratchProject({
      'content/talks.md': story(
        'Talks resume',
        [
          'See [the strike][s], [home](index.md), [then](Strike.MD), [again](../content/strike.md) and [later](stirke.md).',
          '',
          '[s]: strike.md',
          '[s]: strkie.md',
          '[old]: walkout.md',
          '',
          'And [ours](talk.md).',
        ].join('\n'),
      ),
      'content/strike.md': story('Port strike', 'The strike began.'),
    });
    dirs.push(dir);
    const hint = "did you mean strike.md? link an article by its file name alone, as the content folder has it (strike.md for content/strike.md), or link the page's full address";
    const expected = [
      `warning: content/talks.md:7: links ../content/strike.md, a Markdown file that is not an article's: edition publishes no such file, and the link leads nowhere in every edition; ${hint}`,
      `warning: content/talks.md:7: links Strike.MD, a Markdown file that is not an article's: edition publishes no such file, and the link leads nowhere in every edition; ${hint}`,
      `warning: content/talks.md:7: links stirke.md, but there is no article stirke (content/stirke.md): the link leads nowhere in every edition; ${hint}`,
      // Not "did you mean talks.md?": the story itself.
      "warning: content/talks.md:13: links talk.md, but there is no article talk (content/talk.md): the link leads nowhere in every edition; link an article by its file name alone, as the content folder has it (strike.md for content/strike.md), or link the page's full address",
    ];
    expect(await build(dir)).toEqual(expected);
    // A site of the English alone: check has no edition to loop over, and still reads the articles.
    const run = await runCli(dir, ['check', '--locales', 'en', '--json']);
    const problems = (JSON.parse(run.stdout) as { problems: Array<{ kind: string; action: string }> }).problems;
    expect(problems.map((problem) => problem.kind)).toEqual(expected.map(() => 'article-link'));
    expect(problems.slice(0, 3).map((problem) => problem.action)).toEqual([hint, hint, hint]);
  });

  it('is warned of in each locale whose edition of the linked story is held back, and no longer once it is published', async () => {
    const dir = scratchProject({
      'content/talks.md': story('Talks resume', 'Talks resumed.\n\nSee [our earlier story](strike.md).'),
      'content/strike.md': story('Port strike', 'The strike began.'),
    });
    dirs.push(dir);
    for (const locale of ['ko', 'ja']) translate(dir, 'talks', locale);
    expect(await build(dir)).toEqual([
      'warning: content/talks.md:9: links strike.md, whose ja, ko editions are held back: there, the link leads nowhere until they are published (edition status lists what they wait for)',
    ]);
    expect(await checked(dir)).toEqual([
      { kind: 'article-link', severity: 'warning', locale: 'ja', message: 'links strike.md (line 9), whose edition is held back: in this edition the link leads nowhere until that one is published' },
      { kind: 'article-link', severity: 'warning', locale: 'ko', message: 'links strike.md (line 9), whose edition is held back: in this edition the link leads nowhere until that one is published' },
    ]);
    translate(dir, 'strike', 'ja');
    expect(await build(dir)).toEqual([
      'warning: content/talks.md:9: links strike.md, whose ko edition is held back: there, the link leads nowhere until it is published (edition status lists what it waits for)',
    ]);
    translate(dir, 'strike', 'ko');
    expect(await build(dir)).toEqual([]);
    expect(await checked(dir)).toEqual([]);
  });
});
