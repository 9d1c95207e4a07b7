import { sql } from 'kysely';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { consumeSlaEvents } from '../../src/core/sla/engine.ts';
import { systemClock } from '../../src/core/context.ts';
import { createRepos, createUnitOfWork } from '../../src/storage/repos.ts';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** SLA settings screens and a ticket's live countdown in real Chromium. */
describe('SLA in Chromium', () => {
  const env = useE2E();

  test('an admin sets business hours and a policy; the ticket countdown ticks and pauses live', async () => {
    const admin = await env.t.login(demo.admin);
    const lang = await env.t.req('PATCH', '/api/v1/me', { cookie: admin, body: { language: 'en' } });
    assert.ok(lang.statusCode < 300, lang.body);
    const db = env.t.server.database.db;
    const deps = { repos: createRepos(db), uow: createUnitOfWork(db, () => env.t.server.dispatcher.poke()), clock: systemClock, newId: uuidv7 };
    await consumeSlaEvents(deps);
    // Without the demo policies, so the one made here is the one that matches.
    await sql`DELETE FROM sla_policies`.execute(db);
    await sql`DELETE FROM business_calendars`.execute(db);

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });

      // Business hours: a calendar with Saturday hours added and a holiday.
      await page.goto(`${env.t.server.url}/admin/business-hours`);
      await page.getByRole('heading', { level: 2, name: 'Business hours' }).waitFor();
      const form = page.locator('form[aria-labelledby="hours-form-title"]');
      await form.getByLabel('Name').fill('Support hours');
      await form.getByLabel('Time zone').selectOption('Europe/London');
      await form.getByRole('button', { name: 'Add opening hours on Saturday' }).click();
      await form.getByLabel('Saturday, interval 1: closes').fill('13:00');
      await form.getByLabel('Holidays').fill('2026-12-25');
      await form.getByRole('button', { name: 'Add calendar' }).click();
      const calendars = page.getByRole('table', { name: 'Business calendars' });
      await calendars.getByRole('rowheader', { name: /Support hours/ }).waitFor({ timeout: 10_000 });
      await calendars.getByText(/Saturday 09:00–13:00/).waitFor();

      // A bad interval is refused with the field named.
      await form.getByLabel('Name').fill('Broken hours');
      await form.getByLabel('Monday, interval 1: closes').fill('08:00');
      await form.getByRole('button', { name: 'Add calendar' }).click();
      await page.getByRole('alert').filter({ hasText: 'hours.mon.0.end' }).waitFor({ timeout: 10_000 });

      // An SLA policy for every ticket: one minute to the first response, around the clock.
      await page.goto(`${env.t.server.url}/admin/sla-policies`);
      await page.getByRole('heading', { level: 2, name: 'SLA policies' }).waitFor();
      const pform = page.locator('form[aria-labelledby="sla-policy-form-title"]');
      await pform.getByLabel('Name', { exact: true }).fill('Fast lane');
      await pform.getByLabel('First response').fill('1');
      await pform.getByLabel('Resolution').fill('600');
      await pform.getByRole('button', { name: 'Add policy' }).click();
      const policies = page.getByRole('table', { name: 'SLA policies in the order they are tried' });
      await policies.getByRole('rowheader', { name: /Fast lane/ }).waitFor({ timeout: 10_000 });
      await policies.getByText(/first 1 min/).waitFor();
      assert.deepEqual(await axeViolations(page), []);

      const created = await env.t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Countdown please', priority: 'high' } });
      assert.equal(created.statusCode, 201, created.body);
      const ticketId = created.json().id as string;
      await consumeSlaEvents(deps);

      // On the ticket page (its aside renders the SLA panel).
      const following = subscribedTo(page, `ticket:${ticketId}`);
      await page.goto(`${env.t.server.url}/tickets/${ticketId}`);
      await page.getByRole('heading', { level: 2, name: 'SLA' }).waitFor({ timeout: 15_000 });
      const first = page.locator('li.sla-target[data-metric="first_response"]');
      const timer = first.getByRole('timer');
      await timer.filter({ hasText: /\d+ s left/ }).waitFor({ timeout: 10_000 });
      const before = await timer.textContent();
      await page.waitForTimeout(1500);
      const later = await timer.textContent();
      assert.notEqual(later, before, 'the countdown ticks every second');
      await page.locator('li.sla-target[data-metric="resolution"]').getByRole('timer').filter({ hasText: /9 h 5\d min left/ }).waitFor();
      await first.getByText('on track').waitFor();
      await following;

      // Pending pauses the targets: the panel follows the ticket's events without a reload.
      const pend = await env.t.req('PATCH', `/api/v1/tickets/${ticketId}`, { cookie: admin, body: { status: 'pending' } });
      assert.equal(pend.statusCode, 200, pend.body);
      await consumeSlaEvents(deps);
      await first.getByRole('timer').filter({ hasText: /^paused/ }).waitFor({ timeout: 10_000 });
      await first.locator('.badge', { hasText: 'paused' }).waitFor();

      // The same targets on the SLA page of the ticket, checked for accessibility.
      await page.goto(`${env.t.server.url}/tickets/${ticketId}/sla`);
      await page.locator('li.sla-target[data-metric="resolution"]').getByRole('timer').filter({ hasText: /^paused, (59\d|600) business minutes left/ }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await ctx.close();
    }
  });
});
