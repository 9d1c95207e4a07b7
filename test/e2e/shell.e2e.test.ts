import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useE2E, signIn as signInAt } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The staff app in real Chromium, against a server on PGlite with the demo workspace. */
describe('staff app in Chromium', () => {
  const env = useE2E();

  const signIn = (page: Page, email: string, password = DEMO_PASSWORD) => signInAt(page, env.t.server.url!, email, password);

  const areas = async (page: Page) => {
    const nav = page.getByRole('navigation').first();
    await nav.waitFor();
    await nav.getByRole('link').first().waitFor();
    // Hrefs, not texts: the demo agents' profile languages are Welsh, Hindi and Chinese.
    return nav.getByRole('link').evaluateAll((els) => els.map((e) => new URL((e as unknown as { href: string }).href).pathname));
  };

  for (const [who, email, expectArea, sees, hidden] of [
    ['admin', demo.admin, /\/admin/, ['/desk', '/supervisor', '/admin'], []],
    ['supervisor', demo.supervisor, /\/supervisor/, ['/desk', '/supervisor'], ['/admin']],
    ['agent Alex', demo.alex, /\/desk/, ['/desk'], ['/supervisor', '/admin']],
    ['agent Priya', demo.priya, /\/desk/, ['/desk'], ['/supervisor', '/admin']],
    ['agent Wen', demo.wen, /\/desk/, ['/desk'], ['/supervisor', '/admin']],
  ] as const) {
    test(`${who} signs in and sees the right areas`, async () => {
      const ctx = await env.browser.newContext({ locale: 'en-GB' });
      const page = await ctx.newPage();
      try {
        await signIn(page, email);
        await page.waitForURL(expectArea, { timeout: 15_000 });
        const links = await areas(page);
        for (const s of sees) assert.ok(links.includes(s), `${who} should see ${s}: ${links.join(', ')}`);
        for (const h of hidden) assert.ok(!links.includes(h), `${who} must not see ${h}: ${links.join(', ')}`);
        await page.goto(`${env.t.server.url}/admin`);
        if (who !== 'admin') await page.getByRole('alert').first().waitFor({ timeout: 10_000 });
        else await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor({ timeout: 10_000 });
      } finally {
        await ctx.close();
      }
    });
  }

  test('a wrong password shows the error and stays on the sign-in page', async () => {
    const ctx = await env.browser.newContext();
    const page = await ctx.newPage();
    try {
      await signIn(page, demo.admin, 'not-the-password');
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 10_000 });
      assert.match(await alert.innerText(), /incorrect/i);
      assert.match(page.url(), /\/login/);
    } finally {
      await ctx.close();
    }
  });

  test('an admin invites a user who sets a password and signs in', async () => {
    const ctx = await env.browser.newContext();
    const page = await ctx.newPage();
    try {
      await signIn(page, demo.admin);
      await page.waitForURL(/\/admin/);
      await page.goto(`${env.t.server.url}/admin/users`);
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Send invitation' }) });
      await form.getByLabel('Email').fill('newagent@demo.example');
      await form.getByLabel('Name').fill('Nia Newcomer');
      await form.getByLabel('Role').selectOption('agent');
      await form.getByRole('button', { name: 'Send invitation' }).click();
      const link = page.locator('input[readonly]').first();
      await link.waitFor({ timeout: 10_000 });
      const url = await link.inputValue();
      assert.match(url, /\/invite\/sbi_/);

      const ctx2 = await env.browser.newContext();
      const p2 = await ctx2.newPage();
      try {
        await p2.goto(url.replace(/^https?:\/\/[^/]+/, env.t.server.url!));
        await p2.getByLabel('Password', { exact: true }).fill('a-long-new-password');
        await p2.getByLabel('Confirm password').fill('a-long-new-password');
        await p2.getByRole('button', { name: 'Set password' }).click();
        await p2.waitForURL(/\/desk/, { timeout: 15_000 });
        await p2.getByRole('heading', { level: 1 }).first().waitFor();
      } finally {
        await ctx2.close();
      }
      // And the new user can sign in again with that password.
      const res = await env.t.req('POST', '/api/v1/auth/login', { body: { email: 'newagent@demo.example', password: 'a-long-new-password' } });
      assert.equal(res.statusCode, 200);
    } finally {
      await ctx.close();
    }
  });
});
