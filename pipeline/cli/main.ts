#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { EditionError, isEditionError } from '../errors.js';
import type { CommandIo } from './build-command.js';
import { exitCodeOf } from './exit-codes.js';
import { terminalSafe } from './terminal-text.js';
import { answeredAsJson, failureJson } from './json-failure.js';

// Each command's code is loaded when that command runs: a build need not
// load the reviewer's tools, nor they the renderer.

/**
 * The command line: the only place that reads the environment, the working
 * directory and argv, and that decides exit codes.
 */
export async function main(argv: readonly string[], io: CommandIo = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const program = new Command('edition')
    .description('Multilingual publishing pipeline: one English article in, localized editions out')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Commander quotes what was typed (`unknown command 'x'`): an escape sequence in it must not reach the terminal.
      writeErr: (text) => io.stderr.write(terminalSafe(text)),
    })
    .showSuggestionAfterError(true)
    // Before the command only: `xliff export --version 1.2` is the export's own option.
    .enablePositionalOptions()
    .version(ownVersion(), '-V, --version', 'print the version of edition');

  program
    .command('build')
    .description('build every edition of every article into the out folder')
    .option('--locales <codes>', 'comma-separated locales to build (default: all under locales/)')
    .option('--translator <name>', 'deepl, memory (stored translations) or pseudo (layout check); default: deepl when DEEPL_AUTH_KEY is set, else memory')
    .option('--max-characters <n>', 'send nothing if the build would bill more characters than this', wholeNumber)
    .addOption(contentOption())
    .option('--out <dir>', 'output folder (default: out; out-pseudo for --translator pseudo, which never writes out/)', folderName('--out'))
    .addOption(localesDirOption())
    .option('--shard <i/n>', 'build the i-th of n deterministic parts of the locales (merge with `edition manifest`)')
    .option('--force', 'rebuild every edition, ignoring the build cache')
    .option('--cache <dir>', 'folder for the build cache (default: <out>/.cache)')
    .option('--archive', 'also write a reproducible out/<locale>.tar.gz per locale')
    .option('--json', 'print the summary as JSON')
    .option('--strict', 'fail, publishing nothing, when any edition is held back (a missing, flagged or unreviewed translation, or a city with no name)')
    .option('--workers <n>', 'threads that build articles (default: one per core; 1 builds in one thread; the output is the same)', workerCount)
    .action(async (options) => {
      await (await import('./build-command.js')).buildCommand(options, io);
    });

  program
    .command('manifest')
    .description('write out/manifest.json for shard outputs copied into one folder')
    .option('--out <dir>', 'the merged output folder', folderName('--out'), 'out')
    .option('--json', 'print the result as JSON')
    .action(async (options) => {
      await (await import('./manifest-command.js')).manifestCommand(options, io);
    });

  program
    .command('estimate')
    .description('segments and characters a build would send for translation, per locale (nothing is sent)')
    .option('--locales <codes>', 'comma-separated locales (default: all under locales/)')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .option('--json', 'print the figures as JSON')
    .action(async (options) => {
      await (await import('./estimate-command.js')).estimateCommand(options, io);
    });

  program
    .command('usage')
    .description("the DeepL account's character usage this billing period (needs DEEPL_AUTH_KEY)")
    .option('--json', 'print the usage as JSON')
    .action(async (options) => {
      await (await import('./usage-command.js')).usageCommand(options, io);
    });

  program
    .command('rename')
    .description("give an article a new name (its file and its pages'), moving its translations with it; also after the file was renamed by hand")
    .argument('<old>', "the article's name now (content/<old>.md), or before it was renamed")
    .argument('<new>', 'its new name')
    .addOption(contentOption())
    .action(async (from: string, to: string, options) => {
      await (await import('./rename-command.js')).renameCommand(from, to, options, io);
    });

  program
    .command('check')
    .description(
      "CI gate under the site's publishing policy: fail on what a build would hold back (a missing, stale or flagged segment, a translation the policy wants reviewed, a dateline city with no name) or what is broken (placeholder tags, an edited memory id, a linked file a build cannot publish, an hreflang link to a missing edition); warn on the rest (a changed English under a kept translation, an unreviewed correction, a glossary miss, a figure of the English the translation lacks, a link to an article that leads nowhere, an orphan entry), and say what reading the articles warns of, as a build does; count unreviewed machine segments per locale",
    )
    .option('--locales <codes>', 'comma-separated locales (default: all under locales/)')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .option('--out <dir>', 'built output whose hreflang links are checked, when it exists', folderName('--out'), 'out')
    .option('--json', 'print the problems as JSON')
    .addOption(
      new Option('--fail-on <what>', 'held: fail on what a build would hold back or is broken; broken: only on what is broken (for a run that publishes what is ready)')
        .choices(['held', 'broken'])
        .default('held'),
    )
    .action(async (options) => {
      await (await import('./check-command.js')).checkCommand(options, io);
    });

  program
    .command('status')
    .description('where every edition stands: published or held (and why), per-locale coverage, the cost to complete each locale')
    .option('--locales <codes>', 'comma-separated locales (default: all under locales/)')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .option('--json', 'print the coverage matrix as JSON')
    .option('--html <file>', 'also write the dashboard (noindex) as an HTML page')
    .option('--lang <code>', 'the locale whose number format and newsroom name the dashboard uses (default: the source locale); its labels are English')
    .action(async (options) => {
      await (await import('./status-command.js')).statusCommand(options, io);
    });

  program
    .command('diff')
    .description("each changed segment's English change and translation change, word by word")
    .argument('<locale>', 'the edition language, e.g. ko')
    .argument('[slug]', 'one article (default: every article)')
    .option('--since <revision>', 'compare with the translations as committed at this git revision')
    .option('--html <file>', 'also write the diff as an HTML page')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .action(async (locale: string, slug: string | undefined, options) => {
      await (await import('./diff-command.js')).diffCommand(locale, slug, options, io);
    });

  program
    .command('review')
    .description("write a reviewer's page (noindex): English and translation side by side, with states, origins and source changes")
    .argument('<locale>', 'the edition language, e.g. ko')
    .argument('<slug>', 'the article')
    .option('--out <file>', 'where to write the page (default: review/<locale>/<slug>.html)')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .action(async (locale: string, slug: string, options) => {
      await (await import('./review-command.js')).reviewCommand(locale, slug, options, io);
    });

  program
    .command('serve')
    .description('serve the site from memory with live reload, and the review desk that writes the memory')
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 4000)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--allow-remote', 'allow a --host other machines can reach')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .action(async (options) => {
      await (await import('./serve-command.js')).serveCommand(options, io);
    });

  const xliff = program.command('xliff').description('exchange translations with reviewers and translation tools as XLIFF 2.1 (or 1.2)');
  xliff
    .command('export')
    .description("one locale's segments with their states and notes (default: to standard output)")
    .argument('<locale>', 'the edition language, e.g. ko')
    .argument('[slug]', 'one article (default: every article)')
    .option('-o, --out <file>', 'write the XLIFF to this file')
    .addOption(new Option('--version <version>', 'XLIFF version: 2.1, or 1.2 for tools that read only that').choices(['2.1', '1.2']).default('2.1'))
    .addOption(contentOption())
    .addOption(localesDirOption())
    .action(async (locale: string, slug: string | undefined, options) => {
      await (await import('./xliff-command.js')).xliffExportCommand(locale, slug, options, io);
    });
  xliff
    .command('import')
    .description('take reviewed translations back; a file with any bad unit is refused whole')
    .argument('<file>', 'an XLIFF file from `edition xliff export`')
    .addOption(contentOption())
    .addOption(localesDirOption())
    .action(async (file: string, options) => {
      await (await import('./xliff-command.js')).xliffImportCommand(file, options, io);
    });

  program
    .command('merge-memory')
    .description("merge a memory file three ways, segment by segment (a git merge driver: merge.edition-memory.driver 'npx edition merge-memory %O %A %B %P')")
    .argument('<base>', 'the common ancestor (empty or absent: both sides added the file)')
    .argument('<ours>', 'our version, replaced by the merge')
    .argument('<theirs>', 'their version')
    .argument('[path]', "the file's path in the repository, for messages (git's %P)")
    .action(async (base: string, ours: string, theirs: string, path: string | undefined) => {
      await (await import('./merge-memory-command.js')).mergeMemoryCommand(base, ours, theirs, path, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (caught) {
    const error = fileSystemError(caught) ?? caught;
    const json = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).includes('--json');
    if (json && !answeredAsJson(error) && !(error instanceof CommanderError && error.exitCode === 0)) io.stdout.write(failureJson(error, {}, (file) => showFile(io.cwd, file)));
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message; help and version are not failures.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isEditionError(error)) {
      // Messages quote what came from outside (a server's answer, a file's text, a path).
      io.stderr.write(`error: ${terminalSafe(error.format((file) => showFile(io.cwd, file)))}\n`);
      return exitCodeOf(error);
    }
    io.stderr.write(`internal error: ${terminalSafe((error as Error)?.message ?? String(error))}\n  hint: this is a bug in edition; please report it with the command you ran\n`);
    return 70;
  }
}

/**
 * A file the system would not let a command read or write (no permission,
 * a folder where a file was expected, or the reverse) is the user's to fix,
 * not a bug in edition: named, with what to do, exit 1. Errors of this kind
 * that a stage knows more about arrive as EditionErrors already.
 */
function fileSystemError(error: unknown): EditionError | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof path !== 'string') return undefined;
  const what = FILE_SYSTEM_ERRORS.get(code ?? '');
  if (what === undefined) return undefined;
  return new EditionError(`${what} (${syscall ?? 'access'})`, { code: 'io/file-system', file: path, hint: 'check the path and its permissions for the user running edition', cause: error });
}

const FILE_SYSTEM_ERRORS = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EISDIR', 'a folder where a file was expected'],
  ['ENOTDIR', 'a file where a folder was expected'],
  ['ELOOP', 'too many symbolic links'],
  ['ENAMETOOLONG', 'name too long'],
]);

/**
 * Paths in messages as the user would type them: relative to the working
 * directory when inside it. Stages that only know an absolute path (the
 * out folder, a file that failed to decode) are shown the same way.
 */
function showFile(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const shown = relative(cwd, file);
  return shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? file : shown;
}

/**
 * The version in edition's own package.json, the nearest one named
 * `edition` above this file (the sources, the bundle in dist/, or a bundle
 * written elsewhere for a test).
 */
function ownVersion(): string {
  for (let folder = new URL('.', import.meta.url); ; folder = new URL('..', folder)) {
    try {
      const data = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8')) as { name?: unknown; version?: unknown };
      if (data.name === 'edition' && typeof data.version === 'string') return data.version;
    } catch {
      // No package.json here, or not one that can be read: look further up.
    }
    if (new URL('..', folder).href === folder.href) return 'unknown';
  }
}

/** Every command that reads the project takes the same two folders. */
function contentOption(): Option {
  return new Option('--content <dir>', 'folder of articles; its translations live under it').default('content').argParser(folderName('--content'));
}

function localesDirOption(): Option {
  return new Option('--locales-dir <dir>', 'folder of locale resources').default('locales').argParser(folderName('--locales-dir'));
}

/**
 * A folder option given as empty text (an unset CI variable, `--content "$DIR"`) would name the working folder:
 * a build there found no articles and published an empty site over out/, exit 0. It is a mistake in the command.
 */
function folderName(option: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new EditionError(`${option} names no folder`, { code: 'cli/no-folder', field: option, hint: `name a folder, or leave ${option} out for its default` });
    return value;
  };
}

function wholeNumber(value: string): number {
  if (!/^\d+$/u.test(value)) {
    throw new EditionError(`"${value}" is not a whole number`, { code: 'cli/invalid-option', field: '--max-characters', hint: 'write a count of characters, e.g. --max-characters 500000' });
  }
  return Number(value);
}

function workerCount(value: string): number {
  if (!/^\d{1,3}$/u.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new EditionError(`"${value}" is not a number of workers`, { code: 'cli/invalid-option', field: '--workers', hint: 'write a number from 1 to 64, e.g. --workers 2' });
  }
  return Number(value);
}

function portNumber(value: string): number {
  if (!/^\d{1,5}$/u.test(value) || Number(value) > 65535) {
    throw new EditionError(`"${value}" is not a port number`, { code: 'cli/invalid-option', field: '--port', hint: 'write a number from 0 to 65535, e.g. --port 4000' });
  }
  return Number(value);
}

// Run when executed as a program (through the npm bin link too), not when imported by tests.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `edition diff ko | head` closes the pipe early: that is the reader's
  // choice, not a failure, and deserves no stack trace. What is printed
  // after is dropped, and the command runs to its end: a build stopped
  // there would leave out/ half written with its lock held, and exit 0.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
  process.exitCode = await main(process.argv.slice(2));
}
