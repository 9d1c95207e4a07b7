import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openFromNav, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The knowledge base editor in real Chromium: write an article, publish it, change it, see and restore its history. */
describe('knowledge base editor in Chromium', () => {
  const env = useE2E();

  test('a supervisor creates an article with Ctrl+S, publishes it, edits it and restores the first version', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await openFromNav(page, '/kb', 'Knowledge base');
      // The demo articles are listed; the search box narrows them.
      await page.getByRole('link', { name: 'Opening hours of our shop and support team' }).waitFor();
      await page.getByLabel('Search titles').fill('refund');
      await page.getByRole('link', { name: 'When will I get my refund?' }).waitFor();
      await page.getByRole('link', { name: 'Opening hours of our shop and support team' }).waitFor({ state: 'detached' });
      assert.deepEqual(await axeViolations(page), [], 'the list has no serious accessibility problems');

      // N opens a new article.
      await page.locator('body').click();
      await page.keyboard.press('n');
      await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
      await page.getByLabel('Title').fill('Gift wrapping');
      const body = page.getByRole('textbox', { name: /Body/ });
      await body.click();
      await page.keyboard.type('We wrap gifts for two pounds.');
      await page.getByLabel('Tags').fill('gifts, wrapping');
      await page.getByLabel('Tags').blur();
      await page.getByLabel('Title').focus();
      await page.keyboard.press('Control+s');
      await page.waitForURL(/\/kb\/articles\/[0-9a-f-]{36}$/, { timeout: 10_000 });
      await page.getByText('State: Draft, version 1').waitFor();

      await page.getByRole('button', { name: 'Send for review' }).click();
      await page.getByText('State: In review, version 1').waitFor();
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('State: Published, version 1').waitFor();

      // A second version, saved with the button.
      await body.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Ribbons are free.');
      await page.getByRole('button', { name: 'Save (Ctrl+S)' }).click();
      await page.getByText('State: Published, version 2').waitFor();

      const history = page.getByRole('region', { name: 'Version history' });
      await history.getByText('Version 2', { exact: true }).waitFor();
      await history.getByText('Version 1', { exact: true }).waitFor();
      await history.getByRole('button', { name: 'Compare version 2 with the one before' }).click();
      const diff = page.getByRole('region', { name: 'Changes from version 1 to 2' });
      await diff.waitFor();
      assert.match(await diff.locator('ins').first().innerText(), /Ribbons/);
      assert.deepEqual(await axeViolations(page), [], 'the editor has no serious accessibility problems');

      await history.getByRole('button', { name: 'Restore version 1' }).click();
      await page.getByText('State: Published, version 3').waitFor();
      assert.doesNotMatch(await body.innerText(), /Ribbons/);
      await history.getByText('Version 3', { exact: true }).waitFor();

      // Saved as the API sees it: published, sanitized, tagged.
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const a = (await env.t.req('GET', `/api/v1/kb/articles/${id}`, { cookie })).json();
      assert.deepEqual(a.tags, ['gifts', 'wrapping']);
      assert.equal(a.translations[0].state, 'published');
      assert.equal(a.translations[0].version, 3);
      assert.match(a.translations[0].body, /We wrap gifts for two pounds\./);
    } finally {
      await ctx.close();
    }
  });
});
