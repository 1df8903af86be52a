import { realpathSync, statSync, type BigIntStats } from 'node:fs';

/**
 * What changes when a file is written, replaced or edited, short of its
 * bytes: its size, modification time and inode. Builds compare stamps
 * instead of reading files, as make and git do.
 */
export function statStamp(stat: BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ino}`;
}

/**
 * The stamp of the file a path leads to, with where it leads: a symbolic
 * link on the way repointed to another file (`ln -sfn v2.png lead.png`)
 * changes it even when neither file changed.
 */
export function linkedFileStamp(path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return 'absent';
  }
  return `${real}\u0000${fileStamp(real)}`;
}

/** The stamp of the file at `path`, or `absent` for no file. */
export function fileStamp(path: string): string {
  const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stat ? statStamp(stat) : 'absent';
}
