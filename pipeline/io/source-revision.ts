import { execFile } from 'node:child_process';

/** The git commit the content folder is at, or null when it is not in a git work tree. */
export function sourceRevision(contentDir: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['-C', contentDir, 'rev-parse', 'HEAD'], { timeout: 10_000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}
