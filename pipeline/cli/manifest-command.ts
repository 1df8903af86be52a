import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { outLockFile, withLock } from '../io/lock.js';
import { fileEntry, type ManifestFile } from '../bundle/manifest.js';
import { mergeShardParts, parseShardParts, SHARD_PART } from '../build/shard-manifest.js';
import { MAX_SHARDS } from '../build/shard.js';
import { recordOutput } from '../io/staged-output.js';
import { projectAbove } from '../io/read-project.js';
import type { CommandIo } from './build-command.js';

/**
 * Merge shard builds: hash every file of the merged out folder and combine
 * the shards' parts into out/manifest.json, as a full build writes it.
 */
export async function manifestCommand(options: { out: string; json?: boolean }, io: CommandIo): Promise<void> {
  const out = resolve(io.cwd, options.out);
  // A build swapping the folder meanwhile would leave a manifest of files that are gone.
  await withLock(outLockFile(out), `the out folder ${options.out}`, () => mergeManifest(out, options, io));
}

async function mergeManifest(out: string, options: { out: string; json?: boolean }, io: CommandIo): Promise<void> {
  const parts: Array<{ file: string; text: string }> = [];
  const found: Array<{ path: string; file: string }> = [];
  const archives: string[] = [];
  const entries = await readdir(out, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // Run from inside the project (its content/ folder, say): say where the project is, as the other commands do.
    const project = projectAbove(dirname(out));
    throw new EditionError('the out folder does not exist', {
      code: 'manifest/no-out',
      file: out,
      hint:
        project === undefined
          ? 'copy the out folders of every `edition build --shard i/n` run into it first'
          : `run edition in ${relative(io.cwd, project) || '.'}, the project folder above (it has content/ and locales/), or copy the out folders of every \`edition build --shard i/n\` run into this one first`,
    });
  });
  // Links (to a file anywhere on the machine) and other special files: no shard writes one, and an upload would follow it.
  const special: string[] = [];
  for (const entry of entries) {
    const file = join(entry.parentPath, entry.name);
    const path = relative(out, file).split('\\').join('/');
    if (!entry.isFile()) {
      if (!entry.isDirectory()) special.push(path);
      continue;
    }
    if (SHARD_PART.test(path)) parts.push({ file, text: await readPart(file) });
    else if (isArchive(path)) archives.push(path);
    else if (isSiteFile(path)) found.push({ path, file });
  }
  const parsed = parseShardParts(parts);
  // Only what the shards say they wrote is edition's: anything else (a CNAME copied in) would be listed, recorded, and deleted by the next build.
  const claimed = new Set(parsed.flatMap((part) => part.files));
  // A locale's archive is edition's only where a shard says it wrote it: an old ko.tar.gz of a locale now held back, or
  // of a shard built without --archive, would be uploaded with the bundles.
  const written = new Map(parsed.flatMap((part) => part.archives ?? []).map(({ path, sha256 }) => [path, sha256]));
  const archive = (path: string) => written.has(path);
  const strangers = [...found.filter(({ path }) => !claimed.has(path)).map(({ path }) => path), ...archives.filter((path) => !archive(path)), ...special];
  if (strangers.length > 0) {
    throw new EditionError(
      `the out folder holds files no shard wrote (${strangers.slice(0, 5).join(', ')}${strangers.length > 5 ? ` and ${strangers.length - 5} more` : ''}); merging would make them edition's`,
      {
        code: 'manifest/strangers',
        file: out,
        hint: "copy only the shards' out folders into it, merge, and add other files to the published copy afterwards",
      },
    );
  }
  // A shard's folder copied in part (a failed upload, a copy that left a locale out): its pages would be published
  // linking editions that are not there.
  const present = new Set([...found.map(({ path }) => path), ...archives]);
  const absent = [...claimed, ...written.keys()].filter((path) => !present.has(path)).sort();
  if (absent.length > 0) {
    throw new EditionError(
      `files the shards wrote are not in the out folder (${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ` and ${absent.length - 5} more` : ''}); merging would publish pages that link them`,
      { code: 'manifest/missing-files', file: out, hint: "copy every shard's out folder into it whole, then merge" },
    );
  }
  // An archive with other bytes than its shard wrote (an older bundle copied over it) would publish an old edition.
  const replaced: string[] = [];
  for (const path of archives) if (fileEntry(path, await readFile(join(out, path))).sha256 !== written.get(path)) replaced.push(path);
  if (replaced.length > 0) {
    throw new EditionError(`archives differ from what their shards wrote (${replaced.join(', ')}); merging would publish them`, {
      code: 'manifest/changed-archive',
      file: out,
      hint: "copy every shard's out folder into an empty folder, then merge",
    });
  }
  const files: ManifestFile[] = [];
  for (const { path, file } of found) files.push(fileEntry(path, await readFile(file)));
  await writeFileAtomic(join(out, 'manifest.json'), mergeShardParts(parsed, files));
  for (const part of parts) await rm(part.file);
  await recordOutput(out, (path) => claimed.has(path) || path === 'manifest.json' || path.startsWith('.cache/') || archive(path));
  const manifest = join(options.out, 'manifest.json');
  // A CI job that merges reads what it merged, as it reads a build's summary.
  if (options.json) io.stdout.write(`${JSON.stringify({ ok: true, shards: parts.length, files: files.length, manifest })}\n`);
  else io.stdout.write(`merged ${parts.length} shard${parts.length === 1 ? '' : 's'}: ${files.length} files -> ${manifest}\n`);
}

/**
 * A shard part, checked before merging: merging lists the shards that are
 * missing, so a part claiming 99,999,999 shards must not get that far.
 */
async function readPart(file: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  let count: unknown;
  try {
    count = (JSON.parse(text) as { shard?: { count?: unknown } }).shard?.count;
  } catch {
    return text; // The merge names the file that is not JSON.
  }
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_SHARDS) {
    throw new EditionError(`shard manifest is for ${String(count)} shards; edition builds 1 to ${MAX_SHARDS}`, {
      code: 'manifest/invalid',
      file,
      hint: 'build the shards again with --shard i/n, n at most 1000',
    });
  }
  return text;
}

/** The manifest lists the site's files: not itself, the build cache, or the archives made from the site. */
function isSiteFile(path: string): boolean {
  return path !== 'manifest.json' && !path.startsWith('.cache/') && !isArchive(path);
}

/** A locale's archive, `ko.tar.gz`, at the top of the out folder; a .tar.gz anywhere else is a file like any other. */
function isArchive(path: string): boolean {
  return !path.includes('/') && path.endsWith('.tar.gz');
}
