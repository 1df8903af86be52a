import { EditionError } from '../errors.js';
import { eachEdition, sourceLocaleOf } from '../project/project.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stringifyPage } from '../render/stringify.js';
import { reviewPage } from '../review/review-page.js';
import { editionStatus, needsAttention } from '../review/segment-status.js';
import type { CommandIo } from './build-command.js';
import { outputFile, readProjectInput, type ProjectOptions } from './project-input.js';

export interface ReviewCommandOptions extends Omit<ProjectOptions, 'locales'> {
  /** Default: review/<locale>/<slug>.html, outside out/ so a build never publishes it. */
  out?: string;
}

/** Write the static reviewer page of one edition. */
export async function reviewCommand(locale: string, slug: string, options: ReviewCommandOptions, io: CommandIo): Promise<void> {
  const out = options.out ?? `review/${locale}/${slug}.html`;
  const file = outputFile(io.cwd, out, '--out');
  const { project } = await readProjectInput({ ...options, locales: locale }, io.cwd, '<locale>');
  const target = project.locales.find((candidate) => candidate.code === locale)!;
  const source = sourceLocaleOf(project);
  if (target === source) {
    throw new EditionError(`${locale} is the source locale; it has no translation to review`, { code: 'cli/usage', field: 'locale', hint: 'name a target locale, e.g. `edition review ko <slug>`' });
  }
  for await (const { article, segments, memory, memoryFile } of eachEdition(project, [locale], slug)) {
    const { rows } = editionStatus(segments, memory);
    await writeFileAtomic(file, stringifyPage(reviewPage({ slug, articleFile: article.file, memoryFile, source, target, rows })));
    const attention = rows.filter(needsAttention).length;
    io.stdout.write(`wrote ${out}: ${rows.length} segments, ${attention} needing attention\n`);
    return;
  }
  throw new EditionError(`no article "${slug}"`, { code: 'cli/unknown-article', field: 'slug', hint: `articles: ${project.articles.map((article) => article.slug).join(', ')}` });
}
