import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { EditionError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a file as strict UTF-8: a Latin-1 or UTF-16 file is an error, not mojibake. `shown` names it in that error. */
export async function readText(file: string, shown = file): Promise<string> {
  return decodeUtf8(await readFile(file), shown);
}

/** readText, synchronously: for the many small reads of a build. */
export function readTextSync(file: string): string {
  return decodeUtf8(readFileSync(file), file);
}

/** readTextSync of a file that may not exist (yet, or any more): undefined then. */
export function readTextSyncIfPresent(file: string): string | undefined {
  try {
    return readTextSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    const offset = invalidUtf8Offset(bytes);
    throw new EditionError('file is not UTF-8 text', {
      code: 'content/encoding',
      file,
      ...(offset < 0 ? {} : { line: lineAt(bytes, offset) }),
      hint: 'save the file with UTF-8 encoding',
      cause: error,
    });
  }
}

/** Where the first byte sequence that is not UTF-8 starts, so the message can give its line; -1 if none is found. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const continuation = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (continuation < 0) return index;
    for (let next = 1; next <= continuation; next += 1) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    }
    index += continuation + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** YAML aliases a settings file may expand: none needs one, and a few nested ones expand to gigabytes. */
const MAX_ALIAS_COUNT = 100;

/** Read a YAML file; a missing file gives `undefined`, a syntax error names the line. */
export async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseYamlText(text, file);
}

/** readYaml for a file read when first needed, in the middle of a synchronous step. */
export function readYamlSync(file: string): unknown {
  const text = readTextSyncIfPresent(file);
  return text === undefined ? undefined : parseYamlText(text, file);
}

function parseYamlText(text: string, file: string): unknown {
  const source = text.replace(/^\uFEFF/u, '');
  const doc = parseDocument(source, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    throw new EditionError(`not valid YAML: ${error.message.split('\n')[0]}`, {
      code: 'yaml/syntax',
      file,
      line: source.slice(0, error.pos[0]).split('\n').length,
      hint: 'fix the YAML syntax (indentation, a colon in an unquoted value)',
    });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // The only failure left once the document parsed: aliases that expand exponentially (a "billion laughs").
    throw new EditionError(`expands its YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times`, {
      code: 'yaml/syntax',
      file,
      hint: 'write each value out instead of repeating it through YAML aliases',
      cause,
    });
  }
}
