import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSearchIndexer } from '../../src/core/search/indexer.ts';
import { systemClock } from '../../src/core/context.ts';
import { createRepos, createUnitOfWork } from '../../src/storage/repos.ts';
import { axeViolations, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

declare const document: { activeElement: unknown };

/** Search in real Chromium, in the Chinese UI of the demo agent wen. */
describe('search in Chromium', () => {
  const env = useE2E();

  test('wen presses /, searches a Chinese word from a demo message, sees it marked and opens it', async () => {
    const db = env.t.server.database.db;
    // Test servers run without background jobs: bring the index up to date as the minute job would.
    await runSearchIndexer({ repos: createRepos(db), uow: createUnitOfWork(db, () => {}), clock: systemClock });

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.wen, DEMO_PASSWORD);
      await page.waitForURL(/\/desk/, { timeout: 15_000 });
      await page.getByRole('navigation').first().locator('a[href="/search"]', { hasText: '搜索' }).waitFor();

      // "/" from anywhere goes to search with the box focused.
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      await page.waitForURL(/\/search/);
      const box = page.getByLabel('搜索消息、会话、客户和工单');
      await box.waitFor();
      assert.ok(await box.evaluate((el) => el === document.activeElement), 'the search box has the focus');
      await page.keyboard.type('企业版');

      const results = page.locator('ol.search-results');
      const hit = results.locator('li', { has: page.locator('mark', { hasText: '企业版' }) }).first();
      await hit.waitFor({ timeout: 10_000 });
      assert.match((await hit.innerText()).replace(/\s+/g, ' '), /消息/);
      assert.match(await hit.locator('p.snippet').innerText(), /升级到企业版/);
      assert.equal(await hit.locator('mark').count(), 1);
      assert.match(page.url(), /q=%E4%BC%81%E4%B8%9A%E7%89%88/);
      assert.deepEqual(await axeViolations(page), []);

      const link = hit.locator('a[href^="/desk/conversations/"]');
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL(new RegExp(`${href}$`));
      await page.locator('ol.thread').getByText('你好，我想把我们公司升级到企业版，需要多少钱？').waitFor({ timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  });
});
