import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Where a bar hears that the user stopped the command, and passes the signal on: the process, in the command line. */
export type Signals = Pick<NodeJS.Process, 'on' | 'removeListener' | 'kill' | 'pid'>;

const STOPPING: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A bar on a terminal; on a pipe or in CI, a plain line at most every 10%
 * so logs stay readable. A terminal that says it cannot move the cursor
 * (`TERM=dumb`: Emacs' shell, some CI consoles) gets the plain lines too:
 * the bar's escape sequences would be printed as text.
 */
export function createProgress(stream: NodeJS.WriteStream, label: string, { env = {}, signals = process }: { env?: Readonly<Record<string, string | undefined>>; signals?: Signals } = {}): Progress {
  if (stream.isTTY && env['TERM'] !== 'dumb') {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} editions | {eta_formatted} left`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    // The bar hides the cursor: a build stopped by Ctrl-C would leave the terminal without one. The bar gives it back,
    // then the signal ends the process as it would have.
    const interrupted = (signal: NodeJS.Signals) => {
      stop();
      stream.write(`${label}: interrupted; the next build completes or clears what this one left\n`);
      signals.kill(signals.pid, signal);
    };
    const stop = () => {
      if (!started) return;
      started = false;
      for (const signal of STOPPING) signals.removeListener(signal, interrupted);
      bar.stop();
    };
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
          for (const signal of STOPPING) signals.on(signal, interrupted);
        }
        bar.update(done);
      },
      stop,
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total} editions\n`);
    },
    stop() {},
  };
}
