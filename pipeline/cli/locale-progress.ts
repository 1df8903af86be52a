/**
 * Segments translated of those to send, per locale: one line per locale
 * at most every 10% (and at the end), readable on a terminal and in CI logs.
 */
export function createLocaleProgress(stream: NodeJS.WritableStream, label: string, totals: Record<string, number>) {
  const done = new Map<string, number>();
  const lastTenth = new Map<string, number>();
  return (locale: string, segments: number) => {
    const total = totals[locale] ?? 0;
    const value = (done.get(locale) ?? 0) + segments;
    done.set(locale, value);
    const tenth = Math.floor((value / Math.max(total, 1)) * 10);
    if (tenth === lastTenth.get(locale) && value < total) return;
    lastTenth.set(locale, tenth);
    stream.write(`${label} ${locale}: ${value}/${total} segments\n`);
  };
}
