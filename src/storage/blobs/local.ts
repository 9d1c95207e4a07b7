import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, BlobNotFoundError, type BlobStore, type BlobStream, type PutOptions } from './types.ts';

/**
 * Blobs as files under `root` (DATA_DIR/attachments by default). A put writes a hidden temp file
 * beside the target, flushes it to disk and renames it into place, so a crash or a failed upload
 * never leaves a partial file under the key.
 */
export function localBlobStore(dir: string): BlobStore {
  const root = resolve(dir);

  function pathOf(key: string): string {
    const p = join(root, ...assertKey(key));
    if (!p.startsWith(root + sep)) throw new Error('blob key escapes the store');
    return p;
  }

  return {
    kind: 'local',
    async put(key: string, data: Buffer | Readable, o: PutOptions): Promise<void> {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      // A leading dot: never a valid key, so a temp file can never be read as a blob.
      const temp = join(dirname(target), `.${randomUUID()}.part`);
      let written = 0;
      let out: WriteStream | undefined;
      try {
        const counter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            written += chunk.length;
            cb(null, chunk);
          },
        });
        const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
        // flush: the bytes reach the disk before the file is closed and renamed into place.
        out = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
        await pipeline(source, counter, out);
        if (o.size !== undefined && written !== o.size) throw new Error(`expected ${o.size} bytes, got ${written}`);
        await rename(temp, target);
      } catch (e) {
        // A stream cut early may still be opening its file: wait until it is closed, or the
        // temp file would appear after the unlink below and stay behind.
        if (out && !out.closed) await once(out, 'close').catch(() => {});
        await unlink(temp).catch(() => {});
        throw e;
      }
    },
    async get(key: string): Promise<BlobStream> {
      const p = pathOf(key);
      let size: number;
      try {
        const s = await stat(p);
        if (!s.isFile()) throw new BlobNotFoundError(key);
        size = s.size;
      } catch (e) {
        if (e instanceof BlobNotFoundError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
        throw e;
      }
      const stream = createReadStream(p) as BlobStream;
      stream.size = size;
      return stream;
    },
    async delete(key: string): Promise<void> {
      await unlink(pathOf(key)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    },
    async exists(key: string): Promise<boolean> {
      return stat(pathOf(key)).then((s) => s.isFile(), () => false);
    },
  };
}
