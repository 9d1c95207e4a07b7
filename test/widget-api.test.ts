import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, identity, session, sessionOk, sendMsg, W } from './widget-helpers.ts';
import { signToken } from '../src/channels/chat/token.ts';
import { createRepos } from '../src/storage/repos.ts';

const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`widget API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let inbox = { id: '', secret: '' };
    const count = async (table: 'messages' | 'survey_responses' | 'tickets' | 'attachments') =>
      Number((await t.server.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      inbox = await demoChatInbox(t, admin);
    });
    after(() => t?.close());

    test('config: the demo inbox is available; disabled, unknown, non-chat and other-workspace inboxes are unavailable', async () => {
      const res = await t.req('GET', `${W}/inboxes/${inbox.id}/config`);
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      assert.equal(c.available, true);
      assert.equal(c.businessHours.open, true);
      assert.match(c.greeting.pl, /Dzień dobry/);
      assert.deepEqual(c.prechatFields.map((f: { key: string }) => f.key), ['name', 'email', 'topic']);
      assert.equal(c.csat, true);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.ok(!JSON.stringify(c).includes(inbox.secret), 'the identity secret never reaches the widget');

      const off = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Off chat', channel: 'chat', settings: { enabled: false } } });
      assert.equal(off.statusCode, 201, off.body);
      assert.ok(String(off.json().settings.identitySecret).length >= 16, 'a new chat inbox gets an identity secret');
      const email = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Mail box', channel: 'email', settings: { enabled: true, identitySecret: 'x'.repeat(32) } } });
      // Another workspace's chat inbox, switched on.
      const tenantB = randomUUID();
      await createRepos(t.server.database.db).tenants.insert({ id: tenantB, slug: `widget-other-${kind}`, name: 'Other shop' });
      const inboxB = randomUUID();
      await createRepos(t.server.database.db).inboxes.insert({ id: inboxB, tenantId: tenantB, name: 'B chat', channel: 'chat', reopenWindowMs: 0, settings: { enabled: true, identitySecret: 'b'.repeat(40) }, at: new Date() });
      for (const url of [`${W}/inboxes/${off.json().id}/config`, `${W}/inboxes/${unknownId}/config`, `${W}/inboxes/${email.json().id}/config`, `${W}/inboxes/${inboxB}/config?workspace=demo`]) {
        const r = await t.req('GET', url);
        assert.equal(r.statusCode, 404, `${url}: ${r.body}`);
        assert.equal(r.json().error.code, 'unavailable');
      }
      assert.equal((await t.req('GET', `${W}/inboxes/${inboxB}/config?workspace=widget-other-${kind}`)).statusCode, 200);
      assert.equal((await session(t, off.json().id)).statusCode, 404);
      // Agents never see the secret; admins do.
      const agent = await t.login(demo.alex);
      const seen = (await t.req('GET', `/api/v1/inboxes/${inbox.id}`, { cookie: agent })).json();
      assert.equal(seen.settings.identitySecret, undefined);
      // A B token can't be passed off as tenant A's by editing its claims.
      const tenantA = (await t.server.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      const forged = signToken({ t: tenantA, i: inboxB, v: randomUUID(), c: null, ver: false, exp: Date.now() + 60_000 }, 'b'.repeat(40));
      assert.equal((await t.req('GET', `${W}/messages`, { token: forged })).statusCode, 401);
      // A valid token of B's inbox never reaches A's conversations.
      const a = await sessionOk(t, inbox.id);
      const aMsg = (await sendMsg(t, a.token, { clientId: randomUUID(), text: 'tenant A secret' })).json();
      const b = await sessionOk(t, inboxB, { visitorId: a.visitorId });
      const bHist = (await t.req('GET', `${W}/messages`, { token: b.token })).json();
      assert.equal(bHist.conversationId, null);
      assert.equal((await t.req('POST', `${W}/csat`, { token: b.token, body: { conversationId: aMsg.conversationId, score: 1 } })).statusCode, 404);
      const bSend = (await sendMsg(t, b.token, { clientId: randomUUID(), text: 'B hello' })).json();
      assert.notEqual(bSend.conversationId, aMsg.conversationId);
      const bConv = await t.server.database.db.selectFrom('conversations').select('tenant_id').where('id', '=', bSend.conversationId).executeTakeFirstOrThrow();
      assert.equal(bConv.tenant_id, tenantB);
    });

    test('a good signature joins the existing customer; forged, expired and other-inbox signatures stay anonymous', async () => {
      const cust = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: 'Shop Member 42', identities: [{ kind: 'external', value: 'member-42', verified: true }] } });
      assert.equal(cust.statusCode, 201, cust.body);
      const customerId = cust.json().id as string;
      const customerOf = async (conversationId: string) => (await t.req('GET', `/api/v1/conversations/${conversationId}`, { cookie: admin })).json().customerId as string;

      const good = await sessionOk(t, inbox.id, { identity: identity(inbox.secret, 'member-42', 'member42@shop.example') });
      assert.equal(good.verified, true);
      const sent = await sendMsg(t, good.token, { clientId: randomUUID(), text: 'Where is my order?' });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.equal(await customerOf(sent.json().conversationId), customerId);

      const otherSecret = 'z'.repeat(64);
      const bad = [
        { ...identity(inbox.secret, 'member-42'), signature: 'ab'.repeat(32) },
        identity(inbox.secret, 'member-42', undefined, -10),
        identity(otherSecret, 'member-42'),
        { ...identity(inbox.secret, 'member-42', 'member42@shop.example'), email: 'attacker@evil.example' },
      ];
      for (const idn of bad) {
        const s = await sessionOk(t, inbox.id, { identity: idn });
        assert.equal(s.verified, false, JSON.stringify(idn));
        assert.equal(s.conversationId, null, 'a forged identity sees none of the claimed customer\'s conversations');
        const m = await sendMsg(t, s.token, { clientId: randomUUID(), text: 'I am member 42, honest' });
        assert.equal(m.statusCode, 201, m.body);
        assert.notEqual(await customerOf(m.json().conversationId), customerId);
        const h = (await t.req('GET', `${W}/messages`, { token: s.token })).json();
        assert.ok(!h.messages.some((x: { text: string }) => x.text === 'Where is my order?'));
      }
    });

    test('messages: a resend of the same clientId returns the same ack and stores one message; HTML stays text', async () => {
      const s = await sessionOk(t, inbox.id, { prechat: { name: '<img src=x onerror=alert(1)>Eve', email: 'eve@example.com' } });
      const before = await count('messages');
      const clientId = randomUUID();
      const text = '<script>alert("x")</script><b>bold?</b>';
      const a = await sendMsg(t, s.token, { clientId, text });
      const b = await sendMsg(t, s.token, { clientId, text });
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 200, b.body);
      assert.deepEqual(b.json(), a.json());
      assert.equal(await count('messages'), before + 1);
      const h = (await t.req('GET', `${W}/messages?afterSeq=0`, { token: s.token })).json();
      const m = h.messages.find((x: { id: string }) => x.id === a.json().messageId);
      assert.equal(m.text, text);
      assert.equal(m.clientId, clientId);
      assert.equal('html' in m, false);
      const conv = (await t.req('GET', `/api/v1/conversations/${a.json().conversationId}/messages`, { cookie: admin })).json().items as { text: string; html: string | null }[];
      assert.equal(conv[0]!.text, text);
      assert.equal(conv[0]!.html, null);
      const c = (await t.req('GET', `/api/v1/conversations/${a.json().conversationId}`, { cookie: admin })).json();
      const cust = (await t.req('GET', `/api/v1/customers/${c.customerId}`, { cookie: admin })).json();
      assert.equal(cust.name, '<img src=x onerror=alert(1)>Eve', JSON.stringify(cust));
      assert.ok(!cust.identities.some((i: { kind: string }) => i.kind === 'email'), 'a pre-chat email is never an identity');
      // Bad input: empty, no token, a bad token.
      assert.equal((await sendMsg(t, s.token, { clientId: randomUUID(), text: '   ' })).statusCode, 400);
      assert.equal((await t.req('POST', `${W}/messages`, { body: { clientId: 'x', text: 'hi' } })).statusCode, 401);
      assert.equal((await sendMsg(t, `${s.token}x`, { clientId: 'x', text: 'hi' })).statusCode, 401);
    });

    test('attachments: too large is 413, a disallowed type 415, an allowed file is sent and fetched by the token', async () => {
      const s = await sessionOk(t, inbox.id);
      const up = (body: Buffer, type: string, name = 'f.bin') =>
        t.server.app.inject({ method: 'POST', url: `${W}/attachments?filename=${name}`, headers: { authorization: `Bearer ${s.token}`, 'content-type': type }, payload: body });
      const files = await count('attachments');
      const big = await up(Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'image/png', 'big.png');
      assert.equal(big.statusCode, 413, big.body);
      assert.match(big.json().error.message, /larger than the limit/);
      const html = await up(Buffer.from('<h1>hi</h1>'), 'text/html', 'page.html');
      assert.equal(html.statusCode, 415, html.body);
      assert.match(html.json().error.message, /text\/html/);
      assert.equal(await count('attachments'), files, 'refused files leave nothing stored');
      const ok = await up(Buffer.from('hello file'), 'text/plain', 'note.txt');
      assert.equal(ok.statusCode, 201, ok.body);
      // Another visitor who learns the upload's id cannot put it on their message; nothing is stored.
      const thief = await sessionOk(t, inbox.id);
      const msgsBefore = await count('messages');
      const stolen = await sendMsg(t, thief.token, { clientId: randomUUID(), text: 'mine now', attachmentIds: [ok.json().id] });
      assert.equal(stolen.statusCode, 400, stolen.body);
      assert.match(stolen.json().error.message, /unknown attachment/);
      assert.equal(await count('messages'), msgsBefore, 'the refused message was not stored either');
      const m = await sendMsg(t, s.token, { clientId: randomUUID(), text: 'see file', attachmentIds: [ok.json().id] });
      assert.equal(m.statusCode, 201, m.body);
      const h = (await t.req('GET', `${W}/messages`, { token: s.token })).json();
      assert.equal(h.messages.at(-1).attachments[0].filename, 'note.txt');
      const got = await t.req('GET', `${W}/attachments/${ok.json().id}?token=${encodeURIComponent(s.token)}`);
      assert.equal(got.statusCode, 200);
      assert.equal(got.body, 'hello file');
      const other = await sessionOk(t, inbox.id);
      assert.equal((await t.req('GET', `${W}/attachments/${ok.json().id}`, { token: other.token })).statusCode, 404);
    });

    test('CSAT once per conversation (a second answer is 409); only the visitor\'s own conversation', async () => {
      const s = await sessionOk(t, inbox.id);
      const m = (await sendMsg(t, s.token, { clientId: randomUUID(), text: 'thanks' })).json();
      await t.req('PATCH', `/api/v1/conversations/${m.conversationId}`, { cookie: admin, body: { status: 'resolved' } });
      const other = await sessionOk(t, inbox.id);
      assert.equal((await t.req('POST', `${W}/csat`, { token: other.token, body: { conversationId: m.conversationId, score: 1 } })).statusCode, 404);
      assert.equal((await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: m.conversationId, score: 6 } })).statusCode, 400);
      const before = await count('survey_responses');
      const first = await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: m.conversationId, score: 5, comment: 'Lovely' } });
      assert.equal(first.statusCode, 201, first.body);
      const second = await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: m.conversationId, score: 1 } });
      assert.equal(second.statusCode, 409, second.body);
      assert.equal(await count('survey_responses'), before + 1);
      const row = await t.server.database.db.selectFrom('survey_responses').selectAll().where('conversation_id', '=', m.conversationId).executeTakeFirstOrThrow();
      assert.equal(row.kind, 'csat');
      assert.equal(row.score, 5);
    });

    test('an offline message becomes a ticket gathering the conversation', async () => {
      const s = await sessionOk(t, inbox.id);
      const before = await count('tickets');
      const bad = await t.req('POST', `${W}/offline`, { token: s.token, body: { email: 'not-an-email', text: 'hi' } });
      assert.equal(bad.statusCode, 400);
      assert.equal(await count('tickets'), before);
      const res = await t.req('POST', `${W}/offline`, { token: s.token, body: { email: 'late@example.com', text: 'Do you ship to Wales?' } });
      assert.equal(res.statusCode, 201, res.body);
      const ticket = (await t.req('GET', `/api/v1/tickets/${res.json().ticketId}`, { cookie: admin })).json();
      assert.match(ticket.subject, /late@example.com/);
      assert.equal(await count('tickets'), before + 1);
      const h = (await t.req('GET', `${W}/messages`, { token: s.token })).json();
      assert.equal(h.messages[0].text, 'Do you ship to Wales?');
    });

    test('the demo shop embeds the widget for the demo inbox; /widget.js may be loaded by any site', async () => {
      const shop = await t.req('GET', '/demo/shop');
      assert.equal(shop.statusCode, 200);
      assert.match(shop.headers['content-type'] as string, /text\/html/);
      assert.match(shop.body, /Bennett &amp; Hale Home/);
      assert.ok(shop.body.includes(`<script src="/widget.js" data-inbox="${inbox.id}" data-workspace="demo" async></script>`), shop.body);
      // ?lang= picks the widget's language (data-lang, which it prefers to the page's and the browser's).
      const welsh = await t.req('GET', '/demo/shop?lang=cy');
      assert.equal(welsh.statusCode, 200);
      assert.ok(welsh.body.includes(`data-workspace="demo" data-lang="cy" async></script>`), welsh.body);
      assert.match(welsh.body, /<a href="\?lang=cy" lang="cy" hreflang="cy" aria-current="true">Cymraeg<\/a>/);
      assert.match(shop.body, /<a href="\?lang=zh-Hant" lang="zh-Hant" hreflang="zh-Hant">繁體中文<\/a>/);
      for (const bad of ['de', 'cy"><script>alert(1)</script>', '']) {
        const r = await t.req('GET', `/demo/shop?lang=${encodeURIComponent(bad)}`);
        assert.equal(r.statusCode, 400, bad);
        assert.match(r.body, /lang must be one of en, cy, pl, hi, zh-Hans, zh-Hant/);
        assert.doesNotMatch(r.body, /<script>/);
      }
      const js = await t.req('GET', '/widget.js');
      assert.ok([200, 404].includes(js.statusCode), 'served when built');
      assert.equal(js.headers['cross-origin-resource-policy'], 'cross-origin');
      const pre = await t.server.app.inject({ method: 'OPTIONS', url: `${W}/messages`, headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
      assert.equal(pre.statusCode, 204);
      assert.equal(pre.headers['access-control-allow-origin'], '*');
      assert.match(String(pre.headers['access-control-allow-headers']), /authorization/);
    });

    test('rotating the identity secret (admins only) revokes old signatures and tokens', async () => {
      const created = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Rotating chat', channel: 'chat' } });
      const id = created.json().id as string;
      const old = String(created.json().settings.identitySecret);
      const s = await sessionOk(t, id, { identity: identity(old, 'rot-1') });
      assert.equal(s.verified, true);
      // A settings change without the secret keeps it.
      const patched = await t.req('PATCH', `/api/v1/inboxes/${id}`, { cookie: admin, body: { settings: { enabled: true, csat: false } } });
      assert.equal(patched.json().settings.identitySecret, old);
      const agent = await t.login(demo.alex);
      assert.equal((await t.req('POST', `/api/v1/inboxes/${id}/identity-secret`, { cookie: agent })).statusCode, 403);
      const rotated = await t.req('POST', `/api/v1/inboxes/${id}/identity-secret`, { cookie: admin });
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.notEqual(rotated.json().identitySecret, old);
      assert.equal((await t.req('GET', `${W}/messages`, { token: s.token })).statusCode, 401, 'old tokens stop working');
      assert.equal((await sessionOk(t, id, { identity: identity(old, 'rot-1') })).verified, false);
      assert.equal((await sessionOk(t, id, { identity: identity(rotated.json().identitySecret, 'rot-1') })).verified, true);
      const email = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Mail rot', channel: 'email' } });
      assert.equal((await t.req('POST', `/api/v1/inboxes/${email.json().id}/identity-secret`, { cookie: admin })).statusCode, 400);
    });

    test('rate limits: sessions per IP, messages per visitor; another visitor is unaffected', async () => {
      let refused = 0;
      for (let i = 0; i < 31; i++) if ((await session(t, inbox.id, {}, '10.9.9.9')).statusCode === 429) refused++;
      assert.equal(refused, 1);
      const r = await session(t, inbox.id, {}, '10.9.9.9');
      assert.equal(r.json().error.code, 'rate_limited');
      assert.equal((await session(t, inbox.id, {}, '10.9.9.10')).statusCode, 201, 'another IP is unaffected');

      const a = await sessionOk(t, inbox.id);
      const b = await sessionOk(t, inbox.id);
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) codes.push((await sendMsg(t, a.token, { clientId: randomUUID(), text: `flood ${i}` })).statusCode);
      assert.equal(codes.filter((c) => c === 201).length, 20);
      assert.equal(codes.at(-1), 429);
      assert.equal((await sendMsg(t, b.token, { clientId: randomUUID(), text: 'hello' })).statusCode, 201);
    });
  });
}
