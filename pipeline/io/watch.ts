import { lstatSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';

/** Files edition writes beside the memory while it works: a change to them is no edit. */
const OWN_FILES = /(^|[\\/])(\.[^\\/]+\.[0-9a-f]{12}\.tmp|\.edition\.lock(\.[0-9a-f]{12}\.tmp)?)$/u;

/** Folders watched at most: a content folder has a few dozen; a runaway tree must not exhaust the system's watches. */
const MAX_FOLDERS = 10_000;

export interface FolderWatch {
  close(): void;
}

/**
 * Watch folders and everything under them, and report the changed paths in
 * batches: an editor's save (write a temporary file, rename it over the old
 * one) or a git checkout is one batch, not a render per event.
 *
 * Each folder is watched on its own, not through Node's recursive watch:
 * on Linux, Node 20's recursive watch stops reporting a file once it has
 * been replaced by a rename, which is how editors, git and edition itself
 * save. A folder's own watch reports every entry written, renamed or
 * removed in it, however often. Folders made later are watched as they
 * appear; symbolic links are not followed.
 */
export function watchFolders(folders: readonly string[], onChange: (files: string[]) => void, settleMs = 10): FolderWatch {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending];
    pending = new Set();
    if (files.length > 0) onChange(files);
  };
  const watchers = new Map<string, FSWatcher>();
  const forget = (folder: string) => {
    for (const [path, watcher] of watchers) {
      if (path !== folder && !path.startsWith(folder + sep)) continue;
      watcher.close();
      watchers.delete(path);
    }
  };
  const changed = (folder: string, name: string | Buffer | null) => {
    const file = name === null ? folder : join(folder, name.toString());
    if (OWN_FILES.test(file)) return;
    pending.add(file);
    timer ??= setTimeout(flush, settleMs);
    // A folder made or moved in is watched from now on; one removed or moved away is let go.
    let isFolder: boolean;
    try {
      isFolder = lstatSync(file).isDirectory();
    } catch {
      forget(file);
      return;
    }
    if (isFolder) watchTree(file);
  };
  const watchOne = (folder: string) => {
    if (watchers.has(folder) || watchers.size >= MAX_FOLDERS) return;
    try {
      const watcher = watch(folder, (_event, name) => changed(folder, name));
      // A folder removed under its watch: the parent's watch reports it; this one just stops.
      watcher.on('error', () => forget(folder));
      watchers.set(folder, watcher);
    } catch {
      // Gone before it could be watched: its parent reported it.
    }
  };
  /** A folder and every folder under it, without recursion (a deep tree cannot overflow the stack). */
  const watchTree = (root: string) => {
    const stack = [root];
    while (stack.length > 0 && watchers.size < MAX_FOLDERS) {
      const folder = stack.pop()!;
      watchOne(folder);
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) if (entry.isDirectory()) stack.push(join(folder, entry.name));
    }
  };
  for (const folder of folders) {
    // The folders given may be symbolic links themselves (a content folder linked into place); what is under them is not followed.
    try {
      if (statSync(folder).isDirectory()) watchTree(folder);
    } catch {
      // A folder that does not exist has nothing to watch.
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
