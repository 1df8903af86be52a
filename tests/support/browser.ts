/**
 * The headless Chromium that browser tests drive, and the fonts it renders with.
 *
 * Both come from npm, so `npm ci && npm test` is all a machine needs: the
 * browser is the build that `@sparticuz/chromium` ships inside its package,
 * and the Korean and Arabic fonts are Noto fonts from `@embedpdf/fonts-*`.
 * They are unpacked once into node_modules/.cache/edition-browser/ and reused
 * by every later run. `CHROMIUM_PATH` runs another Chromium instead (another
 * platform, a debugging session); it still gets the same fonts.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { extract } from 'tar-stream';
import { repoRoot } from './project.js';
import { tempDir } from './temp.js';

/** The fonts a page falls back to for each script, as Chromium names them, and the package that ships each. */
export const FONTS = {
  korean: { family: 'Noto Sans Korean Regular', package: '@embedpdf/fonts-kr' },
  arabic: { family: 'Noto Naskh Arabic', package: '@embedpdf/fonts-arabic' },
} as const;

const CACHE = join(repoRoot, 'node_modules/.cache/edition-browser');

// Network flags on top of Playwright's own defaults: tests run with the network
// closed, so every name lookup fails at once instead of waiting for a timeout.
const OFFLINE_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

const LAMBDA_ONLY_ARGS = ['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials'];

/** The folder of an installed npm package (its main module sits in a subfolder). */
function packageDir(name: string): string {
  const main = fileURLToPath(import.meta.resolve(name));
  return main.slice(0, main.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length);
}

/** Unpack a Brotli-compressed tar archive into `dest`. */
async function untar(archive: string, dest: string): Promise<void> {
  const entries = extract();
  entries.on('entry', (header, stream, next) => {
    const target = join(dest, header.name);
    if (header.type === 'directory') {
      mkdirSync(target, { recursive: true });
      stream.resume();
      stream.on('end', next);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    pipeline(stream, createWriteStream(target, { mode: header.mode ?? 0o644 })).then(() => next(), next);
  });
  await pipeline(createReadStream(archive), createBrotliDecompress(), entries);
}

/**
 * The npm package's Chromium, unpacked next to the libraries it loads
 * (SwiftShader, and NSS for machines that lack it). Test files run in parallel
 * workers, so each unpacks into its own folder and renames it into place:
 * no worker ever sees a half-written browser.
 */
async function unpackChromium(): Promise<{ executable: string; libraries: string; defaultFonts: string }> {
  const root = packageDir('@sparticuz/chromium');
  const bin = join(root, 'bin');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(CACHE, `chromium-${version}`);
  const found = { executable: join(dir, 'chromium'), libraries: join(dir, 'lib'), defaultFonts: join(dir, 'fonts') };
  if (existsSync(found.executable)) return found;

  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(partial, 'chromium'), { mode: 0o755 })),
      untar(join(bin, 'swiftshader.tar.br'), partial),
      untar(join(bin, 'al2023.tar.br'), partial),
      untar(join(bin, 'fonts.tar.br'), partial),
    ]);
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another worker renamed its copy into place first: use that one.
    if (!existsSync(found.executable)) throw error;
  }
  return found;
}

/**
 * A fontconfig file that lists only the npm fonts, so a page renders the same
 * on every machine whatever fonts the system has. It replaces the package's
 * own fonts.conf, which points at Lambda's folders (/var/task/fonts, /opt/fonts).
 */
function fontConfig(extraDirs: readonly string[]): string {
  const dirs = [...extraDirs, ...Object.values(FONTS).map((font) => join(packageDir(font.package), 'fonts'))];
  const file = join(CACHE, 'fonts.conf');
  const text = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...dirs.map((dir) => `  <dir>${dir}</dir>`),
    `  <cachedir>${join(CACHE, 'fontconfig')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  mkdirSync(CACHE, { recursive: true });
  // Rewritten only when it changes (the checkout moved), so fontconfig's cache stays valid.
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    writeFileSync(`${file}.${process.pid}`, text);
    renameSync(`${file}.${process.pid}`, file);
  }
  return file;
}

/** Launch headless Chromium with the npm fonts; the caller closes it. */
export async function launchBrowser(): Promise<Browser> {
  // Chromium leaves files in its temp folder when it is closed: give it one that is removed after the test file.
  const env = { ...process.env, TMPDIR: tempDir('edition-chromium-') };
  const override = process.env['CHROMIUM_PATH'];
  if (override) {
    return playwright.launch({
      executablePath: override,
      args: ['--no-sandbox', '--disable-gpu', ...OFFLINE_ARGS],
      env: { ...env, FONTCONFIG_FILE: fontConfig([]) },
    });
  }
  const { default: pack } = await import('@sparticuz/chromium');
  // No test needs WebGL; without it the GPU process stays out of the way.
  pack.setGraphicsMode = false;
  // The package's flags are made for AWS Lambda. Off a Lambda, one process
  // would only make the browser quit when a test closes its page, and pages
  // must keep the security rules a reader's browser has.
  const args = pack.args.filter((arg) => !LAMBDA_ONLY_ARGS.includes(arg));
  const unpacked = await unpackChromium();
  const libraryPath = [unpacked.libraries, process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
  return playwright.launch({
    executablePath: unpacked.executable,
    args: [...args, ...OFFLINE_ARGS],
    env: { ...env, FONTCONFIG_FILE: fontConfig([unpacked.defaultFonts]), LD_LIBRARY_PATH: libraryPath },
  });
}

/**
 * For a test file or describe block: a browser that the first test asking for
 * it starts, closed once they are done. A browser that cannot start fails the
 * tests that need it (they are not skipped), and no other test.
 */
export function browserForTests(): () => Promise<Browser> {
  let launched: Promise<Browser> | undefined;
  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });
  return () => (launched ??= launchBrowser());
}

/**
 * Which fonts drew the text of the elements matching `selector`, as family
 * name → number of glyphs. A character no font has is drawn as a box by the
 * page's first font, so a script whose font is missing shows up here.
 */
export async function fontsUsed(page: Page, selector: string): Promise<Record<string, number>> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const glyphs: Record<string, number> = {};
    for (const nodeId of nodeIds) {
      for (const font of (await session.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) {
        glyphs[font.familyName] = (glyphs[font.familyName] ?? 0) + font.glyphCount;
      }
    }
    return glyphs;
  } finally {
    await session.detach();
  }
}
