import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { cy } from '../../web/src/i18n/areas/routing/cy.ts';
import { hi } from '../../web/src/i18n/areas/routing/hi.ts';

/** The page's document, as the callbacks passed to page.evaluate see it (this file has no DOM types). */
declare const document: { activeElement: { textContent: string | null; tagName: string } | null };

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

/**
 * Routing at work in real Chromium: an agent (Alex, who works in Welsh) goes available, an offer
 * arrives from an inbound message with a live countdown and is accepted with the A key; the trace
 * explains it; a supervisor watches the queues live and moves a waiting task; Alex picks it from
 * the pick list.
 */
describe('routing live in Chromium', () => {
  const env = useE2E();

  test('offer with countdown, accept by keyboard, trace, live queues, move, pick list', async () => {
    const url = env.t.server.url!;
    const routing = env.t.server.routing;
    assert.ok(routing, 'the routing runner is on');
    const admin = await env.t.login(demo.admin);
    const supervisor = await env.t.login(demo.supervisor);
    const users: Record<string, string> = {};
    for (const u of (await env.t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
    const db = env.t.server.database.db;
    const presence = async (email: string, p: 'available' | 'away' | 'offline') => {
      const r = await env.t.req('PUT', `/api/v1/routing/agents/${users[email]}/presence`, { cookie: supervisor, body: { presence: p } });
      assert.equal(r.statusCode, 200, r.body);
    };
    const presenceWith = async (email: string, awayReason: string) => {
      const r = await env.t.req('PUT', `/api/v1/routing/agents/${users[email]}/presence`, { cookie: supervisor, body: { presence: 'away', awayReason } });
      assert.equal(r.statusCode, 200, r.body);
    };
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'E2E API', channel: 'api' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const inbox = ib.json().id as string;
    const inbound = async (name: string, email: string) => {
      const r = await env.t.req('POST', `/api/v1/inboxes/${inbox}/messages`, { cookie: admin, body: { from: { kind: 'email', value: email, name }, text: 'Hello, can someone help?' } });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().conversation.id as string;
      // The runner works on its own; settle() hurries it, and the task row is waited for.
      for (let i = 0; i < 50; i++) {
        await routing.settle();
        if (await db.selectFrom('routing_tasks').select('id').where('source_id', '=', id).executeTakeFirst()) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return id;
    };
    const taskOf = (conversationId: string) => db.selectFrom('routing_tasks').selectAll().where('source_id', '=', conversationId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const queues = (await env.t.req('GET', '/api/v1/routing/queues', { cookie: admin })).json().items as { id: string; name: string }[];
    const queueId = (name: string) => queues.find((q) => q.name === name)!.id;

    // Nobody but Alex takes work, and Alex starts offline.
    for (const e of [demo.supervisor, demo.priya, demo.wen, 'kasia@demo.example', demo.alex]) await presence(e, 'offline');
    await routing.settle();

    const agentCtx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const supCtx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      const agent = await agentCtx.newPage();
      const ownTopic = subscribedTo(agent, `user:${users[demo.alex]}`);
      await signIn(agent, url, demo.alex, DEMO_PASSWORD);
      await agent.waitForURL(/\/desk/, { timeout: 15_000 });
      await ownTopic;

      // The status selector in the header (Welsh): Offline, then Available.
      const status = agent.getByLabel(cy.myStatus);
      assert.equal(await status.inputValue(), 'offline');
      await status.selectOption('available');
      await agent.locator('.agent-status[data-presence="available"]').waitFor({ timeout: 10_000 });
      const me = (await env.t.req('GET', '/api/v1/routing/agents', { cookie: supervisor })).json().items.find((a: { userId: string }) => a.userId === users[demo.alex]);
      assert.equal(me.presence, 'available');

      // An inbound message becomes a task offered to Alex: the dialog, its countdown and focus.
      const first = await inbound('Ewa Offer', 'ewa.offer@example.com');
      const task = await taskOf(first);
      assert.equal(task.status, 'offered', 'the runner offered the new task');
      const dialog = agent.getByRole('alertdialog');
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.getByText('Ewa Offer').waitFor({ timeout: 10_000 });
      await dialog.getByText('Support').waitFor();
      const timer = dialog.getByRole('timer');
      const before = await timer.textContent();
      assert.match(before ?? '', new RegExp(`^\\d+ eil ar ôl$`));
      await agent.waitForTimeout(1300);
      assert.notEqual(await timer.textContent(), before, 'the countdown ticks');
      assert.equal(await agent.evaluate(() => document.activeElement?.textContent ?? ''), `${cy.accept} A`, 'focus is on Accept');
      assert.deepEqual(await axeViolations(agent), []);

      // A accepts: the conversation opens; the offer is gone; the trace tells the story.
      await agent.keyboard.press('a');
      await agent.waitForURL(new RegExp(`/desk/conversations/${first}$`), { timeout: 15_000 });
      await dialog.waitFor({ state: 'detached' });
      const accepted = await taskOf(first);
      assert.equal(accepted.status, 'assigned');
      assert.equal(accepted.assigned_user_id, users[demo.alex]);
      const trace = agent.getByRole('region', { name: cy.traceTitle, exact: true });
      await trace.getByRole('heading', { level: 2, name: cy.traceTitle }).waitFor({ timeout: 10_000 });
      await trace.locator('li[data-step="offered"]').first().waitFor({ timeout: 10_000 });
      await trace.locator('li[data-step="accepted"]').waitFor({ timeout: 10_000 });
      assert.match((await trace.locator('li[data-step="offered"]').first().textContent()) ?? '', new RegExp(cy.steps.offered));
      await trace.locator('li[data-step="rule_matched"]').first().waitFor();
      const considered = trace.locator('li[data-step="considered"]').first();
      await considered.locator('li[data-chosen]').filter({ hasText: `Alex Morgan: ${cy.reasons.chosen}` }).waitFor();
      assert.match((await considered.textContent()) ?? '', new RegExp(`Priya Sharma: ${cy.reasons.offline}`), 'why the others were not chosen');
      assert.deepEqual(await axeViolations(agent), []);

      // Alex hands the conversation over to Sales with a note: it waits there at its old place in line.
      await trace.getByLabel(cy.transferTo).selectOption({ label: 'Sales' });
      await trace.getByLabel(cy.transferNote).fill('Needs a quote');
      await trace.getByRole('button', { name: cy.transfer, exact: true }).click();
      for (let i = 0; i < 50 && (await taskOf(first)).queue_id !== queueId('Sales'); i++) await agent.waitForTimeout(200);
      const handed = await taskOf(first);
      assert.equal(handed.queue_id, queueId('Sales'));
      assert.equal(handed.assigned_user_id, null);
      assert.equal(new Date(handed.enqueued_at).getTime(), new Date(task.enqueued_at).getTime(), 'a transfer keeps the place in line');

      // Alex takes a break: the next task waits.
      await status.selectOption(`away:break`);
      await agent.locator('.agent-status[data-presence="away"]').waitFor({ timeout: 10_000 });

      // The supervisor's live page (English) follows the wallboard: a new task shows up without a reload.
      const sup = await supCtx.newPage();
      const wall = subscribedTo(sup, 'wallboard');
      await signIn(sup, url, demo.supervisor, DEMO_PASSWORD);
      await sup.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await sup.goto(`${url}/supervisor`);
      await sup.getByRole('heading', { level: 1, name: 'Live queues' }).waitFor({ timeout: 10_000 });
      await wall;
      const row = (name: string) => sup.getByRole('table', { name: 'Queues now' }).locator(`tr[data-queue-id="${queueId(name)}"]`);
      await row('Support').waitFor({ timeout: 10_000 });
      assert.equal(await row('Support').locator('td[data-col="waiting"]').textContent(), '0');
      const second = await inbound('Tomos Waiting', 'tomos.waiting@example.com');
      const queued = await taskOf(second);
      assert.equal(queued.status, 'queued');
      await row('Support').locator('td[data-col="waiting"]').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
      const longest = row('Support').getByRole('timer');
      const wait1 = await longest.textContent();
      await sup.waitForTimeout(2500);
      assert.notEqual(await longest.textContent(), wait1, 'the longest wait ticks');
      const agents = sup.getByRole('table', { name: 'Agents' });
      await agents.getByRole('row', { name: /Alex Morgan/ }).getByText('Away').first().waitFor();

      // Move the waiting task to Billing.
      const tasks = sup.getByRole('table', { name: 'Waiting tasks' });
      await tasks.getByRole('rowheader', { name: 'Tomos Waiting' }).waitFor({ timeout: 10_000 });
      await sup.getByLabel('Queue to move the task of Tomos Waiting to').selectOption({ label: 'Billing' });
      await sup.getByRole('button', { name: 'Move the task of Tomos Waiting' }).click();
      await sup.getByRole('status').filter({ hasText: 'The task of Tomos Waiting moved to Billing' }).waitFor({ timeout: 10_000 });
      await row('Billing').locator('td[data-col="waiting"]').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
      await row('Support').locator('td[data-col="waiting"]').filter({ hasText: /^0$/ }).waitFor({ timeout: 10_000 });
      const moved = await taskOf(second);
      assert.equal(moved.queue_id, queueId('Billing'));
      assert.equal(new Date(moved.enqueued_at).getTime(), new Date(queued.enqueued_at).getTime(), 'the task keeps its place in line');

      // The supervisor changes Priya's status from the agents table.
      await sup.getByLabel('Change the status of Priya Sharma').selectOption('away:lunch');
      await sup.getByRole('status').filter({ hasText: /Priya Sharma is now Away/ }).waitFor({ timeout: 10_000 });
      const priya = (await env.t.req('GET', '/api/v1/routing/agents', { cookie: supervisor })).json().items.find((a: { userId: string }) => a.userId === users[demo.priya]);
      assert.deepEqual([priya.presence, priya.awayReason], ['away', 'lunch']);

      // Supervisors edit skill levels from the live page (the same matrix as in admin).
      await sup.getByRole('link', { name: 'Edit agents’ skill levels' }).click();
      await sup.getByRole('heading', { level: 1, name: 'Skill matrix' }).waitFor({ timeout: 10_000 });
      await sup.getByLabel('billing level of Kasia Nowak').waitFor({ timeout: 10_000 });
      assert.equal(await sup.getByLabel('billing level of Kasia Nowak').inputValue(), '7');
      await sup.goBack();

      // The live page passes axe in Hindi.
      const lang = await env.t.req('PATCH', '/api/v1/me', { cookie: supervisor, body: { language: 'hi' } });
      assert.ok(lang.statusCode < 300, lang.body);
      await sup.reload();
      await sup.getByRole('heading', { level: 1, name: hi.liveTitle }).waitFor({ timeout: 10_000 });
      await sup.getByRole('table', { name: hi.liveTasks }).getByRole('rowheader', { name: 'Tomos Waiting' }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await axeViolations(sup), []);

      // Alex's pick list (Welsh) shows the task in Billing; Pick opens its conversation.
      await agent.goto(`${url}/queue`);
      await agent.getByRole('heading', { level: 1, name: cy.pickTitle }).waitFor({ timeout: 10_000 });
      const pick = agent.getByRole('button', { name: fill(cy.pickLabel, { name: 'Tomos Waiting' }) });
      await pick.waitFor({ timeout: 10_000 });
      assert.deepEqual(await axeViolations(agent), []);
      await pick.click();
      await agent.waitForURL(new RegExp(`/desk/conversations/${second}$`), { timeout: 15_000 });
      const picked = await taskOf(second);
      assert.equal(picked.status, 'assigned');
      assert.equal(picked.assigned_user_id, users[demo.alex]);

      // Back to available: a new chat is offered and R rejects it; it is not offered to Alex again.
      await status.selectOption('available');
      await agent.locator('.agent-status[data-presence="available"]').waitFor({ timeout: 10_000 });
      const third = await inbound('Rhian Reject', 'rhian.reject@example.com');
      await dialog.getByText('Rhian Reject').waitFor({ timeout: 15_000 });
      await agent.keyboard.press('r');
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      const rejectedTask = await taskOf(third);
      const offers = await db.selectFrom('routing_offers').select(['status', 'user_id']).where('task_id', '=', rejectedTask.id).execute();
      assert.deepEqual(offers.map((o) => [o.status, o.user_id]), [['rejected', users[demo.alex]]]);
      await routing.settle();
      assert.equal((await taskOf(third)).status, 'queued');

      // Set away for missed offers (as the runner does after three in a row): the selector says so, live.
      await presenceWith(demo.alex, 'missed_offers');
      await agent.getByText(cy.missedOffersNote).waitFor({ timeout: 10_000 });
      assert.equal(await status.inputValue(), 'away:missed_offers');
    } finally {
      await agentCtx.close();
      await supCtx.close();
    }
  });
});
