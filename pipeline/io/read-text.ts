import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { EditionError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a file as strict UTF-8: a Latin-1 or UTF-16 file is an error, not mojibake. */
export async function readText(file: string): Promise<string> {
  return decodeUtf8(await readFile(file), file);
}

/** readText, synchronously: for the many small reads of a build. */
export function readTextSync(file: string): string {
  return decodeUtf8(readFileSync(file), file);
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new EditionError('file is not UTF-8 text', {
      code: 'content/encoding',
      file,
      hint: 'save the file with UTF-8 encoding',
      cause: error,
    });
  }
}

/** Read a YAML file; a missing file gives `undefined`, a syntax error names the line. */
export async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parseYaml(text.replace(/^\uFEFF/u, ''), { prettyErrors: false });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    throw new EditionError(`not valid YAML: ${error.message.split('\n')[0]}`, {
      code: 'yaml/syntax',
      file,
      ...(error.linePos ? { line: error.linePos[0].line } : {}),
      hint: 'fix the YAML syntax (indentation, a colon in an unquoted value)',
    });
  }
}
