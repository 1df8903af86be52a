/**
 * Text from outside (a server's message, a memory target, a file name)
 * made safe to print: control characters could retitle the window, erase
 * lines or move the cursor (C0 such as ESC and BEL, DEL, C1 such as CSI),
 * and bidi controls could make a line read differently from what it holds.
 * Each becomes U+FFFD, so a reader sees that something was there.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Keeps line breaks and tabs: for messages of several lines. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '\uFFFD');
}

/** Also a line break or tab becomes a space: for text shown inside one line, which must not fake another. */
export function terminalLine(text: string): string {
  return text.replace(/[\n\t]/gu, ' ').replace(UNSAFE_IN_LINE, '\uFFFD');
}
