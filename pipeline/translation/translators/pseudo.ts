import type { Translator } from '../translator.js';
import { parseTaggedText, serializeTaggedText, type TaggedNode } from '../../segments/tagged-text.js';

const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ó',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ó',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/**
 * Pseudo-localization for layout checks: every letter accented, text made
 * longer (translations into German or Russian run long), the
 * segment bracketed so truncation shows. Placeholder tags are kept, so links
 * and formatting survive exactly as they would a real translation.
 */
export function pseudoTranslator(): Translator {
  return {
    name: 'pseudo',
    usesMemory: false,
    storesResults: false,
    async translate({ segments }) {
      return segments.map((segment) => ({ id: segment.id, target: pseudoLocalize(segment.source) }));
    },
  };
}

export function pseudoLocalize(tagged: string): string {
  const nodes = parseTaggedText(tagged);
  return `[${serializeTaggedText(nodes.map(transform))}]`;
}

function transform(node: TaggedNode): TaggedNode {
  if (node.type === 'element') return { ...node, children: node.children.map(transform) };
  let value = '';
  for (const char of node.value) value += ACCENTED[char] ?? char;
  // Lengthen after vowels so words stay readable: "Ţĥéé wáár".
  value = value.replace(/[áéíóúÁÉÍÓÚ]/gu, (vowel, offset: number) => (offset % 5 < 2 ? vowel + vowel : vowel));
  return { type: 'text', value };
}
