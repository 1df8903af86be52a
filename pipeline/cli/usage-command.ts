import type { CommandIo } from './build-command.js';
import { count } from './project-input.js';

/** The DeepL account's character usage in the current billing period. */
export async function usageCommand(io: CommandIo): Promise<void> {
  const { deeplTranslator } = await import('../translation/translators/deepl/index.js');
  const usage = await deeplTranslator({ env: io.env }).usage();
  if (!usage.characters) {
    io.stdout.write(`${usage.server}: no character usage reported\n`);
    return;
  }
  const { count: used, limit } = usage.characters;
  const share = limit > 0 ? ` (${((used / limit) * 100).toFixed(1)}%)` : '';
  io.stdout.write(`${usage.server}: ${count(used)} of ${count(limit)} characters used${share}, ${count(Math.max(0, limit - used))} left\n`);
}
