import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { en as widgetEn } from '../../web/widget/i18n/en.ts';
import { axeViolations, useE2E } from '../helpers/browser.ts';

declare const document: { activeElement: { textContent: string | null } | null };

/** The public help center in real Chromium, under its own strict CSP: search, read, vote, chat button. */
describe('help center in Chromium', () => {
  const env = useE2E();

  test('a visitor opens the help center, searches, opens an article, votes and sees the chat button', async () => {
    const base = env.t.server.url!;
    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    try {
      await page.goto(`${base}/help/demo`);
      await page.waitForURL(/\/help\/demo\/en\/$/);
      await page.getByRole('heading', { level: 1, name: 'Bennett & Hale Help' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      // Skip link first in the tab order.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');

      await page.getByRole('searchbox', { name: 'Search the help center' }).fill('return an item');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/help\/demo\/en\/search\?q=return/);
      const hit = page.locator('ol.results li a', { hasText: 'How to return an item' });
      await hit.waitFor({ timeout: 10_000 });
      await hit.click();
      await page.waitForURL(/\/help\/demo\/en\/articles\/[0-9a-f-]{36}-how-to-return-an-item/);
      await page.getByRole('heading', { level: 1, name: 'How to return an item' }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).waitFor();

      // "Was this helpful?" is a plain form: works with the page's CSP and no script of ours.
      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await page.waitForURL(/voted=1/);
      await page.getByRole('status').filter({ hasText: 'Thank you for your feedback.' }).waitFor();

      // The demo chat widget loads under the strict CSP.
      await page.getByRole('button', { name: widgetEn.openChat }).waitFor({ timeout: 15_000 });
      assert.deepEqual(cspErrors, [], 'nothing blocked by the content security policy');

      // Language switcher to Welsh keeps the article.
      await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Cymraeg' }).click();
      await page.waitForURL(/\/help\/demo\/cy\/articles\//);
      assert.equal(await page.getAttribute('html', 'lang'), 'cy');
      await page.getByRole('heading', { level: 1, name: 'Sut i ddychwelyd eitem' }).waitFor();
    } finally {
      await ctx.close();
    }

    // Accessibility of the article page (axe is injected, so this context bypasses the CSP).
    const a11y = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      const p = await a11y.newPage();
      await p.goto(`${base}/help/demo/en/`);
      await p.locator('.cats a').first().waitFor();
      assert.deepEqual(await axeViolations(p), []);
      await p.goto(`${base}/help/demo/en/contact`);
      assert.deepEqual(await axeViolations(p), []);
    } finally {
      await a11y.close();
    }
  });
});
