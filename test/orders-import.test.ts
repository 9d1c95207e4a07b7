import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { processOrderImport, sha256 } from '../src/core/orders/imports.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { systemClock } from '../src/core/context.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface ImportJson { id: string; status: string; totalRows: number; processed: number; imported: number; rejected: number; report: { line: number; externalId?: string; reason: string }[]; error: string | null }
interface EventJson { type: string; aggregateId: string; topics: string[]; payload: Record<string, unknown> }

const HEADER = 'external_id,ordered_at,total,currency,customer_email,customer_name,status,items';
const good = [
  HEADER,
  'CSV-1,2025-02-01,10.00,EUR,csv.one@orders.example,Csv One,paid,MUG:2:5.00:Blue mug',
  'CSV-2,2025-02-02T09:30:00Z,7.5,GBP,csv.two@orders.example,,fulfilled,',
  'CSV-3,2025-02-03,0,USD,csv.one@orders.example,,,"[{""name"":""Gift"",""quantity"":1,""unitPrice"":0}]"',
].join('\n');

for (const kind of await dbKinds()) {
  describe(`order CSV imports on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let supervisor = '';
    let agent = '';
    let supervisorId = '';
    const upload = (body: string | Buffer, cookie = supervisor, filename = 'orders.csv') =>
      t.req('POST', `/api/v1/order-imports?filename=${filename}`, { cookie, body, headers: { 'content-type': 'text/csv' } });
    const get = async (id: string) => (await t.req('GET', `/api/v1/order-imports/${id}`, { cookie: supervisor })).json() as ImportJson;
    /** The upload starts processing in this process (JOBS off); wait for it to finish. */
    const finished = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const imp = await get(id);
        if (imp.status === 'done' || imp.status === 'failed') return imp;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`import ${id} did not finish`);
    };
    const orders = async () => Number((await t.server.database.db.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
    const imports = async () => Number((await t.server.database.db.selectFrom('order_imports').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
    const events = async (type: string) => (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[];
    /** An import's progress events once its last one ('done') is listed: events are numbered just after commit, so a read may come first. */
    const progressOf = async (id: string) => {
      for (let i = 0; ; i++) {
        const list = (await events('order_import.progress')).filter((e) => e.aggregateId === id);
        if (list.at(-1)?.payload.status === 'done' || i === 100) return list;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
      supervisorId = (await t.req('GET', '/api/v1/auth/me', { cookie: supervisor })).json().user.id;
    });
    after(() => t?.close());

    test('a good file imports every row, with progress events to the uploader', async () => {
      const res = await upload(good);
      assert.equal(res.statusCode, 202, res.body);
      assert.equal(res.json().totalRows, 3);
      const imp = await finished(res.json().id);
      assert.deepEqual([imp.status, imp.processed, imp.imported, imp.rejected, imp.report], ['done', 3, 3, 0, []]);
      const list = (await t.req('GET', '/api/v1/orders?q=CSV-&limit=10', { cookie: agent })).json().items as { externalId: string; total: string; currency: string; items: unknown[]; source: string; status: string; customerId: string }[];
      const by = Object.fromEntries(list.map((o) => [o.externalId, o]));
      assert.deepEqual([by['CSV-1']!.total, by['CSV-1']!.source, by['CSV-1']!.items], ['10.00', 'csv', [{ sku: 'MUG', name: 'Blue mug', quantity: 2, unitPrice: 5 }]]);
      assert.deepEqual([by['CSV-2']!.total, by['CSV-2']!.currency, by['CSV-2']!.status], ['7.50', 'GBP', 'fulfilled']);
      assert.deepEqual([by['CSV-3']!.status, by['CSV-3']!.items], ['paid', [{ name: 'Gift', quantity: 1, unitPrice: 0 }]]);
      assert.equal(by['CSV-1']!.customerId, by['CSV-3']!.customerId, 'one customer per email');
      const progress = await progressOf(imp.id);
      assert.ok(progress.length >= 1);
      assert.deepEqual(progress.at(-1)!.topics, [`user:${supervisorId}`]);
      assert.deepEqual(progress.at(-1)!.payload, { importId: imp.id, status: 'done', totalRows: 3, processed: 3, imported: 3, rejected: 0 });
      const listed = await t.req('GET', '/api/v1/order-imports', { cookie: supervisor });
      assert.ok((listed.json().items as { id: string }[]).some((i) => i.id === imp.id));
    });

    test('a mixed file imports the good rows and reports each bad row with its line and reason', async () => {
      const file = [
        HEADER,
        'MIX-1,2025-02-01,10.00,EUR,mix@orders.example,,,',
        'MIX-2,2025-02-01,10.001,EUR,mix@orders.example,,,',
        'MIX-3,not a date,10,EUR,mix@orders.example,,,',
        '',
        'MIX-4,2025-02-01,10,eur,mix@orders.example,,,',
        'MIX-5,2025-02-01,10,EUR,,,,',
        'MIX-6,2025-02-01,10,EUR,mix@orders.example,,shipped,',
        'MIX-7,2025-02-01,10,EUR,mix@orders.example',
        'MIX-8,2025-02-01,10,EUR,mix@orders.example,,,MUG:0:5',
        'MIX-9,2025-02-01,12,EUR,mix@orders.example,,pending,',
      ].join('\n');
      const before = await orders();
      const res = await upload(file);
      assert.equal(res.statusCode, 202, res.body);
      const imp = await finished(res.json().id);
      assert.deepEqual([imp.status, imp.processed, imp.imported, imp.rejected], ['done', 9, 2, 7]);
      assert.equal(await orders(), before + 2);
      const lines = Object.fromEntries(imp.report.map((r) => [r.line, r]));
      assert.deepEqual(Object.keys(lines).map(Number), [3, 4, 6, 7, 8, 9, 10]);
      assert.match(lines[3]!.reason, /^total: .*2 decimals/);
      assert.equal(lines[3]!.externalId, 'MIX-2');
      assert.match(lines[4]!.reason, /^ordered_at: /);
      assert.match(lines[6]!.reason, /^currency: /);
      assert.match(lines[7]!.reason, /customer_email, customer_phone or customer_external_id/);
      assert.match(lines[8]!.reason, /^status: /);
      assert.match(lines[9]!.reason, /5 fields but the header has 8/);
      assert.match(lines[10]!.reason, /items\[1\]\.quantity/);
    });

    test('a file that is not UTF-8, empty, unparsable or missing columns is refused whole, nothing imported', async () => {
      const ordersBefore = await orders();
      const importsBefore = await imports();
      const latin1 = Buffer.from(`${HEADER}\nENC-1,2025-02-01,10,EUR,caf\xe9@orders.example,Ren\xe9,,\n`, 'latin1');
      const cases: [string | Buffer, RegExp][] = [
        [latin1, /not valid UTF-8/],
        ['', /empty/],
        ['\n\n', /empty/],
        [HEADER, /no orders/],
        ['external_id,ordered_at,currency,customer_email\nX,2025-01-01,EUR,a@b.example', /misses required column: total/],
        ['external_id,ordered_at,total,currency\nX,2025-01-01,1,EUR', /customer_email or customer_phone or customer_external_id/],
        [`${HEADER}\nBAD-1,2025-02-01,10,EUR,"unclosed@orders.example,,,\nBAD-2,2025-02-01,10,EUR,x@orders.example,,,`, /cannot be read as CSV/],
      ];
      for (const [body, reason] of cases) {
        const res = await upload(body);
        assert.equal(res.statusCode, 400, `${String(body).slice(0, 40)}: ${res.body}`);
        assert.equal(res.json().error.code, 'invalid');
        assert.match(res.json().error.message, reason);
      }
      // A BOM is fine.
      const bom = await upload(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\nBOM-1,2025-02-01,1,EUR,bom@orders.example,,,`)]));
      assert.equal(bom.statusCode, 202, bom.body);
      assert.equal((await finished(bom.json().id)).imported, 1);
      assert.equal(await orders(), ordersBefore + 1);
      assert.equal(await imports(), importsBefore + 1, 'no import was recorded for a refused file');
    });

    test('uploading the same file again changes nothing (idempotent on external ids)', async () => {
      const before = await orders();
      const created = (await events('order.created')).length;
      const updated = (await events('order.updated')).length;
      const imp = await finished((await upload(good)).json().id);
      assert.deepEqual([imp.status, imp.imported, imp.rejected], ['done', 3, 0]);
      assert.equal(await orders(), before);
      assert.equal((await events('order.created')).length, created);
      assert.equal((await events('order.updated')).length, updated);
    });

    test('processing runs in chunks with progress after each, once even with two runners, and resumes where it stopped', async () => {
      const repos = createRepos(t.server.database.db);
      const deps = { repos, uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()), clock: systemClock, newId: uuidv7 };
      const tenantId = (await repos.tenants.bySlug('demo'))!.id;
      const rows = Array.from({ length: 25 }, (_, i) => `CHUNK-${i},2025-03-01,${i}.00,EUR,chunk${i % 3}@orders.example,,,`);
      const content = [HEADER, ...rows].join('\n');
      const id = uuidv7();
      await repos.orderImports.insert({ id, tenantId, filename: 'chunks.csv', content, contentSha256: sha256(content), totalRows: 25, createdBy: supervisorId, at: new Date() });
      // Two runners at once: one claims it, the other finds it taken.
      const [a, b] = await Promise.all([processOrderImport(deps, tenantId, id, { chunkRows: 10 }), processOrderImport(deps, tenantId, id, { chunkRows: 10 })]);
      assert.deepEqual([a, b].sort(), [false, true]);
      const imp = await get(id);
      assert.deepEqual([imp.status, imp.processed, imp.imported, imp.rejected], ['done', 25, 25, 0]);
      const progress = (await progressOf(id)).map((e) => e.payload.processed);
      assert.deepEqual(progress, [10, 20, 25]);
      assert.equal(await processOrderImport(deps, tenantId, id), false, 'a finished import is not run again');
      const stored = await t.server.database.db.selectFrom('orders').select('external_id').where('external_id', 'like', 'CHUNK-%').execute();
      assert.equal(stored.length, 25);

      // A runner that died half-way (lease expired): the next one resumes after the last chunk.
      const id2 = uuidv7();
      const content2 = [HEADER, ...rows.map((r) => r.replace('CHUNK-', 'RESUME-'))].join('\n');
      await repos.orderImports.insert({ id: id2, tenantId, filename: 'resume.csv', content: content2, contentSha256: sha256(content2), totalRows: 25, createdBy: supervisorId, at: new Date() });
      await t.server.database.db.updateTable('order_imports').set({ status: 'running', processed: 20, imported: 20, runner: uuidv7(), lease_until: new Date(Date.now() + 60_000) }).where('id', '=', id2).execute();
      assert.equal(await processOrderImport(deps, tenantId, id2), false, 'a live lease is respected');
      await t.server.database.db.updateTable('order_imports').set({ lease_until: new Date(Date.now() - 1000) }).where('id', '=', id2).execute();
      assert.equal(await processOrderImport(deps, tenantId, id2), true);
      const done = await get(id2);
      assert.deepEqual([done.status, done.processed, done.imported], ['done', 25, 25]);
      const resumed = await t.server.database.db.selectFrom('orders').select('external_id').where('external_id', 'like', 'RESUME-%').execute();
      assert.equal(resumed.length, 5, 'only the rows after the last recorded chunk were processed');
    });

    test('agents may not import; a file over 20 MB is a 413; imports of another id are 404', async () => {
      const res = await upload(good, agent);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal((await t.req('GET', '/api/v1/order-imports', { cookie: agent })).statusCode, 403);
      const big = Buffer.alloc(21 * 1024 * 1024, 'a');
      const tooBig = await upload(big);
      assert.equal(tooBig.statusCode, 413, tooBig.body.slice(0, 200));
      assert.match(tooBig.json().error.message, /larger than 20 MB/);
      assert.equal((await t.req('GET', `/api/v1/order-imports/${uuidv7()}`, { cookie: supervisor })).statusCode, 404);
      const json = await t.req('POST', '/api/v1/order-imports', { cookie: supervisor, body: { not: 'a file' } });
      assert.equal(json.statusCode, 400, json.body);
    });
  });
}
