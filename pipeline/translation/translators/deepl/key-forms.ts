/**
 * The DeepL key as it may appear in text a server sends back: as it is,
 * without the `:fx` that marks a free key, URL-encoded (a query string or
 * form body echoed back) and base64 (an Authorization header echoed back,
 * at any alignment inside a longer base64 text).
 */
const REDACTED = '[DEEPL_AUTH_KEY]';
/** Shorter forms could match ordinary text by chance. */
const MIN_FORM_LENGTH = 8;

export function keyForms(key: string): string[] {
  const bare = key.trim();
  if (!bare) return [];
  const plain = new Set([bare, bare.replace(/:fx$/iu, '')]);
  const forms = new Set<string>();
  for (const text of plain) {
    forms.add(text);
    forms.add(encodeURIComponent(text));
    for (const base64 of base64Cores(text)) forms.add(base64);
  }
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter((form) => form.length >= MIN_FORM_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The part of the base64 of `text` that does not depend on what precedes
 * or follows it, for each of the three alignments, in both alphabets.
 */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const cores: string[] = [];
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const whole = Math.floor(padded.length / 3) * 3;
    // Skip the group that holds the padding bytes, keep whole groups only.
    const start = shift === 0 ? 0 : 3;
    if (whole - start <= 0) continue;
    const core = padded.subarray(start, whole).toString('base64');
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

export function containsKey(text: string, forms: readonly string[]): boolean {
  const lower = text.toLowerCase();
  // URL encoding may use either case for its hex digits; base64 is case-sensitive.
  return forms.some((form) => text.includes(form) || (form.includes('%') && lower.includes(form.toLowerCase())));
}

/** Every form of the key replaced by a marker: for text that may reach a terminal, a log or the memory. */
export function redactKey(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) {
    out = out.replaceAll(form, REDACTED);
    if (form.includes('%')) out = out.replace(new RegExp(escapeRegExp(form), 'giu'), REDACTED);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
