import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsV4Signer } from 'aws4fetch';
import { assertKey, BlobNotFoundError, type BlobStore, type BlobStream, type PutOptions } from './types.ts';

export interface S3Options {
  /** e.g. https://s3.eu-west-1.amazonaws.com, http://127.0.0.1:9000 (MinIO), https://<account>.r2.cloudflarestorage.com. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (MinIO and most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
  /** For tests: the fetch to call. */
  fetch?: typeof fetch;
}

/** An S3 error without credentials: the status and S3's error code. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string | undefined,
    op: string,
  ) {
    super(`S3 ${op} failed: HTTP ${status}${s3Code ? ` ${s3Code}` : ''}`);
    this.name = 'S3Error';
  }
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, R2, ...), requests signed with AWS Signature
 * Version 4 (aws4fetch's signer). A put of a known size streams with UNSIGNED-PAYLOAD; a Buffer (or
 * a stream of unknown size, read into memory first) is sent with its SHA-256 signed in.
 */
export function s3BlobStore(o: S3Options): BlobStore {
  const doFetch = o.fetch ?? fetch;
  const endpoint = new URL(o.endpoint ?? `https://s3.${o.region}.amazonaws.com`);
  const base = endpoint.pathname.replace(/\/+$/, '');

  function urlOf(key: string): URL {
    const path = assertKey(key).map(encodeURIComponent).join('/');
    const u = new URL(endpoint.href);
    if (o.forcePathStyle) {
      u.pathname = `${base}/${encodeURIComponent(o.bucket)}/${path}`;
    } else {
      u.hostname = `${o.bucket}.${endpoint.hostname}`;
      u.pathname = `${base}/${path}`;
    }
    return u;
  }

  async function send(op: string, method: string, key: string, headers: Record<string, string>, body?: Buffer | ReadableStream): Promise<Response> {
    const url = urlOf(key);
    const signed = await new AwsV4Signer({
      method,
      url: url.href,
      headers,
      accessKeyId: o.accessKeyId,
      secretAccessKey: o.secretAccessKey,
      service: 's3',
      region: o.region,
    }).sign();
    const init: RequestInit & { duplex?: 'half' } = { method, headers: signed.headers };
    if (body !== undefined) {
      init.body = body as RequestInit['body'];
      if (!Buffer.isBuffer(body)) init.duplex = 'half';
    }
    try {
      return await doFetch(signed.url, init);
    } catch (e) {
      throw new Error(`S3 ${op} failed: ${(e as Error).message}`, { cause: e });
    }
  }

  async function fail(op: string, res: Response): Promise<never> {
    const text = await res.text().catch(() => '');
    throw new S3Error(res.status, /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1], op);
  }

  return {
    kind: 's3',
    async put(key: string, data: Buffer | Readable, p: PutOptions): Promise<void> {
      let res: Response;
      if (Buffer.isBuffer(data) || p.size === undefined) {
        const buf = Buffer.isBuffer(data) ? data : Buffer.concat(await data.toArray());
        if (p.size !== undefined && buf.length !== p.size) throw new Error(`expected ${p.size} bytes, got ${buf.length}`);
        const sha = createHash('sha256').update(buf).digest('hex');
        res = await send('put', 'PUT', key, { 'content-type': p.contentType, 'content-length': String(buf.length), 'x-amz-content-sha256': sha }, buf);
      } else {
        // S3 keeps no partial object: an interrupted stream leaves nothing under the key.
        const body = Readable.toWeb(data) as unknown as ReadableStream;
        res = await send('put', 'PUT', key, { 'content-type': p.contentType, 'content-length': String(p.size), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body);
      }
      if (!res.ok) await fail('put', res);
      await res.body?.cancel();
    },
    async get(key: string): Promise<BlobStream> {
      const res = await send('get', 'GET', key, { 'x-amz-content-sha256': EMPTY_SHA256 });
      if (res.status === 404) {
        await res.body?.cancel();
        throw new BlobNotFoundError(key);
      }
      if (!res.ok || !res.body) await fail('get', res);
      const stream = Readable.fromWeb(res.body as unknown as WebReadableStream) as BlobStream;
      const len = res.headers.get('content-length');
      if (len !== null && /^\d+$/.test(len)) stream.size = Number(len);
      stream.contentType = res.headers.get('content-type') ?? undefined;
      return stream;
    },
    async delete(key: string): Promise<void> {
      const res = await send('delete', 'DELETE', key, { 'x-amz-content-sha256': EMPTY_SHA256 });
      if (!res.ok && res.status !== 404) await fail('delete', res);
      await res.body?.cancel();
    },
    async exists(key: string): Promise<boolean> {
      const res = await send('head', 'HEAD', key, { 'x-amz-content-sha256': EMPTY_SHA256 });
      await res.body?.cancel();
      if (res.status === 404) return false;
      if (!res.ok) throw new S3Error(res.status, undefined, 'head');
      return true;
    },
  };
}
