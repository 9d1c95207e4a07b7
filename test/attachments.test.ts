import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createAttachmentsService, purgeUnattached, TooLargeError } from '../src/core/attachments/service.ts';
import { createConversationsService } from '../src/core/conversations/service.ts';
import { localBlobStore } from '../src/storage/blobs/local.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Principal } from '../src/core/auth/principal.ts';

interface Ref { id: string; filename: string; contentType: string; size: number; url: string }
interface Att extends Ref { sha256: string; conversationId: string | null; messageId: string | null; createdAt: string }
interface Msg { id: string; seq: number; text: string; attachments: Ref[] }

const LIMIT = 4096;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a dir (the blob store), temp files included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

for (const kind of await dbKinds()) {
  describe(`attachments on ${kind}`, () => {
    let t: TestServer;
    let agent = '';
    let inboxId = '';
    let tenantId = '';
    let agentId = '';
    let current = new Date();
    const clock = { now: () => current };
    let n = 0;

    const upload = (body: Buffer, o: { type?: string; name?: string; cookie?: string; token?: string; query?: string } = {}) =>
      t.req('POST', `/api/v1/attachments${o.query ?? ''}`, {
        cookie: o.token ? undefined : (o.cookie ?? agent),
        token: o.token,
        body,
        headers: { 'content-type': o.type ?? 'application/octet-stream', ...(o.name !== undefined && { 'x-filename': o.name }) },
      });
    const uploadOk = async (body: Buffer, o: Parameters<typeof upload>[1] = {}) => {
      const res = await upload(body, o);
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Att;
    };
    const newConversation = async () => {
      const res = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: agent, body: { from: { kind: 'email', value: `att${++n}@files.example` }, text: 'hello' } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().conversation.id as string;
    };
    const thread = async (convId: string) => {
      const res = await t.req('GET', `/api/v1/conversations/${convId}/messages?limit=200`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as Msg[];
    };
    const rowCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM attachments`.execute(t.server.database.db)).rows[0]!.n);
    const deps = (over: Partial<CoreDeps> = {}): CoreDeps => ({
      repos: createRepos(t.server.database.db),
      uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()),
      clock,
      newId: uuidv7,
      blobs: localBlobStore(t.blobDir),
      settings: { attachmentMaxBytes: LIMIT } as CoreDeps['settings'],
      ...over,
    }) as CoreDeps;
    const principal = (): Principal => ({ tenantId, userId: agentId, role: 'agent', via: 'session', permissions: new Set() });

    before(async () => {
      t = await startTestServer(kind, { clock, env: { ATTACHMENT_MAX_BYTES: String(LIMIT) } });
      agent = await t.login(demo.alex);
      const admin = await t.login(demo.admin);
      inboxId = (await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Files', channel: 'api' } })).json().id;
      const me = (await t.req('GET', '/api/v1/auth/me', { cookie: agent })).json();
      agentId = me.user?.id ?? me.id;
      tenantId = (await createRepos(t.server.database.db).tenants.bySlug('demo'))!.id;
    });
    after(() => t.close());

    test('Idempotency-Key is refused on an upload (a file cannot be compared before it is read), and nothing is stored', async () => {
      const before = await t.server.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await t.req('POST', '/api/v1/attachments', { cookie: agent, body: Buffer.from('first file'), headers: { 'content-type': 'text/plain', 'x-filename': 'a.txt', 'idempotency-key': 'upload-key-0001' } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.details[0].path, 'Idempotency-Key');
      const after = await t.server.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    test('upload, attach to a reply, list it on the message, download the same bytes with safe headers', async () => {
      const conv = await newConversation();
      const png = await uploadOk(PNG, { type: 'image/png', name: encodeURIComponent('chart ☂.png') });
      assert.equal(png.filename, 'chart ☂.png');
      assert.equal(png.size, PNG.length);
      assert.equal(png.sha256, sha(PNG));
      assert.equal(png.messageId, null);
      const html = await uploadOk(Buffer.from('<script>alert(1)</script>'), { type: 'text/html; charset=utf-8', query: '?filename=page.html' });
      assert.equal(html.contentType, 'text/html');

      const sent = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'see files', attachmentIds: [png.id, html.id] } });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.deepEqual((sent.json() as Msg).attachments.map((a) => a.id).sort(), [png.id, html.id].sort());
      const listed = (await thread(conv)).find((m) => m.text === 'see files')!;
      const ref = listed.attachments.find((a) => a.id === png.id)!;
      assert.deepEqual(ref, { id: png.id, filename: 'chart ☂.png', contentType: 'image/png', size: PNG.length, url: `/api/v1/attachments/${png.id}` });
      assert.equal((await thread(conv)).find((m) => m.text === 'hello')!.attachments.length, 0);

      const dl = await t.server.app.inject({ method: 'GET', url: ref.url, headers: { cookie: agent } });
      assert.equal(dl.statusCode, 200);
      assert.deepEqual(dl.rawPayload, PNG);
      assert.equal(dl.headers['content-length'], String(PNG.length));
      assert.equal(dl.headers['content-type'], 'image/png');
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.match(String(dl.headers['content-security-policy']), /sandbox/);
      assert.equal(dl.headers['content-disposition'], `attachment; filename="chart _.png"; filename*=UTF-8''chart%20%E2%98%82.png`);
      const inline = await t.server.app.inject({ method: 'GET', url: `${ref.url}?disposition=inline`, headers: { cookie: agent } });
      assert.match(String(inline.headers['content-disposition']), /^inline;/);
      const page = await t.server.app.inject({ method: 'GET', url: `/api/v1/attachments/${html.id}?disposition=inline`, headers: { cookie: agent } });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-disposition']), /^attachment;/, 'HTML is never inline');
      assert.equal(page.body, '<script>alert(1)</script>');

      const row = (await t.req('GET', `/api/v1/conversations/${conv}/messages?limit=200`, { cookie: agent })).json().items.at(-1) as Msg;
      const ev = (await t.req('GET', '/api/v1/events?type=message.created&limit=1000', { cookie: await t.login(demo.admin) })).json().items as { aggregateId: string; payload: { attachmentIds?: string[] } }[];
      assert.deepEqual(ev.find((e) => e.aggregateId === row.id)?.payload.attachmentIds?.sort(), [png.id, html.id].sort());
    });

    test('a message may carry only files; a note takes them too', async () => {
      const conv = await newConversation();
      const a = await uploadOk(Buffer.from('only a file'), { type: 'text/plain', name: 'notes.txt' });
      const res = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'note', attachmentIds: [a.id] } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((res.json() as Msg).attachments[0]!.filename, 'notes.txt');
    });

    test('file names lose path parts and control characters; a missing name or an empty file is refused', async () => {
      assert.equal((await uploadOk(Buffer.from('x'), { name: '../../etc/pass\u0000wd' })).filename, 'passwd');
      assert.equal((await uploadOk(Buffer.from('x'), { name: 'C:\\Users\\me\\report\u202Egpj.exe' })).filename, 'reportgpj.exe');
      assert.equal((await uploadOk(Buffer.from('x'), { name: 'a'.repeat(300) + '.pdf' })).filename, 'a'.repeat(251) + '.pdf');
      const before = await rowCount();
      const noName = await upload(Buffer.from('x'));
      assert.equal(noName.statusCode, 400, noName.body);
      assert.equal(noName.json().error.details[0].path, 'filename');
      const dots = await upload(Buffer.from('x'), { name: '../..' });
      assert.equal(dots.statusCode, 400, dots.body);
      const empty = await upload(Buffer.alloc(0), { name: 'empty.txt' });
      assert.equal(empty.statusCode, 400, empty.body);
      assert.equal(await rowCount(), before);
    });

    test('over the limit: 413 naming the limit, nothing stored (announced length and streamed bytes)', async () => {
      const rows = await rowCount();
      const files = filesUnder(t.blobDir).length;
      const res = await upload(Buffer.alloc(LIMIT + 1, 1), { name: 'big.bin' });
      assert.equal(res.statusCode, 413, res.body);
      assert.match(res.json().error.message, /4 KB \(4096 bytes\)/);
      assert.equal(await rowCount(), rows);
      assert.equal(filesUnder(t.blobDir).length, files);
      // No Content-Length: the stream is cut at the limit and the partial blob removed.
      const s = createAttachmentsService(deps());
      const chunks = [Buffer.alloc(3000, 1), Buffer.alloc(3000, 2)];
      await assert.rejects(s.upload(principal(), { filename: 'big.bin', contentType: 'application/octet-stream', data: Readable.from(chunks) }), TooLargeError);
      assert.equal(await rowCount(), rows);
      assert.equal(filesUnder(t.blobDir).length, files);
      assert.equal((await uploadOk(Buffer.alloc(LIMIT, 1), { name: 'exact.bin' })).size, LIMIT, 'exactly the limit is fine');
    });

    test('unknown, repeated or already attached ids: 400 naming attachmentIds.<i>, nothing half-written', async () => {
      const conv = await newConversation();
      const used = await uploadOk(Buffer.from('used'), { name: 'used.txt' });
      const ok = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'first', attachmentIds: [used.id] } });
      assert.equal(ok.statusCode, 201, ok.body);
      const fresh = await uploadOk(Buffer.from('fresh'), { name: 'fresh.txt' });
      const seq = (await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().lastSeq as number;

      const again = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'second', attachmentIds: [fresh.id, used.id] } });
      assert.equal(again.statusCode, 400, again.body);
      assert.deepEqual(again.json().error.details.map((d: { path: string }) => d.path), ['attachmentIds.1']);
      const unknown = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'third', attachmentIds: [fresh.id, uuidv7()] } });
      assert.equal(unknown.statusCode, 400, unknown.body);
      assert.equal(unknown.json().error.details[0].path, 'attachmentIds.1');
      const twice = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'fourth', attachmentIds: [fresh.id, fresh.id] } });
      assert.equal(twice.statusCode, 400, twice.body);
      const badId = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'fifth', attachmentIds: ['nope'] } });
      assert.equal(badId.statusCode, 400, badId.body);
      assert.match(badId.body, /attachmentIds\.0/);

      assert.equal((await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().lastSeq, seq, 'no message was written');
      assert.equal((await thread(conv)).some((m) => m.text !== 'hello' && m.text !== 'first'), false);
      const still = (await t.req('GET', `/api/v1/attachments/${fresh.id}`, { cookie: agent }));
      assert.equal(still.statusCode, 200);
      const row = await createRepos(t.server.database.db).attachments.byId(tenantId, fresh.id);
      assert.equal(row?.messageId, null, 'the good id stays unattached');
    });

    test('inbound messages carry base64 files; oversized ones are refused by field with nothing stored', async () => {
      const bytes = Buffer.from('%PDF-1.4 tiny');
      const res = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, {
        cookie: agent,
        body: { from: { kind: 'email', value: 'inbound.file@files.example' }, text: 'my invoice', attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', dataBase64: bytes.toString('base64') }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const msg = res.json().message as Msg;
      assert.equal(msg.attachments.length, 1);
      assert.equal(msg.attachments[0]!.contentType, 'application/pdf');
      const dl = await t.server.app.inject({ method: 'GET', url: msg.attachments[0]!.url, headers: { cookie: agent } });
      assert.deepEqual(dl.rawPayload, bytes);
      const listed = (await thread(res.json().conversation.id)).find((m) => m.id === msg.id)!;
      assert.equal(listed.attachments[0]!.filename, 'invoice.pdf');

      const rows = await rowCount();
      const files = filesUnder(t.blobDir).length;
      const big = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, {
        cookie: agent,
        body: {
          from: { kind: 'email', value: 'inbound.big@files.example' }, text: 'too big',
          attachments: [{ filename: 'ok.txt', dataBase64: Buffer.from('fine').toString('base64') }, { filename: 'big.bin', dataBase64: Buffer.alloc(LIMIT + 1).toString('base64') }],
        },
      });
      assert.equal(big.statusCode, 400, big.body);
      assert.equal(big.json().error.details[0].path, 'attachments.1.dataBase64');
      const notB64 = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: agent, body: { from: { kind: 'email', value: 'inbound.bad@files.example' }, text: 'x', attachments: [{ filename: 'a', dataBase64: 'not base64!' }] } });
      assert.equal(notB64.statusCode, 400, notB64.body);
      assert.match(notB64.body, /attachments\.0\.dataBase64/);
      assert.equal(await rowCount(), rows);
      assert.equal(filesUnder(t.blobDir).length, files, 'the first file was removed again');
    });

    test('a failing message transaction leaves no attachment row and no blob', async () => {
      const real = deps();
      const failing = deps({ uow: (fn) => real.uow(async (r) => { await fn(r); throw new Error('boom after the writes'); }) });
      const rows = await rowCount();
      const files = filesUnder(t.blobDir).length;
      const svc = createConversationsService(failing);
      await assert.rejects(svc.intake(tenantId, { inboxId, from: { kind: 'email', value: 'tx.fail@files.example' }, text: 'x', attachments: [{ filename: 'a.txt', data: Buffer.from('abc') }] }), /boom/);
      assert.equal(await rowCount(), rows);
      assert.equal(filesUnder(t.blobDir).length, files);
      // An agent's reply: the upload stays unattached when its message rolls back.
      const up = await uploadOk(Buffer.from('keep me'), { name: 'k.txt' });
      const conv = await newConversation();
      await assert.rejects(svc.postMessage(principal(), conv, { kind: 'reply', text: 'x', attachmentIds: [up.id] }), /boom/);
      assert.equal((await createRepos(t.server.database.db).attachments.byId(tenantId, up.id))?.messageId, null);
    });

    test("another workspace's upload is 404 to download and 400 to attach, and stays as it was", async () => {
      const repos = createRepos(t.server.database.db);
      const other = uuidv7();
      await repos.tenants.insert({ id: other, slug: `other-${kind}`, name: 'Other files' });
      const foreign = uuidv7();
      await repos.attachments.insert({ id: foreign, tenantId: other, conversationId: null, messageId: null, filename: 'theirs.pdf', contentType: 'application/pdf', sizeBytes: 3, sha256: sha(Buffer.from('abc')), storageKey: `${other}/2026/01/${foreign}`, uploadedBy: null, at: current });
      const dl = await t.req('GET', `/api/v1/attachments/${foreign}`, { cookie: agent });
      assert.equal(dl.statusCode, 404, dl.body);
      assert.ok(!dl.body.includes('theirs.pdf'));
      const conv = await newConversation();
      const res = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'steal', attachmentIds: [foreign] } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.details[0].path, 'attachmentIds.0');
      assert.equal((await repos.attachments.byId(other, foreign))?.messageId, null);
    });

    test('permissions: a read-only token may download but not upload; strangers get 401', async () => {
      const admin = await t.login(demo.admin);
      const tok = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'files-read', scope: 'read' } })).json().secret as string;
      const denied = await upload(Buffer.from('x'), { token: tok, name: 'x.txt' });
      assert.equal(denied.statusCode, 403, denied.body);
      const a = await uploadOk(Buffer.from('readable'), { name: 'r.txt' });
      const dl = await t.server.app.inject({ method: 'GET', url: `/api/v1/attachments/${a.id}`, headers: { authorization: `Bearer ${tok}` } });
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.body, 'readable');
      assert.equal((await t.server.app.inject({ method: 'GET', url: `/api/v1/attachments/${a.id}` })).statusCode, 401);
      assert.equal((await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments?filename=a', payload: Buffer.from('x') })).statusCode, 401);
      assert.equal((await t.req('GET', `/api/v1/attachments/${uuidv7()}`, { cookie: agent })).statusCode, 404);
    });

    test('uploads never attached are removed after a day with their files; attached ones stay', async () => {
      const conv = await newConversation();
      const kept = await uploadOk(Buffer.from('kept'), { name: 'kept.txt' });
      const dropped = await uploadOk(Buffer.from('dropped'), { name: 'dropped.txt' });
      await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'k', attachmentIds: [kept.id] } });
      const d = deps();
      current = new Date(current.getTime() + 23 * 3_600_000);
      assert.equal((await t.req('GET', `/api/v1/attachments/${dropped.id}`, { cookie: agent })).statusCode, 200);
      current = new Date(current.getTime() + 2 * 3_600_000);
      assert.ok((await purgeUnattached(d)) >= 1);
      assert.equal((await t.req('GET', `/api/v1/attachments/${dropped.id}`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/attachments/${kept.id}`, { cookie: agent })).statusCode, 200);
      const late = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'late', attachmentIds: [dropped.id] } });
      assert.equal(late.statusCode, 400, late.body);
      assert.equal(await purgeUnattached(d), 0);
    });
  });
}
