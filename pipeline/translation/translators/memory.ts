import { EditionError, EditionErrors } from '../../errors.js';
import type { Translator } from '../translator.js';
import { memoryFilePath } from '../memory/memory-file.js';

/**
 * The default translator: serves the translations kept in the repository.
 * It is only asked for what the memory lacks, so being asked at all is an
 * error: publishing English in a Korean edition is never the answer.
 */
export function memoryTranslator(): Translator {
  return {
    name: 'memory',
    usesMemory: true,
    storesResults: false,
    memoryOnly: true,
    async translate({ segments, targetLocale, article }) {
      const file = memoryFilePath(article.file, article.slug, targetLocale);
      const errors = segments.map(
        (segment) =>
          new EditionError(`no ${targetLocale} translation for "${preview(segment.source)}"`, {
            code: 'memory/missing',
            file,
            field: segment.id,
          }),
      );
      throw new EditionErrors(
        errors,
        `${segments.length} segment${segments.length === 1 ? '' : 's'} of ${article.file} ha${segments.length === 1 ? 's' : 've'} no ${targetLocale} translation`,
        `add them to ${file}, or translate them with --translator deepl`,
      );
    },
  };
}

function preview(source: string): string {
  return source.length > 60 ? `${source.slice(0, 57)}...` : source;
}
