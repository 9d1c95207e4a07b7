import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { sql } from 'kysely';
import { indexTenant, REBUILD_BATCH, reindexTenant, runSearchIndexer } from '../src/core/search/indexer.ts';
import { createSearchService } from '../src/core/search/service.ts';
import { vectorizeHere } from '../src/core/search/vectorizer.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Principal } from '../src/core/auth/principal.ts';
import type { Permission } from '../src/contracts/auth.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { dbKinds, testHasher } from './helpers/db.ts';
import { demo, DEMO_PASSWORD, startTestServer, type TestServer } from './helpers/server.ts';

interface Item { kind: string; id: string; title: string; snippet: { text: string; highlights: { start: number; end: number }[] }; conversationId?: string; customerId?: string; ticketId?: string; status?: string; at: string; rank: number }

for (const kind of await dbKinds()) {
  describe(`search on ${kind}`, () => {
    let t: TestServer;
    let admin: string;
    let current = new Date('2026-03-01T10:00:00Z');
    const clock = { now: () => current };
    let d: { repos: ReturnType<typeof createRepos>; uow: ReturnType<typeof createUnitOfWork>; clock: typeof clock };
    let tenantA = '';
    let inbox = '';
    let inbox2 = '';

    const index = () => runSearchIndexer(d);
    const search = async (query: string, cookie = admin) => {
      const r = await t.req('GET', `/api/v1/search?${query}`, { cookie });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { items: Item[]; nextCursor: string | null };
    };
    const q = (s: string, extra = '') => search(`q=${encodeURIComponent(s)}${extra}`);
    const marked = (i: Item) => i.snippet.highlights.map((h) => i.snippet.text.slice(h.start, h.end));
    const send = async (from: string, text: string, inboxId = inbox) => {
      const r = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { from: { kind: 'email', value: from }, text } });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { conversation: { id: string; customerId: string }; message: { id: string } };
    };

    before(async () => {
      t = await startTestServer(kind, { clock });
      admin = await t.login(demo.admin);
      d = { repos: createRepos(t.server.database.db), uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()), clock };
      tenantA = (await t.req('GET', '/api/v1/auth/me', { cookie: admin })).json().tenant.id;
      inbox = (await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Search inbox', channel: 'api' } })).json().id;
      inbox2 = (await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Search inbox 2', channel: 'api' } })).json().id;
    });
    after(() => t.close());

    test('a message is found by a Chinese, Traditional Chinese, Hindi and Welsh word, with the word marked', async () => {
      const zh = await send('zh@search.example', '我想申请退款');
      const hant = await send('hant@search.example', '請問退貨政策');
      const hi = await send('hi@search.example', 'मुझे रिफंड चाहिए');
      const cy = await send('cy@search.example', 'Dw i eisiau ad-daliad');
      await index();
      for (const [word, m, text] of [['退款', zh, '退款'], ['退貨', hant, '退貨'], ['रिफंड', hi, 'रिफंड'], ['ad-daliad', cy, 'ad-daliad'], ['申请退款', zh, '申请退款']] as const) {
        const r = await q(word, '&types=message');
        const hit = r.items.find((i) => i.id === m.message.id);
        assert.ok(hit, `${word} finds its message: ${JSON.stringify(r.items)}`);
        assert.equal(hit.conversationId, m.conversation.id);
        assert.equal(hit.customerId, m.conversation.customerId);
        assert.equal(marked(hit).join('-'), text, 'the matched word is marked');
      }
      assert.equal((await q('退货', '&types=message')).items.length, 0, 'Simplified 退货 is another string than Traditional 退貨');
      // The demo's Chinese message is found by a word the segmenter cuts differently.
      const demoHit = (await q('企业版')).items.find((i) => i.kind === 'message');
      assert.ok(demoHit, 'the seeded Chinese message is found');
      assert.deepEqual(marked(demoHit), ['企业版']);
    });

    test('the index follows its own tenant only', async () => {
      const tenantB = uuidv7();
      const userB = uuidv7();
      const r = d.repos;
      await r.tenants.insert({ id: tenantB, slug: 'searchother', name: 'Search Other' });
      await r.users.insert({ id: userB, tenantId: tenantB, email: 'b@searchother.example', name: 'B Admin', role: 'admin', passwordHash: await testHasher.hash(DEMO_PASSWORD) });
      const inboxB = uuidv7();
      const customerB = uuidv7();
      const convB = uuidv7();
      await r.inboxes.insert({ id: inboxB, tenantId: tenantB, name: 'B inbox', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: current });
      await r.customers.insert({ id: customerB, tenantId: tenantB, name: 'B customer', at: current });
      await r.conversations.insert({ id: convB, tenantId: tenantB, inboxId: inboxB, customerId: customerB, at: current });
      await r.messages.insert({ id: uuidv7(), tenantId: tenantB, conversationId: convB, inboxId: inboxB, seq: 1, direction: 'inbound', authorUserId: null, text: '外国退款 quuxforeign', html: null, providerMessageId: null, deliveryStatus: 'received', at: current });
      await reindexTenant(d, tenantB);
      const b = await t.login('b@searchother.example', DEMO_PASSWORD, 'searchother');
      const inB = await search(`q=${encodeURIComponent('退款')}`, b);
      assert.equal(inB.items.length, 1, 'B finds its own message only');
      assert.equal(inB.items[0]!.snippet.text, '外国退款 quuxforeign');
      const inA = await q('退款');
      assert.ok(inA.items.length >= 1 && inA.items.every((i) => !i.snippet.text.includes('quuxforeign')), 'A never sees B');
      assert.equal((await q('quuxforeign')).items.length, 0);
    });

    test('filters: types, inbox, customer, status, dates', async () => {
      current = new Date('2026-03-02T10:00:00Z');
      const early = await send('filter1@search.example', 'filterword early');
      current = new Date('2026-03-05T10:00:00Z');
      const late = await send('filter2@search.example', 'filterword late', inbox2);
      await index();
      const ids = async (extra: string) => (await q('filterword', extra)).items.map((i) => i.id).sort();
      assert.deepEqual(await ids('&types=message'), [early.message.id, late.message.id].sort());
      assert.deepEqual(await ids('&types=customer,ticket'), []);
      assert.deepEqual(await ids(`&inboxId=${inbox2}`), [late.message.id]);
      assert.deepEqual(await ids(`&customerId=${early.conversation.customerId}`), [early.message.id]);
      assert.deepEqual(await ids('&from=2026-03-04&types=message'), [late.message.id]);
      assert.deepEqual(await ids('&to=2026-03-04T00:00:00Z&types=message'), [early.message.id]);
      const resolved = await t.req('PATCH', `/api/v1/conversations/${early.conversation.id}`, { cookie: admin, body: { status: 'resolved' } });
      assert.equal(resolved.statusCode, 200, resolved.body);
      await index();
      assert.deepEqual(await ids('&status=resolved'), [early.message.id], 'the message takes its conversation\'s new status');
      assert.deepEqual(await ids('&status=open'), [late.message.id]);
    });

    test('ranking: a ticket subject beats a passing mention; then newest first; all words must match', async () => {
      current = new Date('2026-03-06T10:00:00Z');
      const ticket = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Rankword invoice problem' } });
      assert.equal(ticket.statusCode, 201, ticket.body);
      current = new Date('2026-03-07T10:00:00Z');
      const older = await send('rank1@search.example', 'a long message that mentions rankword once among many other words here');
      current = new Date('2026-03-08T10:00:00Z');
      const newer = await send('rank2@search.example', 'a long message that mentions rankword once among many other words here');
      await index();
      const r = await q('rankword');
      assert.deepEqual(r.items.map((i) => i.id), [ticket.json().id, newer.message.id, older.message.id]);
      assert.equal(r.items[0]!.kind, 'ticket');
      assert.match(r.items[0]!.title, /^#\d+ Rankword invoice problem$/);
      assert.ok(r.items[0]!.rank > r.items[1]!.rank);
      assert.deepEqual((await q('rankword invoice')).items.map((i) => i.id), [ticket.json().id], 'AND: both words');
      assert.deepEqual((await q('"invoice rankword"')).items, [], 'a quoted phrase keeps its order');
      const renamed = await t.req('PATCH', `/api/v1/tickets/${ticket.json().id}`, { cookie: admin, body: { subject: 'Renamedword billing question' } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      await index();
      assert.deepEqual((await q('renamedword')).items.map((i) => i.id), [ticket.json().id], 'a subject change is indexed');
      assert.deepEqual((await q('rankword invoice')).items, [], 'the old subject is gone');
    });

    test('pagination: cursor pages cover every match once', async () => {
      for (let i = 0; i < 5; i++) {
        current = new Date(Date.UTC(2026, 2, 10, i));
        await send(`page${i}@search.example`, `pageword number ${i}`);
      }
      await index();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await search(`q=pageword&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...r.items.filter((i) => i.kind === 'message').map((i) => i.id));
        cursor = r.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(new Set(seen).size, 5);
      assert.equal(seen.length, 5);
      assert.equal(pages, 3);

      // The ranking window holds the newest matches, whether the walk over the newest documents
      // finds them (walk 10,000) or the GIN index does (walk 1: too few documents walked).
      const scope = { all: true, userId: '', teamIds: [] };
      const newest = (await q('pageword', '&types=message')).items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 2).map((i) => i.id).sort();
      for (const walk of [10_000, 1]) {
        const hits = await d.repos.search.search(tenantA, "'pageword'", { kinds: ['message'] }, scope, { limit: 10 }, 2, walk);
        assert.deepEqual(hits.map((h) => h.refId).sort(), newest, `walk ${walk}`);
      }
    });

    test('merged and erased customers: the index follows', async () => {
      const a = await send('mergesrc@search.example', 'mergeword from the source');
      const b = await send('mergedst@search.example', 'another thread');
      const rename = await t.req('PATCH', `/api/v1/customers/${a.conversation.customerId}`, { cookie: admin, body: { name: 'Zygmunt Mergeable' } });
      assert.equal(rename.statusCode, 200, rename.body);
      await index();
      assert.deepEqual((await q('zygmunt', '&types=customer')).items.map((i) => i.id), [a.conversation.customerId]);
      const merge = await t.req('POST', `/api/v1/customers/${b.conversation.customerId}/merge`, { cookie: admin, body: { sourceId: a.conversation.customerId } });
      assert.equal(merge.statusCode, 200, merge.body);
      await index();
      const hit = (await q('mergeword')).items.find((i) => i.kind === 'message');
      assert.equal(hit?.customerId, b.conversation.customerId, 'the message now belongs to the survivor');
      assert.equal((await q('mergeword', `&customerId=${a.conversation.customerId}`)).items.length, 0);
      // The survivor had no name, so the merge filled it from the source: it is found by that name.
      assert.deepEqual((await q('zygmunt', '&types=customer')).items.map((i) => i.id), [b.conversation.customerId], 'the merged-away customer is no longer a result');

      const c = await send('erase@search.example', 'erasureword secret text');
      await t.req('PATCH', `/api/v1/customers/${c.conversation.customerId}`, { cookie: admin, body: { name: 'Eraseme Person' } });
      await index();
      assert.equal((await q('eraseme', '&types=customer')).items.length, 1);
      const erase = await t.req('POST', `/api/v1/customers/${c.conversation.customerId}/erase`, { cookie: admin, body: { confirm: c.conversation.customerId } });
      if (erase.statusCode === 404) return; // the privacy routes are not in this checkout
      assert.ok(erase.statusCode < 300, erase.body);
      await index();
      assert.equal((await q('eraseme', '&types=customer')).items.length, 0, 'an erased customer is not found by name');
      const left = (await q('erasureword')).items;
      const msg = (await t.req('GET', `/api/v1/conversations/${c.conversation.id}/messages`, { cookie: admin })).json();
      const stillThere = JSON.stringify(msg).includes('erasureword');
      assert.equal(left.length > 0, stillThere, 'the index holds what the messages hold after erasure');
    });

    test('permissions and ticket visibility', async () => {
      const teams = (await t.req('GET', '/api/v1/teams?limit=50', { cookie: admin })).json().items as { id: string; name: string }[];
      const sales = teams.find((x) => x.name === 'Sales')!;
      const hidden = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Visibilityword for sales only', teamId: sales.id } });
      assert.equal(hidden.statusCode, 201, hidden.body);
      await index();
      const ids = async (email: string) => (await search('q=visibilityword', await t.login(email))).items.map((i) => i.id);
      assert.deepEqual(await ids(demo.admin), [hidden.json().id]);
      assert.deepEqual(await ids(demo.wen), [hidden.json().id], 'wen is in Sales');
      assert.deepEqual(await ids(demo.alex), [], 'alex is not in Sales and does not see the ticket');

      // A principal without tickets.read gets no tickets, and asking for tickets alone is refused.
      const me = (await t.req('GET', '/api/v1/auth/me', { cookie: admin })).json();
      const svc = createSearchService({ repos: d.repos } as unknown as CoreDeps);
      const p = (perms: Permission[]): Principal => ({ tenantId: tenantA, userId: me.user.id, role: 'admin', via: 'session', permissions: new Set(perms) });
      const base = { limit: 20, q: 'renamedword' };
      const full = await svc.search(p(['conversations.read', 'tickets.read', 'customers.read']), base);
      assert.ok(full.items.some((i) => i.kind === 'ticket'));
      assert.deepEqual((await svc.search(p(['conversations.read', 'customers.read']), base)).items, [], 'the ticket is left out');
      const noTickets = await svc.search(p(['conversations.read', 'customers.read']), { ...base, q: 'rankword' });
      assert.ok(noTickets.items.length > 0 && noTickets.items.every((i) => i.kind !== 'ticket'));
      await assert.rejects(svc.search(p(['conversations.read']), { ...base, types: 'ticket' }), /tickets\.read/);
    });

    test('bad input is a 400 that names the field', async () => {
      const bad = async (query: string, field: string, text: RegExp) => {
        const r = await t.req('GET', `/api/v1/search?${query}`, { cookie: admin });
        assert.equal(r.statusCode, 400, `${query}: ${r.body}`);
        assert.match(r.body, new RegExp(field));
        assert.match(r.json().error.message, text);
      };
      await bad('q=', 'q', /empty/);
      await bad('', 'q', /empty/);
      await bad(`q=${encodeURIComponent(' ?!… ，。')}`, 'q', /punctuation/);
      await bad(`q=${'a'.repeat(201)}`, 'q', /200/);
      await bad('q=x&types=message,bogus', 'types', /bogus/);
      await bad('q=x&cursor=nonsense', 'cursor', /cursor/);
      await bad('q=x&from=yesterday', 'from', /./);
      const anon = await t.req('GET', '/api/v1/search?q=x');
      assert.equal(anon.statusCode, 401);
    });

    test('a tenant with data and no cursor (the migration on an existing database) is caught up in batches', async () => {
      const tenantC = uuidv7();
      const r = d.repos;
      await r.tenants.insert({ id: tenantC, slug: 'searchbatch', name: 'Search Batch' });
      const inboxC = uuidv7();
      const customerC = uuidv7();
      const convC = uuidv7();
      await r.inboxes.insert({ id: inboxC, tenantId: tenantC, name: 'C inbox', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: current });
      await r.customers.insert({ id: customerC, tenantId: tenantC, name: 'C customer', at: current });
      await r.conversations.insert({ id: convC, tenantId: tenantC, inboxId: inboxC, customerId: customerC, at: current });
      const n = REBUILD_BATCH * 2 + 7;
      const ids = Array.from({ length: n }, () => uuidv7());
      await sql`INSERT INTO messages (id, tenant_id, conversation_id, inbox_id, seq, direction, text)
        SELECT id, ${tenantC}::uuid, ${convC}::uuid, ${inboxC}::uuid, s, 'inbound', 'batchword ' || s FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x(id, s)`.execute(t.server.database.db);
      // An event, so the tenant is behind its (missing) cursor.
      await d.uow((u) => u.events.append(tenantC, [{ id: uuidv7(), type: 'message.created', aggregateType: 'message', aggregateId: ids[0]!, actorId: null, topics: [], payload: {} }], current));
      assert.ok((await r.search.tenantsBehind()).includes(tenantC));
      await runSearchIndexer(d);
      // The server's own indexer was poked by that event and may be rebuilding the tenant beside
      // this call; whichever rebuild started last finishes the job (the other stops).
      const indexed = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_documents WHERE tenant_id = ${tenantC} AND kind = 'message'`.execute(t.server.database.db)).rows[0]!.n);
      for (let i = 0; i < 100 && ((await indexed()) !== n || (await r.search.tenantsBehind()).includes(tenantC)); i++) {
        await new Promise((res) => setTimeout(res, 100));
        await runSearchIndexer(d);
      }
      const found = await r.search.search(tenantC, "'batchword'", { kinds: ['message'] }, { all: true, userId: '', teamIds: [] }, { limit: 10 }, 5000, 0);
      assert.equal(found.length, 11, 'a page of the matches');
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_documents WHERE tenant_id = ${tenantC} AND kind = 'message'`.execute(t.server.database.db);
      assert.equal(count.rows[0]!.n, n, 'every message, across batch boundaries');
      assert.equal((await r.search.cursor(tenantC)).seq, 1);
      assert.ok(!(await r.search.tenantsBehind()).includes(tenantC));
      // Two rebuilds at once, as two nodes would run them (separate deps: no in-process sharing).
      // The worst order: A takes a generation, then B takes a newer one and rewrites the rows, then
      // A writes the same rows with its older generation before B sweeps what is older than B's.
      // A must stop once it sees B's generation; otherwise B's sweep removes the rows A wrote.
      const signal = () => {
        let open!: () => void;
        const p = new Promise<void>((res) => (open = res));
        return { p, open };
      };
      const aWaiting = signal();
      const bStarted = signal();
      const aDone = signal();
      const wrapped = (onIdsAfter: (kind: string) => Promise<void>) => {
        const repos = createRepos(t.server.database.db);
        const idsAfter = repos.search.idsAfter.bind(repos.search);
        repos.search = { ...repos.search, idsAfter: async (...args: Parameters<typeof idsAfter>) => {
          await onIdsAfter(args[1]);
          return idsAfter(...args);
        } };
        return { ...d, repos, uow: createUnitOfWork(t.server.database.db, () => {}) };
      };
      let aFirst = true;
      const depsA = wrapped(async () => {
        if (!aFirst) return;
        aFirst = false;
        aWaiting.open();
        await bStarted.p;
      });
      let bFirst = true;
      let bWaited = false;
      const depsB = wrapped(async (kind) => {
        if (bFirst) {
          bFirst = false;
          bStarted.open();
        }
        if (kind === 'ticket' && !bWaited) {
          bWaited = true;
          await aDone.p;
        }
      });
      const a = reindexTenant(depsA, tenantC).finally(() => aDone.open());
      await aWaiting.p;
      const b = reindexTenant(depsB, tenantC);
      await Promise.all([a, b]);
      assert.equal(await indexed(), n, 'every message after two concurrent rebuilds');
      assert.ok(!(await r.search.tenantsBehind()).includes(tenantC));
      // A stopping server: a rebuild asked to stop ends after the batch in hand, and the next one
      // (a later start) writes everything again.
      const asked: string[] = [];
      const depsStop = wrapped(async (kind) => {
        asked.push(kind);
      });
      await reindexTenant(depsStop, tenantC, () => asked.includes('message'));
      assert.deepEqual(asked, ['customer', 'conversation', 'message'], `one batch of messages (of ${n}) and no more: ${asked.join(', ')}`);
      // A rebuild analyzes through the deps' vectorizer (the server's: a worker thread, decision 026).
      const analyzed: number[] = [];
      const counting = { ...d, vectorize: async (pairs: readonly (readonly [string, string])[]) => {
        analyzed.push(pairs.length);
        return vectorizeHere(pairs);
      } };
      await reindexTenant(counting, tenantC);
      assert.equal(await indexed(), n, 'every message after the stopped rebuild and a whole one');
      assert.ok(analyzed.reduce((x, y) => x + y, 0) >= n, `the rebuild's messages went through the vectorizer: ${analyzed.join(', ')}`);
      assert.equal((await r.search.cursor(tenantC)).seq, 1);
    });

    test('the indexer is incremental, idempotent and rebuilds to the same result', async () => {
      await index();
      assert.equal(await indexTenant(d, tenantA), 0, 'nothing left to read');
      const before = await q('pageword');
      await reindexTenant(d, tenantA);
      assert.deepEqual((await q('pageword')).items.map((i) => i.id), before.items.map((i) => i.id));
      const cursor = await d.repos.search.cursor(tenantA);
      assert.equal(cursor.seq, await d.repos.search.eventSeq(tenantA));
    });
  });
}
