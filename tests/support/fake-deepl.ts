/**
 * A stand-in for the DeepL API on the loopback interface, for tests and the
 * benchmark: the parts deepl-node uses here (v2 translate and usage, v3
 * glossaries), with deterministic translations that keep every tag, and
 * faults to inject. It binds to 127.0.0.1 only: nothing here may reach a
 * real server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TranslateCall {
  texts: string[];
  params: Record<string, string>;
  billed: number;
}

export interface FakeGlossary {
  glossary_id: string;
  name: string;
  creation_time: string;
  dictionaries: Array<{ source_lang: string; target_lang: string; entries: Record<string, string> }>;
}

export interface Faults {
  /** Statuses to answer the next translate requests with, in order (e.g. [429, 429]). */
  statuses: number[];
  /** Answer 456 once billed characters would pass this. */
  quotaCharacters: number | undefined;
  /** Leave this many next translate requests unanswered. */
  hang: number;
  /** Rewrite a translation before it is returned (drop or invent tags). */
  mangle: ((text: string, index: number) => string) | undefined;
  /** Hold each translate answer this long, so concurrent requests overlap. */
  delayMs: number;
  /** Cut the connection of this many next translate requests without an answer. */
  reset: number;
  /** Answer this many next translate requests 200 with a body that is not DeepL's JSON. */
  garbage: number;
  /** Answers given verbatim, each once, to the next request on its route (`GET /v3/glossaries`): a proxy's page, a hostile message. */
  raw: RawAnswer[];
}

export interface RawAnswer {
  route: string;
  status: number;
  body: string;
  contentType?: string;
}

export interface FakeDeepL {
  url: string;
  key: string;
  /** Every request, in order, as `METHOD /path`. */
  log: string[];
  translateCalls: TranslateCall[];
  glossaries: FakeGlossary[];
  billed: number;
  faults: Faults;
  /** Most translate requests the server held at once. */
  maxInFlight: number;
  /** Texts sent in successful translate calls. */
  texts(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeDeepL(options: { key?: string; characterLimit?: number } = {}): Promise<FakeDeepL> {
  const key = options.key ?? 'fake-key-5ec2e7:fx';
  const characterLimit = options.characterLimit ?? 500_000;
  const sockets = new Set<Socket>();
  let nextGlossary = 1;
  let inFlight = 0;
  const state: FakeDeepL = {
    url: '',
    key,
    log: [],
    translateCalls: [],
    glossaries: [],
    billed: 0,
    maxInFlight: 0,
    faults: { statuses: [], quotaCharacters: undefined, hang: 0, mangle: undefined, delayMs: 0, reset: 0, garbage: 0, raw: [] },
    texts: () => state.translateCalls.flatMap((call) => call.texts),
    reset() {
      state.log.length = 0;
      state.translateCalls.length = 0;
      state.billed = 0;
      state.maxInFlight = 0;
      state.faults = { statuses: [], quotaCharacters: undefined, hang: 0, mangle: undefined, delayMs: 0, reset: 0, garbage: 0, raw: [] };
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((request, response) => void handle(request, response));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    state.log.push(`${request.method} ${url.pathname}`);
    if (request.headers.authorization !== `DeepL-Auth-Key ${key}`) return json(response, 403, { message: 'Wrong endpoint or key' });
    const raw = state.faults.raw.findIndex((answer) => answer.route === `${request.method} ${url.pathname}`);
    if (raw >= 0) {
      const [answer] = state.faults.raw.splice(raw, 1);
      response.writeHead(answer!.status, { 'content-type': answer!.contentType ?? 'text/html' }).end(answer!.body);
      return;
    }
    const form = new URLSearchParams(body);

    if (request.method === 'POST' && url.pathname === '/v2/translate') {
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      if (state.faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.faults.delayMs));
      response.on('close', () => (inFlight -= 1));
      return translate(form, response);
    }
    if (request.method === 'GET' && url.pathname === '/v2/usage') {
      return json(response, 200, { character_count: state.billed, character_limit: characterLimit });
    }
    if (url.pathname === '/v3/glossaries') {
      if (request.method === 'GET') return json(response, 200, { glossaries: state.glossaries.map(info) });
      if (request.method === 'POST') {
        const glossary: FakeGlossary = { glossary_id: `g-${nextGlossary++}`, name: form.get('name') ?? '', creation_time: new Date().toISOString(), dictionaries: [] };
        for (let index = 0; form.has(`dictionaries[${index}].source_lang`); index += 1) {
          const entries = Object.fromEntries(
            (form.get(`dictionaries[${index}].entries`) ?? '')
              .split('\n')
              .filter(Boolean)
              .map((line) => line.split('\t') as [string, string]),
          );
          glossary.dictionaries.push({
            source_lang: form.get(`dictionaries[${index}].source_lang`)!,
            target_lang: form.get(`dictionaries[${index}].target_lang`)!,
            entries,
          });
        }
        state.glossaries.push(glossary);
        return json(response, 201, info(glossary));
      }
    }
    const one = /^\/v3\/glossaries\/([^/]+)$/u.exec(url.pathname);
    if (one) {
      const index = state.glossaries.findIndex((glossary) => glossary.glossary_id === one[1]);
      if (index < 0) return json(response, 404, { message: 'Glossary not found' });
      if (request.method === 'DELETE') {
        state.glossaries.splice(index, 1);
        response.writeHead(204).end();
        return;
      }
      return json(response, 200, info(state.glossaries[index]!));
    }
    json(response, 404, { message: `fake DeepL does not serve ${request.method} ${url.pathname}` });
  }

  function translate(form: URLSearchParams, response: ServerResponse) {
    if (state.faults.hang > 0) {
      state.faults.hang -= 1;
      return; // never answered: the client's timeout must fire
    }
    if (state.faults.reset > 0) {
      state.faults.reset -= 1;
      response.socket?.destroy();
      return;
    }
    if (state.faults.garbage > 0) {
      state.faults.garbage -= 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 from a proxy</html>');
      return;
    }
    const status = state.faults.statuses.shift();
    if (status !== undefined) return json(response, status, { message: `injected ${status}` });
    const texts = form.getAll('text');
    const target = (form.get('target_lang') ?? '').toUpperCase();
    const billed = texts.reduce((sum, text) => sum + [...text].length, 0);
    if (state.faults.quotaCharacters !== undefined && state.billed + billed > state.faults.quotaCharacters) {
      return json(response, 456, { message: 'Quota exceeded' });
    }
    const params: Record<string, string> = {};
    for (const [name, value] of form) if (name !== 'text') params[name] = value;
    state.billed += billed;
    state.translateCalls.push({ texts, params, billed });
    const glossary = state.glossaries
      .find((candidate) => candidate.glossary_id === form.get('glossary_id'))
      ?.dictionaries.find((dictionary) => dictionary.target_lang.toUpperCase() === target.split('-')[0]);
    json(response, 200, {
      translations: texts.map((text, index) => {
        const translated = fakeTranslate(text, target, glossary?.entries ?? {});
        return {
          detected_source_language: 'EN',
          text: state.faults.mangle ? state.faults.mangle(translated, index) : translated,
          billed_characters: [...text].length,
        };
      }),
    });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/**
 * A deterministic "translation": glossary terms replaced, the rest marked
 * with the target language, every tag left exactly where it was.
 */
export function fakeTranslate(text: string, target: string, glossary: Record<string, string> = {}): string {
  return `${target.toLowerCase()}⟦${text
    .split(/(<[^>]*>)/u)
    .map((part) => (part.startsWith('<') ? part : Object.entries(glossary).reduce((out, [from, to]) => out.replaceAll(from, to), part)))
    .join('')}⟧`;
}

function info(glossary: FakeGlossary) {
  return {
    glossary_id: glossary.glossary_id,
    name: glossary.name,
    creation_time: glossary.creation_time,
    dictionaries: glossary.dictionaries.map((dictionary) => ({
      source_lang: dictionary.source_lang,
      target_lang: dictionary.target_lang,
      entry_count: Object.keys(dictionary.entries).length,
    })),
  };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
