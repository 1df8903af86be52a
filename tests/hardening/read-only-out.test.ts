/**
 * Files and folders edition's user may not read or write. An article it
 * cannot read is named, exit 1 (not "internal error"). An out/ folder its user cannot write (its own entries, as `chmod a-w out`
 * leaves them; its locale folders stay writable). A build that cannot put
 * every file in place moves none: out/ stays the previous build, whole.
 * Permissions do not stop root: the builds run as `nobody`, which needs
 * root to become; elsewhere the test is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratchProject } from '../support/project.js';
import { readTree } from '../support/tree.js';

const asRoot = process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;
const tsx = createRequire(join(repoRoot, 'package.json')).resolve('tsx/esm');
const story = (title: string) => `---\ntitle: "${title}"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\nThe port reopened.\n`;

function edition(dir: string, ...args: string[]) {
  return spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', tsx, join(repoRoot, 'pipeline/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8' });
}

describe.skipIf(!asRoot)('a read-only out folder', { timeout: 120_000 }, () => {
  it('is left whole by a build that cannot write it; a build that swaps it leaves the old one for the next build to remove, which says why it cannot', () => {
    const dir = scratchProject({ 'content/port.md': story('Port reopens') });
    execFileSync('chown', ['-R', 'nobody', dir]);
    expect(edition(dir, 'build', '--locales', 'en').status).toBe(0);
    const before = readTree(join(dir, 'out'));
    chmodSync(join(dir, 'out'), 0o555);
    writeFileSync(join(dir, 'content/port.md'), story('Port reopens at last'));

    const refused = edition(dir, 'build', '--locales', 'en');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error: out: cannot write the out folder');
    expect(readTree(join(dir, 'out'))).toEqual(before);

    // Swapped whole (archives): the new build is in place, the old folder cannot be emptied.
    const swapped = edition(dir, 'build', '--locales', 'en', '--archive');
    expect(swapped.status, swapped.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/en/port.html'), 'utf8')).toContain('at last');
    const left = readdirSync(dir).filter((name) => name.startsWith('out.previous-'));
    expect(left).toHaveLength(1);
    const next = edition(dir, 'build', '--locales', 'en');
    expect(next.status).toBe(1);
    expect(next.stderr).toContain(`cannot delete ${left[0]}, which an earlier build of out left beside it`);
    expect(next.stderr).not.toContain('internal error');
    chmodSync(join(dir, left[0]!), 0o755);
    expect(edition(dir, 'build', '--locales', 'en').status).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('out.'))).toEqual([]);
  });
});

describe.skipIf(!asRoot)('an article its user cannot read', { timeout: 120_000 }, () => {
  it('is named with what to check, exit 1, by build, check and status (--json answers too)', () => {
    const dir = scratchProject({ 'content/port.md': story('Port reopens') });
    execFileSync('chown', ['-R', 'nobody', dir]);
    chmodSync(join(dir, 'content/port.md'), 0o000);
    for (const command of ['build', 'check', 'status']) {
      const run = edition(dir, command, '--json');
      expect([command, run.status, run.stderr]).toEqual([command, 1, 'error: content/port.md: permission denied (open)\n  hint: check the path and its permissions for the user running edition\n']);
      expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: expect.objectContaining({ code: 'io/file-system', file: 'content/port.md' }) });
    }
  });

  it('is named as well when a worker thread meets it (a linked picture), not as a bug in edition', () => {
    const dir = scratchProject({ 'content/port.md': story('Port reopens').replace('The port reopened.', 'The port reopened.\n\n![The quay](pic.png)') });
    writeFileSync(join(dir, 'content/pic.png'), Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    execFileSync('chown', ['-R', 'nobody', dir]);
    chmodSync(join(dir, 'content/pic.png'), 0o000);
    const run = edition(dir, 'build', '--locales', 'en', '--workers', '2');
    expect([run.status, run.stderr]).toEqual([1, expect.stringContaining('error: content/pic.png: permission denied (open)')]);
  });
});
