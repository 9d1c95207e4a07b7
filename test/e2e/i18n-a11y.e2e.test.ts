import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, useE2E, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The page's document, as the callbacks passed to page.evaluate see it (this file has no DOM types). */
declare const document: { activeElement: { textContent: string | null; tagName: string; closest(selector: string): unknown } | null };


/** Languages, keyboard use and accessibility of the staff app, in real Chromium. */
describe('staff app: languages, keyboard and accessibility', () => {
  const env = useE2E();

  // bypassCSP: only so axe-core can be injected; the app's own policy forbids inline scripts.
  async function signedIn(email: string, bypassCSP = false, locale = 'en-GB'): Promise<Page> {
    const ctx = await env.browser.newContext({ locale, bypassCSP });
    const page = await ctx.newPage();
    await signIn(page, env.t.server.url!, email, DEMO_PASSWORD);
    await page.getByRole('navigation').first().waitFor();
    return page;
  }


  test('the sign-in page switches language, and remembers it', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    try {
      await page.goto(`${env.t.server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Switchboard' }).waitFor();
      await page.getByLabel('Language').selectOption('cy');
      await page.getByRole('heading', { level: 1, name: 'Mewngofnodi i Switchboard' }).waitFor({ timeout: 5000 });
      assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Mewngofnodi i Switchboard' }).waitFor({ timeout: 5000 });
    } finally {
      await ctx.close();
    }
  });

  test('a profile language change turns the whole frame into that language and is kept', async () => {
    const page = await signedIn(demo.supervisor);
    try {
      await page.goto(`${env.t.server.url}/profile`);
      const details = page.getByRole('form', { name: 'Your details' });
      await details.getByLabel('Language').selectOption('pl');
      await details.getByRole('button', { name: 'Save profile' }).click();
      const nav = page.getByRole('navigation').first();
      await nav.getByRole('link', { name: 'Nadzór' }).waitFor({ timeout: 5000 });
      const me = await env.t.req('GET', '/api/v1/auth/me', { cookie: `sb_session=${(await page.context().cookies()).find((c) => c.name === 'sb_session')!.value}` });
      assert.equal(me.json().user.language, 'pl', 'stored on the profile');
      await page.reload();
      await page.getByRole('navigation').first().getByRole('link', { name: 'Nadzór' }).waitFor({ timeout: 5000 });
    } finally {
      await page.context().close();
    }
  });

  test('keyboard: g then a goes to Admin, ? opens the shortcuts dialog and Escape closes it', async () => {
    const page = await signedIn(demo.admin);
    try {
      await page.goto(`${env.t.server.url}/profile`);
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('g');
      await page.keyboard.press('a');
      await page.waitForURL(/\/admin/, { timeout: 5000 });
      await page.getByRole('heading', { level: 1, name: 'Admin' }).click();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      // 10 s: in the full suite on 2 busy cores the Admin screen can still be settling (seen once at 5 s).
      await dialog.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: 5000 });
      // Typing in a field is not a shortcut.
      await page.goto(`${env.t.server.url}/admin/users`);
      await page.getByLabel('Search users').fill('ga');
      await page.waitForTimeout(200);
      assert.match(page.url(), /\/admin\/users/);
    } finally {
      await page.context().close();
    }
  });

  test('Welsh dates follow UK conventions in a browser without Welsh locale data (Chromium)', async () => {
    // A browser set to US English: its default format is what Intl falls back to without Welsh data.
    const page = await signedIn(demo.alex, false, 'en-US');
    try {
      assert.equal(await page.locator('html').getAttribute('lang'), 'cy', 'the demo agent Alex works in Welsh');
      assert.deepEqual(await page.evaluate(() => Intl.DateTimeFormat.supportedLocalesOf(['cy'])), [], 'this Chromium has no Welsh data');
      const cell = page.locator('main table tbody tr').first().locator('td').last();
      await cell.waitFor();
      // en-GB ("7 Dec 2026, 00:57"), not the browser's default en-US ("Dec 7, 2026, 12:57 AM").
      assert.match((await cell.textContent())?.trim() ?? '', /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    } finally {
      await page.context().close();
    }
  });

  test('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const page = await signedIn(demo.alex);
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      assert.ok(focused.length > 0, 'something visible has focus');
      const skip = page.locator('a[href="#main"], a[href="#main-content"]').first();
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the skip link is first');
      await page.keyboard.press('Enter');
      const inMain = await page.evaluate(() => !!document.activeElement?.closest('main') || document.activeElement?.tagName === 'MAIN');
      assert.ok(inMain, 'focus moved into main');
    } finally {
      await page.context().close();
    }
  });

  test('no serious or critical accessibility violations on the main screens (axe-core)', async () => {
    const anon = await env.browser.newContext({ bypassCSP: true });
    const login = await anon.newPage();
    await login.goto(`${env.t.server.url}/login`);
    await login.getByRole('button', { name: 'Sign in' }).waitFor();
    const found: string[] = (await axeViolations(login)).map((v) => `login ${v}`);
    await anon.close();
    const page = await signedIn(demo.admin, true);
    try {
      for (const [path, ready] of [
        ['/admin/users', 'Users'],
        ['/admin/teams', 'Teams'],
        ['/admin/tokens', 'API tokens'],
        ['/admin/audit', 'Audit log'],
        ['/profile', 'Profile'],
        ['/desk', 'Agent desktop'],
      ] as const) {
        await page.goto(`${env.t.server.url}${path}`);
        await page.getByRole('heading', { name: ready }).first().waitFor();
        await page.waitForLoadState('networkidle');
        found.push(...(await axeViolations(page)).map((v) => `${path} ${v}`));
      }
    } finally {
      await page.context().close();
    }
    assert.deepEqual(found, []);
  });
});
