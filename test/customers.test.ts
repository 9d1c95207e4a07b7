import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createRepos } from '../src/storage/repos.ts';

interface IdentityJson { id: string; kind: string; value: string; verified: boolean }
interface CustomerJson {
  id: string;
  name: string;
  language: string | null;
  timeZone: string | null;
  company: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  consent: Record<string, boolean>;
  identities: IdentityJson[];
  updatedAt: string;
}
interface ErrorJson { error: { code: string; message: string; details?: { path: string; message: string; customerId?: string }[] } }

for (const kind of await dbKinds()) {
  describe(`customers API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let grace: CustomerJson;

    const countCustomers = async () =>
      Number((await t.server.database.db.selectFrom('customers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
    const search = async (q: string, cookie = admin) => {
      const res = await t.req('GET', `/api/v1/customers?limit=200&q=${encodeURIComponent(q)}`, { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as CustomerJson[];
    };
    const create = async (body: unknown, cookie = admin) => t.req('POST', '/api/v1/customers', { cookie, body });

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
    });
    after(() => t?.close());

    test('the demo workspace has customers on several channels and languages', async () => {
      const all = (await t.req('GET', '/api/v1/customers?limit=200', { cookie: admin })).json().items as CustomerJson[];
      assert.ok(all.length >= 6, `${all.length} demo customers`);
      const kinds = new Set(all.flatMap((c) => c.identities.map((i) => i.kind)));
      for (const k of ['email', 'phone', 'whatsapp', 'telegram']) assert.ok(kinds.has(k), `a ${k} identity`);
      const langs = new Set(all.map((c) => c.language));
      for (const l of ['en', 'cy', 'pl', 'hi', 'zh-Hans']) assert.ok(langs.has(l), `a customer speaking ${l}`);
    });

    test('create with identities: normalized, trimmed, de-duplicated; read back the same', async () => {
      const res = await create({
        name: 'Grace Hopper',
        language: 'EN-us',
        timeZone: 'america/new_york',
        company: 'US Navy',
        tags: [' vip ', 'vip', 'navy'],
        attributes: { plan: 'pro', seats: 5, beta: true, note: null },
        consent: { sms: true },
        identities: [
          { kind: 'email', value: '  Grace.Hopper@Navy.MIL ', verified: true },
          { kind: 'phone', value: '+1 202 555 0198' },
          { kind: 'phone', value: '+1 (202) 555-0198' },
        ],
      });
      assert.equal(res.statusCode, 201, res.body);
      grace = res.json() as CustomerJson;
      assert.equal(grace.name, 'Grace Hopper');
      assert.equal(grace.language, 'en-US');
      assert.equal(grace.timeZone, 'America/New_York');
      assert.deepEqual(grace.tags, ['vip', 'navy']);
      assert.deepEqual(grace.attributes, { plan: 'pro', seats: 5, beta: true, note: null });
      assert.deepEqual(grace.consent, { sms: true });
      assert.deepEqual(grace.identities.map((i) => [i.kind, i.value, i.verified]).sort(), [
        ['email', 'grace.hopper@navy.mil', true],
        ['phone', '+12025550198', false],
      ]);
      const got = await t.req('GET', `/api/v1/customers/${grace.id}`, { cookie: admin });
      assert.equal(got.statusCode, 200, got.body);
      assert.deepEqual(got.json(), grace);
      const bare = await create({});
      assert.equal(bare.statusCode, 201, 'a customer needs no fields at all');
      assert.deepEqual(bare.json().identities, []);
      assert.equal((await t.req('GET', '/api/v1/customers/0190a000-0000-7000-8000-000000000000', { cookie: admin })).statusCode, 404);
    });

    test('another spelling of an owned phone number is a 409 naming the identity and its owner; nothing is created', async () => {
      const before = await countCustomers();
      const res = await create({ name: 'Impostor', identities: [{ kind: 'email', value: 'impostor@example.com' }, { kind: 'phone', value: '+1-202-555-0198' }] });
      assert.equal(res.statusCode, 409, res.body);
      const body = res.json() as ErrorJson;
      assert.equal(body.error.code, 'conflict');
      assert.match(body.error.message, /\+12025550198/);
      assert.match(body.error.message, /Grace Hopper/);
      assert.ok(body.error.message.includes(grace.id));
      assert.deepEqual(body.error.details?.map((d) => [d.path, d.customerId]), [['identities.1.value', grace.id]]);
      assert.equal(await countCustomers(), before);
      assert.deepEqual(await search('impostor'), []);
    });

    test('an invalid phone number is a 400 naming it, and no customer row is created', async () => {
      const before = await countCustomers();
      const res = await create({ name: 'Bad Number', identities: [{ kind: 'email', value: 'bad.number@example.com' }, { kind: 'phone', value: '+1 555' }] });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json() as ErrorJson;
      assert.equal(body.error.code, 'invalid');
      assert.match(body.error.message, /phone/);
      assert.match(body.error.message, /\+1 555/);
      assert.deepEqual(body.error.details?.map((d) => d.path), ['identities.1.value']);
      const two = await create({ identities: [{ kind: 'email', value: 'nope' }, { kind: 'whatsapp', value: '12' }] });
      assert.equal(two.statusCode, 400);
      assert.deepEqual((two.json() as ErrorJson).error.details?.map((d) => d.path), ['identities.0.value', 'identities.1.value'], 'every bad identity is named');
      assert.equal(await countCustomers(), before);
      const owner = await t.server.database.db.selectFrom('customer_identities').select('id').where('value', '=', 'bad.number@example.com').execute();
      assert.deepEqual(owner, [], 'the valid identity of the refused request was not stored');
      const unknownKind = await create({ identities: [{ kind: 'fax', value: '123' }] });
      assert.equal(unknownKind.statusCode, 400);
      const tooMany = await create({ identities: Array.from({ length: 21 }, (_, i) => ({ kind: 'external', value: `x-${i}` })) });
      assert.equal(tooMany.statusCode, 400);
    });

    test('q finds customers by phone (typed any way), email, name and company; merged ones are hidden', async () => {
      for (const q of ['+1 202 555 0198', '(202) 555-0198', '2025550198', 'navy.mil', 'GRACE.HOPPER@', 'hopper', 'us navy']) {
        assert.deepEqual((await search(q)).map((c) => c.id), [grace.id], `q=${q}`);
      }
      assert.deepEqual((await search('Kowalska')).map((c) => c.name), ['Zofia Kowalska']);
      assert.deepEqual((await search('482910375')).map((c) => c.name), ['Arjun Mehta'], 'a telegram id');
      assert.deepEqual(await search('%'), [], '% is literal');
      const merged = (await create({ name: 'Grace Duplicate' })).json() as CustomerJson;
      assert.equal((await search('grace')).length, 2);
      await t.server.database.db.updateTable('customers').set({ merged_into: grace.id }).where('id', '=', merged.id).execute();
      assert.deepEqual((await search('grace')).map((c) => c.id), [grace.id], 'a merged customer is not listed');
    });

    test('cursor pagination walks every customer once, newest first; the tag filter narrows', async () => {
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await create({ name: `Walker ${i}`, tags: ['page-walk'] });
        assert.equal(res.statusCode, 201, res.body);
        made.push(res.json().id);
      }
      const walk = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/api/v1/customers?limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const res = await t.req('GET', url, { cookie: agent });
          assert.equal(res.statusCode, 200, res.body);
          const body = res.json() as { items: CustomerJson[]; nextCursor: string | null };
          assert.ok(body.items.length <= 3);
          seen.push(...body.items.map((c) => c.id));
          cursor = body.nextCursor;
          assert.ok(++pages < 50, 'pagination ends');
        } while (cursor);
        return seen;
      };
      const tagged = await walk('&tag=page-walk');
      assert.deepEqual(tagged, [...made].reverse(), 'all seven, newest first, no duplicates');
      const all = await walk('');
      assert.equal(new Set(all).size, all.length, 'no duplicates');
      const full = (await t.req('GET', '/api/v1/customers?limit=200', { cookie: admin })).json().items as CustomerJson[];
      assert.deepEqual(all, full.map((c) => c.id));
      assert.equal((await t.req('GET', '/api/v1/customers?cursor=garbage!!', { cookie: admin })).statusCode, 400);
    });

    test('update: fields change, consent merges, null clears; a bad time zone is a 400 and changes nothing', async () => {
      const bad = await t.req('PATCH', `/api/v1/customers/${grace.id}`, { cookie: admin, body: { name: 'Changed', timeZone: 'Mars/Olympus_Mons' } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual((bad.json() as ErrorJson).error.details?.map((d) => d.path), ['timeZone']);
      assert.match(bad.json().error.message, /Mars\/Olympus_Mons/);
      assert.equal((await t.req('GET', `/api/v1/customers/${grace.id}`, { cookie: admin })).json().name, 'Grace Hopper');
      assert.equal((await t.req('PATCH', `/api/v1/customers/${grace.id}`, { cookie: admin, body: { email: 'x@y.example' } })).statusCode, 400, 'unknown fields are refused');
      assert.equal((await t.req('PATCH', `/api/v1/customers/${grace.id}`, { cookie: admin, body: { language: 'not a language!' } })).statusCode, 400);
      assert.equal((await t.req('PATCH', `/api/v1/customers/${grace.id}`, { cookie: admin, body: { tags: ['x'.repeat(51)] } })).statusCode, 400);

      const res = await t.req('PATCH', `/api/v1/customers/${grace.id}`, {
        cookie: agent,
        body: { name: 'Rear Admiral Grace Hopper', timeZone: 'Europe/London', company: null, consent: { marketingEmail: false }, attributes: { plan: 'enterprise' }, tags: ['vip'] },
      });
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json() as CustomerJson;
      assert.equal(c.name, 'Rear Admiral Grace Hopper');
      assert.equal(c.timeZone, 'Europe/London');
      assert.equal(c.company, null);
      assert.equal(c.language, 'en-US', 'untouched');
      assert.deepEqual(c.consent, { sms: true, marketingEmail: false });
      assert.deepEqual(c.attributes, { plan: 'enterprise' });
      assert.deepEqual(c.tags, ['vip']);
      assert.ok(c.updatedAt > grace.updatedAt || c.updatedAt === grace.updatedAt);
      assert.equal((await t.req('PATCH', '/api/v1/customers/0190a000-0000-7000-8000-000000000000', { cookie: admin, body: { name: 'X' } })).statusCode, 404);
    });

    test('add an identity (201), again (200, unchanged), one owned elsewhere (409), remove it (200, then 404)', async () => {
      const url = `/api/v1/customers/${grace.id}/identities`;
      const added = await t.req('POST', url, { cookie: agent, body: { kind: 'telegram', value: ' 99887766 ' } });
      assert.equal(added.statusCode, 201, added.body);
      const ident = (added.json() as CustomerJson).identities.find((i) => i.kind === 'telegram');
      assert.equal(ident?.value, '99887766');
      const again = await t.req('POST', url, { cookie: agent, body: { kind: 'telegram', value: '99887766' } });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((again.json() as CustomerJson).identities.length, 3);

      const olivia = (await search('olivia'))[0]!;
      const taken = await t.req('POST', url, { cookie: agent, body: { kind: 'email', value: 'OLIVIA.BENNETT@example.com' } });
      assert.equal(taken.statusCode, 409, taken.body);
      assert.match(taken.json().error.message, /olivia\.bennett@example\.com/);
      assert.ok(taken.json().error.message.includes(olivia.id));
      const invalid = await t.req('POST', url, { cookie: agent, body: { kind: 'phone', value: 'call me maybe' } });
      assert.equal(invalid.statusCode, 400);
      assert.deepEqual((invalid.json() as ErrorJson).error.details?.map((d) => d.path), ['value']);

      const removed = await t.req('DELETE', `${url}/${ident!.id}`, { cookie: agent });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.ok(!(removed.json() as CustomerJson).identities.some((i) => i.id === ident!.id));
      assert.equal((await t.req('DELETE', `${url}/${ident!.id}`, { cookie: agent })).statusCode, 404);
      const oliviaIdent = olivia.identities[0]!;
      assert.equal((await t.req('DELETE', `${url}/${oliviaIdent.id}`, { cookie: admin })).statusCode, 404, "another customer's identity is not this one's to remove");
      assert.equal((await t.req('GET', `/api/v1/customers/${olivia.id}`, { cookie: admin })).json().identities.length, olivia.identities.length);

      const events = async (type: string) =>
        ((await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as { aggregateId: string; payload: Record<string, unknown> }[]).filter((e) => e.aggregateId === grace.id);
      assert.deepEqual((await events('customer.identity_added')).map((e) => [e.payload.kind, e.payload.value]), [['telegram', '99887766']], 'the idempotent repeat appended nothing');
      assert.deepEqual((await events('customer.identity_removed')).map((e) => e.payload.identityId), [ident!.id]);
    });

    test('events are appended for create and update', async () => {
      const res = await t.req('GET', '/api/v1/events?type=customer.created&limit=1000', { cookie: admin });
      assert.equal(res.statusCode, 200, res.body);
      const created = (res.json().items as { aggregateId: string; aggregateType: string; topics: string[]; actorId: string; payload: { name?: string; identities?: { kind: string; value: string }[] } }[])
        .find((e) => e.aggregateId === grace.id);
      assert.ok(created, 'customer.created for Grace');
      assert.equal(created.aggregateType, 'customer');
      assert.deepEqual(created.topics, ['tenant']);
      assert.equal(created.payload.name, 'Grace Hopper');
      assert.deepEqual(created.payload.identities?.map((i) => i.value).sort(), ['+12025550198', 'grace.hopper@navy.mil']);
      const updated = (await t.req('GET', '/api/v1/events?type=customer.updated&limit=1000', { cookie: admin })).json().items as { aggregateId: string; payload: Record<string, unknown> }[];
      assert.ok(updated.some((e) => e.aggregateId === grace.id && e.payload.name === 'Rear Admiral Grace Hopper'));
      assert.ok(!updated.some((e) => e.aggregateId === grace.id && e.payload.name === 'Changed'), 'the refused update appended nothing');
    });

    test('agents read and edit customers; a read-scope token reads but may not write', async () => {
      const me = (await t.req('GET', '/api/v1/auth/me', { cookie: agent })).json().permissions as string[];
      assert.ok(me.includes('customers.read') && me.includes('customers.manage'));
      const made = await create({ name: 'Made By Agent', identities: [{ kind: 'visitor', value: 'agent-visitor-1' }] }, agent);
      assert.equal(made.statusCode, 201, made.body);
      assert.equal((await t.req('GET', `/api/v1/customers/${made.json().id}`, { cookie: agent })).statusCode, 200);

      const tok = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'customer reader', scope: 'read' } });
      assert.equal(tok.statusCode, 201, tok.body);
      const token = tok.json().secret as string;
      assert.equal((await t.req('GET', '/api/v1/customers', { token })).statusCode, 200);
      assert.equal((await t.req('GET', `/api/v1/customers/${grace.id}`, { token })).statusCode, 200);
      const before = await countCustomers();
      for (const [method, url, body] of [
        ['POST', '/api/v1/customers', { name: 'From read token' }],
        ['PATCH', `/api/v1/customers/${grace.id}`, { name: 'From read token' }],
        ['POST', `/api/v1/customers/${grace.id}/identities`, { kind: 'email', value: 'read@token.example' }],
        ['DELETE', `/api/v1/customers/${grace.id}/identities/${grace.identities[0]!.id}`, undefined],
      ] as const) {
        const res = await t.req(method, url, { token, body });
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
        assert.equal(res.json().error.code, 'forbidden');
      }
      assert.equal(await countCustomers(), before);
      assert.equal((await t.req('GET', `/api/v1/customers/${grace.id}`, { cookie: admin })).json().name, 'Rear Admiral Grace Hopper');
    });

    test('race: ten transactions resolving one new identity make exactly one customer, and all get its id', async () => {
      const db = t.server.database.db;
      const tenantId = (await createRepos(db).tenants.bySlug('demo'))!.id;
      const before = await countCustomers();
      const identity = { kind: 'email' as const, value: `race-${uuidv7()}@example.com` };
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          db.transaction().execute((tx) => createRepos(tx).customers.resolveIdentity(tenantId, identity, { newId: uuidv7, name: 'Racer', at: new Date() })),
        ),
      );
      assert.equal(new Set(results.map((r) => r.customerId)).size, 1, JSON.stringify(results));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(await countCustomers(), before + 1, 'the losers left no customer behind');
      const rows = await db.selectFrom('customer_identities').select('customer_id').where('tenant_id', '=', tenantId).where('value', '=', identity.value).execute();
      assert.deepEqual(rows.map((r) => r.customer_id), [results[0]!.customerId]);
    });
  });
}
