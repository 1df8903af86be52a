import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readText } from '../io/read-text.js';
import { emptyMemory, parseMemory, serializeMemory, type MemoryFile } from '../translation/memory/memory-file.js';
import { mergeMemory } from '../translation/memory/merge-memory.js';
import type { CommandIo } from './build-command.js';

/**
 * Merge one memory file three ways, as a git merge driver does (`%O %A
 * %B`): the result replaces `ours`. An empty or absent base or ours is a
 * file the side did not have.
 */
export async function mergeMemoryCommand(base: string, ours: string, theirs: string, io: CommandIo): Promise<void> {
  const show = (file: string) => relative(io.cwd, resolve(io.cwd, file)) || file;
  const read = async (file: string): Promise<MemoryFile | undefined> => {
    const path = resolve(io.cwd, file);
    if (!existsSync(path)) return undefined;
    const text = await readText(path, show(file));
    return text.trim() === '' ? undefined : parseMemory(text, show(file));
  };
  const their = await read(theirs);
  if (their === undefined) throw new EditionError('their side of the merge is empty', { code: 'cli/missing-file', file: show(theirs), hint: 'give the memory file of the branch being merged' });
  const { memory, conflicts } = mergeMemory(await read(base), (await read(ours)) ?? emptyMemory(their.article, their.locale), their);
  await writeFileAtomic(resolve(io.cwd, ours), serializeMemory(memory));
  if (conflicts.length > 0) {
    throw new EditionError(
      `${conflicts.length} segment${conflicts.length === 1 ? '' : 's'} changed on both sides (${conflicts.slice(0, 5).join(', ')}${conflicts.length > 5 ? ', …' : ''}): ours kept`,
      {
        code: 'memory/conflict',
        file: show(ours),
        hint: "compare the two translations of each (git show the other branch's file) and keep the right one",
      },
    );
  }
  io.stdout.write(`merged ${show(ours)}: ${Object.keys(memory.segments).length} segments\n`);
}
