import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createProgress, type Signals } from '../../pipeline/cli/progress.js';

/** A terminal that records what is written to it, and a process whose signals the test sends. */
function terminal() {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: 80,
    rows: 24,
    write: (text: string) => written.push(text) > 0,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  const process = Object.assign(new EventEmitter(), { pid: 4242, killed: [] as Array<[number, string]> });
  const signals = Object.assign(process, { kill: (pid: number, signal: string) => process.killed.push([pid, signal]) > 0 }) as unknown as Signals & typeof process;
  return { written, stream: stream as unknown as NodeJS.WriteStream, signals };
}

describe('the progress bar on a terminal', () => {
  it('gives the terminal its cursor back when the build is interrupted, says so, and passes the signal on', () => {
    const { written, stream, signals } = terminal();
    const progress = createProgress(stream, 'building', { signals });
    progress.update(3, 10);
    expect(written.join('')).toContain('\u001b[?25l');
    signals.emit('SIGINT', 'SIGINT');
    const after = written.join('');
    expect(after.lastIndexOf('\u001b[?25h')).toBeGreaterThan(after.lastIndexOf('\u001b[?25l'));
    expect(after).toContain('building: interrupted; the next build completes or clears what this one left\n');
    expect(signals.killed).toEqual([[4242, 'SIGINT']]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops listening for signals once the build is done', () => {
    const { stream, signals } = terminal();
    const progress = createProgress(stream, 'building', { signals });
    progress.update(10, 10);
    expect(signals.listenerCount('SIGTERM')).toBe(1);
    progress.stop();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => signals.listenerCount(signal))).toEqual([0, 0, 0]);
    expect(signals.killed).toEqual([]);
  });
});

describe('a terminal that cannot move the cursor (TERM=dumb)', () => {
  it('gets plain lines, without the escape sequences a bar draws with', () => {
    const { written, stream, signals } = terminal();
    const progress = createProgress(stream, 'building', { env: { TERM: 'dumb' }, signals });
    for (let done = 1; done <= 10; done += 1) progress.update(done, 10);
    progress.stop();
    const text = written.join('');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('building: 10/10 editions\n');
  });
});
