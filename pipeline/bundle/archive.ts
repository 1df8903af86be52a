import { pack } from 'tar-stream';
import { gzipSync } from 'node:zlib';

/**
 * A reproducible tar.gz of one locale bundle: entries sorted, every mtime,
 * owner and mode fixed, so the same files give the same bytes on any
 * machine. The gzip header's OS byte differs between zlib builds (3 on
 * Linux, 19 on macOS), so it is pinned to 255 ("unknown"), which RFC 1952
 * allows; gzip stores no timestamp when compressing a buffer.
 */
export async function tarGz(files: ReadonlyArray<readonly [string, Uint8Array]>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, content] of sorted) {
    await new Promise<void>((resolve, reject) => {
      archive.entry({ name, size: content.byteLength, mode: 0o644, mtime: new Date(0), uid: 0, gid: 0, uname: '', gname: '', type: 'file' }, Buffer.from(content), (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
  archive.finalize();
  await finished;
  const gzip = gzipSync(Buffer.concat(chunks), { level: 9 });
  gzip[9] = 255;
  return gzip;
}
