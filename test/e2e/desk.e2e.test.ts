import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, useE2E, signIn, subscribedTo } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';


interface Intake {
  conversation: { id: string; customerId: string };
  message: { id: string; seq: number };
}

/** The agent desktop and customer pages in real Chromium: inbox, thread, composer, live updates. */
describe('agent desktop in Chromium', () => {
  const env = useE2E();


  const within = <T>(p: Promise<T>, what: string, ms = 10_000) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);


  test('an agent answers an inbound message, adds a note, sees a new message live and visits the customer', async () => {
    const admin = await env.t.login(demo.admin);
    const inboxRes = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Web chat', channel: 'chat' } });
    assert.equal(inboxRes.statusCode, 201, inboxRes.body);
    const inboxId = (inboxRes.json() as { id: string }).id;
    const from = { kind: 'email', value: 'dana@example.com', name: 'Dana Customer' };
    const first = await env.t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, {
      cookie: admin,
      body: { from, text: 'Hello, my parcel has not arrived.' },
    });
    assert.equal(first.statusCode, 201, first.body);
    const { conversation } = first.json() as Intake;

    // Alex's profile language is Welsh; this test reads the English texts.
    const alex = await env.t.login(demo.alex);
    const lang = await env.t.req('PATCH', '/api/v1/me', { cookie: alex, body: { language: 'en' } });
    assert.ok(lang.statusCode < 300, lang.body);

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    const following = subscribedTo(page, `conversation:${conversation.id}`);
    try {
      await signIn(page, env.t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL(/\/desk/, { timeout: 15_000 });
      await page.getByRole('heading', { level: 1, name: 'Agent desktop' }).waitFor();
      const nav = page.getByRole('navigation').first();
      await nav.locator('a[href="/customers"]').waitFor();

      // The inbox lists the open conversation under the customer's name.
      const table = page.getByRole('table', { name: /Conversations/ });
      const link = table.locator(`a[href="/desk/conversations/${conversation.id}"]`);
      await link.filter({ hasText: 'Dana Customer' }).waitFor({ timeout: 10_000 });
      // Other status tabs filter it out; Open brings it back.
      await page.getByRole('button', { name: 'Resolved', exact: true }).click();
      await page.locator('table[aria-busy="false"]').waitFor();
      await link.waitFor({ state: 'detached', timeout: 10_000 });
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await link.click();

      await page.waitForURL(new RegExp(`/desk/conversations/${conversation.id}$`));
      await page.getByRole('heading', { level: 1, name: 'Dana Customer' }).waitFor({ timeout: 10_000 });
      const thread = page.locator('ol.thread');
      await thread.locator('.message-inbound', { hasText: 'Hello, my parcel has not arrived.' }).waitFor({ timeout: 10_000 });
      await within(following, 'subscription to the conversation');
      let loads = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) loads++;
      });

      // A reply, sent with the button.
      await page.getByLabel('Reply to the customer').fill('Sorry about that, let me check.');
      const send = page.getByRole('button', { name: 'Send reply' });
      assert.match((await send.getAttribute('title')) ?? '', /Ctrl\+Enter/);
      await send.click();
      await thread.locator('.message-outbound', { hasText: 'Sorry about that, let me check.' }).waitFor({ timeout: 10_000 });
      await page.getByRole('status').filter({ hasText: 'Reply sent' }).waitFor();

      // An internal note, sent with Ctrl+Enter.
      await page.getByRole('radio', { name: 'Note' }).check();
      const noteBox = page.getByLabel('Internal note', { exact: true });
      await noteBox.fill('Courier says it is in the depot.');
      await noteBox.press('Control+Enter');
      const note = thread.locator('.message-note', { hasText: 'Courier says it is in the depot.' });
      await note.waitFor({ timeout: 10_000 });
      assert.match(await note.innerText(), /Internal note/);

      // A second inbound message appears without a reload.
      const second = await env.t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, {
        cookie: admin,
        body: { from, text: 'Thanks, I will wait.', html: '<p>Thanks, <strong>I will wait</strong>.</p>' },
      });
      assert.equal(second.statusCode, 201, second.body);
      assert.equal((second.json() as Intake).conversation.id, conversation.id);
      await thread.locator('.message-inbound', { hasText: 'Thanks, I will wait.' }).waitFor({ timeout: 10_000 });
      // The (server-sanitized) html body is rendered as HTML.
      await thread.locator('.message-inbound strong', { hasText: 'I will wait' }).waitFor();
      const order = await thread.locator('li.message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
      assert.deepEqual(order, [1, 2, 3, 4], 'messages in seq order');
      assert.equal(loads, 0, 'the page was not reloaded');

      // Status change is saved and confirmed.
      await page.getByLabel('Priority').selectOption('high');
      await page.getByRole('status').filter({ hasText: 'Conversation updated' }).waitFor({ timeout: 10_000 });

      const conversationFindings = await axeViolations(page);

      // The customer page: identity, and a link back to the conversation.
      await page.getByRole('heading', { level: 1 }).getByRole('link').click();
      await page.waitForURL(new RegExp(`/customers/${conversation.customerId}$`));
      await page.getByRole('heading', { level: 1, name: 'Dana Customer' }).waitFor({ timeout: 10_000 });
      const identities = page.getByRole('region', { name: 'Identities' });
      await identities.getByText('dana@example.com').waitFor();
      await identities.getByText('Email', { exact: true }).waitFor();
      const back = page.locator(`a[href="/desk/conversations/${conversation.id}"]`).first();
      await back.waitFor({ timeout: 10_000 });

      // Editing shows the server's field errors, then saves.
      await page.getByRole('button', { name: 'Edit customer' }).click();
      const form = page.getByRole('form', { name: 'Edit customer' });
      await form.getByLabel('Language').fill('not a language tag');
      await form.getByLabel('Company').fill('Parcels Ltd');
      await form.getByRole('button', { name: 'Save customer' }).click();
      await form.getByRole('alert').waitFor({ timeout: 10_000 });
      assert.equal(await form.getByLabel('Language').getAttribute('aria-invalid'), 'true');
      await form.getByLabel('Language').fill('en-gb');
      await form.getByLabel('Tags').fill('vip, parcels');
      await form.getByRole('button', { name: 'Save customer' }).click();
      await page.getByRole('status').filter({ hasText: 'Customer saved' }).waitFor({ timeout: 10_000 });
      await page.getByText('en-GB', { exact: true }).waitFor();
      await page.getByText('Parcels Ltd', { exact: true }).waitFor();

      const customerFindings = await axeViolations(page);

      // The customers list finds Dana by email.
      await page.goto(`${env.t.server.url}/customers`);
      await page.getByLabel('Search customers').fill('dana@');
      const row = page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: 'Dana Customer' });
      await row.waitFor({ timeout: 10_000 });
      assert.match(await row.innerText(), /Email: dana@example\.com/);
      const listFindings = await axeViolations(page);

      await page.goto(`${env.t.server.url}/customers/${conversation.customerId}`);
      await back.click();
      await page.waitForURL(new RegExp(`/desk/conversations/${conversation.id}$`));
      await thread.locator('.message-inbound', { hasText: 'Thanks, I will wait.' }).waitFor({ timeout: 10_000 });

      assert.deepEqual([...conversationFindings, ...customerFindings, ...listFindings], []);
    } finally {
      await ctx.close();
    }
  });
});
