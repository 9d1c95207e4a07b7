import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useE2E, signIn, subscribedTo } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The staff app's realtime connection in real Chromium: the header indicator and a live list. */
describe('realtime in Chromium', () => {
  const env = useE2E();


  test('the header shows Live and a team created elsewhere appears without reload', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL(/\/admin/, { timeout: 15_000 });
      const header = page.getByRole('banner');
      await header.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });

      const following = subscribedTo(page, 'tenant');
      await page.goto(`${env.t.server.url}/admin/teams`);
      const table = page.getByRole('table', { name: 'Teams' });
      await table.waitFor({ timeout: 10_000 });
      await page.locator('table[aria-busy="false"]').waitFor({ timeout: 10_000 });
      await header.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
      await Promise.race([following, new Promise((_, reject) => setTimeout(() => reject(new Error('no subscription to tenant')), 10_000))]);
      let loads = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) loads++;
      });

      const res = await env.t.req('POST', '/api/v1/teams', { cookie: await env.t.login(demo.admin), body: { name: 'Live team' } });
      assert.equal(res.statusCode, 201, res.body);

      await table.getByRole('row').filter({ hasText: 'Live team' }).waitFor({ timeout: 10_000 });
      assert.equal(loads, 0, 'the page was not reloaded');
      assert.equal(await header.getByRole('status').innerText(), 'Live');
    } finally {
      await ctx.close();
    }
  });

  test('a session ended elsewhere closes the socket and sends the user to sign in', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL(/\/supervisor/, { timeout: 15_000 });
      await page.getByRole('banner').getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });

      const other = await env.t.login(demo.supervisor);
      const list = await env.t.req('GET', '/api/v1/me/sessions', { cookie: other });
      const browserSession = (list.json() as { items: { id: string; current: boolean }[] }).items.find((x) => !x.current);
      assert.ok(browserSession, list.body);
      const del = await env.t.req('DELETE', `/api/v1/me/sessions/${browserSession.id}`, { cookie: other });
      assert.equal(del.statusCode, 204, del.body);

      await page.waitForURL(/\/login/, { timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  });
});
