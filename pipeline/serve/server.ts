import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EditionError, type ErrorCode } from '../errors.js';
import { articleOf, parseLocaleMemory, sourceLocaleOf, type ArticleFiles, type ArticleSource, type Project } from '../project/project.js';
import { segmentArticle, type Segment } from '../segments/segment-article.js';
import type { Article } from '../content/article.js';
import { LINKED_FILE_TYPES } from '../content/assets.js';
import { editionStatus } from '../review/segment-status.js';
import type { Strings } from '../localization/i18n.js';
import { projectStrings } from '../project/localization.js';
import type { LocaleConfig } from '../localization/locale.js';
import { memoryFilePath, parseMemory } from '../translation/memory/memory-file.js';
import { stringifyPage } from '../render/stringify.js';
import { CATEGORY_KEYS, categoryOf, deskIndexPage, deskPage, editedEntry, needsReviewer, rowNotes, targetParts, type DeskIndexRow } from './desk-page.js';
import { policyFor } from '../content/site.js';
import { DESK_CSS, DESK_JS, LIVE_JS } from './desk-assets.js';
import { hostChecker, hostHeaderOf, sameSecret, sitePath } from './guard.js';
import { applyReviewWrite, memoryTag, parseReviewWrite, WriteRefusal } from './review-write.js';
import type { ServedSite } from './served-site.js';

/** The largest request body the API reads: a segment's target is far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What the server may do to files: supplied by the command line, which owns the effects. */
export interface ServeEffects {
  /**
   * Replace a memory file holding the content lock, atomically: `update`
   * gets the text on disk now and returns the new text, or throws to
   * leave the file as it is. Resolves to the text written.
   */
  updateMemory(file: string, update: (text: string | undefined) => string): Promise<string>;
  /** Called after a write is stored: render the site again and tell the open pages. */
  afterWrite(): Promise<void>;
}

export interface ServeOptions {
  site: ServedSite;
  effects: ServeEffects;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The secret every write must carry. */
  token: string;
  /** What stops the site from rendering now, if anything: a page the preview has not got is answered with it. */
  problem?: () => string | undefined;
}

export interface RunningServer {
  /** `http://127.0.0.1:4000` */
  origin: string;
  port: number;
  /** Tell every open page what changed. */
  broadcast(event: 'change' | 'problem', data: unknown): void;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  'serve/bad-request': 400,
  'serve/empty-target': 400,
  'serve/forbidden': 403,
  'serve/not-found': 404,
  'serve/conflict': 409,
  'serve/too-large': 413,
  'segment/placeholders': 422,
  'lock/busy': 423,
};

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  gz: 'application/gzip',
  // The pictures and documents an article may link: sent with nosniff, a browser shows a picture only under its own
  // type (an SVG as application/octet-stream is a broken image).
  ...LINKED_FILE_TYPES,
};

const ASSETS = new Map([
  ['_edition/desk.css', { type: TYPES['css']!, body: DESK_CSS }],
  ['_edition/desk.js', { type: TYPES['js']!, body: DESK_JS }],
  ['_edition/live.js', { type: TYPES['js']!, body: LIVE_JS }],
]);

/** Where the served site's pages load the live-reload script; built pages never have it. */
const LIVE_TAG = '<script src="/_edition/live.js"></script>';

/** Desk pages run only their own script and styles, and talk only to this server. */
const DESK_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Serve the site, the review desk and its API until closed. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const clients = new Set<ServerResponse>();
  // Until the port is known, no Host is right.
  const state: State = { ...options, clients, allowHost: () => false, strings: undefined, parsed: new Map() };
  const server: Server = createServer((request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
      // A failure here is a bug: keep serving, but say so where the operator looks.
      process.emitWarning(`edition serve: ${(error as Error)?.message ?? String(error)}`);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => reject(listenError(error, options.host, options.port));
    server.once('error', refuse);
    server.listen(options.port, options.host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.allowHost = hostChecker(options.host, port);
  return {
    origin: `http://${hostHeaderOf(options.host, port)}`,
    port,
    broadcast(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const client of clients) client.write(message);
    },
    async close() {
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why the server cannot listen, in the user's terms: the port is taken, or the address is not this machine's. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): unknown {
  const where = hostHeaderOf(host, port);
  if (error.code === 'EADDRINUSE')
    return new EditionError(`${where} is already in use`, { code: 'serve/listen', field: '--port', hint: 'choose another port with --port N (0 picks a free one)', cause: error });
  if (error.code === 'EACCES') return new EditionError(`not allowed to listen on ${where}`, { code: 'serve/listen', field: '--port', hint: 'choose a port above 1023 with --port N', cause: error });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return new EditionError(`${host} is not an address of this machine`, { code: 'serve/listen', field: '--host', hint: 'give one of its addresses, e.g. --host 127.0.0.1', cause: error });
  }
  return error;
}

interface State extends ServeOptions {
  clients: Set<ServerResponse>;
  allowHost: (header: string | undefined) => boolean;
  strings: { project: Project; strings: Strings } | undefined;
  /** The articles last parsed, by file, with the text they were parsed from (see {@link parsedArticle}). */
  parsed: Map<string, { text: string; article: Article; segments: Segment[] }>;
}

async function handle(state: State, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  if (!state.allowHost(request.headers.host)) {
    send(response, 403, 'text/plain; charset=utf-8', 'this server answers only to the address it listens on\n');
    return;
  }
  const path = sitePath(request.url ?? '');
  if (path === undefined) {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  const api = /^_edition\/api\/memory\/([^/]+)\/([^/]+)\/([^/]+)$/u.exec(path);
  if (api) {
    await handleApi(state, request, response, api[1]!, api[2]!, api[3]!);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (path === '_edition/events') {
    openEvents(state, request, response);
    return;
  }
  const asset = ASSETS.get(path);
  if (asset) {
    send(response, 200, asset.type, asset.body, request.method === 'HEAD');
    return;
  }
  if (path === '_edition/review/index.html' || path === '_edition/review') {
    await sendDeskIndex(state, request, response);
    return;
  }
  const desk = /^_edition\/review\/([^/]+)\/([^/]+)$/u.exec(path);
  if (desk) {
    await sendDesk(state, request, response, desk[1]!, desk[2]!);
    return;
  }
  const content = state.site.file(path);
  if (content === undefined || path.startsWith('_edition/')) {
    // A preview whose first render failed has no page at all: the reviewer is told why, not "not found".
    const problem = path.startsWith('_edition/') ? undefined : state.problem?.();
    if (problem !== undefined) send(response, 503, 'text/plain; charset=utf-8', `edition cannot render the site until this is fixed:\n${problem}\n`);
    else send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  const extension = path.slice(path.lastIndexOf('.') + 1);
  const type = path.endsWith('/feed.xml') ? 'application/atom+xml; charset=utf-8' : (TYPES[extension] ?? 'application/octet-stream');
  const body = extension === 'html' && typeof content === 'string' ? withLiveReload(content) : content;
  send(response, 200, type, body, request.method === 'HEAD');
}

function withLiveReload(html: string): string {
  const end = html.lastIndexOf('</body>');
  return end < 0 ? html + LIVE_TAG : html.slice(0, end) + LIVE_TAG + html.slice(end);
}

function openEvents(state: State, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  response.write(': edition serve\n\n');
  state.clients.add(response);
  request.on('close', () => state.clients.delete(response));
}

/** The article and locale a desk or API path names, each looked up among what the project has. */
function edition(state: State, localeCode: string, slug: string): { source: LocaleConfig; target: LocaleConfig; article: ArticleSource } {
  const { project } = state.site;
  const locales = new Map(project.locales.map((locale) => [locale.code, locale]));
  const source = locales.get(project.site.sourceLocale);
  const target = locales.get(localeCode);
  const article = new Map(project.articles.map((candidate) => [candidate.slug, candidate])).get(slug);
  if (!source || !target || target === source || !article) throw new EditionError('no such edition', { code: 'serve/not-found' });
  return { source, target, article };
}

/**
 * An edition's article and its locale's memory, as read now: the text (for
 * its tag) and the file parsed and checked to be this article's and this
 * locale's. Only this locale's memory is read: another locale's broken file
 * does not keep a reviewer from this desk, nor from saving here.
 */
async function readEdition(state: State, localeCode: string, slug: string) {
  const { source, target, article } = edition(state, localeCode, slug);
  const files = await state.site.project.readArticle(article);
  const { article: loaded, segments } = parsedArticle(state, files);
  const memoryFile = memoryFilePath(article.file, article.slug, target.code);
  const text = files.memories.get(target.code);
  const memory = text === undefined ? undefined : parseLocaleMemory(loaded, target.code, text);
  return { source, target, article: loaded, segments, memoryFile, text, memory };
}

/**
 * An article's tree and segments, parsed again only when its text
 * changed: a desk reloading its rows after a conflict asks for each
 * segment of the article in turn, and a long article took a third of a
 * second to parse each time. Bounded: a few articles are open at once.
 */
function parsedArticle(state: State, files: ArticleFiles): { article: Article; segments: Segment[] } {
  const file = files.source.file;
  const known = state.parsed.get(file);
  if (known?.text === files.text) return known;
  const article = articleOf(files);
  const parsed = { text: files.text, article, segments: segmentArticle(article) };
  state.parsed.delete(file);
  if (state.parsed.size >= MAX_PARSED) state.parsed.delete(state.parsed.keys().next().value!);
  state.parsed.set(file, parsed);
  return parsed;
}

const MAX_PARSED = 16;

/** The UI strings of the project as it is now (a change under locales/ gives a new project). */
function strings(state: State): Strings {
  if (state.strings?.project !== state.site.project) state.strings = { project: state.site.project, strings: projectStrings(state.site.project) };
  return state.strings.strings;
}

async function sendDesk(state: State, request: IncomingMessage, response: ServerResponse, localeCode: string, slug: string): Promise<void> {
  let page;
  try {
    const { source, target, article, segments, memoryFile, text, memory } = await readEdition(state, localeCode, slug);
    const { rows } = editionStatus(segments, memory);
    page = deskPage({
      slug,
      articleFile: article.file,
      memoryFile,
      source,
      target,
      rows,
      tag: memoryTag(text),
      token: state.token,
      t: strings(state).forLocale(target),
      policy: policyFor(state.site.project.site, target.code),
    });
  } catch (error) {
    sendError(response, error, false);
    return;
  }
  response.setHeader('Content-Security-Policy', DESK_POLICY);
  send(response, 200, TYPES['html']!, stringifyPage(page), request.method === 'HEAD');
}

async function sendDeskIndex(state: State, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { project } = state.site;
  const source = sourceLocaleOf(project);
  const targets = project.locales.filter((locale) => locale !== source);
  const rows: DeskIndexRow[] = [];
  for (const article of project.articles) {
    const attention = new Map<string, number>();
    try {
      const files = await project.readArticle(article);
      const { article: loaded, segments } = parsedArticle(state, files);
      for (const locale of targets) {
        // Each locale's memory on its own: one that does not read leaves that count unknown, not the others.
        const text = files.memories.get(locale.code);
        let memory;
        try {
          memory = text === undefined ? undefined : parseLocaleMemory(loaded, locale.code, text);
        } catch (error) {
          if (!(error instanceof EditionError)) throw error;
          continue;
        }
        const { rows: statuses } = editionStatus(segments, memory);
        const policy = policyFor(project.site, locale.code);
        attention.set(locale.code, statuses.filter((row) => needsReviewer(row, policy)).length);
      }
    } catch (error) {
      if (!(error instanceof EditionError)) throw error;
      // An article that does not parse is listed with every count unknown: its desk, and the served site, say why.
      attention.clear();
    }
    rows.push({ slug: article.slug, attention });
  }
  response.setHeader('Content-Security-Policy', DESK_POLICY);
  send(response, 200, TYPES['html']!, stringifyPage(deskIndexPage({ source, targets, rows, t: strings(state).forLocale(source) })), request.method === 'HEAD');
}

/**
 * `GET|PUT /_edition/api/memory/<locale>/<slug>/<segment-id>`. Reads and
 * writes alike need the token and the server's own Origin (a page elsewhere
 * can neither read the token nor forge the Origin); a write must name the
 * ETag it was made against.
 */
async function handleApi(state: State, request: IncomingMessage, response: ServerResponse, localeCode: string, slug: string, id: string): Promise<void> {
  try {
    const origin = request.headers.origin;
    const ownOrigin = `http://${request.headers.host}`;
    const token = request.headers['x-edition-token'];
    // A GET from the desk's own script carries no Origin in some browsers; a write always does.
    const originOk = origin === ownOrigin || (origin === undefined && request.method === 'GET');
    if (!sameSecret(typeof token === 'string' ? token : undefined, state.token) || !originOk) {
      throw new EditionError('a write needs the token of this server and a page of this server', { code: 'serve/forbidden' });
    }
    if (request.method === 'GET') {
      const { target, segments, memoryFile, text } = await readEdition(state, localeCode, slug);
      sendJson(response, 200, rowJson(state, target, segments, id, memoryFile, text));
      return;
    }
    if (request.method !== 'PUT') {
      response.setHeader('Allow', 'GET, PUT');
      throw new EditionError('use GET or PUT', { code: 'serve/bad-request' });
    }
    if (!/^application\/json\b/iu.test(request.headers['content-type'] ?? '')) throw new EditionError('the body must be application/json', { code: 'serve/bad-request' });
    const { target, segments, memoryFile } = await readEdition(state, localeCode, slug);
    const write = parseReviewWrite(await readBody(request));
    const ifMatch = request.headers['if-match'];
    const written = await state.effects.updateMemory(memoryFile, (text) => applyReviewWrite(text, { file: memoryFile, slug, locale: target.code, segments, id, expected: ifMatch }, write));
    await state.effects.afterWrite();
    sendJson(response, 200, rowJson(state, target, segments, id, memoryFile, written));
  } catch (error) {
    sendError(response, error, true);
  }
}

/** One segment as the desk shows it, with the file's new ETag. */
function rowJson(state: State, target: LocaleConfig, segments: readonly Segment[], id: string, memoryFile: string, text: string | undefined) {
  const memory = text === undefined ? undefined : parseMemory(text, memoryFile);
  const row = editionStatus(segments, memory).rows.find((candidate) => candidate.segment.id === id);
  if (!row) throw new EditionError(`no segment ${id}`, { code: 'serve/not-found' });
  const category = categoryOf(row);
  const t = strings(state).forLocale(target);
  const entry = editedEntry(row);
  return {
    id,
    target: entry?.target ?? '',
    parts: targetParts(entry?.target ?? ''),
    state: entry?.state ?? '',
    origin: entry?.origin ?? '',
    ...(entry?.flag === undefined ? {} : { flag: entry.flag }),
    meta: rowNotes(row),
    category,
    label: t(CATEGORY_KEYS[category]),
    attention: needsReviewer(row, policyFor(state.site.project.site, target.code)),
    etag: memoryTag(text),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new EditionError(`the body is over ${MAX_BODY_BYTES} bytes`, { code: 'serve/too-large' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new EditionError(`the body is over ${MAX_BODY_BYTES} bytes`, { code: 'serve/too-large' });
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new EditionError('the body is not UTF-8', { code: 'serve/bad-request' });
  }
}

function sendError(response: ServerResponse, error: unknown, json: boolean): void {
  if (!(error instanceof EditionError)) throw error;
  const status = STATUS[error.code] ?? 422;
  if (status === 413) response.setHeader('Connection', 'close');
  // The file a refusal names (a memory file that does not parse may be another locale's than the one being saved).
  if (json)
    sendJson(response, status, {
      error: error.message,
      code: error.code,
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(error instanceof WriteRefusal ? { detail: error.detail } : {}),
    });
  // A page (the desk) says it as the command line does: the file, its line or field, and the hint.
  else send(response, status, 'text/plain; charset=utf-8', `${status === 404 ? 'not found' : error.format()}\n`);
}

function sendJson(response: ServerResponse, status: number, data: unknown): void {
  send(response, status, TYPES['json']!, `${JSON.stringify(data)}\n`);
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headOnly = false): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(headOnly ? undefined : body);
}
