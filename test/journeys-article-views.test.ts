import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CustomerJourney } from '../src/contracts/journeys.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk } from './widget-helpers.ts';

const VIEWS = '/hc-journey/views';

for (const kind of await dbKinds()) {
  describe(`help center views of known visitors on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let inbox = { id: '', secret: '' };
    let article = { id: '', title: '' };
    let tenantId = '';
    const views = async () =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE tenant_id = ${tenantId} AND type = 'help_center.article_viewed'`.execute(t.server.database.db)).rows[0]!.n);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      inbox = await demoChatInbox(t, admin);
      const db = t.server.database.db;
      tenantId = (await db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      const a = await db.selectFrom('kb_translations').select(['article_id', 'title']).where('tenant_id', '=', tenantId).where('language', '=', 'en').where('state', '=', 'published').executeTakeFirstOrThrow();
      article = { id: a.article_id, title: a.title };
    });
    after(() => t?.close());

    test('the article page loads /hc-journey.js with the article and the chat inbox; the script is served', async () => {
      const page = await t.server.app.inject({ method: 'GET', url: `/help/demo/en/articles/${article.id}-x` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<script src="/hc-journey.js" data-inbox="${inbox.id}" data-article="${article.id}" data-lang="en" defer></script>`));
      const js = await t.server.app.inject({ method: 'GET', url: '/hc-journey.js' });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(js.body, /sb-widget:' \+ inbox \+ ':session/);
      assert.match(js.body, /fetch\('\/hc-journey\/views'/);
    });

    test('an anonymous reader leaves nothing; a known visitor\'s read joins their journey, once per half hour', async () => {
      const before = await views();
      // A session of a visitor who never wrote: no customer, no event.
      const anon = await sessionOk(t, inbox.id, { visitorId: randomUUID(), language: 'en' });
      const res = await t.req('POST', VIEWS, { body: { token: anon.token, articleId: article.id, language: 'en' } });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal(await views(), before);

      // The visitor writes (and so becomes a customer), then reads an article.
      const known = await sessionOk(t, inbox.id, { visitorId: randomUUID(), language: 'en' });
      const sent = await sendMsg(t, known.token, { clientId: randomUUID(), text: 'Hello, where is my parcel?' });
      assert.ok(sent.statusCode < 300, sent.body);
      assert.equal((await t.req('POST', VIEWS, { body: { token: known.token, articleId: article.id, language: 'en' } })).statusCode, 204);
      assert.equal(await views(), before + 1);
      // A reload is the same view.
      assert.equal((await t.req('POST', VIEWS, { body: { token: known.token, articleId: article.id, language: 'en' } })).statusCode, 204);
      assert.equal(await views(), before + 1);
      // Unknown articles and languages without a published text record nothing.
      assert.equal((await t.req('POST', VIEWS, { body: { token: known.token, articleId: randomUUID(), language: 'en' } })).statusCode, 204);
      assert.equal((await t.req('POST', VIEWS, { body: { token: known.token, articleId: article.id, language: 'xx' } })).statusCode, 204);
      assert.equal(await views(), before + 1);

      const row = await sql<{ payload: Record<string, unknown> }>`SELECT payload FROM events WHERE tenant_id = ${tenantId} AND type = 'help_center.article_viewed' ORDER BY created_at DESC LIMIT 1`.execute(t.server.database.db);
      const p = row.rows[0]!.payload;
      assert.equal(p.articleId, article.id);
      assert.equal(p.visitorId, known.visitorId);
      assert.equal(p.title, article.title);
      const customerId = String(p.customerId);
      const j = (await t.req('GET', `/api/v1/customers/${customerId}/journey`, { cookie: admin })).json() as CustomerJourney;
      const hc = j.touchpoints.filter((x) => x.kind === 'help_center');
      assert.equal(hc.length, 1);
      assert.equal(hc[0]!.label, article.title);
      assert.equal(hc[0]!.ref, article.id);
    });

    test('a forged or malformed token is 401 with the reason; a bad body is 400', async () => {
      const s = await sessionOk(t, inbox.id, { visitorId: randomUUID(), language: 'en' });
      const [body, mac] = s.token.split('.') as [string, string];
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${Buffer.from(JSON.stringify({ ...claims, v: 'someone-else' })).toString('base64url')}.${mac}`;
      for (const [token, why] of [[forged, /bad signature/], ['not-a-token-at-all', /malformed/]] as const) {
        const res = await t.req('POST', VIEWS, { body: { token, articleId: article.id, language: 'en' } });
        assert.equal(res.statusCode, 401, res.body);
        assert.match(res.json().error.message, why);
      }
      const bad = await t.req('POST', VIEWS, { body: { token: s.token, articleId: 'nope', language: 'en' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /articleId/);
    });
  });
}
