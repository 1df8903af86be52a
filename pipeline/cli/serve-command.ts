import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, join, relative, resolve, sep } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { contentLockFile, withLock } from '../io/lock.js';
import { readTextSyncIfPresent } from '../io/read-text.js';
import { watchFolders } from '../io/watch.js';
import { isLoopback } from '../serve/guard.js';
import { ServedSite, type Render } from '../serve/served-site.js';
import { startServer, type RunningServer } from '../serve/server.js';
import type { CommandIo } from './build-command.js';
import { readProjectInput } from './project-input.js';
import { terminalSafe, warningLine } from './terminal-text.js';

export interface ServeCommandOptions {
  content: string;
  localesDir: string;
  port: number;
  host: string;
  /** Listening on an address other machines can reach needs saying so. */
  allowRemote?: boolean;
}

export interface ServeHandle {
  server: RunningServer;
  site: ServedSite;
  token: string;
  close(): Promise<void>;
}

/** `edition serve`: serve until interrupted. */
export async function serveCommand(options: ServeCommandOptions, io: CommandIo): Promise<void> {
  const handle = await startServe(options, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await handle.close();
}

/**
 * Render the site into memory, serve it with the review desk, and render
 * again what each edit under content/ or locales/ changes.
 */
export async function startServe(options: ServeCommandOptions, io: CommandIo): Promise<ServeHandle> {
  if (!isLoopback(options.host) && !options.allowRemote) {
    throw new EditionError(`listening on ${options.host} would let other machines reach the review desk`, {
      code: 'serve/remote-host',
      field: '--host',
      hint: 'serve on 127.0.0.1 (the default), or add --allow-remote if every machine on that network may edit the memory with the token',
    });
  }
  const contentDir = resolve(io.cwd, options.content);
  const localesDir = resolve(io.cwd, options.localesDir);
  const site = new ServedSite((await readProjectInput({ content: options.content, localesDir: options.localesDir }, io.cwd)).project);
  const first = await site.render();
  // The problems quote the project's files (a misspelt setting, a city): made safe to print, as every command's are.
  if (first.problem) io.stderr.write(`error: ${terminalSafe(first.problem)}\n`);
  // What a build would warn of (a dead link, a misspelt field), each said once while the preview runs, not at every render.
  const said = new Set<string>();
  const warn = (render: Render) => {
    for (const warning of render.warnings ?? []) {
      if (said.has(warning)) continue;
      said.add(warning);
      io.stderr.write(warningLine(warning));
    }
  };
  warn(first);
  // What stops the site now: the terminal's last word, and the answer to a page the preview has not got. A project
  // that cannot be read stays broken until it is read again, whatever renders in between (from the project last read).
  // The render that ends both says so, even when no page changed.
  let unreadable: string | undefined;
  let unrendered = first.problem;
  const problem = () => unreadable ?? unrendered;
  const token = randomBytes(24).toString('base64url');
  // The memory writes of this server, one after another.
  let writing: Promise<unknown> = Promise.resolve();
  let server: RunningServer | undefined;

  /** Render again and tell the open pages; a project that cannot be read keeps the pages served so far. */
  const refresh = async (reread: boolean, files: readonly string[]) => {
    site.touched(files);
    const before = problem();
    if (reread) {
      try {
        site.project = (await readProjectInput({ content: options.content, localesDir: options.localesDir }, io.cwd)).project;
        unreadable = undefined;
      } catch (error) {
        if (!(error instanceof EditionError)) throw error;
        io.stderr.write(`error: ${terminalSafe(error.format())}\n`);
        server?.broadcast('problem', { message: error.format() });
        unreadable = error.format();
        return;
      }
    }
    const render = await site.render();
    if (render.problem) {
      io.stderr.write(`error: ${terminalSafe(render.problem)}\n`);
      server?.broadcast('problem', { message: render.problem });
      unrendered = render.problem;
      return;
    }
    unrendered = undefined;
    warn(render);
    if (render.changed.length > 0) server?.broadcast('change', { paths: render.changed });
    const fixed = before !== undefined && problem() === undefined;
    if (render.changed.length > 0 || fixed) {
      io.stdout.write(
        `rendered ${render.rebuilt} edition${render.rebuilt === 1 ? '' : 's'}, ${render.changed.length} page${render.changed.length === 1 ? '' : 's'} changed${fixed ? ' (the error above is fixed)' : ''}\n`,
      );
    }
  };

  server = await startServer({
    site,
    problem,
    host: options.host,
    port: options.port,
    token,
    effects: {
      async updateMemory(file, update) {
        // Writes from this server's own requests (two tabs saving at once) wait their turn; only another process's lock refuses one.
        const turn = writing.then(() =>
          withLock(contentLockFile(contentDir), `the translation memory in ${options.content}`, async () => {
            const next = update(readTextSyncIfPresent(join(io.cwd, file)));
            await writeFileAtomic(join(io.cwd, file), next);
            site.touched([file]);
            return next;
          }),
        );
        writing = turn.catch(() => undefined);
        return turn;
      },
      afterWrite: () => refresh(false, []),
    },
  });
  const watcher = watchFolders([contentDir, localesDir], (files) => {
    void refresh(
      files.some((file) => needsReread(file, site, { contentDir, localesDir, cwd: io.cwd, broken: unreadable !== undefined })),
      files,
    ).catch((error: unknown) => {
      io.stderr.write(`internal error: ${terminalSafe((error as Error)?.message ?? String(error))}\n`);
    });
  });
  if (!isLoopback(options.host)) {
    io.stderr.write(`warning: serving on ${options.host}: anyone who can reach it can read the site and, through the review desk (whose pages carry the token), change the memory\n`);
  }
  io.stdout.write(`serving ${server.origin}/ (review desk: ${server.origin}/_edition/review/)\ntoken: ${token}\n`);
  return {
    server,
    site,
    token,
    async close() {
      watcher.close();
      await server.close();
    },
  };
}

/**
 * Whether a changed file changes the project itself (settings, locales, the
 * list of articles) rather than the text of an article or memory it
 * already knows: then the project is read again.
 */
function needsReread(file: string, site: ServedSite, where: { contentDir: string; localesDir: string; cwd: string; broken: boolean }): boolean {
  const { contentDir, localesDir, cwd } = where;
  if (file === localesDir || file.startsWith(localesDir + sep)) return true;
  if (file === join(contentDir, 'site.yaml') || file === contentDir) return true;
  if (relative(contentDir, file).includes(sep)) return false;
  if (!basename(file).endsWith('.md')) return false;
  const known = site.project.articles.some((article) => resolve(cwd, article.file) === file);
  const exists = existsSync(file);
  // Added or deleted; and, while the project cannot be read, gone without ever being read (the bad new file deleted
  // again: its error ends). Not otherwise: an editor's lock file (Emacs's `.#story.md`, a link to nowhere) comes and goes with every save.
  return known !== exists || (where.broken && !known && !exists);
}
