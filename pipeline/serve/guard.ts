import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/gu, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(bare);
}

function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[|\]$/gu, '');
  return bare === '0.0.0.0' || bare === '::';
}

/** `host:port` as a Host header writes it (IPv6 in brackets). */
export function hostHeaderOf(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * Which Host headers the server answers. A page on another site that
 * rebinds its own name to this address sends its own name as Host, so only
 * the address the server listens on is accepted (and `localhost` for a
 * loopback address). A server bound to every interface accepts any IP
 * literal: rebinding needs a name.
 */
export function hostChecker(host: string, port: number): (header: string | undefined) => boolean {
  const names = new Set([hostHeaderOf(host, port).toLowerCase()]);
  if (isLoopback(host)) for (const name of ['localhost', '127.0.0.1', '::1']) names.add(hostHeaderOf(name, port));
  if (isWildcard(host)) names.add(hostHeaderOf('localhost', port));
  return (header) => {
    if (header === undefined) return false;
    const value = header.toLowerCase();
    if (names.has(value)) return true;
    if (!isWildcard(host)) return false;
    const match = /^(\[[0-9a-f:.]+\]|[0-9.]+):(\d+)$/u.exec(value);
    return match !== null && Number(match[2]) === port && isIP(match[1]!.replace(/^\[|\]$/gu, '')) !== 0;
  };
}

/** Compare a secret without leaking, through timing, how much of it matched. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A request path as the site's file path (`ko/story.html`), or undefined
 * for anything that could leave the site: `.` or `..` segments, raw or
 * percent-encoded, encoded slashes and backslashes, NUL, or text that is
 * not valid percent-encoding. A folder path names its index.html.
 */
export function sitePath(url: string): string | undefined {
  const raw = url.split(/[?#]/u, 1)[0]!;
  if (!raw.startsWith('/') || raw.length > 2048) return undefined;
  const segments = raw.slice(1).split('/');
  const decoded: string[] = [];
  for (const [index, segment] of segments.entries()) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (value === '' && index === segments.length - 1) {
      decoded.push('index.html');
      continue;
    }
    if (value === '' || value === '.' || value === '..' || /[/\\\0]/u.test(value)) return undefined;
    decoded.push(value);
  }
  return decoded.join('/');
}
