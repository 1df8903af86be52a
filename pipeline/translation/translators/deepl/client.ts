import { DeepLClient } from 'deepl-node';
import { EditionError } from '../../../errors.js';

/** How to reach DeepL, from the environment the CLI hands in. */
export interface DeepLSettings {
  authKey: string;
  /** DEEPL_SERVER_URL; when absent the client picks free or pro from the key. */
  serverUrl: string | undefined;
  /** Retries of 429, 5xx and timeouts, with the client's own backoff. */
  maxRetries: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

const DEFAULT_RETRIES = 5;
const DEFAULT_TIMEOUT_MS = 20_000;

export function deeplSettings(env: Readonly<Record<string, string | undefined>>): DeepLSettings {
  const authKey = env['DEEPL_AUTH_KEY']?.trim();
  if (!authKey) {
    throw new EditionError('the DeepL translator needs an authentication key, and none is set', {
      code: 'deepl/no-key',
      field: 'DEEPL_AUTH_KEY',
      hint: 'export DEEPL_AUTH_KEY=... (from your DeepL account); a build without one can use --translator memory',
    });
  }
  const serverUrl = env['DEEPL_SERVER_URL']?.trim();
  // Set but empty is most often a CI variable that lost its value: going to the paid service
  // instead of the proxy or test server meant would be a silent, billed surprise.
  if (serverUrl === '') {
    throw new EditionError('DEEPL_SERVER_URL is set but empty', {
      code: 'deepl/server-url',
      field: 'DEEPL_SERVER_URL',
      hint: 'set it to the server meant (e.g. http://127.0.0.1:8080), or unset it to use DeepL itself',
    });
  }
  if (serverUrl !== undefined && (!URL.canParse(serverUrl) || !/^https?:$/u.test(new URL(serverUrl).protocol))) {
    throw new EditionError('DEEPL_SERVER_URL is not an http(s) address', {
      code: 'deepl/server-url',
      field: 'DEEPL_SERVER_URL',
      hint: 'set it to a base address such as http://127.0.0.1:8080, or unset it to use DeepL itself',
    });
  }
  return {
    authKey,
    serverUrl,
    maxRetries: count(env, 'DEEPL_MAX_RETRIES', DEFAULT_RETRIES),
    timeoutMs: count(env, 'DEEPL_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
  };
}

function count(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/u.test(text)) {
    throw new EditionError(`${name} must be a whole number`, { code: 'deepl/setting', field: name, hint: `unset ${name} to use ${fallback}` });
  }
  return Number(text);
}

export function createClient(settings: DeepLSettings): DeepLClient {
  return new DeepLClient(settings.authKey, {
    ...(settings.serverUrl === undefined ? {} : { serverUrl: settings.serverUrl }),
    maxRetries: settings.maxRetries,
    minTimeout: settings.timeoutMs,
    sendPlatformInfo: false,
    appInfo: { appName: 'edition', appVersion: '0.1.0' },
  });
}

/** The server as a user may see it: no credentials that a proxy address might carry. */
export function serverName(settings: DeepLSettings): string {
  if (settings.serverUrl === undefined) return settings.authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
  const url = new URL(settings.serverUrl);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
