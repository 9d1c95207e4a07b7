import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, signIn, subscribedTo, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The order import screen in real Chromium: upload, live progress to 100 %, rejected rows, past imports; the orders on the customer page. */
describe('order CSV import in Chromium', () => {
  const env = useE2E();

  test('a supervisor uploads a CSV, sees the bar reach 100 % and the rejected rows listed, then the orders on the customer page', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => `E2E-${i},2025-05-01,${(i % 50) + 1}.00,EUR,e2e.buyer${i % 5}@orders.example,E2E Buyer ${i % 5},paid,MUG:1:${(i % 50) + 1}`);
    rows[9] = 'E2E-BAD-1,2025-05-01,12.345,EUR,e2e.buyer0@orders.example,,,';
    rows[300] = 'E2E-BAD-2,someday,5,EUR,e2e.buyer0@orders.example,,,';
    const csv = ['external_id,ordered_at,total,currency,customer_email,customer_name,status,items', ...rows].join('\n');
    const supervisorId = (await env.t.req('GET', '/api/v1/auth/me', { cookie: await env.t.login(demo.supervisor) })).json().user.id as string;

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    const following = subscribedTo(page, `user:${supervisorId}`);
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/customers`);
      await page.getByRole('link', { name: 'Import orders from a CSV file' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import orders' }).waitFor();
      await following;

      // The labelled file picker, then the upload button.
      await page.getByLabel('CSV file').setInputFiles({ name: 'e2e-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const seen = new Set<string>();
      const bar = page.getByRole('progressbar', { name: 'Import progress' });
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await bar.waitFor({ timeout: 15_000 }).catch(async (e) => {
        throw new Error(`${(e as Error).message}\n${await page.locator('[role=alert]').allTextContents()}`);
      });
      for (let i = 0; i < 300; i++) {
        const v = await bar.getAttribute('aria-valuenow');
        if (v) seen.add(v);
        if (v === '100') break;
        await page.waitForTimeout(50);
      }
      assert.equal(await bar.getAttribute('aria-valuenow'), '100', `progress values seen: ${[...seen].join(', ')}`);
      assert.equal(await bar.getAttribute('aria-valuemin'), '0');
      assert.equal(await bar.getAttribute('aria-valuemax'), '100');
      await page.getByText('450 of 450 rows processed (100%)').first().waitFor();
      await page.getByText('448 rows imported, 2 rows rejected.').first().waitFor({ timeout: 10_000 });

      const rejected = page.getByRole('table', { name: 'Rejected rows' });
      await rejected.waitFor();
      const lines = await rejected.locator('tbody tr td:first-child').allTextContents();
      assert.deepEqual(lines, ['11', '302']);
      assert.match(await rejected.locator('tbody tr').first().textContent() ?? '', /E2E-BAD-1.*total: .*2 decimals/);

      // The past imports list shows it too.
      const past = page.getByRole('table', { name: 'Past imports, newest first' });
      await past.getByText('e2e-orders.csv').waitFor();
      const findings = await axeViolations(page);
      assert.deepEqual(findings, [], findings.join('\n'));

      // The orders appear on the customer's page, newest first.
      const customerId = (await env.t.req('GET', '/api/v1/orders?q=E2E-0&limit=1', { cookie: await env.t.login(demo.admin) })).json().items[0].customerId as string;
      await page.goto(`${env.t.server.url}/customers/${customerId}`);
      const orders = page.getByRole('table', { name: 'Orders of this customer, newest first' });
      await orders.waitFor({ timeout: 15_000 });
      assert.equal(await orders.locator('tbody tr').count(), 20, 'the first page');
      await page.getByRole('region', { name: 'Orders' }).getByRole('button', { name: 'Load more' }).waitFor();
      await page.getByLabel('Search by order ID').fill('E2E-0');
      await orders.getByText('E2E-0', { exact: true }).waitFor({ timeout: 10_000 });
      assert.equal(await orders.locator('tbody tr').count(), 1);
    } finally {
      await ctx.close();
    }
  });
});
