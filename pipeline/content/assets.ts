import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import type { Article } from './article.js';
import type { ImageDimensions } from './image-dimensions.js';

/** A file an article links by relative path: an image, or a document a link points to. */
export interface AssetRef {
  /** The address as written: `chart.png`, `img/chart.png`. */
  url: string;
  /** Line of the first use, for errors. */
  line?: number | undefined;
  /** The setting that names it, for errors (site.yaml's `stylesheet`, `logo`). */
  field?: string | undefined;
  /** What the article does with it: shows it (an image) or links it (a document). */
  kind?: 'image' | 'document' | undefined;
}

/** Where a linked file is published under out/, and a picture's size in pixels when its header gives one. */
export interface PublishedAsset {
  path: string;
  size?: ImageDimensions | undefined;
}

/** What an article may show as an image: a picture a browser draws, never a page it would run. */
export const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|svg)$/iu;

// Links to these are files to publish; any other relative link (another page) is left as written.
export const DOCUMENT = /\.(?:pdf|csv|tsv|json|xlsx?|docx?|pptx?|odt|ods|zip|txt|png|jpe?g|gif|webp|avif|svg|mp3|mp4|webm)$/iu;

/** The media type of each kind of file IMAGE and DOCUMENT let an article link, by extension, for a server that sends them. */
export const LINKED_FILE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** A linked file's address without its query or fragment (`chart.png?v=2#top` is `chart.png`): the file it names. */
export function fileAddress(url: string): string {
  return url.replace(/[?#].*$/u, '');
}

/** Whether an address is relative to the article (not a URL with a scheme, not site-absolute, not a fragment). */
export function isRelativeFile(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/iu.test(url) && !url.startsWith('/') && !url.startsWith('#') && !url.startsWith('?');
}

/** The files an article's body links by relative path, each once, in order of first use. */
export function localAssets(tree: Root): AssetRef[] {
  const refs = new Map<string, AssetRef>();
  visit(tree, (node) => {
    if (node.type !== 'image' && node.type !== 'link') return;
    const url = fileAddress(node.url);
    if (!isRelativeFile(url) || (node.type === 'link' && !DOCUMENT.test(url)) || refs.has(url)) return;
    refs.set(url, { url, line: node.position?.start.line, kind: node.type === 'image' ? 'image' : 'document' });
  });
  return [...refs.values()];
}

/** The body's files and the front matter's lead image, when it is a relative path. */
export function articleAssets(article: Article): AssetRef[] {
  const refs = localAssets(article.tree);
  const src = article.frontMatter.image?.src;
  const lead = src === undefined ? undefined : fileAddress(src);
  if (lead !== undefined && isRelativeFile(lead) && !refs.some((ref) => ref.url === lead)) refs.push({ url: lead, line: article.fieldLines['image'], kind: 'image' });
  return refs;
}
