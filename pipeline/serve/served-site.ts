import { buildSite } from '../build/build-site.js';
import { emptyCache, type BuildCache } from '../build/build-cache.js';
import type { SiteOutput } from '../bundle/output.js';
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

type Files = ReadonlyMap<string, string | Uint8Array>;

/**
 * The site as a build would write it, kept in memory and rendered again by
 * the build itself: the build cache carries every edition whose article and
 * memory are unchanged, so an edit renders only the editions it touches and
 * the list pages that show them.
 *
 * A build learns what changed by taking a stamp of every file; the server
 * is told by its watcher instead, so the stamps of files nobody touched are
 * kept between renders (`touched` forgets those of the files that changed).
 */
export class ServedSite {
  files: Files = new Map();
  private cache: BuildCache = emptyCache();
  private stamps = new Map<string, ReadonlyMap<string, string>>();
  private base: Project;
  private stamped: Project;
  /** Renders run one at a time; calls during a render share the one run after it. */
  private running: Promise<Render> | undefined;
  private queued: Promise<Render> | undefined;

  constructor(project: Project) {
    this.base = project;
    this.stamped = this.withKeptStamps(project);
  }

  get project(): Project {
    return this.base;
  }

  /** A project read again (settings, locales or the list of articles changed): every stamp is taken anew. */
  set project(project: Project) {
    this.base = project;
    this.stamps.clear();
    this.stamped = this.withKeptStamps(project);
  }

  /** Files changed on disk, by name: the articles they belong to (`<slug>.md`, `translations/<locale>/<slug>.json`) are looked at again. */
  touched(files: readonly string[]): void {
    for (const file of files) {
      const name = file.split(/[\\/]/u).at(-1) ?? '';
      this.stamps.delete(name.replace(/\.(md|json)$/u, ''));
    }
  }

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

  private withKeptStamps(project: Project): Project {
    return {
      ...project,
      stampArticle: (source) => {
        let stamps = this.stamps.get(source.slug);
        if (!stamps) {
          stamps = project.stampArticle(source);
          this.stamps.set(source.slug, stamps);
        }
        return stamps;
      },
    };
  }

  private async renderOnce(): Promise<Render> {
    const previous = this.files;
    const output = carryingOutput(previous);
    let result;
    try {
      result = await buildSite(this.stamped, { translator: previewTranslator, output, cache: this.cache });
    } catch (error) {
      if (error instanceof EditionError) {
        // What was read may have been half-saved: look at every file again next time.
        this.stamps.clear();
        return { changed: [], rebuilt: 0, problem: error.format() };
      }
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

/**
 * An in-memory output that carries pages over from the previous render. The
 * previous render is this process's own, so the page is there exactly when
 * the map has it; measuring its size again would cost more than the render.
 */
function carryingOutput(previous: Files): SiteOutput & { files: Map<string, string | Uint8Array> } {
  const files = new Map<string, string | Uint8Array>();
  return {
    files,
    async write(path, content) {
      files.set(path, content);
    },
    async reuse(path) {
      const old = previous.get(path);
      if (old === undefined) return false;
      files.set(path, old);
      return true;
    },
  };
}
