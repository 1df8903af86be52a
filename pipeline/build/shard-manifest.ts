import { EditionError } from '../errors.js';
import { addCoverage, serializeManifest, type Coverage, type ManifestFile } from '../bundle/manifest.js';
import type { Shard } from './shard.js';

/**
 * A shard cannot write out/manifest.json: it lists every file of every
 * shard. Each shard writes its part (coverage and revision); once the
 * shards' out folders are copied together, `edition manifest` hashes the
 * files and merges the parts into the manifest a full build writes.
 */
export interface ShardPart {
  shard: Shard;
  sourceRevision: string | null;
  /** Digest of the articles, memories, settings and locales the shard read: the same for every shard of one build. */
  inputs: string;
  coverage: Record<string, Coverage>;
  /**
   * Every file the shard's manifest entry would list (pages, lists, linked
   * files), by path: merging claims only these, so a file someone else put
   * in the merged folder is never taken for edition's.
   */
  files: string[];
  /**
   * The locale archives the shard wrote (`--archive`), each with its
   * sha256: the merge takes only these, and only with these bytes, so an
   * old bundle copied into the merged folder is never uploaded as new.
   */
  archives?: Array<{ path: string; sha256: string }>;
}

export const SHARD_PART = /^manifest\.shard-(\d+)-of-(\d+)\.json$/u;

export function shardPartPath(shard: Shard): string {
  return `manifest.shard-${shard.index}-of-${shard.count}.json`;
}

export function serializeShardPart(part: ShardPart): string {
  return `${JSON.stringify(part, null, 2)}\n`;
}

/**
 * The shards' parts, checked: every shard of one count, from one revision
 * and the same files, each naming the files it wrote.
 */
export function parseShardParts(parts: ReadonlyArray<{ file: string; text: string }>): ShardPart[] {
  if (parts.length === 0) {
    throw new EditionError('no shard manifests to merge', {
      code: 'manifest/no-parts',
      hint: 'copy the out folders of every `edition build --shard i/n` run together first',
    });
  }
  const parsed = parts.map(({ file, text }) => {
    try {
      return JSON.parse(text) as ShardPart;
    } catch (error) {
      throw new EditionError('shard manifest is not valid JSON', { code: 'manifest/invalid', file, cause: error });
    }
  });
  const count = parsed[0]!.shard.count;
  const present = new Set(parsed.map((part) => part.shard.index));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !present.has(index));
  if (missing.length > 0 || parsed.some((part) => part.shard.count !== count)) {
    throw new EditionError(`shards ${missing.map((index) => `${index}/${count}`).join(', ') || 'of different counts'} are missing`, {
      code: 'manifest/missing-shard',
      hint: 'copy the out folder of every shard into one folder before merging',
    });
  }
  const revisions = new Set(parsed.map((part) => part.sourceRevision));
  if (revisions.size > 1) {
    throw new EditionError(`shards were built from different revisions (${[...revisions].join(', ')})`, {
      code: 'manifest/revisions',
      hint: 'rebuild every shard from the same commit',
    });
  }
  for (const [index, part] of parsed.entries()) {
    if (!Array.isArray(part.files) || !part.files.every((path) => typeof path === 'string') || typeof part.inputs !== 'string') {
      throw new EditionError('shard manifest does not list its files', {
        code: 'manifest/invalid',
        file: parts[index]!.file,
        hint: 'build the shards again with this version of edition, then merge',
      });
    }
  }
  if (new Set(parsed.map((part) => part.inputs)).size > 1) {
    throw new EditionError('shards were built from different content (articles, translations, settings or locales)', {
      code: 'manifest/inputs',
      hint: 'build every shard from the same files (the same commit, with nothing edited since), then merge',
    });
  }
  return parsed;
}

/** The manifest of the merged folder: every shard's coverage, and the files given (the shards' own, hashed where they now are). */
export function mergeShardParts(parsed: readonly ShardPart[], files: ManifestFile[]): string {
  const coverage: Record<string, Coverage> = {};
  for (const part of parsed) {
    for (const [code, value] of Object.entries(part.coverage)) {
      coverage[code] ??= { segments: 0, fromMemory: 0, machine: 0, human: 0, reviewed: 0, missing: 0 };
      addCoverage(coverage[code], value);
    }
  }
  return serializeManifest({ sourceRevision: parsed[0]!.sourceRevision, coverage, files });
}
