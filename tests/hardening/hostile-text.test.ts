/**
 * Text made to crash edition: control characters, deep nesting, alias
 * bombs, names and links that lead where they should not. Every command
 * that reads the text answers with exit 1 and a `file:line` message, never
 * exit 70, never a stack trace, never a control character or the contents
 * of a file it could not parse.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli, type CliRun } from '../support/build.js';
import { article, hardeningProject, memoryFor, TALKS, VALID_FRONT_MATTER } from './project.js';
import { serializeMemory } from '../../pipeline/translation/memory/memory-file.js';
import { findForbiddenCharacter } from '../../pipeline/content/characters.js';
import { EditionError } from '../../pipeline/errors.js';
import { exitCodeOf } from '../../pipeline/cli/exit-codes.js';
import { loadProject } from '../support/project.js';

const talksDe = 'content/translations/de/talks.json';
const talksMemoryText = () => serializeMemory(memoryFor(TALKS, 'talks', 'de'));

/** A folder outside the project (removed, like the projects, when this file's tests end). */
const outside = () => tempDir('edition-outside-');

/**
 * What a user sees of a run: the exit code, the first error line, whether a
 * hint follows, and whether stderr is clean (no stack trace, no "internal
 * error", no control character).
 */
function outcome(run: CliRun) {
  return {
    code: run.code,
    error: /^error: .*$/mu.exec(run.stderr)?.[0],
    hint: /\n {2}hint: /u.test(run.stderr),
    clean: !/\n\s+at |internal error|a bug in edition/u.test(run.stderr) && findForbiddenCharacter(run.stderr) === undefined,
  };
}

/** The outcome of a refused input: exit 1, the error line given (whole), a hint, nothing raw. */
function refused(error: string | RegExp) {
  return { code: 1, error: typeof error === 'string' ? `error: ${error}` : expect.stringMatching(error), hint: true, clean: true };
}

/** The commands that read every article and its memory. */
const commands = (slug: string) => [['build'], ['estimate'], ['check'], ['review', 'de', slug], ['xliff', 'export', 'de', slug]];

describe('control characters', () => {
  it.each(commands('story'))('`edition %s` refuses a control character in an article, naming its line and code point', async (...args) => {
    const dir = hardeningProject({ 'content/story.md': article(VALID_FRONT_MATTER, 'Line one.\n\nLine\u0007two.') });
    expect(outcome(await runCli(dir, args))).toEqual(refused('content/story.md:10: line contains the control character U+0007'));
  });

  it.each(commands('talks'))('`edition %s` refuses a control character in a memory target, naming its line and field', async (...args) => {
    const text = talksMemoryText().replace('"target": "', '"target": "\\u0001');
    const line = text.split('\n').findIndex((row) => row.includes('\\u0001')) + 1;
    const dir = hardeningProject({ [talksDe]: text });
    expect(outcome(await runCli(dir, args))).toEqual(
      refused(
        new RegExp(`^error: content/translations/de/talks\\.json:${line} \\(segments\\.[0-9a-f]{16}\\.target\\): segments\\.[0-9a-f]{16}\\.target contains the control character U\\+0001$`, 'u'),
      ),
    );
  });

  it.each([
    ['U+FFFF in the text', 'A \uFFFF B.', 'content/story.md:8: line contains the control character U+FFFF'],
    ['U+001B (escape) in the text', 'A \u001B[2K B.', 'content/story.md:8: line contains the control character U+001B'],
  ])('a build refuses %s', async (_name, body, error) => {
    const dir = hardeningProject({ 'content/story.md': article(VALID_FRONT_MATTER, body) });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused(error));
  });

  it.each([
    ['"\\x07"', 'U+0007'],
    ['"\\uD800"', 'U+D800'],
  ])('a build refuses a title written with the YAML escape %s', async (escape, name) => {
    const dir = hardeningProject({ 'content/story.md': article(`title: ${escape}\ndate: "2024-06-27"\ndateline: {city: Seoul}`) });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused(`content/story.md:2 (title): title contains the control character ${name}`));
  });
});

describe('nesting', () => {
  const nestedEmphasis = (depth: number) => `${Array.from({ length: depth }, () => '*a').join(' ')} x${' b*'.repeat(depth)}`;
  it.each([
    ['5,000 block quote markers (5 KB)', '>'.repeat(5000) + ' deep', 'content/story.md:8: block quotes and lists nested more than 100 levels deep (two columns of indentation count as one level)'],
    [
      'a list nested 700 levels',
      Array.from({ length: 700 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n'),
      'content/story.md:108: block quotes and lists nested more than 100 levels deep (two columns of indentation count as one level)',
    ],
    // Refused before the pairs close: more markers open than a paragraph may hold.
    ['2,000 nested emphasis markers', `${'*'.repeat(2000)}x${'*'.repeat(2000)}`, 'content/story.md:8: more than 256 emphasis or strikethrough markers or brackets left open in one paragraph'],
    ['emphasis nested 4,000 levels', nestedEmphasis(4000), 'content/story.md:8: more than 256 emphasis or strikethrough markers or brackets left open in one paragraph'],
    [
      '300 KB of paragraphs, each emphasis nested 40 levels',
      Array.from({ length: 800 }, () => nestedEmphasis(40)).join('\n\n'),
      'content/story.md:8: emphasis, strikethrough and links nested more than 32 levels deep',
    ],
    ['images nested 500 levels', `${'!['.repeat(500)}x${'](i.png)'.repeat(500)}`, 'content/story.md:8: more than 256 emphasis or strikethrough markers or brackets left open in one paragraph'],
    ['images nested 40 levels', `${'!['.repeat(40)}x${'](i.png)'.repeat(40)}`, 'content/story.md:8: emphasis, strikethrough and links nested more than 32 levels deep'],
  ])('a build refuses %s, naming the line', async (_name, body, error) => {
    const dir = hardeningProject({ 'content/story.md': article(VALID_FRONT_MATTER, body) });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused(error));
  });

  it('a build refuses a memory target with 100,000 nested tags', async () => {
    const text = talksMemoryText().replace(/"target": "[^"]*<em\d+>/u, (match) => match.replace(/<em\d+>$/u, `${'<em9>'.repeat(100_000)}<em`));
    const dir = hardeningProject({ [talksDe]: text });
    // Refused by the checks every target passes before it is published, with what to fix.
    expect(outcome(await runCli(dir, ['build']))).toEqual(
      refused(/^error: content\/translations\/de\/talks\.json \([0-9a-f]{16}\): de translation fails the checks every published target passes: tags nested more than 200 levels deep$/u),
    );
  });

  it('a build refuses a memory file nested 100,000 levels deep', async () => {
    const dir = hardeningProject({ [talksDe]: `{"article": "talks", "locale": "de", "segments": {"x": ${'['.repeat(100_000)}` });
    expect(outcome(await runCli(dir, ['build']))).toEqual(refused('content/translations/de/talks.json:1: not valid JSON: nested more than 16 levels deep'));
  });
});

describe('YAML and site settings', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  ].join('\n');

  it('a build refuses an alias bomb in front matter', async () => {
    const dir = hardeningProject({ 'content/story.md': article(`${VALID_FRONT_MATTER}\n${bomb}`) });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('content/story.md:2: front matter expands its aliases (*name) more than 100 times'));
  });

  it('a build refuses an alias bomb in site.yaml', async () => {
    const dir = hardeningProject({ 'content/site.yaml': `url: "https://news.example.com/"\n${bomb}\n` });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('content/site.yaml: expands its YAML aliases (*name) more than 100 times'));
  });

  it.each(['javascript:alert(1)//', 'file:///var/www/', 'https://news.example.com/?edition=/', 'https://news.example.com/#/', 'https://user:secret@news.example.com/'])(
    'a build refuses url: %s in site.yaml',
    async (url) => {
      const dir = hardeningProject({ 'content/site.yaml': `url: ${JSON.stringify(url)}\n` });
      expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(
        refused('content/site.yaml (url): url must be an http or https address ending in /, without ?query, #fragment or user name'),
      );
    },
  );
});

describe('memory files', () => {
  it('a build refuses a memory file copied into another locale folder', async () => {
    const dir = hardeningProject({ 'content/translations/fr/talks.json': talksMemoryText() }, ['en', 'de', 'fr']);
    expect(outcome(await runCli(dir, ['build']))).toEqual(refused('content/translations/fr/talks.json:3 (locale): locale is "de", but the file is in the folder of locale "fr"'));
  });

  it('a build refuses a memory file copied under another article name', async () => {
    const dir = hardeningProject({ 'content/story.md': TALKS, 'content/translations/de/story.json': talksMemoryText() });
    expect(outcome(await runCli(dir, ['build']))).toEqual(refused('content/translations/de/story.json:2 (article): article is "talks", but the file is named for article "story"'));
  });

  it('a "__proto__" segment id is an id like any other, and fails the hash check', async () => {
    const text = talksMemoryText().replace(/"[0-9a-f]{16}": \{/u, '"__proto__": {');
    const dir = hardeningProject({ [talksDe]: text });
    expect(outcome(await runCli(dir, ['build']))).toEqual(refused("content/translations/de/talks.json (segments.__proto__.source): source does not match the entry's id (its hash differs)"));
  });

  it('a JSON error never quotes the file', async () => {
    const dir = hardeningProject({ [talksDe]: 'secret-hostname-1234\n' });
    const run = await runCli(dir, ['build']);
    expect(outcome(run)).toEqual(refused('content/translations/de/talks.json:1: not valid JSON: a character that JSON does not allow here (text must be in double quotes)'));
    expect(run.stderr).not.toContain('secret');
  });
});

describe('file names and links', () => {
  it.each(['a#b?c.md', 'a\\b.md', 'caf\u00e9.md', '-rf.md', 'a b.md'])('a build refuses the article file name %s', async (name) => {
    const dir = hardeningProject({ [`content/${name}`]: TALKS });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused(`content: article file name ${JSON.stringify(name)} cannot be a page name`));
  });

  it.each(['index.md', 'Index.md'])("a build refuses %s, whose page is each locale's list of stories", async (name) => {
    const dir = hardeningProject({ [`content/${name}`]: TALKS });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused(`content: article file name "${name}" is taken by each locale's list of stories (index.html)`));
  });

  it('a file name with a control character is refused without printing it', async () => {
    const dir = hardeningProject({ 'content/a\u001b[2Kb.md': TALKS });
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('content: article file name "aU+001B[2Kb.md" cannot be a page name'));
  });

  it('a dot-file is skipped with a warning, never published as a hidden page', async () => {
    const dir = hardeningProject({ 'content/.hidden.md': TALKS });
    const run = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: content: ".hidden.md" is a hidden file (its name starts with a dot), not an article; skipped');
    expect(readFileSync(join(dir, 'out-pseudo/manifest.json'), 'utf8')).not.toContain('hidden');
  });

  it('a memory file linked to a file outside the content folder is refused, its contents not shown', async () => {
    const secret = join(outside(), 'hostname');
    writeFileSync(secret, 'secret-host\n');
    const dir = hardeningProject({ [talksDe]: null });
    mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
    symlinkSync(secret, join(dir, talksDe));
    const run = await runCli(dir, ['build']);
    expect(outcome(run)).toEqual(refused(`${talksDe}: is a symbolic link that leads out of the content folder`));
    expect(run.stderr).not.toContain('secret');
  });

  it('a memory folder linked outside the content folder is refused before anything is written', async () => {
    const elsewhere = outside();
    const dir = hardeningProject({ [talksDe]: null });
    mkdirSync(join(dir, 'content/translations'));
    symlinkSync(elsewhere, join(dir, 'content/translations/de'));
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('content/translations/de: is a symbolic link that leads out of the content folder'));
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('an article linked from outside the content folder is refused, naming the link', async () => {
    const source = join(outside(), 'story.md');
    writeFileSync(source, TALKS);
    const dir = hardeningProject();
    symlinkSync(source, join(dir, 'content/story.md'));
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('content/story.md: is a symbolic link that leads out of the content folder'));
  });

  it('an article linked to nothing is refused as such; one deleted after it was listed is named as gone, to run again', async () => {
    const dangling = hardeningProject();
    symlinkSync(join(dangling, 'content/nowhere.md'), join(dangling, 'content/story.md'));
    expect(outcome(await runCli(dangling, ['build', '--translator', 'pseudo']))).toEqual(refused('content/story.md: is a symbolic link to nothing'));

    const dir = hardeningProject({ 'content/story.md': TALKS });
    const project = await loadProject(dir);
    rmSync(join(dir, 'content/story.md'));
    const error = await project.readArticle(project.articles[0]!).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(EditionError);
    expect(error).toMatchObject({ code: 'content/vanished', message: 'is gone: deleted or renamed while edition read the folder' });
    expect(exitCodeOf(error as EditionError)).toBe(75);
  });

  it('an article linked from inside the content folder is published', async () => {
    const dir = hardeningProject({ 'content/drafts/story.txt': TALKS });
    symlinkSync(join(dir, 'content/drafts/story.txt'), join(dir, 'content/story.md'));
    const run = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out-pseudo/en/story.html'), 'utf8')).toContain('Trade talks end');
  });
});

describe('datelines and dates', () => {
  it.each(['constructor', 'toString', '__proto__'])('city: %s is not found on Object.prototype', async (city) => {
    const dir = hardeningProject({ 'content/story.md': article(`title: "T"\ndate: "2024-06-27"\ndateline:\n  city: "${city}"\n  timezone: Asia/Seoul`) });
    // No locale names it, so the German edition is held back for its city; the English one is published.
    const run = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect({ code: run.code, held: run.stdout.split('\n').filter((line) => line.startsWith('held: ')) }).toEqual({
      code: 0,
      held: [`held: content/story.md: de: no name for the dateline city "${city}" (add it to the locale's cities.yaml)`],
    });
  });

  it('a date in the years 0000-0099 is a calendar date', async () => {
    const dir = hardeningProject({ 'content/story.md': article('title: "T"\ndate: "0079-08-24"\ndateline: {city: Seoul}') });
    const run = await runCli(dir, ['build', '--translator', 'pseudo']);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'out-pseudo/de/story.html'), 'utf8')).toContain('datetime="0079-08-24"');
  });
});

describe('locale settings', () => {
  it('a date option named "constructor" is an unknown option, not a crash', async () => {
    const dir = hardeningProject();
    const settings = join(dir, 'locales/de/locale.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace(/^dateFormat: .*$/mu, 'dateFormat: {constructor: long}'));
    expect(outcome(await runCli(dir, ['build', '--translator', 'pseudo']))).toEqual(refused('locales/de/locale.yaml (dateFormat.constructor): dateFormat.constructor: "long" is not a date option'));
  });
});
