import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

interface TicketJson { id: string; number: number; status: string; assigneeId: string | null; mergedIntoId: string | null; followerIds: string[] }

/** Tickets in real Chromium: create, work through statuses, notes with mentions, replies, macros, bulk, merge, axe. */
describe('tickets in Chromium', () => {
  const env = useE2E();

  async function badge(page: Page, text: string) {
    await page.locator('.conversation-head .badge').filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 10_000 });
  }
  async function setStatus(page: Page, status: string, label: string) {
    const aside = page.locator('aside');
    await aside.getByLabel('Status', { exact: true }).selectOption(status);
    await aside.getByRole('button', { name: 'Save', exact: true }).click();
    await badge(page, label);
  }

  test('a supervisor creates a ticket, works it new → closed, notes with a mention, replies, applies a macro, bulk-changes and merges', async () => {
    const sup = await env.t.login(demo.supervisor);
    const users = (await env.t.req('GET', '/api/v1/users?limit=200', { cookie: sup })).json().items as { id: string; email: string }[];
    const priya = users.find((u) => u.email === demo.priya)!.id;
    const me = users.find((u) => u.email === demo.supervisor)!.id;
    const tag = `e2e${Date.now()}`;
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.locator('main, body').first().click({ position: { x: 1, y: 1 } });
      // g t opens the tickets page.
      await page.keyboard.press('g');
      await page.keyboard.press('t');
      await page.waitForURL(/\/tickets$/, { timeout: 10_000 });
      await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /All open/ }).waitFor();
      assert.deepEqual(await axeViolations(page), [], 'tickets page');

      // Create a ticket in the UI.
      await page.getByRole('button', { name: 'New ticket' }).click();
      await page.getByLabel('Subject').fill(`Printer jams ${tag}`);
      await page.getByLabel('Priority').selectOption('high');
      await page.getByLabel('Tags').fill(tag);
      await page.getByRole('button', { name: 'Create ticket' }).click();
      await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/, { timeout: 10_000 });
      const ticketId = page.url().split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: new RegExp(`Printer jams ${tag}`) }).waitFor();
      await badge(page, 'New');
      assert.deepEqual(await axeViolations(page), [], 'ticket page');

      await setStatus(page, 'open', 'Open');
      // An internal note with an @mention picked from the suggestions, then a public reply.
      await page.getByLabel('Internal note', { exact: true }).check();
      const note = page.getByLabel('Internal note (only staff see it)');
      await note.fill('Please check the tray @pri');
      await page.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: /Priya Sharma/ }).waitFor();
      await note.press('Enter');
      assert.match(await note.inputValue(), /@priya@demo\.example /);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.locator('.message-note').filter({ hasText: 'Please check the tray' }).waitFor();
      await page.getByLabel('Public reply', { exact: true }).check();
      await page.getByLabel('Reply to the requester').fill('We are sending a technician.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.locator('.message-outbound').filter({ hasText: 'We are sending a technician.' }).waitFor();
      const comments = (await env.t.req('GET', `/api/v1/tickets/${ticketId}/comments`, { cookie: sup })).json().items as { public: boolean; mentions: string[] }[];
      assert.deepEqual(comments.map((c) => [c.public, c.mentions]), [[false, [priya]], [true, []]]);

      await setStatus(page, 'pending', 'Pending');
      await setStatus(page, 'solved', 'Solved');
      await setStatus(page, 'closed', 'Closed');
      await page.getByRole('list').filter({ hasText: 'changed the status from Solved to Closed' }).waitFor();
      assert.equal(((await env.t.req('GET', `/api/v1/tickets/${ticketId}`, { cookie: sup })).json() as TicketJson).status, 'closed');

      // A macro on a fresh ticket: "Take it" assigns to me and opens.
      const mk = async (subject: string) => (await env.t.req('POST', '/api/v1/tickets', { cookie: sup, body: { subject, tags: [tag] } })).json() as TicketJson;
      const second = await mk(`Second ${tag}`);
      const third = await mk(`Third ${tag}`);
      const following = subscribedTo(page, `ticket:${second.id}`);
      await page.goto(`${env.t.server.url}/tickets/${second.id}`);
      await following;
      await page.getByLabel('Apply a macro').selectOption({ label: 'Take it' });
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await badge(page, 'Open');
      assert.equal(((await env.t.req('GET', `/api/v1/tickets/${second.id}`, { cookie: sup })).json() as TicketJson).assigneeId, me);
      // Live: a change made elsewhere shows up without a reload.
      await env.t.req('PATCH', `/api/v1/tickets/${second.id}`, { cookie: sup, body: { priority: 'urgent' } });
      await badge(page, 'Urgent');

      // Bulk: both tagged open tickets to pending.
      await page.goto(`${env.t.server.url}/tickets`);
      // The search box narrows the table to the three tickets whose subject carries the tag.
      await page.getByLabel('Search tickets').fill(tag);
      await page.locator('table[aria-busy="false"]').filter({ has: page.locator('caption', { hasText: `Tickets: “${tag}”` }) }).waitFor({ timeout: 10_000 });
      await page.getByRole('checkbox', { name: `Select ticket #${third.number}` }).waitFor({ timeout: 10_000 });
      // The search becomes a personal view in the sidebar, with its live count.
      await page.getByLabel('View name').fill(`Mine ${tag}`);
      await page.getByRole('button', { name: 'Save this search as a view' }).click();
      const sidebar = page.getByRole('navigation', { name: 'Views' });
      await sidebar.getByRole('button', { name: new RegExp(`Mine ${tag}.*3 tickets`) }).waitFor({ timeout: 10_000 });
      await page.getByLabel('Search tickets').fill(tag);
      await page.locator('table[aria-busy="false"]').filter({ has: page.locator('caption', { hasText: `Tickets: “${tag}”` }) }).waitFor({ timeout: 10_000 });
      await page.getByRole('checkbox', { name: `Select ticket #${second.number}` }).waitFor();
      await page.getByRole('checkbox', { name: `Select ticket #${second.number}` }).check();
      await page.getByRole('checkbox', { name: `Select ticket #${third.number}` }).check();
      await page.getByText('2 selected').waitFor();
      await page.getByLabel('Status', { exact: true }).selectOption('pending');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByText('2 changed, 0 not changed').waitFor({ timeout: 10_000 });
      for (const x of [second, third]) assert.equal(((await env.t.req('GET', `/api/v1/tickets/${x.id}`, { cookie: sup })).json() as TicketJson).status, 'pending');

      // Merge the third ticket into the second, confirming that it cannot be undone.
      await page.goto(`${env.t.server.url}/tickets/${second.id}`);
      await page.getByRole('button', { name: 'Merge…' }).click();
      const dialog = page.getByRole('dialog', { name: `Merge tickets into #${second.number}` });
      await dialog.getByText('This cannot be undone').waitFor();
      await dialog.getByLabel('Find tickets to merge').fill(`Third ${tag}`);
      await dialog.getByLabel(`#${third.number} Third ${tag}`).check();
      await dialog.getByRole('button', { name: /Merge 1 tickets/ }).click();
      await page.getByText('1 tickets merged into this one').waitFor({ timeout: 10_000 });
      const merged = (await env.t.req('GET', `/api/v1/tickets/${third.id}`, { cookie: sup })).json() as TicketJson;
      assert.deepEqual([merged.status, merged.mergedIntoId], ['closed', second.id]);
      await page.locator('.message-note').filter({ hasText: `Merged from #${third.number}` }).waitFor();
    } finally {
      await ctx.close();
    }
  });
});
