import { dirname, join } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { readTextSyncIfPresent } from '../io/read-text.js';
import { mergeMemory } from '../translation/memory/merge-memory.js';
import { parseMemory, serializeMemory, type MemoryFile, type SaveMemory } from '../translation/memory/memory-file.js';

/**
 * How a build saves memory files: a file a person changed on disk while
 * the build ran (a long DeepL build, a translator fixing a line) is merged
 * three ways with what the build adds, as `edition merge-memory` merges
 * two branches, never written over. The base is the memory as the build
 * read it, then as this build last wrote it. A person's or reviewer's
 * entry wins over a machine's; an entry both changed to translations of
 * the same standing is flagged with the other, so the edition is held
 * until someone chooses. Each merge is reported in `warnings`.
 */
export function memorySaver(cwd: string, warnings: string[]): SaveMemory {
  const written = new Map<string, MemoryFile>();
  return async (file, memory, read) => {
    const path = join(cwd, file);
    const base = written.get(file) ?? read;
    let next = memory;
    const theirs = base === undefined ? undefined : onDisk(path, file);
    if (base !== undefined && theirs !== undefined && serializeMemory(theirs) !== serializeMemory(base)) {
      const merged = mergeMemory(base, memory, theirs);
      next = merged.memory;
      const conflicts = merged.conflicts.length;
      warnings.push(
        `${file}: changed on disk while the build ran; merged, keeping those changes${conflicts > 0 ? ` (${conflicts} segment${conflicts === 1 ? '' : 's'} both changed, flagged for review)` : ''}; build again to publish them`,
      );
    }
    writeMemory(path, next);
    written.set(file, next);
  };
}

/** The memory file as it is now; absent, undefined. One that no longer parses is someone's edit in progress: never written over. */
function onDisk(path: string, file: string): MemoryFile | undefined {
  const text = readTextSyncIfPresent(path);
  if (text === undefined) return undefined;
  try {
    return parseMemory(text, file);
  } catch (error) {
    if (!(error instanceof EditionError)) throw error;
    throw new EditionError('the memory file changed on disk during the build and no longer reads; the translations of this batch were not saved', {
      code: 'memory/changed',
      file,
      hint: 'fix the file (edition check names what is wrong), then build again: what was not saved is sent again',
      cause: error,
    });
  }
}

/** Save a memory file; a full disk or a read-only folder is a message naming the file, not a crash. */
function writeMemory(file: string, memory: MemoryFile): void {
  try {
    writeFileAtomicSync(file, serializeMemory(memory));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new EditionError('the disk is full: cannot save the translation memory', { code: 'disk/full', file, hint: 'free some space on that disk and build again', cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new EditionError('cannot save the translation memory: the folder is not writable', {
        code: 'memory/unwritable',
        file: dirname(file),
        hint: 'make the content folder writable, or build with --translator pseudo',
        cause: error,
      });
    }
    throw error;
  }
}
