import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { analytics } from '../../web/src/i18n/areas/analytics.ts';

const cy = analytics.cy;

async function waitFor(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Historical reports in real Chromium as the demo supervisor: today's overview tiles and chart,
 * drill from a figure to its conversations, CSV export (the file's content), the agents
 * leaderboard and a sortable table, and a scheduled report created from the report's link.
 */
describe('analytics reports in Chromium', () => {
  const env = useE2E();

  test('overview, drill-down, CSV export, agents leaderboard and sort, schedule', async () => {
    const url = env.t.server.url!;
    const admin = await env.t.login(demo.admin);
    const supervisor = await env.t.login(demo.supervisor);
    // Three new conversations today on an API inbox: each becomes a task offered to a queue.
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Analytics E2E', channel: 'api' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const inbox = ib.json().id as string;
    const names = ['Rowan Analytics', 'Sasha Analytics', 'Tomos Analytics'];
    for (const [i, name] of names.entries()) {
      const r = await env.t.req('POST', `/api/v1/inboxes/${inbox}/messages`, { cookie: admin, body: { from: { kind: 'email', value: `e2e-analytics-${i}@example.com`, name }, text: `Hello from ${name}` } });
      assert.equal(r.statusCode, 201, r.body);
    }
    await env.t.server.routing?.settle();
    const api = await env.t.req('GET', `/api/v1/analytics/reports/overview?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`, { cookie: supervisor });
    assert.equal(api.statusCode, 200, api.body);
    const offered = api.json().totals.offered as number;
    assert.ok(offered >= 3, `the API counts today's offers (${offered})`);

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true, acceptDownloads: true });
    const page = await ctx.newPage();
    await signIn(page, url, demo.supervisor, DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The nav's Reports area (shortcut g r) and the default report.
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.waitForURL(/\/analytics\/overview/);
    await page.getByRole('button', { name: 'Today' }).click();
    await page.waitForURL(/range=today/);
    const tile = page.locator('.kpi-tile[data-metric="offered"] .kpi-value');
    await tile.waitFor();
    await waitFor('the offered tile', async () => Number((await tile.textContent())?.replace(/\D/g, '')) >= 3);
    await page.locator('[data-testid="series-chart"] svg').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);

    // Drill-down: the offered figure lists its conversations, each a link to the conversation.
    await tile.click();
    const drill = page.getByRole('region', { name: /Conversations behind Offered/ });
    await drill.waitFor();
    for (const name of names) await drill.getByRole('link', { name }).waitFor();
    assert.match((await drill.getByRole('link', { name: names[0]! }).getAttribute('href')) ?? '', /^\/desk\/conversations\/[0-9a-f-]{36}$/);
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });

    // CSV export of the table: the downloaded file is the report's CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.match(header!, /^start,.*offered/, header);
    const offeredCol = header!.split(',').indexOf('offered');
    const total = lines.reduce((n, l) => n + Number(l.split(',')[offeredCol] || 0), 0);
    assert.ok(total >= 3, `the CSV counts today's offers (${total})`);

    // Agents: the leaderboard and a table sorted by clicking its headers (aria-sort follows).
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Agents' }).click();
    await page.waitForURL(/\/analytics\/agents\?range=today/);
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    await page.getByLabel('Rank agents by').selectOption('transfers');
    await page.waitForURL(/sort=transfers/);
    const table = page.locator('table.analytics-table');
    await table.waitFor();
    const th = table.locator('thead th').nth(1);
    await th.getByRole('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'descending');
    await th.getByRole('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');

    // A scheduled report from this report's link: the form starts with the agents report.
    await page.getByRole('link', { name: 'Email this report on a schedule' }).click();
    await page.waitForURL(/\/analytics\/schedules\?/);
    await page.getByLabel('Name', { exact: true }).fill('Agents every Monday');
    assert.equal(await page.getByLabel('Report', { exact: true }).inputValue(), 'agents');
    await page.getByLabel('How often').selectOption('weekly');
    await page.getByLabel('Recipients', { exact: true }).fill('lead@demo.example, ops@demo.example');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();
    await page.getByRole('rowheader', { name: 'Agents every Monday' }).waitFor();
    const list = (await env.t.req('GET', '/api/v1/analytics/schedules', { cookie: supervisor })).json() as { items: { name: string; report: string; frequency: string; recipients: string[] }[] };
    const saved = list.items.find((s) => s.name === 'Agents every Monday');
    assert.deepEqual(saved && { report: saved.report, frequency: saved.frequency, recipients: saved.recipients }, { report: 'agents', frequency: 'weekly', recipients: ['lead@demo.example', 'ops@demo.example'] });
    await ctx.close();
  });

  test('in Welsh: labels, Intl numbers and keyboard sorting; no axe findings on the agents report', async () => {
    const url = env.t.server.url!;
    const supervisor = await env.t.login(demo.supervisor);
    assert.equal((await env.t.req('PATCH', '/api/v1/me', { cookie: supervisor, body: { language: 'cy' } })).statusCode, 200);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, url, demo.supervisor, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${url}/analytics/agents?range=last30`);
      await page.getByRole('heading', { name: cy.title, exact: true }).waitFor();
      await page.getByRole('heading', { name: cy.leaderboard }).waitFor();
      await page.locator('.kpi-tile[data-metric="handled"] .kpi-label').filter({ hasText: cy.metrics.handled }).waitFor();
      const th = page.locator('table.analytics-table thead th').first();
      await th.getByRole('button').focus();
      await page.keyboard.press('Enter');
      assert.equal(await th.getAttribute('aria-sort'), 'ascending');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), []);
      await page.goto(`${url}/analytics/schedules`);
      await page.getByRole('heading', { name: cy.schedules.title }).first().waitFor();
      await page.getByRole('rowheader', { name: 'Agents every Monday' }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await ctx.close();
      await env.t.req('PATCH', '/api/v1/me', { cookie: supervisor, body: { language: 'en' } });
    }
  });
});
