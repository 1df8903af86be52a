/**
 * DeepL accepts at most 50 texts and 128 KiB per translate request. Batches
 * stay well under the byte limit because the form encoding of non-Latin
 * text (each UTF-8 byte as %XX) triples its size on the wire.
 */
export const MAX_TEXTS = 50;
export const MAX_BYTES = 30 * 1024;

export interface BatchLimits {
  maxTexts: number;
  /** UTF-8 bytes of the texts themselves, before form encoding. */
  maxBytes: number;
}

/**
 * Split texts into batches in order. A single text larger than the byte
 * limit gets a batch of its own (DeepL will refuse it with a clear error).
 */
export function batches<T>(items: readonly T[], textOf: (item: T) => string, limits: BatchLimits = { maxTexts: MAX_TEXTS, maxBytes: MAX_BYTES }): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(textOf(item), 'utf8');
    if (current.length > 0 && (current.length >= limits.maxTexts || bytes + size > limits.maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
