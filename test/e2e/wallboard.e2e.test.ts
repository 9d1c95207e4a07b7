import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocketRoute } from 'playwright-core';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { wallboard } from '../../web/src/i18n/areas/wallboard.ts';

const pl = wallboard.pl;
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

async function waitFor(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The supervisor's wallboard in real Chromium, in Polish: a new waiting chat changes its queue's
 * tile live, an accept moves it to answered, a dropped socket resyncs without a reload, the
 * supervisor monitors and whispers (the agent sees it highlighted) and takes a conversation over.
 */
describe('wallboard in Chromium', () => {
  const env = useE2E();

  test('live tiles, resync after a reconnect, monitor, whisper, take over; axe in Polish', async () => {
    const url = env.t.server.url!;
    const routing = env.t.server.routing!;
    assert.ok(routing, 'the routing runner is on');
    const db = env.t.server.database.db;
    const admin = await env.t.login(demo.admin);
    const supervisor = await env.t.login(demo.supervisor);
    const alex = await env.t.login(demo.alex);
    const users: Record<string, string> = {};
    for (const u of (await env.t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
    const presence = async (email: string, p: 'available' | 'offline') => {
      const r = await env.t.req('PUT', `/api/v1/routing/agents/${users[email]}/presence`, { cookie: supervisor, body: { presence: p } });
      assert.equal(r.statusCode, 200, r.body);
    };
    for (const e of [demo.supervisor, demo.priya, demo.wen, 'kasia@demo.example', demo.alex]) await presence(e, 'offline');
    await db.updateTable('users').set({ language: 'pl' }).where('id', '=', users[demo.supervisor]!).execute();
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Wallboard E2E', channel: 'api' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const inbox = ib.json().id as string;
    const taskOf = async (conversationId: string) => db.selectFrom('routing_tasks').selectAll().where('source_id', '=', conversationId).orderBy('created_at', 'desc').executeTakeFirst();
    const arrive = async (name: string, email: string) => {
      const r = await env.t.req('POST', `/api/v1/inboxes/${inbox}/messages`, { cookie: admin, body: { from: { kind: 'email', value: email, name }, text: `Hello from ${name}` } });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().conversation.id as string;
      await waitFor('the task', async () => {
        await routing.settle();
        return !!(await taskOf(id));
      });
      return id;
    };

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const agentCtx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      // The staff socket goes through this proxy so the test can cut it.
      let down = false;
      const live: WebSocketRoute[] = [];
      await ctx.routeWebSocket(/\/ws$/, (ws) => {
        if (down) return void ws.close({ code: 4000, reason: 'test: network down' });
        ws.connectToServer();
        live.push(ws);
      });
      const page = await ctx.newPage();
      await signIn(page, url, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const subscribed = subscribedTo(page, 'wallboard');
      await page.goto(`${url}/supervisor/wallboard`);
      await page.getByRole('heading', { level: 1, name: pl.title }).waitFor();
      await subscribed;
      // One current area in the main navigation: the wallboard, not also the supervisor page above it.
      const current = page.locator('nav.main-nav a[aria-current="page"]');
      assert.equal(await current.count(), 1);
      assert.equal(await current.getAttribute('href'), '/supervisor/wallboard');
      await page.evaluate(() => ((globalThis as unknown as { __noReload: number }).__noReload = 1));

      // 1. A new chat waits: its queue's tile changes live.
      const first = await arrive('Zofia Kowalska', 'zofia.e2e@example.pl');
      const queueId = (await taskOf(first))!.queue_id!;
      const tile = page.locator(`li.wallboard-tile[data-queue-id="${queueId}"]`);
      const figure = (f: string) => tile.locator(`[data-figure="${f}"]`);
      await waitFor('waiting 1 on the tile', async () => (await figure('waiting').textContent()) === '1');
      assert.equal(await figure('offered').textContent(), '1');
      assert.equal(await figure('answered').textContent(), '0');

      // 2. Alex comes in and accepts: the tile moves it to answered.
      await presence(demo.alex, 'available');
      await waitFor('the offer to Alex', async () => {
        await routing.settle();
        return (await taskOf(first))!.status === 'offered';
      });
      const offers = (await env.t.req('GET', '/api/v1/routing/offers', { cookie: alex })).json().items as { id: string; taskId: string }[];
      const firstTaskId = (await taskOf(first))!.id;
      const offer = offers.find((o) => o.taskId === firstTaskId)!;
      assert.equal((await env.t.req('POST', `/api/v1/routing/offers/${offer.id}/accept`, { cookie: alex })).statusCode, 200);
      await waitFor('answered 1 and nobody waiting', async () => (await figure('answered').textContent()) === '1' && (await figure('waiting').textContent()) === '0');
      const alexRow = page.locator(`tr[data-agent-id="${users[demo.alex]}"]`);
      await alexRow.locator(`li[data-conversation-id="${first}"]`).waitFor();

      // 3. The socket drops; a chat arrives meanwhile; after the reconnect the page resyncs without a reload.
      down = true;
      for (const ws of live.splice(0)) await ws.close({ code: 4000, reason: 'test: network down' });
      const second = await arrive('Rhys Llewellyn', 'rhys.e2e@example.cymru');
      await page.waitForTimeout(800);
      assert.equal(await figure('offered').textContent(), '1', 'nothing new while the socket is down');
      down = false;
      await waitFor('the resync after the reconnect', async () => (await figure('offered').textContent()) === '2', 30_000);
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __noReload?: number }).__noReload), 1, 'no reload');

      // 4. Monitor Alex's conversation and whisper; Alex sees it highlighted on the conversation.
      await alexRow.getByRole('button', { name: fill(pl.monitorOf, { name: 'Zofia Kowalska' }) }).click();
      const monitor = page.locator('section.monitor');
      await monitor.getByText('Hello from Zofia Kowalska').waitFor();
      await monitor.getByLabel(fill(pl.whisperLabel, { name: 'Alex Morgan' })).fill('Zaproponuj zwrot pieniędzy');
      await monitor.getByRole('button', { name: pl.whisperSend, exact: true }).click();
      await page.getByText(fill(pl.whisperSent, { name: 'Alex Morgan' })).waitFor();
      await monitor.locator('li.whisper', { hasText: 'Zaproponuj zwrot pieniędzy' }).waitFor();

      const agent = await agentCtx.newPage();
      await signIn(agent, url, demo.alex, DEMO_PASSWORD);
      await agent.waitForURL((u) => !u.pathname.startsWith('/login'));
      await agent.goto(`${url}/desk/conversations/${first}`);
      const seen = agent.locator('li.whisper', { hasText: 'Zaproponuj zwrot pieniędzy' });
      await seen.waitFor();
      assert.equal(await seen.locator('.whisper-flag').textContent(), wallboard.cy.whisperFlag, 'flagged as a whisper (Alex reads Welsh)');
      const bg = await seen.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(255, 244, 194)', 'highlighted');

      // axe on the Polish wallboard with the monitor open.
      assert.deepEqual(await axeViolations(page), []);

      // 5. Take over Zofia's conversation: it is the supervisor's now.
      await monitor.getByRole('button', { name: pl.takeOver, exact: true }).click();
      await waitFor('the conversation to be the supervisor\'s', async () => {
        const c = await db.selectFrom('conversations').select('assignee_id').where('id', '=', first).executeTakeFirstOrThrow();
        return c.assignee_id === users[demo.supervisor];
      });
      await page.getByText(fill(pl.tookOver, { name: 'Zofia Kowalska' })).waitFor();
      const t1 = (await taskOf(first))!;
      assert.deepEqual([t1.status, t1.assigned_user_id], ['assigned', users[demo.supervisor]]);
      await page.locator(`tr[data-agent-id="${users[demo.supervisor]}"] li[data-conversation-id="${first}"]`).waitFor();
      assert.ok(second);

      // TV mode with the T key.
      await page.locator('h1').click();
      await page.keyboard.press('t');
      await page.locator('.wallboard-tv[data-tv="on"]').waitFor();
    } finally {
      await ctx.close();
      await agentCtx.close();
    }
  });
});
