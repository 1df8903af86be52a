import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const vnu: string = createRequire(import.meta.url)('vnu-jar');

export interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

/** Run the Nu Html Checker over a folder; returns its error messages. */
export function checkHtml(dir: string): VnuMessage[] {
  let output: string;
  try {
    // -XX:-UsePerfData: the JVM would otherwise write under /tmp/hsperfdata_<user>, whatever TMPDIR says.
    output = execFileSync('java', ['-XX:-UsePerfData', '-jar', vnu, '--errors-only', '--format', 'json', '--skip-non-html', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // vnu exits 1 when it finds errors and writes its report to stderr.
    output = (error as { stderr: string }).stderr;
  }
  const text = output.trim();
  return text ? (JSON.parse(text) as { messages: VnuMessage[] }).messages : [];
}
