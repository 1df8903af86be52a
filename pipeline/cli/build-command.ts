import { join, resolve } from 'node:path';
import { EditionError } from '../errors.js';
import { buildSite } from '../bundle/build-site.js';
import { readProject } from '../io/read-project.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { writeSite } from '../io/write-site.js';
import { serializeMemory } from '../translation/memory/memory-file.js';
import { translators } from '../translation/translators/index.js';
import { createProgress } from './progress.js';

export interface BuildCommandOptions {
  locales?: string;
  translator: string;
  content: string;
  out: string;
  localesDir: string;
}

export interface CommandIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export async function buildCommand(options: BuildCommandOptions, io: CommandIo): Promise<void> {
  const factory = translators[options.translator];
  if (!factory) {
    throw new EditionError(`unknown translator "${options.translator}"`, {
      code: 'cli/unknown-translator',
      field: '--translator',
      hint: `choose one of: ${Object.keys(translators).join(', ')}`,
    });
  }
  const translator = factory({ env: io.env });
  const project = await readProject({
    content: resolve(io.cwd, options.content),
    locales: resolve(io.cwd, options.localesDir),
    cwd: io.cwd,
  });
  const only = options.locales?.split(',').map((code) => code.trim()).filter(Boolean);
  const unknown = only?.filter((code) => !project.locales.some((locale) => locale.code === code)) ?? [];
  if (unknown.length > 0) {
    throw new EditionError(`unknown locale${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, {
      code: 'cli/unknown-locale',
      field: '--locales',
      hint: `configured locales: ${project.locales.map((locale) => locale.code).join(', ')}`,
    });
  }

  const progress = createProgress(io.stderr, 'building');
  let result;
  try {
    result = await buildSite(project, {
      translator,
      ...(only ? { only } : {}),
      saveMemory: (file, memory) => writeFileAtomic(join(io.cwd, file), serializeMemory(memory)),
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  await writeSite(resolve(io.cwd, options.out), result.files);
  const { articles, editions, fromMemory, translated } = result.summary;
  io.stdout.write(
    `built ${articles} article${articles === 1 ? '' : 's'}, ${editions} editions: ${fromMemory} segments from memory, ${translated} translated (${translator.name}) -> ${options.out}\n`,
  );
}
