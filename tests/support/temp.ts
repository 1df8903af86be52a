/**
 * Scratch folders for tests, removed when the test file that made them ends,
 * so a run of the suite leaves nothing behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Vitest evaluates this module afresh for each test file while it collects the
// file's tests, so this hook belongs to that file and runs after its last test.
// The benchmark scripts import test helpers outside vitest: their folders stay.
if (process.env['VITEST']) {
  const { afterAll } = await import('vitest');
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** A new empty folder under the temp folder, named `<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
