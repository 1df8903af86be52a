import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A bar on a terminal; on a pipe or in CI, a plain line at most every 10%
 * so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream, label: string): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} editions | {eta_formatted} left`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => bar.stop(),
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
