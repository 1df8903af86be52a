import { AuthorizationError, ConnectionError, DeepLError, QuotaExceededError, TooManyRequestsError } from 'deepl-node';
import { EditionError, type ErrorCode } from '../../../errors.js';
import { serverName, type DeepLSettings } from './client.js';
import { keyForms, redactKey } from './key-forms.js';

/**
 * Map what the DeepL client throws into an EditionError, at the edge where
 * it arrives. The client's errors hold the HTTP request, headers and all,
 * and so the key: none is kept as a cause, and every message is scrubbed.
 */
export function deeplError(error: unknown, settings: DeepLSettings, doing: string): EditionError {
  if (error instanceof EditionError) return error;
  const server = serverName(settings);
  const detail = serverText(error instanceof Error ? error.message : String(error), settings.authKey);
  // The server is the message's field (`error: https://…: …`): the message itself does not name it again.
  const make = (code: ErrorCode, message: string, hint: string) => new EditionError(message, { code, field: server, hint });
  // deepl-node makes maxRetries attempts in all (the first among them), and one when it is 0.
  const tries = Math.max(1, settings.maxRetries);
  const attempts = `${tries} attempt${tries === 1 ? '' : 's'}`;

  if (error instanceof AuthorizationError) {
    return new EditionError(`DeepL refused the authentication key while ${doing} (403)`, {
      code: 'deepl/auth',
      field: 'DEEPL_AUTH_KEY',
      hint: `check DEEPL_AUTH_KEY for ${server}: keys ending in ":fx" belong to the free API, others to pro`,
    });
  }
  if (error instanceof QuotaExceededError) {
    return make(
      'deepl/quota',
      `DeepL quota exceeded while ${doing} (456): stopped sending; every translation received is saved`,
      'see `edition usage`; when the quota renews (or is raised) build again: only what is still missing is sent',
    );
  }
  if (error instanceof TooManyRequestsError) {
    return make('deepl/rate-limit', `DeepL still answered 429 Too Many Requests after ${attempts} while ${doing}`, 'wait a few minutes and build again: translations already received are saved');
  }
  if (error instanceof ConnectionError) {
    const code = (error.error as { code?: string } | undefined)?.code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return make(
        'deepl/timeout',
        `the DeepL server did not answer within ${settings.timeoutMs} ms (${attempts}) while ${doing}`,
        'build again later (raise DEEPL_TIMEOUT_MS for a slow proxy): translations already received are saved',
      );
    }
    if (code === 'ECONNRESET' || code === 'EPIPE') {
      return make(
        'deepl/dropped',
        `the DeepL server closed the connection without answering (${code}, ${attempts}) while ${doing}`,
        'build again later; if it keeps happening, check any proxy on the way: translations already received are saved',
      );
    }
    return make(
      'deepl/unreachable',
      `cannot reach the DeepL server${code ? ` (${code})` : ''} while ${doing}`,
      settings.serverUrl === undefined ? 'check the network connection and DNS' : 'check DEEPL_SERVER_URL and that the server is running',
    );
  }
  if (error instanceof DeepLError) {
    const status = /status code: (5\d\d)|Service unavailable/u.exec(detail);
    if (status) {
      return make(
        'deepl/server',
        `DeepL server error${status[1] ? ` ${status[1]}` : ' 503'} after ${attempts} while ${doing}`,
        'DeepL is having trouble; build again later: translations already received are saved',
      );
    }
    if (/Error parsing response JSON/u.test(detail)) return badAnswer();
    // A glossary DeepL refuses is the newsroom's file to fix; any other refused request is edition's to answer for.
    const hint =
      /glossar/iu.test(doing) || /glossar/iu.test(detail) ? 'check the glossary files (locales/<code>/glossary.txt) for the entries DeepL refuses' : 'this may be a bug in edition; please report it';
    return make('deepl/request', `DeepL refused the request while ${doing}: ${detail}`, hint);
  }
  // Some client calls parse the answer without a guard of their own (the glossary list): a page in
  // DeepL's place surfaces as a JSON syntax error, or as a missing field.
  if (error instanceof SyntaxError || error instanceof BadAnswer) return badAnswer();
  throw error;

  function badAnswer(): EditionError {
    // A gateway or captive portal answering in DeepL's place: what it sent is not trusted, so not shown.
    return make(
      'deepl/bad-answer',
      `the DeepL server answered with something that is not DeepL's JSON (a proxy or gateway page?) while ${doing}`,
      'check DEEPL_SERVER_URL and any proxy on the way, then build again: translations already received are saved',
    );
  }
}

/** An answer that parsed as JSON but is not shaped as DeepL's. */
export class BadAnswer extends Error {}

/** Longest part of a server's message that is shown. */
const MAX_SERVER_TEXT = 200;

/**
 * What a server said, as it may be shown: the key removed in every form it
 * may take, an HTML page named rather than printed, and only the start of
 * the first line. Control characters are the printer's job.
 */
export function serverText(text: string, key: string): string {
  const scrubbed = redactKey(text, keyForms(key));
  if (/<(?:!doctype|html|head|body)\b/iu.test(scrubbed)) {
    const lead = scrubbed.slice(0, scrubbed.search(/<(?:!doctype|html|head|body)\b/iu)).replace(/[\s,:]+$/u, '');
    return `${lead.split('\n')[0]!.slice(0, MAX_SERVER_TEXT)}${lead ? ': ' : ''}an HTML page (not shown)`;
  }
  const line = scrubbed.trim().split(/\r?\n/u)[0] ?? '';
  return line.length > MAX_SERVER_TEXT ? `${line.slice(0, MAX_SERVER_TEXT)}… (cut)` : line;
}
