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
 * bundled.json lists the packages the bundle holds, with their versions.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, 'dist') } } });
const outdir = resolve(values.outdir);

/**
 * unist-util-visit-parents names its visitor after each node it visits
 * (`node (paragraph)`), for stack traces, by redefining the function's name
 * once per node. Measured on an article's tree, that made a visit about
 * seven times slower, and a single-thread full build of 1,000 articles
 * spent some 12% more time. The bundle leaves the name out; what a visit
 * does is unchanged. A version that words it otherwise stops the bundle
 * here instead of quietly bringing the cost back.
 */
const NAMED_VISIT = `      Object.defineProperty(visit, 'name', {
        value:
          'node (' + color(node.type + (name ? '<' + name + '>' : '')) + ')'
      })
`;
const unnamedVisits = {
  name: 'unnamed-visits',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (source.split(NAMED_VISIT).length !== 2) throw new Error(`${path}: the statement that names each visit is not there as expected; look at it again before bundling`);
      return { contents: source.replace(NAMED_VISIT, ''), loader: 'js' };
    });
  },
};

// Only what this script wrote lives there: old files would count in the pipeline's fingerprint.
rmSync(outdir, { recursive: true, force: true });
const { metafile } = await build({
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
  metafile: true,
  plugins: [unnamedVisits],
});

// The packages the bundle holds, name@version: the pipeline's fingerprint names them
// from here, and looks up in node_modules only the packages loaded from there.
const packages = new Set();
for (const input of Object.keys(metafile.inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//u.exec(input.slice(input.lastIndexOf('node_modules/')));
  if (!match) continue;
  const folder = input.slice(0, input.lastIndexOf('node_modules/')) + `node_modules/${match[1]}`;
  const { name, version } = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
  packages.add(`${name}@${version}`);
}
writeFileSync(
  join(outdir, 'bundled.json'),
  `${JSON.stringify(
    [...packages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    null,
    2,
  )}\n`,
);
