import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Files edition writes beside the memory while it works: a change to them is no edit. */
const OWN_FILES = /(^|[\\/])(\.[^\\/]+\.[0-9a-f]{12}\.tmp|\.edition\.lock(\.[0-9a-f]{12}\.tmp)?)$/u;

export interface FolderWatch {
  close(): void;
}

/**
 * Watch folders and everything under them, and report the changed paths in
 * batches: an editor's save (write a temporary file, rename it over the old
 * one) or a git checkout is one batch, not a render per event. Node's own
 * recursive watch is enough on Linux, macOS and Windows since Node 20.
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
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      const file = name === null ? folder : join(folder, name.toString());
      if (OWN_FILES.test(file)) return;
      pending.add(file);
      timer ??= setTimeout(flush, settleMs);
    }),
  );
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
