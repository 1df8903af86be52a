/**
 * The command line as `npm run build` and `npm ci` make it: one bundle of
 * edition and its libraries. It must build what the sources build, on
 * worker threads too (their file is found beside the bundle's chunks).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOk, corpusProject } from '../support/build.js';
import { repoRoot } from '../support/project.js';
import { readTree } from '../support/tree.js';

/** Inside the repository, so the bundle finds the packages it leaves out (tinypool, deepl-node) in node_modules. */
const bundled = join(repoRoot, 'node_modules/.cache/edition-bundled-test');

beforeAll(() => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--outdir', bundled], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(bundled, { recursive: true, force: true }));

describe('the bundled command line', { timeout: 120_000 }, () => {
  it('builds on two worker threads the pages the sources build on one', async () => {
    const dir = corpusProject(6, ['de', 'ko']);
    const run = spawnSync(process.execPath, [join(bundled, 'cli/main.js'), 'build', '--workers', '2', '--out', 'bundled', '--json'], { cwd: dir, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr.split('\n').filter((line) => line.startsWith('error') || line.startsWith('internal')) }).toEqual({ status: 0, stderr: [] });
    expect(JSON.parse(run.stdout)).toMatchObject({ articles: 6, editions: 18, rebuilt: 18, workers: 2 });
    await buildOk(dir, '--workers', '1', '--out', 'sources');
    // The cache and the record name the code that built them, and the file system's inodes: only the site is compared.
    const site = (out: string) => readTree(join(dir, out), ['.cache']);
    expect(Object.keys(site('bundled'))).toContain('ko/story-00003.html');
    expect(site('bundled')).toEqual(site('sources'));
  });

  it('prints the version of the package it was bundled from, wherever the bundle is written', () => {
    const run = spawnSync(process.execPath, [join(bundled, 'cli/main.js'), '--version'], { encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: `${(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}\n` });
  });

  it('says what is wrong with a project in one line and exits non-zero, as the sources do', () => {
    const dir = corpusProject(1, ['de']);
    rmSync(join(dir, 'content/site.yaml'));
    rmSync(join(dir, 'locales'), { recursive: true });
    const run = spawnSync(process.execPath, [join(bundled, 'cli/main.js'), 'build'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^error: .*locales/mu);
    expect(run.stderr).not.toContain('    at ');
  });

  it('runs a build to its end when the reader of its output goes away (| head -1), and exits with its own code', () => {
    const dir = corpusProject(30, ['de', 'ko']);
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${join(bundled, 'cli/main.js')}" build --workers 1 2>&1 | head -1; echo "exit \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toMatch(/^building: .*\nexit 0\n$/u);
    expect(Object.keys(readTree(join(dir, 'out'), ['.cache'])).filter((path) => path.endsWith('.html'))).toHaveLength(30 * 3 + 1 + 3);
    expect(readdirSync(dir).filter((name) => name !== 'out' && name.startsWith('out'))).toEqual([]);
  });
});
