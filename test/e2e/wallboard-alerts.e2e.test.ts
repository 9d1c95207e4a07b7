import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocketRoute } from 'playwright-core';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { wallboardAlerts } from '../../web/src/i18n/areas/wallboard-alerts.ts';
import { wallboard } from '../../web/src/i18n/areas/wallboard.ts';

const en = wallboardAlerts.en;

async function waitFor(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Records notifications instead of showing them, and whether permission was asked. */
const fakeNotifications = `
  performance.setResourceTimingBufferSize(5000);
  window.__notes = []; window.__asked = 0;
  class FakeNotification {
    constructor(title, o) { window.__notes.push({ title, body: o && o.body }); }
    static async requestPermission() { window.__asked++; FakeNotification.permission = 'granted'; return 'granted'; }
  }
  FakeNotification.permission = 'default';
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
`;

/**
 * The wallboard's alerts in real Chromium: a rule made in the editor turns a tile red (icon and
 * words, announced, notified) the moment a chat waits; a wait rule turns it red as the wait ticks
 * past the threshold with no event at all; answering clears it; bursts are coalesced; a dropped
 * socket shows "reconnecting" and resyncs; TV mode renders without chrome and leaves on Escape.
 */
describe('wallboard alerts and TV mode in Chromium', () => {
  const env = useE2E();

  test('alert rules, red tiles, announcements, coalesced refetches, resync, TV mode; axe', async () => {
    const url = env.t.server.url!;
    const routing = env.t.server.routing!;
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
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Alerts E2E', channel: 'api' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const inbox = ib.json().id as string;
    const taskOf = async (conversationId: string) => db.selectFrom('routing_tasks').selectAll().where('source_id', '=', conversationId).orderBy('created_at', 'desc').executeTakeFirst();
    let n = 0;
    const send = async (name: string) => {
      const r = await env.t.req('POST', `/api/v1/inboxes/${inbox}/messages`, { cookie: admin, body: { from: { kind: 'email', value: `alerts-e2e-${++n}@example.com`, name }, text: `Hello from ${name}` } });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().conversation.id as string;
    };
    const arrive = async (name: string) => {
      const id = await send(name);
      await waitFor('the task', async () => {
        await routing.settle();
        return !!(await taskOf(id));
      });
      return id;
    };

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      await ctx.addInitScript(fakeNotifications);
      let down = false;
      const live: WebSocketRoute[] = [];
      await ctx.routeWebSocket(/\/ws$/, (ws) => {
        if (down) return void ws.close({ code: 4000, reason: 'test: network down' });
        ws.connectToServer();
        live.push(ws);
      });
      const page = await ctx.newPage();
      // When the page started each GET /api/v1/wallboard, by the browser's clock (resource timing).
      const fetchStarts = () => page.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname === '/api/v1/wallboard')
        .map((e) => performance.timeOrigin + e.startTime));
      // Wallboard events the page receives, by the test's clock.
      const eventsAt: number[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
        const f = JSON.parse(String(payload)) as { type: string; event?: { topics: string[] } };
        if (f.type === 'event' && f.event?.topics.includes('wallboard')) eventsAt.push(Date.now());
      }));
      await signIn(page, url, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const subscribed = subscribedTo(page, 'wallboard');
      await page.goto(`${url}/supervisor/wallboard`);
      await page.getByRole('heading', { level: 1, name: wallboard.en.title }).waitFor();
      await subscribed;
      await page.evaluate(() => ((globalThis as unknown as { __noReload: number }).__noReload = 1));
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __asked: number }).__asked), 0, 'no permission asked on load');

      // Notifications are asked for on a click.
      const notify = page.getByRole('button', { name: en.notifyEnable });
      await notify.click();
      await page.getByRole('button', { name: en.notifyOff, pressed: true }).waitFor();
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __asked: number }).__asked), 1);

      // 1. The editor: "waiting above 0" on every queue.
      await page.getByRole('button', { name: en.rulesButton }).click();
      const rulesPanel = page.locator('section.wallboard-rules');
      await rulesPanel.getByRole('row', { name: new RegExp(`${en.everyQueue}.*longest wait above 2:00`) }).waitFor();
      await rulesPanel.getByLabel(en.fieldMetric).selectOption('waiting');
      await rulesPanel.getByLabel(en.fieldComparator).selectOption('above');
      await rulesPanel.getByLabel(en.fieldThreshold.replace('{{unit}}', en.unit.count)).fill('0');
      await rulesPanel.getByRole('button', { name: en.save }).click();
      await page.getByText(en.saved).waitFor();
      await rulesPanel.getByRole('row', { name: /waiting above 0/ }).waitFor();
      // A bad threshold is refused with the reason, in the page.
      await rulesPanel.getByLabel(en.fieldMetric).selectOption('service_level_today');
      await rulesPanel.getByLabel(en.fieldThreshold.replace('{{unit}}', en.unit.fraction)).fill('150');
      await rulesPanel.getByRole('button', { name: en.save }).click();
      await rulesPanel.getByRole('alert').filter({ hasText: /fraction from 0 to 1/ }).waitFor();
      assert.deepEqual(await axeViolations(page), [], 'axe with the rules editor open');

      // 2. A chat waits: its tile turns red at once, in words, announced and notified.
      const first = await arrive('Zofia Kowalska');
      const queueId = (await taskOf(first))!.queue_id!;
      const queueName = (await db.selectFrom('routing_queues').select('name').where('id', '=', queueId).executeTakeFirstOrThrow()).name;
      const tile = page.locator(`li.wallboard-tile[data-queue-id="${queueId}"]`);
      await tile.locator('.wallboard-alerts li', { hasText: 'Alert: waiting 1 > 0' }).waitFor();
      assert.equal(await tile.getAttribute('data-alert'), 'on');
      assert.equal(await tile.locator('[data-figure="waiting"]').getAttribute('data-alert'), 'on');
      await waitFor('the announcement', async () => ((await page.getByTestId('alert-announcer').textContent()) ?? '').includes(`${queueName}: Alert: waiting 1 > 0`));
      const notes = await page.evaluate(() => (globalThis as unknown as { __notes: { title: string; body: string }[] }).__notes);
      assert.ok(notes.some((x) => x.title.includes(queueName) && x.body === 'Alert: waiting 1 > 0'), JSON.stringify(notes));

      // 3. A wait rule turns the tile red as the wait ticks past it, with no event in between.
      const r = await env.t.req('POST', '/api/v1/wallboard/alert-rules', { cookie: admin, body: { queueId, metric: 'longest_wait_seconds', comparator: 'above', threshold: 3 } });
      assert.equal(r.statusCode, 201, r.body);
      const longest = tile.locator('[data-figure="longest"]');
      await waitFor('the longest-wait alert', async () => (await longest.getAttribute('data-alert')) === 'on', 10_000);
      assert.match(await tile.locator('.wallboard-alerts').textContent() ?? '', /Alert: longest wait 0:0\d > 0:03/);

      // 4. Alex answers: counts change without a reload and the waiting alerts clear.
      await presence(demo.alex, 'available');
      await waitFor('the offer to Alex', async () => {
        await routing.settle();
        return (await taskOf(first))!.status === 'offered';
      });
      const offers = (await env.t.req('GET', '/api/v1/routing/offers', { cookie: alex })).json().items as { id: string; taskId: string }[];
      const firstTask = (await taskOf(first))!.id;
      const mine = offers.find((o) => o.taskId === firstTask);
      assert.ok(mine, 'Alex has the offer');
      assert.equal((await env.t.req('POST', `/api/v1/routing/offers/${mine.id}/accept`, { cookie: alex })).statusCode, 200);
      await waitFor('answered 1, nobody waiting', async () => (await tile.locator('[data-figure="answered"]').textContent()) === '1' && (await tile.locator('[data-figure="waiting"]').textContent()) === '0');
      await waitFor('the waiting alerts to clear', async () => (await tile.locator('[data-figure="waiting"]').getAttribute('data-alert')) === null && (await longest.getAttribute('data-alert')) === null);
      await presence(demo.alex, 'offline');

      // 5. A burst of arrivals: at most one refetch per ~500 ms.
      const burstFrom = await page.evaluate(() => performance.timeOrigin + performance.now());
      const eventsFrom = Date.now();
      await Promise.all(['Burst A', 'Burst B', 'Burst C', 'Burst D'].map((name) => send(name)));
      await routing.settle();
      await waitFor('the burst on the tile', async () => (await tile.locator('[data-figure="offered"]').textContent()) === '5');
      await page.waitForTimeout(600);
      const burst = (await fetchStarts()).filter((at) => at >= burstFrom).sort((a, b) => a - b);
      // Four arrivals are a dozen events or more (queued, target, position...); far fewer fetches.
      const events = eventsAt.filter((at) => at >= eventsFrom).length;
      assert.ok(events >= 8, `${events} events`);
      assert.ok(burst.length >= 1 && burst.length * 2 <= events, `${events} events were fetched ${burst.length} times`);
      for (let i = 1; i < burst.length; i++) assert.ok(burst[i]! - burst[i - 1]! >= 450, `refetches ${burst[i]! - burst[i - 1]!} ms apart`);

      // 6. The socket drops: "reconnecting" shows; a chat arrives meanwhile; the reconnect resyncs.
      down = true;
      for (const ws of live.splice(0)) await ws.close({ code: 4000, reason: 'test: network down' });
      await page.getByTestId('wallboard-reconnecting').waitFor();
      await arrive('Rhys Llewellyn');
      await page.waitForTimeout(800);
      assert.equal(await tile.locator('[data-figure="offered"]').textContent(), '5', 'nothing new while the socket is down');
      down = false;
      await waitFor('the resync', async () => (await tile.locator('[data-figure="offered"]').textContent()) === '6', 30_000);
      await page.getByTestId('wallboard-reconnecting').waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => (globalThis as unknown as { __noReload?: number }).__noReload), 1, 'no reload');

      // 7. TV mode (T): no navigation, a clock, the connection state, the red tile; Escape leaves.
      await page.locator('h1').click();
      await page.keyboard.press('t');
      const tv = page.locator('.wallboard-tv');
      await tv.waitFor();
      assert.ok(page.url().includes('tv=1'));
      assert.equal(await page.locator('header.app-header').isVisible(), false, 'no navigation chrome');
      assert.match((await tv.locator('.tv-clock').textContent()) ?? '', /\d{2}:\d{2}:\d{2}/);
      assert.equal(await tv.locator('.tv-connection').getAttribute('data-status'), 'live');
      assert.equal(await tv.locator('li.tv-tile').count(), await db.selectFrom('routing_queues').select('id').where('tenant_id', '=', (await taskOf(first))!.tenant_id).execute().then((x) => x.length));
      await tv.locator(`li.tv-tile[data-queue-id="${queueId}"][data-alert="on"]`).waitFor();
      const box = await tv.boundingBox();
      const vp = page.viewportSize()!;
      assert.deepEqual([box?.width, box?.height], [vp.width, vp.height], 'fills the screen');
      assert.deepEqual(await axeViolations(page), [], 'axe in TV mode');
      await page.keyboard.press('Escape');
      await page.locator('.wallboard[data-tv="off"]').waitFor();
      assert.equal(await page.locator('header.app-header').isVisible(), true);

      // A TV can open the URL directly.
      await page.goto(`${url}/supervisor/wallboard?tv=1`);
      await page.locator('.wallboard-tv li.tv-tile').first().waitFor();
    } finally {
      await ctx.close();
    }
  });
});
