/**
 * The command line as Node runs it: every module of edition and of the
 * libraries it uses, bundled into a few files. Loading some four hundred
 * small ES modules one by one took about half a second of every build,
 * more than a rebuild with nothing to do spends on the site itself; a
 * bundle loads in a fraction of that. Commands and the article pipeline
 * stay in chunks of their own, loaded when first used.
 *
 *     node scripts/bundle.mjs [--outdir DIR]     # default: dist
 *
 * tinypool finds its own worker file next to itself, and deepl-node is
 * the official client as published: both are loaded from node_modules.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, 'dist') } } });
const outdir = resolve(values.outdir);

// Only what this script wrote lives there: old files would count in the pipeline's fingerprint.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['pipeline/cli/main.ts', 'pipeline/cli/article-worker.ts'],
  outdir: join(outdir, 'cli'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Prefer the packages' ES modules, as Node itself would import them.
  mainFields: ['module', 'main'],
  external: ['tinypool', 'deepl-node'],
  // CommonJS libraries inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as editionCreateRequire } from 'node:module'; const require = editionCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
