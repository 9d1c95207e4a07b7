import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { fanOutWebhooks } from '../../src/jobs/webhook-fanout.ts';
import { sendDueWebhooks } from '../../src/jobs/webhook-sender.ts';
import { systemClock } from '../../src/core/context.ts';
import { verifySignature } from '../../src/security/hmac.ts';
import { createUnitOfWork } from '../../src/storage/repos.ts';
import { axeViolations, launchChromium, signIn, subscribedTo } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo, startTestServer, type TestServer } from '../helpers/server.ts';

const within = <T>(p: Promise<T>, what: string, ms = 15_000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref())]);

/** An admin registers an endpoint in the admin area and watches a delivery arrive in its log. */
describe('webhooks admin in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const receiver = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok from the CRM');
    });
  });

  before(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    t = await startTestServer('pglite', { listen: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  test('create an endpoint, copy its secret, and see a delivery appear live after a ticket is created', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm/e2e`;
    const ctx = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    // The webhooks pages follow the `webhooks` topic; the socket subscribes once for both pages.
    const following = subscribedTo(page, 'webhooks');
    try {
      await signIn(page, t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${t.server.url}/admin/webhooks`);
      await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Webhooks' }).waitFor();

      await page.getByLabel('Endpoint URL').fill(url);
      await page.getByLabel('Description').fill('CRM in the test');
      await page.getByRole('checkbox', { name: 'Customers' }).check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secretField = page.getByRole('textbox', { name: `Signing secret for ${url}`, exact: true });
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      assert.match(secret, /^whsec_/);
      assert.deepEqual(await axeViolations(page), []);

      await within(following, 'subscribed to webhooks');
      await page.getByRole('link', { name: `Delivery log of ${url}` }).click();
      await page.getByRole('heading', { level: 2, name: 'Delivery log' }).waitFor();
      await page.getByText('Nothing has been sent to this endpoint yet.').waitFor();

      const created = await t.req('POST', '/api/v1/tickets', { cookie: await t.login(demo.admin), body: { subject: 'Seen by the CRM' } });
      assert.equal(created.statusCode, 201, created.body);
      // Test servers run without jobs: do what the scheduled job and the poke do.
      const jobs = { db: t.server.database.db, uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()), clock: systemClock, newId: uuidv7, allowPrivate: true };
      assert.ok((await fanOutWebhooks(jobs)) >= 1);
      assert.equal((await sendDueWebhooks(jobs)).succeeded, 1);

      const table = page.getByRole('table', { name: `Deliveries to ${url}` });
      const row = table.getByRole('row').filter({ hasText: 'ticket.created' });
      await row.getByText('Delivered').waitFor({ timeout: 10_000 });
      await row.getByRole('cell', { name: '200', exact: true }).waitFor();
      await row.getByRole('button', { name: /^Details of ticket\.created/ }).click();
      await page.getByText('ok from the CRM').waitFor();
      await page.getByText('"subject": "Seen by the CRM"').waitFor();
      assert.deepEqual(await axeViolations(page), []);

      assert.equal(received.length, 1);
      const got = received[0]!;
      assert.ok(verifySignature(secret, got.raw, got.headers['x-switchboard-signature'] as string, new Date()).ok, 'signed with the secret the page showed');
      assert.equal(got.headers['x-switchboard-event'], 'ticket.created');
    } finally {
      await ctx.close();
    }
  });
});
