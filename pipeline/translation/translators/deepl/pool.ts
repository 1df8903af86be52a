/**
 * Run tasks with at most `limit` in flight. After a task fails, or once
 * `stop()` turns true, no new task starts, but those already sent are
 * awaited: their characters are paid for and their results must be saved.
 * The first failure is thrown when everything in flight has settled.
 */
export async function runBounded(tasks: ReadonlyArray<() => Promise<void>>, limit: number, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < tasks.length && !failure && !stop()) {
      const task = tasks[next]!;
      next += 1;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (failure) throw failure.error;
}
