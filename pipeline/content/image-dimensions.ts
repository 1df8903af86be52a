import { imageSize } from 'image-size';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import { localName } from './svg.js';

/** A picture's size in CSS pixels, as a browser lays it out before it has loaded. */
export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * The size a picture is drawn at, read from its header: given to `<img>`
 * as width and height, a browser keeps the picture's room in the page
 * while it loads, and the text below does not jump (layout shift, which
 * search engines measure). A JPEG turned by its EXIF orientation (5 to 8)
 * is drawn turned, with width and height swapped. Undefined for a file
 * whose size cannot be read, or is not a plain positive size (an SVG of
 * width="100%", a damaged header): the page then leaves the size to the
 * browser, as it did before.
 */
export function imageDimensions(bytes: Uint8Array, path: string): ImageDimensions | undefined {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(/\.svg$/iu.test(path) ? svgRootOnly(bytes) : bytes);
  } catch {
    return undefined;
  }
  const { width, height, orientation } = size;
  if (!isPixels(width) || !isPixels(height)) return undefined;
  return orientation !== undefined && orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/** Larger than any picture a page shows; a header claiming more is damaged or hostile. */
const MAX_PIXELS = 100_000;

function isPixels(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value > 0 && value <= MAX_PIXELS;
}

/**
 * An SVG reduced to its root element's size attributes, for image-size to
 * read: it looks for the first `<svg` in the text, and a comment or a
 * CDATA section before the root (`<!-- old: <svg width="1" height="1"> -->`)
 * would give that size. The file is parsed as XML (it was checked as such
 * before it is published), and only the root's width, height and viewBox
 * are kept.
 */
function svgRootOnly(bytes: Uint8Array): Uint8Array {
  const root = fromXml(new TextDecoder().decode(bytes)).children.find((node) => node.type === 'element');
  if (root?.type !== 'element' || localName(root.name) !== 'svg') throw new Error('no svg root element');
  const { width, height, viewBox } = root.attributes;
  const kept = Object.fromEntries(Object.entries({ width, height, viewBox }).filter(([, value]) => value !== undefined && value !== null));
  return new TextEncoder().encode(toXml(x('svg', { xmlns: 'http://www.w3.org/2000/svg', ...kept })));
}
