import { lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A build that changed a few files of a large out/ moves just those into
 * it, instead of linking every unchanged page into a new folder and
 * swapping the folders (ten thousand links and as many deletions for one
 * edited article). The moves are written down first, in the staging
 * folder, as a journal: a build killed while moving is finished by the
 * next one (see recoverOutput), as git and rsync --delay-updates do, so
 * out/ is the old build until the journal exists and the new one once
 * it has been played.
 */
export interface CommitJournal {
  format: typeof FORMAT | typeof FIRST_FORMAT;
  /** Files in the staging folder that replace or join out/'s, by path; out/'s record goes last. */
  replace: string[];
  /** Files of the previous build that the new one no longer has. */
  remove: string[];
  /**
   * The sha256 of out/'s record before the moves and after them: a journal
   * is played only on the out/ it was written for (absent in the first
   * format, whose journals are played as they always were).
   */
  from?: string;
  to?: string;
}

const FORMAT = 'edition commit 2';
const FIRST_FORMAT = 'edition commit 1';
export const JOURNAL = '.cache/commit.json';

/** A relative path of plain names, as the build writes them. */
export function isPagePath(path: string): boolean {
  return path.split('/').every((name) => name !== '' && name !== '.' && name !== '..' && !/[\\\0]/u.test(name));
}

/**
 * A check that a path of plain names leads through real folders of
 * `base` (or folders that do not exist yet), each folder looked at once:
 * a folder replaced by a symbolic link since out/ was checked would lead
 * a move or a deletion outside it.
 */
export function realFolders(base: string): (path: string) => boolean {
  const known = new Map<string, boolean>();
  return (path) => {
    if (!isPagePath(path)) return false;
    const names = path.split('/');
    return names.slice(0, -1).every((_, index) => {
      const folder = names.slice(0, index + 1).join('/');
      let real = known.get(folder);
      if (real === undefined) {
        const stat = lstatSync(`${base}/${folder}`, { throwIfNoEntry: false });
        real = stat === undefined || stat.isDirectory();
        known.set(folder, real);
      }
      return real;
    });
  };
}

/** Write the journal into the staging folder, whole or not at all, then play it. */
export function commitInPlace(base: string, staging: string, journal: Omit<CommitJournal, 'format'> & { from: string; to: string }): void {
  const file = join(staging, JOURNAL);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ format: FORMAT, ...journal })}\n`);
  renameSync(`${file}.tmp`, file);
  playJournal(base, staging, { format: FORMAT, ...journal });
}

/**
 * Move what is left to move, delete what is left to delete, then drop the
 * staging folder. Playing a journal twice does what playing it once does.
 */
export function playJournal(base: string, staging: string, journal: CommitJournal): void {
  const safe = realFolders(base);
  for (const path of journal.replace) {
    const from = `${staging}/${path}`;
    if (!safe(path) || lstatSync(from, { throwIfNoEntry: false }) === undefined) continue;
    mkdirSync(dirname(`${base}/${path}`), { recursive: true });
    renameSync(from, `${base}/${path}`);
  }
  const emptied = new Set<string>();
  for (const path of journal.remove) {
    if (!safe(path)) continue;
    try {
      unlinkSync(`${base}/${path}`);
    } catch {
      // Already gone.
    }
    for (let folder = dirname(path); folder !== '.'; folder = dirname(folder)) emptied.add(folder);
  }
  // Folders the removed files leave empty go too, the deepest first; a folder still in use stays.
  for (const folder of [...emptied].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(`${base}/${folder}`);
    } catch {
      // Not empty, or gone.
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

/** The staging folder's journal, when it wrote one whole. */
export function readJournal(staging: string): CommitJournal | undefined {
  try {
    const data = JSON.parse(readFileSync(join(staging, JOURNAL), 'utf8')) as Partial<CommitJournal>;
    const paths = (list: unknown): list is string[] => Array.isArray(list) && list.every((path) => typeof path === 'string' && isPagePath(path));
    const digest = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{64}$/u.test(value);
    const versioned = data.format === FIRST_FORMAT || (data.format === FORMAT && digest(data.from) && digest(data.to));
    return versioned && paths(data.replace) && paths(data.remove) ? (data as CommitJournal) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a journal was written for out/ as it is, given the sha256 of
 * out/'s record (undefined: none): that record is the one
 * the moves started from (some pages may have moved) or the one they end
 * with (only deletions were left). Any other record means another build
 * has replaced out/ since (the killed build's process number was taken by
 * another process, which kept its journal from being played in time):
 * playing it would put the old build's pages into the new one.
 */
export function journalFits(journal: CommitJournal, record: string | undefined): boolean {
  if (journal.format === FIRST_FORMAT) return true;
  return record !== undefined && (record === journal.from || record === journal.to);
}
