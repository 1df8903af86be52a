import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readText } from '../io/read-text.js';
import { emptyMemory, parseMemory, serializeMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import { mergeMemory } from '../translation/memory/merge-memory.js';
import type { CommandIo } from './build-command.js';

/**
 * Merge one memory file three ways, as a git merge driver does (`%O %A %B
 * %P`): the result replaces `ours`. An empty or absent base or ours is a
 * file the side did not have. `path` (git's %P) names the file in
 * messages, where git hands temporary files.
 */
export async function mergeMemoryCommand(base: string, ours: string, theirs: string, path: string | undefined, io: CommandIo): Promise<void> {
  const side = (file: string) => (file === base ? 'base' : file === ours ? 'ours' : 'theirs');
  const show = (file: string) => (path === undefined ? relative(io.cwd, resolve(io.cwd, file)) || file : `${path} (${side(file)})`);
  const read = async (file: string): Promise<MemoryFile | undefined> => {
    const full = resolve(io.cwd, file);
    if (!existsSync(full)) return undefined;
    const text = await readText(full, show(file));
    return text.trim() === '' ? undefined : parseMemory(text, show(file));
  };
  const their = await read(theirs);
  if (their === undefined) throw new EditionError('their side of the merge is empty', { code: 'cli/missing-file', file: show(theirs), hint: 'give the memory file of the branch being merged' });
  const { memory, conflicts } = mergeMemory(await read(base), (await read(ours)) ?? emptyMemory(their.article, their.locale), their);
  await writeFileAtomic(resolve(io.cwd, ours), serializeMemory(memory));
  const named = path ?? show(ours);
  if (conflicts.length > 0) {
    const listed = `${conflicts.slice(0, 5).join(', ')}${conflicts.length > 5 ? ', …' : ''}`;
    throw new EditionError(`${conflicts.length} segment${conflicts.length === 1 ? '' : 's'} changed on both sides (${listed}): ours kept, flagged with theirs, so the edition is held`, {
      code: 'memory/conflict',
      file: named,
      hint: 'in each flagged entry keep the right translation and delete the flag (in edition serve, or the JSON), then git add the file',
    });
  }
  io.stdout.write(`merged ${named}: ${Object.keys(memory.segments).length} segments\n`);
}
