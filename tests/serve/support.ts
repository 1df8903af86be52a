/**
 * A running `edition serve` on a scratch project, and raw HTTP requests to
 * it with any Host, Origin and path (fetch would normalize `..` away and
 * refuses to set Host).
 */
import { request as httpRequest } from 'node:http';
import { afterAll } from 'vitest';
import { startServe, type ServeHandle } from '../../pipeline/cli/serve-command.js';
import { capturedIo } from '../support/build.js';

const running: ServeHandle[] = [];

// Scratch projects are removed by tests/support/temp.ts when the file ends; the servers stop first.
afterAll(async () => {
  for (const handle of running.splice(0)) await handle.close();
});

export interface Served extends ServeHandle {
  port: number;
  stdout: () => string;
  stderr: () => string;
}

export async function serve(dir: string, options: { host?: string; allowRemote?: boolean } = {}): Promise<Served> {
  const { io, stdout, stderr } = capturedIo(dir);
  const handle = await startServe({ content: 'content', localesDir: 'locales', port: 0, host: options.host ?? '127.0.0.1', ...(options.allowRemote ? { allowRemote: true } : {}) }, io);
  running.push(handle);
  return { ...handle, port: handle.server.port, stdout, stderr };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to 127.0.0.1, with the path sent exactly as given. */
export function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The next server-sent `change` event whose paths satisfy `wanted`. */
export function nextChange(port: number, wanted: (paths: string[]) => boolean): { ready: Promise<void>; event: Promise<string[]>; close(): void } {
  let close = () => {};
  let ready!: () => void;
  const opened = new Promise<void>((resolve) => (ready = resolve));
  const event = new Promise<string[]>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/_edition/events', headers: { Host: `127.0.0.1:${port}` } }, (response) => {
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        if (buffer === '' && chunk.startsWith(':')) ready();
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const kind = /^event: (.*)$/mu.exec(message)?.[1];
          const data = /^data: (.*)$/mu.exec(message)?.[1];
          if (kind === 'change' && data) {
            const paths = (JSON.parse(data) as { paths: string[] }).paths;
            if (wanted(paths)) {
              resolve(paths);
              request.destroy();
            }
          }
        }
      });
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    request.end();
    close = () => request.destroy();
  });
  return { ready: opened, event, close: () => close() };
}

/** The value of a `<meta name=...>` in a page. */
export function meta(html: string, name: string): string {
  const match = new RegExp(`<meta name="${name}" content="([^"]*)">`, 'u').exec(html);
  if (!match) throw new Error(`no meta ${name}`);
  return match[1]!.replaceAll('&#x22;', '"').replaceAll('&quot;', '"');
}

/** Wait until `seen` holds (what the served process printed, say), or fail naming `what` after 5 s. */
export async function until(what: string, seen: () => boolean): Promise<void> {
  for (const started = Date.now(); !seen(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > 5000) throw new Error(`not within 5 s: ${what}`);
  }
}
