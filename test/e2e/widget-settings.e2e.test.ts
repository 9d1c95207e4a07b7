import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo, startTestServer, type TestServer } from '../helpers/server.ts';
import { en as widgetEn } from '../../web/widget/i18n/en.ts';

/** An admin changes the demo widget's colour and adds a pre-chat field on the "Chat widget" screen; /demo/shop's widget shows both. */
describe('chat widget settings in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  before(async () => {
    t = await startTestServer('pglite', { listen: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('change the colour, add a field, save with Ctrl+S; the shop widget shows them', async () => {
    const url = t.server.url!;
    const ctx = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, url, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${url}/admin`);
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Chat widget' }).click();
      await page.waitForURL(/\/admin\/chat-widget/);
      const main = page.getByRole('main');
      const hex = main.getByLabel('Colour code');
      await hex.waitFor({ timeout: 15_000 });
      assert.equal(await hex.inputValue(), '#8a5a2b');
      // The embed code names this inbox.
      const embed = await main.getByLabel('Embed code').inputValue();
      assert.match(embed, new RegExp(`^<script src="${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/widget.js" data-inbox="[0-9a-f-]{36}" async></script>$`));

      // A bad colour: the API's 400 is shown on the field, nothing saved.
      await hex.fill('#12345');
      await main.getByRole('button', { name: 'Save', exact: true }).click();
      await main.locator('.field-error').first().waitFor();
      assert.equal(await hex.getAttribute('aria-invalid'), 'true');

      await hex.fill('#0a7d33');
      const headerName = main.getByLabel('Name in the widget header');
      assert.equal(await headerName.inputValue(), 'Bennett & Hale Home', 'the demo shop names itself');
      await headerName.fill('Hale Home Shop');
      await main.getByRole('button', { name: 'Add a field' }).click();
      const field = main.getByRole('group', { name: /^Field 4:/ });
      await field.getByLabel('Key').fill('orderNo');
      await field.getByLabel('Label (English)').fill('Order number');
      await field.getByLabel('Label (Polski)').fill('Numer zamówienia');
      await page.keyboard.press('Control+s');
      await main.getByRole('status').filter({ hasText: 'were saved' }).waitFor();
      assert.equal(await hex.getAttribute('aria-invalid'), null, 'the error is gone after a good save');
      const axe = await axeViolations(page);
      assert.deepEqual(axe, [], 'no serious axe findings on the settings screen');

      // Reorder: move the new field up above "topic", then save with the button.
      await main.getByRole('button', { name: 'Move orderNo up' }).click();
      await main.getByRole('button', { name: 'Save', exact: true }).click();
      await main.getByRole('status').filter({ hasText: 'were saved' }).waitFor();

      const shop = await ctx.newPage();
      await shop.goto(`${url}/demo/shop`);
      await shop.getByRole('button', { name: widgetEn.openChat }).click({ timeout: 15_000 });
      const dialog = shop.getByRole('dialog');
      await dialog.getByLabel('Order number').waitFor();
      await dialog.getByRole('heading', { name: widgetEn.chatWith.replace('{name}', 'Hale Home Shop') }).waitFor();
      const labels = await dialog.locator('form label').allTextContents();
      assert.deepEqual(labels.slice(0, 4), ['Name', 'Email', 'Order number', 'Topic'], 'the new field shows in its place');
      const color = await shop.locator('switchboard-chat').evaluate((h) => {
        const el = (h as unknown as { shadowRoot: { querySelector(s: string): { style: { getPropertyValue(p: string): string } } | null } }).shadowRoot.querySelector('.sb');
        return el?.style.getPropertyValue('--sb-color') ?? '';
      });
      assert.equal(color, '#0a7d33');
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });
});
