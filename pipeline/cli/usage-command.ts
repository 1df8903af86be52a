import type { CommandIo } from './build-command.js';
import { count } from './project-input.js';

/** The DeepL account's character usage in the current billing period; `--json` as data (characters null when the account reports none). */
export async function usageCommand(options: { json?: boolean }, io: CommandIo): Promise<void> {
  const { deeplTranslator } = await import('../translation/translators/deepl/index.js');
  const usage = await deeplTranslator({ env: io.env }).usage();
  if (options.json) {
    const characters = usage.characters ? { used: usage.characters.count, limit: usage.characters.limit, left: Math.max(0, usage.characters.limit - usage.characters.count) } : null;
    io.stdout.write(`${JSON.stringify({ ok: true, server: usage.server, characters }, null, 2)}\n`);
    return;
  }
  if (!usage.characters) {
    io.stdout.write(`${usage.server}: no character usage reported\n`);
    return;
  }
  const { count: used, limit } = usage.characters;
  const share = limit > 0 ? ` (${((used / limit) * 100).toFixed(1)}%)` : '';
  io.stdout.write(`${usage.server}: ${count(used)} of ${count(limit)} characters used${share}, ${count(Math.max(0, limit - used))} left\n`);
}
