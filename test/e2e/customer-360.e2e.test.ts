import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, useE2E, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The customer page in Chromium: one timeline across channels, notes, merge and undo, privacy. */
describe('customer page in Chromium', () => {
  const env = useE2E();

  test('an agent sees Olivia\'s chat, email and ticket on one timeline, adds a note, merges a duplicate and undoes it', async () => {
    const alex = await env.t.login(demo.alex);
    assert.ok((await env.t.req('PATCH', '/api/v1/me', { cookie: alex, body: { language: 'en' } })).statusCode < 300);
    const olivia = (await env.t.req('GET', '/api/v1/customers?q=olivia.bennett', { cookie: alex })).json().items[0] as { id: string };
    // A duplicate: the same person writing from another address, with her name misspelt.
    const dup = await env.t.req('POST', '/api/v1/customers', { cookie: alex, body: { name: 'Olivia Benett', identities: [{ kind: 'email', value: 'o.bennett@work.example' }] } });
    assert.equal(dup.statusCode, 201, dup.body);
    const dupId = dup.json().id as string;

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL(/\/desk/, { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/customers/${olivia.id}`);
      await page.getByRole('heading', { level: 1, name: 'Olivia Bennett' }).waitFor({ timeout: 10_000 });

      const timeline = page.getByRole('list', { name: 'Timeline' });
      await timeline.locator('li[data-kind="ticket"]', { hasText: 'Duplicate charge on the March invoice' }).waitFor({ timeout: 10_000 });
      const conversations = timeline.locator('li[data-kind="conversation"]');
      await conversations.filter({ hasText: 'Website chat' }).waitFor();
      await conversations.filter({ hasText: 'Support email' }).waitFor();
      await timeline.locator('li[data-kind="message"]', { hasText: 'has the refund gone through yet?' }).waitFor();
      // Newest first.
      const times = await timeline.locator('li time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));

      // Filter to tickets only.
      await page.getByLabel('Show').selectOption('ticket');
      await timeline.locator('li[data-kind="message"]').first().waitFor({ state: 'detached', timeout: 10_000 });
      assert.deepEqual(await timeline.locator('li').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))]), ['ticket']);
      await page.getByLabel('Show').selectOption('');

      // A note, added with Ctrl+Enter, appears on top.
      await page.getByRole('textbox', { name: 'Add a note' }).fill('Prefers email; refund R-2291 confirmed.');
      await page.getByRole('textbox', { name: 'Add a note' }).press('Control+Enter');
      await timeline.locator('li').first().filter({ hasText: 'refund R-2291 confirmed' }).waitFor({ timeout: 10_000 });

      // The duplicate is suggested; merging it asks first, then its history joins.
      const merge = page.getByRole('region', { name: 'Duplicates and merges' });
      await merge.getByRole('button', { name: 'Merge into this customer: Olivia Benett' }).click({ timeout: 10_000 });
      await merge.getByRole('alertdialog').getByRole('button', { name: 'Merge', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '“Olivia Benett” was merged into this customer.' }).waitFor({ timeout: 10_000 });
      await page.getByRole('region', { name: 'Identities' }).getByText('o.bennett@work.example').waitFor({ timeout: 10_000 });
      const findings = await axeViolations(page);

      // Undo: the duplicate is separate again, with its identity.
      await merge.getByRole('button', { name: 'Undo merge' }).click({ timeout: 10_000 });
      await page.getByRole('status').filter({ hasText: 'Merge undone' }).waitFor({ timeout: 10_000 });
      await page.getByRole('region', { name: 'Identities' }).getByText('o.bennett@work.example').waitFor({ state: 'detached', timeout: 10_000 });
      const back = (await env.t.req('GET', `/api/v1/customers/${dupId}`, { cookie: alex })).json();
      assert.equal(back.mergedInto, null);
      assert.deepEqual(back.identities.map((i: { value: string }) => i.value), ['o.bennett@work.example']);
      // Agents have no privacy panel.
      assert.equal(await page.getByRole('region', { name: 'Privacy' }).count(), 0);
      assert.deepEqual(findings, []);
    } finally {
      await ctx.close();
    }
  });

  test('an admin exports a customer\'s data and erases them after typing ERASE', async () => {
    const admin = await env.t.login(demo.admin);
    assert.ok((await env.t.req('PATCH', '/api/v1/me', { cookie: admin, body: { language: 'en' } })).statusCode < 300);
    const c = await env.t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: 'Gina Gone', identities: [{ kind: 'email', value: 'gina.gone@example.com' }] } });
    const id = c.json().id as string;
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true, acceptDownloads: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/customers/${id}`);
      const privacy = page.getByRole('region', { name: 'Privacy' });
      const [download] = await Promise.all([page.waitForEvent('download'), privacy.getByRole('button', { name: 'Export data (JSON)' }).click()]);
      assert.equal(download.suggestedFilename(), `customer-${id}.json`);
      const path = await download.path();
      const doc = JSON.parse((await import('node:fs')).readFileSync(path, 'utf8'));
      assert.equal(doc.customers[0].name, 'Gina Gone');

      await privacy.getByRole('button', { name: 'Erase personal data…' }).click();
      const submit = privacy.getByRole('button', { name: 'Erase for good' });
      assert.equal(await submit.isDisabled(), true, 'disabled until ERASE is typed');
      await privacy.getByLabel('Type ERASE to confirm').fill('ERASE');
      await submit.click();
      await privacy.getByText(/Personal data erased on/).waitFor({ timeout: 10_000 });
      const after = (await env.t.req('GET', `/api/v1/customers/${id}`, { cookie: admin })).json();
      assert.deepEqual([after.name, after.identities], ['', []]);
    } finally {
      await ctx.close();
    }
  });
});
