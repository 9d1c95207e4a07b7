import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, session, sessionOk, sendMsg, W } from './widget-helpers.ts';
import { createRepos } from '../src/storage/repos.ts';

interface Detail { path: string; message: string }
const paths = (body: string) => ((JSON.parse(body).error.details ?? []) as Detail[]).map((d) => d.path).sort();

for (const kind of await dbKinds()) {
  describe(`chat widget settings API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let inbox = { id: '', secret: '' };
    const url = () => `/api/v1/inboxes/${inbox.id}/widget-settings`;
    const stored = async () => (await t.server.database.db.selectFrom('inboxes').select('settings').where('id', '=', inbox.id).executeTakeFirstOrThrow()).settings as Record<string, unknown>;
    const current = async () => {
      const r = await t.req('GET', url(), { cookie: admin });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { inboxId: string; name: string; hasIdentitySecret: boolean; settings: Record<string, unknown> & { theme: Record<string, unknown>; prechatFields: Record<string, unknown>[] } };
    };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      inbox = await demoChatInbox(t, admin);
    });
    after(() => t?.close());

    test('round trip: GET shows the seeded settings without the secret; PUT replaces them, keeps the secret and demo flag, is audited and evented', async () => {
      const got = await current();
      assert.equal(got.inboxId, inbox.id);
      assert.equal(got.hasIdentitySecret, true);
      assert.ok(!JSON.stringify(got).includes(inbox.secret), 'never returns the identity secret');
      assert.deepEqual(got.settings.prechatFields.map((f) => f.key), ['name', 'email', 'topic']);
      assert.equal(got.settings.theme.color, '#8a5a2b');
      assert.equal(got.settings.title, 'Bennett & Hale Home', 'the demo shop names itself in the header');

      const next = structuredClone(got.settings);
      next.theme = { color: '#0a7d33', position: 'left', logoUrl: 'https://shop.example/logo.png' };
      next.greeting = { ...(next.greeting as object), en: 'Hello from the settings test' };
      next.prechatFields = [...next.prechatFields, { key: 'orderNo', type: 'text', required: false, label: { en: 'Order number', pl: 'Numer zamówienia' } }];
      next.csat = false;
      next.title = '  Hale & Co  ';
      const put = await t.req('PUT', url(), { cookie: admin, body: next });
      assert.equal(put.statusCode, 200, put.body);
      assert.ok(!put.body.includes(inbox.secret));

      const after = await current();
      assert.deepEqual(after.settings, { ...next, title: 'Hale & Co' }, 'what was saved is what GET returns (the title trimmed)');
      const raw = await stored();
      assert.equal(raw.identitySecret, inbox.secret, 'the identity secret is kept');
      assert.equal(raw.demo, true, 'other keys are kept');

      // The widget sees the change.
      const cfg = (await t.req('GET', `${W}/inboxes/${inbox.id}/config`)).json();
      assert.equal(cfg.theme.color, '#0a7d33');
      assert.equal(cfg.theme.position, 'left');
      assert.equal(cfg.csat, false);
      assert.equal(cfg.name, 'Hale & Co', 'the header shows the title');
      assert.deepEqual(cfg.prechatFields.map((f: { key: string }) => f.key), ['name', 'email', 'topic', 'orderNo']);

      const ev = (await t.req('GET', '/api/v1/events?type=inbox.widget_settings_updated&limit=100', { cookie: admin })).json().items as { aggregateId: string; payload: { changed: string[] } }[];
      assert.equal(ev.length, 1);
      assert.equal(ev[0]!.aggregateId, inbox.id);
      assert.deepEqual(ev[0]!.payload.changed.sort(), ['csat', 'greeting', 'prechatFields', 'theme', 'title']);
      const audit = (await t.req('GET', '/api/v1/audit?action=inbox.widget_settings_updated', { cookie: admin })).json().items as { targetId: string; details: Record<string, unknown> }[];
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.targetId, inbox.id);
      assert.ok(!JSON.stringify(audit).includes(inbox.secret));

      // No title: the header shows the inbox's name. A body without the key (written before it
      // existed) saves too, as null.
      const untitled = await t.req('PUT', url(), { cookie: admin, body: { ...next, title: null } });
      assert.equal(untitled.statusCode, 200, untitled.body);
      assert.equal((await t.req('GET', `${W}/inboxes/${inbox.id}/config`)).json().name, got.name);
      const { title: _t, ...older } = next;
      const old = await t.req('PUT', url(), { cookie: admin, body: { ...older, csat: true } });
      assert.equal(old.statusCode, 200, old.body);
      assert.equal((await current()).settings.title, null);
    });

    test('bad input is refused with the paths, and nothing is saved', async () => {
      const base = (await current()).settings;
      const before = JSON.stringify(await stored());
      const withField = (f: Record<string, unknown>) => ({ ...base, prechatFields: [...base.prechatFields, f] });
      const i = base.prechatFields.length;
      const cases: [string, unknown, string[]][] = [
        ['bad colour', { ...base, theme: { ...base.theme, color: 'red' } }, ['theme.color']],
        ['http logo', { ...base, theme: { ...base.theme, logoUrl: 'http://shop.example/logo.png' } }, ['theme.logoUrl']],
        ['javascript logo', { ...base, theme: { ...base.theme, logoUrl: 'javascript:alert(1)' } }, ['theme.logoUrl']],
        ['bad option value', withField({ key: 'area', type: 'select', required: false, label: { en: 'Area' }, options: [{ value: 'Bad Value!', label: { en: 'x' } }] }), [`prechatFields.${i}.options.0.value`]],
        ['select without options', withField({ key: 'area', type: 'select', required: false, label: { en: 'Area' } }), [`prechatFields.${i}.options`]],
        ['options on a text field', withField({ key: 'area', type: 'text', required: false, label: { en: 'Area' }, options: [{ value: 'a', label: { en: 'A' } }] }), [`prechatFields.${i}.options`]],
        ['duplicate key', withField({ key: 'email', type: 'text', required: false, label: { en: 'Again' } }), [`prechatFields.${i}.key`]],
        ['unknown key', { ...base, identitySecret: 'x'.repeat(40) }, ['(body)']],
        ['missing field', { ...base, csat: undefined }, ['csat']],
        ['blank title', { ...base, title: '   ' }, ['title']],
        ['long title', { ...base, title: 'x'.repeat(81) }, ['title']],
      ];
      for (const [what, body, want] of cases) {
        const r = await t.req('PUT', url(), { cookie: admin, body });
        assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
        assert.equal(r.json().error.code, 'invalid');
        if (what === 'unknown key') assert.match(r.body, /identitySecret/, what);
        else assert.deepEqual(paths(r.body), want, what);
      }
      const noCal = await t.req('PUT', url(), { cookie: admin, body: { ...base, calendarId: randomUUID() } });
      assert.equal(noCal.statusCode, 400, noCal.body);
      assert.deepEqual(paths(noCal.body), ['calendarId']);
      assert.equal(JSON.stringify(await stored()), before, 'nothing was saved');
    });

    test('agents and supervisors may not; another workspace’s or a non-chat inbox is not found', async () => {
      const base = (await current()).settings;
      for (const who of [demo.alex, demo.supervisor]) {
        const c = await t.login(who);
        assert.equal((await t.req('GET', url(), { cookie: c })).statusCode, 403);
        assert.equal((await t.req('PUT', url(), { cookie: c, body: base })).statusCode, 403);
      }
      const email = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Settings mail', channel: 'email' } });
      assert.equal(email.statusCode, 201, email.body);
      const repos = createRepos(t.server.database.db);
      const tenantB = randomUUID();
      await repos.tenants.insert({ id: tenantB, slug: `settings-other-${kind}`, name: 'Other' });
      const inboxB = randomUUID();
      await repos.inboxes.insert({ id: inboxB, tenantId: tenantB, name: 'B chat', channel: 'chat', reopenWindowMs: 0, settings: { enabled: true, identitySecret: 'b'.repeat(40), theme: { color: '#111111' } }, at: new Date() });
      for (const id of [email.json().id, inboxB, randomUUID()]) {
        assert.equal((await t.req('GET', `/api/v1/inboxes/${id}/widget-settings`, { cookie: admin })).statusCode, 404, id);
        const r = await t.req('PUT', `/api/v1/inboxes/${id}/widget-settings`, { cookie: admin, body: base });
        assert.equal(r.statusCode, 404, r.body);
      }
      assert.equal(((await repos.inboxes.byId(tenantB, inboxB))!.settings.theme as { color: string }).color, '#111111', 'B unchanged');
    });

    test('a pre-chat select tags the new customer with the chosen value and sets the language; a forged value is refused', async () => {
      const visitorId = randomUUID();
      const s = await sessionOk(t, inbox.id, { visitorId, language: 'pl', prechat: { name: 'Ewa Temat', topic: 'billing' } });
      const c = await t.server.database.db.selectFrom('customers').select(['id', 'tags', 'language', 'attributes']).where('name', '=', 'Ewa Temat').executeTakeFirstOrThrow();
      assert.deepEqual(c.tags, ['billing']);
      assert.equal(c.language, 'pl');
      assert.equal((c.attributes as Record<string, unknown>).prechat_topic, 'billing');
      assert.equal((await sendMsg(t, s.token, { clientId: 'c1', text: 'Faktura?' })).statusCode, 201);

      // A second session of the same visitor does not add tags to an existing customer.
      await sessionOk(t, inbox.id, { visitorId, language: 'en', prechat: { name: 'Ewa Temat', topic: 'sales' } });
      const again = await t.server.database.db.selectFrom('customers').select(['tags', 'language']).where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual([again.tags, again.language], [['billing'], 'pl']);

      const count = async () => (await t.server.database.db.selectFrom('customers').select('id').execute()).length;
      const n = await count();
      for (const forged of ['vip', 'Billing', 'billing ', '<b>x</b>']) {
        const r = await session(t, inbox.id, { language: 'pl', prechat: { name: 'Forger', topic: forged } });
        if (forged === 'billing ') {
          // Surrounding spaces are trimmed: still one of the options.
          assert.equal(r.statusCode, 201, r.body);
          continue;
        }
        assert.equal(r.statusCode, 400, `${forged}: ${r.body}`);
        assert.deepEqual(paths(r.body), ['prechat.topic']);
      }
      assert.equal(await count(), n + 1, 'no customer was made for a forged answer');
    });
  });
}
