import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations, openFromNav, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** Segments in real Chromium: build one from condition rows, watch the live count, save, export CSV; the health panel. */
describe('segments in Chromium', () => {
  const env = useE2E();

  test('a supervisor builds a segment, sees its count, saves and exports it; a customer page shows health', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true, acceptDownloads: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await openFromNav(page, '/segments', 'Segments');
      await page.getByRole('button', { name: 'New segment' }).click();
      await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();

      await page.getByLabel('Name', { exact: true }).fill('VIP customers');
      // The first row starts as an orders condition; make it "tag has vip".
      const row = page.getByRole('group', { name: 'Condition 1' });
      await row.getByLabel('What to check').selectOption('tag');
      await row.getByLabel('Value').fill('vip');
      const count = page.getByTestId('segment-count');
      await count.filter({ hasText: 'Matching customers: 2' }).waitFor({ timeout: 10_000 });
      const preview = page.getByRole('region', { name: 'Preview' });
      await preview.getByRole('link', { name: 'Olivia Bennett' }).waitFor();

      // A second condition narrows it: any → all with a language.
      await page.getByRole('button', { name: 'Add condition' }).first().click();
      const row2 = page.getByRole('group', { name: 'Condition 2' });
      await row2.getByLabel('What to check').selectOption('field');
      await row2.getByLabel('Field').selectOption('language');
      await row2.getByLabel('Comparison').selectOption('eq');
      await row2.getByLabel('Value').fill('zh-Hans');
      await count.filter({ hasText: 'Matching customers: 1' }).waitFor({ timeout: 10_000 });
      await row2.getByRole('button', { name: 'Remove condition 2' }).click();
      await count.filter({ hasText: 'Matching customers: 2' }).waitFor({ timeout: 10_000 });

      assert.deepEqual(await axeViolations(page), [], 'the editor has no serious accessibility problems');
      await page.getByRole('button', { name: 'Save segment' }).click();
      await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/, { timeout: 10_000 });
      const exportLink = page.getByRole('link', { name: 'Export CSV' });
      await exportLink.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      assert.ok(csv.startsWith('\uFEFFid,name,email,phone'), csv.slice(0, 80));
      assert.match(csv, /Olivia Bennett/);
      assert.match(csv, /Li Na/);
      assert.equal(csv.trim().split('\r\n').length, 3, 'a header and two customers');

      // The list shows the saved segment with its count.
      await page.getByRole('link', { name: 'All segments' }).click();
      const list = page.getByRole('table', { name: 'Saved segments' });
      const saved = list.getByRole('row').filter({ hasText: 'VIP customers' });
      await saved.waitFor();
      assert.match(await saved.innerText(), /\b2\b/);

      // A demo customer with poor surveys is at risk, with reasons.
      await page.goto(`${env.t.server.url}/customers/at-risk`);
      await page.getByRole('heading', { level: 1, name: 'Customers at risk' }).waitFor();
      await page.getByRole('table', { name: 'Customers by health score' }).getByRole('link', { name: 'Rhys Llewellyn' }).click();
      const panel = page.getByRole('region', { name: 'Health' });
      await panel.getByText('At risk', { exact: true }).waitFor();
      await panel.getByText('Latest NPS answer 3: a detractor.').waitFor();
    } finally {
      await ctx.close();
    }
  });
});
