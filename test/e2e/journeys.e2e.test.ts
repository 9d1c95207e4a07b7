import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { draftEvent } from '../../src/core/events/draft.ts';
import { createRepos } from '../../src/storage/repos.ts';
import { axeViolations, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk } from '../widget-helpers.ts';

const H = 3_600_000;
const D = 24 * H;

/** The customer page's Journey section and /analytics/journeys in real Chromium. */
describe('customer journeys in Chromium', () => {
  const env = useE2E();

  test('a supervisor reads a customer\'s journey on the time axis with the keyboard, then the segment finding', async () => {
    const r = createRepos(env.t.server.database.db);
    const tenantId = (await r.tenants.bySlug('demo'))!.id;
    const now = Date.now();
    const at = (ms: number) => new Date(now - ms);
    const ev = (when: Date, type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>) =>
      r.events.append(tenantId, [draftEvent(uuidv7, { type, aggregateType, aggregateId, actorId: null, payload })], when);
    const inbox = { chat: uuidv7(), voice: uuidv7() };
    await r.inboxes.insert({ id: inbox.chat, tenantId, name: 'E2E journey chat', channel: 'chat', reopenWindowMs: 0, settings: {}, at: at(100 * D) });
    await r.inboxes.insert({ id: inbox.voice, tenantId, name: 'E2E journey phone', channel: 'voice', reopenWindowMs: 0, settings: {}, at: at(100 * D) });
    const customerId = uuidv7();
    await r.customers.insert({ id: customerId, tenantId, name: 'Journey Walker', at: at(100 * D) });
    // Reads an article, the bot hands over, calls back two days later and hangs up in the queue, buys.
    await ev(at(10 * D), 'help_center.article_viewed', 'kb_article', uuidv7(), { articleId: uuidv7(), title: 'Returns policy', customerId });
    const chat = uuidv7();
    await r.conversations.insert({ id: chat, tenantId, inboxId: inbox.chat, customerId, at: at(10 * D - H) });
    await ev(at(10 * D - H), 'conversation.created', 'conversation', chat, { channel: 'chat' });
    await ev(at(10 * D - H), 'flow.session_started', 'conversation', chat, {});
    await ev(at(10 * D - H - 120_000), 'flow.handed_over', 'conversation', chat, {});
    const call = uuidv7();
    await r.conversations.insert({ id: call, tenantId, inboxId: inbox.voice, customerId, at: at(8 * D - 2 * H) });
    await ev(at(8 * D - 2 * H), 'conversation.created', 'conversation', call, { channel: 'voice' });
    await ev(at(8 * D - 2 * H - 60_000), 'task.abandoned', 'task', uuidv7(), { sourceType: 'conversation', sourceId: call });
    const supervisor = await env.t.login(demo.supervisor);
    const seg = await env.t.req('POST', '/api/v1/segments', { cookie: supervisor, body: { name: 'Journey walkers', definition: { match: 'all', conditions: [{ kind: 'field', field: 'name', op: 'contains', value: 'Journey Walker' }] } } });
    assert.equal(seg.statusCode, 201, seg.body);
    const segmentId = (seg.json() as { id: string }).id;

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/customers/${customerId}`);
      const chart = page.getByRole('group', { name: /Touchpoints on a time axis/ });
      await chart.waitFor({ timeout: 15_000 });
      await page.getByText('4 touchpoints, 2 contacts, 1 repeat contacts, 2 drops').waitFor();
      const points = chart.getByRole('img');
      assert.equal(await points.count(), 4);
      const labels: string[] = [];
      for (let i = 0; i < 4; i++) labels.push((await points.nth(i).getAttribute('aria-label')) ?? '');
      assert.match(labels[0]!, /^Help center, .*Returns policy; self-service failed/);
      assert.match(labels[1]!, /^Chatbot, /);
      assert.match(labels[2]!, /^Handed over to a person, /);
      assert.match(labels[3]!, /^Call, .*repeat contact, 2 days after the previous one; hung up while waiting/);

      // The keyboard walks the points in time order.
      await points.first().focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.match((await page.locator(':focus').getAttribute('aria-label')) ?? '', /^Handed over to a person/);
      await page.keyboard.press('End');
      assert.match((await page.locator(':focus').getAttribute('aria-label')) ?? '', /^Call/);
      const onCustomer = await axeViolations(page);
      assert.deepEqual(onCustomer, [], onCustomer.join('\n'));

      // The analytics page: pick the segment, ask "help center, then call".
      await page.goto(`${env.t.server.url}/analytics/journeys`);
      await page.getByRole('heading', { level: 1, name: 'Customer journeys' }).waitFor();
      await page.getByLabel('Find a segment').fill('Journey walkers');
      await page.getByLabel('Segment', { exact: true }).locator(`option[value="${segmentId}"]`).waitFor({ state: 'attached' });
      await page.getByLabel('Segment', { exact: true }).selectOption(segmentId);
      await page.getByLabel('Customers who used').selectOption('help_center');
      await page.getByLabel('then used').selectOption('call');
      await page.getByRole('button', { name: 'Show journeys' }).click();
      await page.waitForURL((u) => u.searchParams.get('segmentId') === segmentId);
      // The status says when the segment's journeys are in (the first answer was for all customers).
      await page.getByRole('status').getByText(/Journeys of 1 customers computed in \d+ ms/).waitFor({ timeout: 15_000 });
      const finding = page.getByTestId('journey-finding');
      await finding.getByText(/^Of the 1 customers who used Help center, 100% then used Call \(1 customers\)/).waitFor({ timeout: 15_000 });
      const paths = page.getByRole('table', { name: 'Most common paths' });
      assert.match((await paths.locator('tbody tr').first().textContent()) ?? '', /Help center.*Chatbot.*Handed over to a person.*Call.*100%/);
      await page.getByRole('table', { name: 'Contact rate per channel' }).getByRole('rowheader', { name: 'Call' }).waitFor();
      const onAnalytics = await axeViolations(page);
      assert.deepEqual(onAnalytics, [], onAnalytics.join('\n'));
    } finally {
      await ctx.close();
    }
  });

  test('a known chat visitor reading a help center article joins their journey (the page\'s /hc-journey.js)', async () => {
    const t = env.t;
    const admin = await t.login(demo.admin);
    const inbox = await demoChatInbox(t, admin);
    const visitor = await sessionOk(t, inbox.id, { visitorId: uuidv7(), language: 'en' });
    assert.ok((await sendMsg(t, visitor.token, { clientId: uuidv7(), text: 'Hello from the journey test' })).statusCode < 300);
    const db = t.server.database.db;
    const tenantId = (await db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
    const a = await db.selectFrom('kb_translations').select(['article_id', 'title']).where('tenant_id', '=', tenantId).where('language', '=', 'en').where('state', '=', 'published').executeTakeFirstOrThrow();
    const seen = async () => (await db.selectFrom('events').select('payload').where('tenant_id', '=', tenantId).where('type', '=', 'help_center.article_viewed').execute()).map((e) => e.payload as Record<string, unknown>);

    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    try {
      // The widget's stored session, as the widget itself keeps it on the help center's origin.
      const stored = JSON.stringify({ token: visitor.token, visitorId: visitor.visitorId, expiresAt: Date.now() + 3_600_000, conversationId: null, prechatDone: true });
      await page.addInitScript({ content: `localStorage.setItem(${JSON.stringify(`sb-widget:${inbox.id}:session`)}, ${JSON.stringify(stored)});` });
      const reported = page.waitForResponse((r) => r.url().endsWith('/hc-journey/views'), { timeout: 15_000 });
      await page.goto(`${t.server.url}/help/demo/en/articles/${a.article_id}-x`);
      assert.equal((await reported).status(), 204);
      const views = (await seen()).filter((p) => p.visitorId === visitor.visitorId);
      assert.equal(views.length, 1);
      assert.equal(views[0]!.articleId, a.article_id);
      assert.equal(views[0]!.title, a.title);
      const journey = (await t.req('GET', `/api/v1/customers/${String(views[0]!.customerId)}/journey`, { cookie: admin })).json() as { touchpoints: { kind: string; label: string | null }[] };
      assert.deepEqual(journey.touchpoints.filter((x) => x.kind === 'help_center').map((x) => x.label), [a.title]);

      // A reader without a widget session sends nothing.
      const anon = await env.browser.newContext({ locale: 'en-GB' });
      const anonPage = await anon.newPage();
      let sent = false;
      anonPage.on('request', (r) => {
        if (r.url().endsWith('/hc-journey/views')) sent = true;
      });
      await anonPage.goto(`${t.server.url}/help/demo/en/articles/${a.article_id}-x`);
      await anonPage.waitForLoadState('networkidle');
      assert.equal(sent, false);
      await anon.close();
    } finally {
      await ctx.close();
    }
  });
});
