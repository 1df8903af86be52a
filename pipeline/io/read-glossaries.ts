import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Glossary } from '../translation/glossary/glossary-file.js';
import { parseGlossary } from '../translation/glossary/glossary-file.js';
import { readText } from './read-text.js';

export const GLOSSARY_FILE = 'glossary.txt';

/** Every locales/<lng>/glossary.txt, by locale code; a locale without one has none. */
export async function readGlossaries(localesDir: string, cwd: string): Promise<Map<string, Glossary>> {
  const glossaries = new Map<string, Glossary>();
  let folders;
  try {
    folders = await readdir(localesDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return glossaries;
    throw error;
  }
  for (const folder of folders.filter((entry) => entry.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = join(localesDir, folder.name, GLOSSARY_FILE);
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const glossary = parseGlossary(text, relative(cwd, file) || file, folder.name);
    if (glossary.entries.length > 0) glossaries.set(folder.name, glossary);
  }
  return glossaries;
}
