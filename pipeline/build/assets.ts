import { createHash } from 'node:crypto';
import { EditionError } from '../errors.js';
import { activeContentIn } from '../content/svg.js';
import { DOCUMENT, IMAGE, type AssetRef, type PublishedAsset } from '../content/assets.js';
import { imageDimensions } from '../content/image-dimensions.js';
import type { Project } from '../project/project.js';
import type { Site } from '../content/site.js';
import type { ManifestFile } from '../bundle/manifest.js';
import type { SiteOutput } from '../bundle/output.js';
import { editionKey } from './build-cache.js';

/** A published asset: the address the article wrote, where it lives under out/, and a picture's size. */
export interface AssetRecord extends AssetRef, PublishedAsset {}

export interface ResolvedAssets {
  records: AssetRecord[];
  /** Digest of the published names (which hold the content hash): part of each page's key. */
  key: string;
}

/**
 * A run's published assets. Each file is read once per run, published
 * once per run at `assets/<name>.<hash><ext>` (every locale's pages point at
 * the same file), and listed in the manifest.
 */
export interface AssetPublisher {
  /**
   * Name an article's assets (read, checked, hashed), publishing them only
   * with `publish`: a page's files are published when the page is, so a file
   * no published page links any more is not (a build's output does not
   * depend on what the previous one linked). `strict` (the article was just
   * parsed) makes a missing file an error with its line; otherwise (a list
   * from the cache) a missing file only changes the key, so the page is
   * rebuilt and the error comes from the parse.
   */
  resolve(articleFile: string, refs: readonly AssetRef[], strict: boolean, publish?: boolean): Promise<ResolvedAssets>;
  files: ManifestFile[];
}

export function createAssetPublisher(project: Pick<Project, 'readAsset'>, output: SiteOutput): AssetPublisher {
  const written = new Set<string>();
  // Each file is read once a run: every locale's cached page of an article names the same files.
  const found = new Map<string, PublishedAsset>();
  // Named, not yet published: by path, until a published page links them.
  const named = new Map<string, Uint8Array>();
  const files: ManifestFile[] = [];
  const write = async (path: string) => {
    const bytes = named.get(path);
    if (written.has(path) || bytes === undefined) return;
    written.add(path);
    named.delete(path);
    files.push(await output.write(path, bytes));
  };
  return {
    files,
    async resolve(articleFile, refs, strict, publish = false) {
      if (refs.length === 0) return NONE;
      const records: AssetRecord[] = [];
      for (const ref of refs) {
        const known = `${articleFile}\u0000${ref.url}`;
        const seen = found.get(known);
        if (seen !== undefined) {
          if (publish) await write(seen.path);
          records.push({ ...ref, ...seen });
          continue;
        }
        const bytes = await readNaming(ref, () => project.readAsset?.(articleFile, ref.url));
        if (bytes === undefined) {
          if (!strict) return { records: [], key: 'missing' };
          throw new EditionError(`"${ref.url}" does not exist`, {
            code: 'content/missing-asset',
            file: articleFile,
            ...(ref.line === undefined ? {} : { line: ref.line }),
            ...(ref.field === undefined ? {} : { field: ref.field }),
            hint:
              ref.field === undefined
                ? 'put the file beside the article (paths are relative to its folder), or fix the address'
                : 'put the file in the content folder (site.yaml names it relative to that folder), or fix the path',
          });
        }
        // Judged by the name it is published under (`evil%2Esvg` is published as .svg), as a browser or web server will.
        const path = assetPath(ref.url, bytes);
        const allowed = ref.kind === 'image' ? IMAGE : ref.kind === 'document' ? DOCUMENT : undefined;
        if (allowed !== undefined && !allowed.test(path)) {
          if (!strict) return { records: [], key: 'unsafe' };
          throw new EditionError(ref.kind === 'image' ? `"${ref.url}" is not a picture (png, jpg, gif, webp, avif or svg)` : `"${ref.url}" is not a kind of file edition publishes`, {
            code: 'content/unsafe-asset',
            file: articleFile,
            ...(ref.line === undefined ? {} : { line: ref.line }),
            hint: 'a web page or script shown or linked as a file would run on the site: link the picture or document itself',
          });
        }
        const active = /\.svg$/iu.test(path) ? activeContentIn(new TextDecoder().decode(bytes)) : undefined;
        if (active !== undefined) {
          if (!strict) return { records: [], key: 'unsafe' };
          throw new EditionError(`"${ref.url}" holds ${active}, which would run on the site when the file is opened`, {
            code: 'content/unsafe-asset',
            file: articleFile,
            ...(ref.line === undefined ? {} : { line: ref.line }),
            ...(ref.field === undefined ? {} : { field: ref.field }),
            hint: 'save the drawing without scripts, event handlers or embedded HTML (or as PNG)',
          });
        }
        // Any picture, shown or only linked: the same file may be both in one article.
        const size = IMAGE.test(path) ? imageDimensions(bytes, path) : undefined;
        const asset: PublishedAsset = size ? { path, size } : { path };
        found.set(known, asset);
        if (!written.has(path)) named.set(path, bytes);
        if (publish) await write(path);
        records.push({ ...ref, ...asset });
      }
      return { records, key: editionKey(records.map((record) => `${record.url}\u0000${record.path}`)) };
    },
  };
}

/** Read a linked file; a refusal (a file outside the content folder, too large) names the line or field that links it. */
async function readNaming(ref: AssetRef, read: () => Promise<Uint8Array | undefined> | undefined): Promise<Uint8Array | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof EditionError) || error.line !== undefined || error.field !== undefined) throw error;
    throw new EditionError(error.message, {
      code: error.code,
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(ref.line === undefined ? {} : { line: ref.line }),
      ...(ref.field === undefined ? {} : { field: ref.field }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  }
}

/** What most articles link: nothing. Its key is worked out once, not once per page. */
const NONE: ResolvedAssets = Object.freeze({ records: Object.freeze([]) as unknown as AssetRecord[], key: editionKey([]) });

/** `img/Chart 1.png` → `assets/Chart-1.3f2a9c0b1d.png`: the content hash makes a changed file a new address. */
export function assetPath(url: string, bytes: Uint8Array): string {
  const name = decodeSafely(url.split('/').at(-1)!);
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const clean = (text: string) => text.replace(/[^A-Za-z0-9_-]+/gu, '-').slice(0, 60) || 'file';
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  return `assets/${clean(stem)}.${hash}${extension.replace(/[^A-Za-z0-9.]/gu, '').toLowerCase()}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Publish the site's own stylesheet and logo like an article's files; the site with where they went. */
export async function publishTheme(site: Site, assets: AssetPublisher): Promise<Site> {
  const refs = (['stylesheet', 'logo'] as const).flatMap((field) => (site[field] === undefined ? [] : [{ url: site[field], field }]));
  if (refs.length === 0) return site;
  const { records } = await assets.resolve(site.file ?? 'site.yaml', refs, true, true);
  const pathOf = (url: string | undefined) => records.find((record) => record.url === url)?.path;
  return { ...site, published: { stylesheet: pathOf(site.stylesheet), logo: pathOf(site.logo) } };
}
