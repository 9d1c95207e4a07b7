import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig, ConfigError } from '../src/config.ts';
import { assertKey, blobKey, BlobKeyError, BlobNotFoundError, localBlobStore, s3BlobStore, type BlobStore } from '../src/storage/blobs/index.ts';
import { createLogger } from '../src/logger.ts';

const read = async (s: Readable) => Buffer.concat(await s.toArray());
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('blob keys', () => {
  test('generated keys pass; traversal, absolute paths, NUL and odd characters are refused', () => {
    const key = blobKey('0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002', new Date('2026-03-04T00:00:00Z'));
    assert.equal(key, '0190a000-0000-7000-8000-000000000001/2026/03/0190a000-0000-7000-8000-000000000002');
    for (const bad of ['../x', 'a/../b', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', 'a\u0000b', '', '.hidden', 'a/.part', 'a b', 'x/'.repeat(9) + 'x']) {
      assert.throws(() => assertKey(bad), BlobKeyError, JSON.stringify(bad));
    }
  });
});

describe('local blob store', () => {
  let dir: string;
  let store: BlobStore;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-local-'));
    store = localBlobStore(join(dir, 'attachments'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('round trip of a buffer and a stream; size is reported; delete and exists', async () => {
    await store.put('t/2026/01/a', Buffer.from('hello'), { contentType: 'text/plain' });
    const got = await store.get('t/2026/01/a');
    assert.equal(got.size, 5);
    assert.equal((await read(got)).toString(), 'hello');
    const big = Buffer.alloc(300_000, 9);
    await store.put('t/2026/01/b', Readable.from([big.subarray(0, 100_000), big.subarray(100_000)]), { contentType: 'application/octet-stream', size: big.length });
    assert.deepEqual(await read(await store.get('t/2026/01/b')), big);
    assert.equal(await store.exists('t/2026/01/b'), true);
    await store.delete('t/2026/01/b');
    assert.equal(await store.exists('t/2026/01/b'), false);
    await store.delete('t/2026/01/b');
    await assert.rejects(store.get('t/2026/01/b'), BlobNotFoundError);
    await assert.rejects(store.get('t/2026/01'), BlobNotFoundError, 'a folder is not a blob');
  });

  test('keys that would leave the store are refused before touching the disk', async () => {
    await assert.rejects(store.put('../escape', Buffer.from('x'), { contentType: 'text/plain' }), BlobKeyError);
    await assert.rejects(store.get('../../etc/passwd'), BlobKeyError);
    await assert.rejects(store.delete('/etc/passwd'), BlobKeyError);
    assert.equal(existsSync(join(dir, 'escape')), false);
  });

  test('atomic write: a stream that fails half-way leaves no file under the key and no temp file', async () => {
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(Buffer.alloc(64 * 1024, 1));
        else this.destroy(new Error('client went away'));
      },
    });
    await assert.rejects(store.put('t/2026/02/half', failing, { contentType: 'application/octet-stream' }), /client went away/);
    assert.equal(await store.exists('t/2026/02/half'), false);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 't', '2026', '02')), [], 'no temp file is left');
    // A wrong announced size is refused the same way.
    await assert.rejects(store.put('t/2026/02/short', Buffer.from('abc'), { contentType: 'text/plain', size: 4 }), /expected 4 bytes/);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 't', '2026', '02')), []);
    // An existing blob is replaced whole, never left half-written.
    await store.put('t/2026/02/whole', Buffer.from('first'), { contentType: 'text/plain' });
    const again = new Readable({ read() { this.destroy(new Error('cut')); } });
    await assert.rejects(store.put('t/2026/02/whole', again, { contentType: 'text/plain' }));
    assert.equal((await read(await store.get('t/2026/02/whole'))).toString(), 'first');
  });
});

/**
 * Protocol-shape test: a small fake of an S3-compatible HTTP API (not real S3 or MinIO). It checks
 * each request's method, path, x-amz-date and x-amz-content-sha256, and recomputes the AWS
 * Signature Version 4 of the Authorization header independently with node:crypto.
 */
describe('S3 blob store against a fake S3-compatible server (protocol shape)', () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'eu-west-2', bucket: 'sb-files' };
  let server: Server;
  let endpoint = '';
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: { method: string; path: string; host: string; auth: string; sha: string; problems: string[] }[] = [];

  function hmac(key: Buffer | string, s: string) {
    return createHmac('sha256', key).update(s).digest();
  }
  function checkSignature(req: IncomingMessage, payloadHash: string): string[] {
    const problems: string[] = [];
    const auth = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return [`Authorization not in SigV4 form: ${auth}`];
    const [, akid, date, region, signedHeaders, signature] = m;
    if (akid !== creds.accessKeyId) problems.push('access key id');
    if (region !== creds.region) problems.push('region');
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date!)) problems.push('x-amz-date');
    const names = signedHeaders!.split(';');
    for (const need of ['host', 'x-amz-content-sha256', 'x-amz-date']) if (!names.includes(need)) problems.push(`${need} not signed`);
    const [path, query = ''] = (req.url ?? '').split('?');
    const canonical = [req.method, path, query, names.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}`).join('\n') + '\n', signedHeaders, payloadHash].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
    const kSigning = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date!), region!), 's3'), 'aws4_request');
    if (hmac(kSigning, toSign).toString('hex') !== signature) problems.push('signature does not verify');
    return problems;
  }

  before(async () => {
    server = createServer(async (req, res) => {
      const body = Buffer.concat(await req.toArray());
      const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
      const problems = checkSignature(req, payloadHash);
      if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha(body)) problems.push('x-amz-content-sha256 does not match the body');
      const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
      seen.push({ method: req.method!, path, host: String(req.headers.host), auth: String(req.headers.authorization), sha: payloadHash, problems });
      if (problems.length) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${problems.join(', ')}</Message></Error>`);
        return;
      }
      const prefix = `/${creds.bucket}/`;
      if (!path.startsWith(prefix)) return void res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
      const key = path.slice(prefix.length);
      const obj = objects.get(key);
      if (req.method === 'PUT') {
        if (req.headers['content-length'] !== String(body.length)) return void res.writeHead(400).end('<Error><Code>IncompleteBody</Code></Error>');
        objects.set(key, { body, type: String(req.headers['content-type']) });
        return void res.writeHead(200, { etag: `"${sha(body).slice(0, 32)}"` }).end();
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return void res.writeHead(204).end();
      }
      if (!obj) return void res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
      res.writeHead(200, { 'content-type': obj.type, 'content-length': String(obj.body.length) });
      res.end(req.method === 'HEAD' ? undefined : obj.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test('put (buffer and stream), get, exists, delete: signed requests in path style, bodies kept', async () => {
    const store = s3BlobStore({ ...creds, endpoint, forcePathStyle: true });
    const key = 'tenant-1/2026/03/0190a000-0000-7000-8000-000000000003';
    await store.put(key, Buffer.from('hello s3'), { contentType: 'text/plain' });
    const put = seen.at(-1)!;
    assert.deepEqual(put.problems, []);
    assert.equal(put.method, 'PUT');
    assert.equal(put.path, `/${creds.bucket}/${key}`);
    assert.equal(put.sha, sha('hello s3'), 'a buffer is sent with its SHA-256 signed in');
    assert.deepEqual(objects.get(key), { body: Buffer.from('hello s3'), type: 'text/plain' });

    const got = await store.get(key);
    assert.equal(got.size, 8);
    assert.equal(got.contentType, 'text/plain');
    assert.equal((await read(got)).toString(), 'hello s3');
    assert.equal(seen.at(-1)!.method, 'GET');
    assert.equal(seen.at(-1)!.sha, sha(''));

    const big = Buffer.alloc(200_000, 3);
    await store.put(`${key}-b`, Readable.from([big.subarray(0, 70_000), big.subarray(70_000)]), { contentType: 'application/pdf', size: big.length });
    assert.equal(seen.at(-1)!.sha, 'UNSIGNED-PAYLOAD', 'a stream of known size goes unbuffered');
    assert.deepEqual(seen.at(-1)!.problems, []);
    assert.deepEqual(objects.get(`${key}-b`)!.body, big);
    await store.put(`${key}-c`, Readable.from([Buffer.from('no size')]), { contentType: 'text/plain' });
    assert.equal(seen.at(-1)!.sha, sha('no size'));

    assert.equal(await store.exists(key), true);
    assert.equal(seen.at(-1)!.method, 'HEAD');
    await store.delete(key);
    assert.equal(seen.at(-1)!.method, 'DELETE');
    assert.equal(await store.exists(key), false);
    await assert.rejects(store.get(key), BlobNotFoundError);
    await store.delete(key);
    assert.ok(seen.every((s) => s.problems.length === 0), JSON.stringify(seen.filter((s) => s.problems.length)));
  });

  test('a wrong secret is refused by the server and reported without the secret', async () => {
    const store = s3BlobStore({ ...creds, secretAccessKey: 'not-the-secret', endpoint, forcePathStyle: true });
    const err = await store.put('t/x', Buffer.from('x'), { contentType: 'text/plain' }).then(() => null, (e: Error) => e);
    assert.ok(err);
    assert.match(err.message, /HTTP 403 SignatureDoesNotMatch/);
    assert.ok(!err.message.includes('not-the-secret'));
    assert.equal(objects.has('t/x'), false);
  });

  test('virtual-hosted style puts the bucket in the host name', async () => {
    const calls: string[] = [];
    const store = s3BlobStore({ ...creds, endpoint: 'https://s3.eu-west-2.amazonaws.com', forcePathStyle: false, fetch: async (url) => {
      calls.push(String(url));
      return new Response(null, { status: 200 });
    } });
    await store.put('t/2026/01/k', Buffer.from('x'), { contentType: 'text/plain' });
    assert.deepEqual(calls, ['https://sb-files.s3.eu-west-2.amazonaws.com/t/2026/01/k']);
  });
});

describe('blob store settings', () => {
  test('BLOB_STORE=s3 needs a bucket and keys, with a clear start-up error that hides the secret', () => {
    assert.equal(loadConfig({}, '/nonexistent').BLOB_STORE, 'local');
    assert.throws(() => loadConfig({ BLOB_STORE: 's3', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' }, '/nonexistent'), (e: Error) => e instanceof ConfigError && /S3_BUCKET/.test(e.message) && /BLOB_STORE=s3/.test(e.message));
    assert.throws(() => loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'a' }, '/nonexistent'), /S3_SECRET_ACCESS_KEY/);
    const c = loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b', S3_FORCE_PATH_STYLE: 'true', ATTACHMENT_MAX_BYTES: '1000' }, '/nonexistent');
    assert.equal(c.S3_FORCE_PATH_STYLE, true);
    assert.equal(c.ATTACHMENT_MAX_BYTES, 1000);
    assert.equal(loadConfig({}, '/nonexistent').ATTACHMENT_MAX_BYTES, 25 * 1024 * 1024);
  });

  test('the S3 secret is redacted from logs', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    log.info({ S3_SECRET_ACCESS_KEY: 'super-secret-1', s3: { secretAccessKey: 'super-secret-2' } }, 'config');
    assert.ok(!lines.join('').includes('super-secret'), lines.join(''));
  });
});
