import { BIDI_CONTROL_RANGE } from '../content/characters.js';

/**
 * Text from outside (a server's message, a memory target, a file name)
 * made safe to print: control characters could retitle the window, erase
 * lines or move the cursor (C0 such as ESC and BEL, DEL, C1 such as CSI),
 * and bidi controls could make a line read differently from what it holds.
 * Each becomes U+FFFD, so a reader sees that something was there.
 */
const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F${BIDI_CONTROL_RANGE}]`, 'gu');
const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F${BIDI_CONTROL_RANGE}]`, 'gu');

/** Keeps line breaks and tabs: for messages of several lines. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}

/** Also a line break or tab becomes a space: for text shown inside one line, which must not fake another. */
export function terminalLine(text: string): string {
  return text.replace(/[\n\t]/gu, ' ').replace(UNSAFE_IN_LINE, '\uFFFD');
}

/** A warning as every command prints it on stderr: one `warning:` line (or more, for a message of several), made safe. */
export function warningLine(text: string): string {
  return `warning: ${terminalSafe(text)}\n`;
}
