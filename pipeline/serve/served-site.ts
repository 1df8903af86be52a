import { buildSite } from '../build/build-site.js';
import { emptyCache, type BuildCache } from '../build/build-cache.js';
import { memoryOutput } from '../bundle/output.js';
import { EditionError } from '../errors.js';
import type { Project } from '../project/project.js';
import type { Translator } from '../translation/translator.js';

/**
 * A preview stands in the English for what the memory lacks, so a reviewer
 * sees the page while translations are still missing. Nothing it returns
 * is stored: the served site is never written anywhere.
 */
export const previewTranslator: Translator = {
  name: 'untranslated',
  usesMemory: true,
  storesResults: false,
  async translate({ segments }) {
    return segments.map((segment) => ({ id: segment.id, target: segment.source }));
  },
};

/** The outcome of one render of the site. */
export interface Render {
  /** Paths whose content differs from the previous render's (all of them the first time). */
  changed: string[];
  /** Pages rendered anew; the rest were carried over. */
  rebuilt: number;
  /** What stopped the render; the previous pages stay served. */
  problem?: string;
}

/**
 * The site as a build would write it, kept in memory and rendered again by
 * the build itself: the build cache carries every edition whose article and
 * memory are unchanged, so an edit renders only the editions it touches and
 * the list pages that show them.
 */
export class ServedSite {
  files: ReadonlyMap<string, string | Uint8Array> = new Map();
  private cache: BuildCache = emptyCache();
  /** Renders run one at a time; calls during a render share the one run after it. */
  private running: Promise<Render> | undefined;
  private queued: Promise<Render> | undefined;

  constructor(public project: Project) {}

  /** Render what changed since the last render. Concurrent calls share the run in progress and at most one after it. */
  render(): Promise<Render> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.render();
      });
      return this.queued;
    }
    this.running = this.renderOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async renderOnce(): Promise<Render> {
    const previous = this.files;
    const output = memoryOutput(previous);
    let result;
    try {
      result = await buildSite(this.project, { translator: previewTranslator, output, cache: this.cache });
    } catch (error) {
      if (error instanceof EditionError) return { changed: [], rebuilt: 0, problem: error.format() };
      throw error;
    }
    this.cache = result.cache;
    this.files = output.files;
    const changed: string[] = [];
    for (const [path, content] of output.files) if (previous.get(path) !== content) changed.push(path);
    for (const path of previous.keys()) if (!output.files.has(path)) changed.push(path);
    return { changed, rebuilt: result.summary.rebuilt };
  }
}
