import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { createRepos } from '../../src/storage/repos.ts';
import { hashSurveyToken, newSurveyToken } from '../../src/core/surveys/token.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { axeViolations, signIn, useE2E } from '../helpers/browser.ts';
import { en as widgetEn } from '../../web/widget/i18n/en.ts';

/** A customer answers an NPS survey page in Chromium (no script, strict CSP); a supervisor finds the comment in the VoC view. */
describe('surveys in Chromium', () => {
  const env = useE2E();

  test('answer a survey page, then see the comment by theme in the VoC list', async () => {
    const base = env.t.server.url!;
    const db = env.t.server.database.db;
    const repos = createRepos(db);
    const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    const customer = await db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenant.id).where('merged_into', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const token = newSurveyToken();
    const now = new Date();
    await repos.surveys.insertInvitation({
      id: uuidv7(), tenantId: tenant.id, customerId: customer.id, conversationId: null, sourceEventId: uuidv7(), channel: 'email', kind: 'nps', language: 'en',
      tokenHash: hashSurveyToken(token), sentAt: now, expiresAt: new Date(now.getTime() + 86_400_000), answeredAt: null, responseId: null,
    });

    const ctx = await env.browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    try {
      await page.goto(`${base}/survey/${token}`);
      await page.getByRole('heading', { level: 1, name: 'A quick question' }).waitFor();
      const group = page.getByRole('group', { name: /recommend us/ });
      await group.waitFor();
      assert.equal(await group.getByRole('radio').count(), 11, 'NPS: 0 to 10');
      assert.ok(!(await page.content()).includes(customer.name), 'the page shows nothing about the customer');
      await page.getByRole('button', { name: 'Send my answer' }).click();
      // Without a score the browser's own required check keeps the form; choose one by keyboard.
      await group.getByRole('radio', { name: '3', exact: true }).check();
      await page.getByLabel('Anything you would like to add? (optional)').fill('The checkout page kept timing out on mobile');
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await page.getByRole('status').filter({ hasText: 'Your answer was recorded' }).waitFor();
      assert.deepEqual(cspErrors, []);
      // The same link again: the neutral page.
      await page.goto(`${base}/survey/${token}`);
      await page.getByText('This survey link is no longer valid.').waitFor();
    } finally {
      await ctx.close();
    }

    const staff = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true }); // axe is injected
    const p = await staff.newPage();
    try {
      await signIn(p, base, demo.supervisor, DEMO_PASSWORD);
      await p.waitForURL((u) => !u.pathname.startsWith('/login'));
      await p.goto(`${base}/analytics/voc`);
      await p.getByRole('heading', { level: 1, name: 'Voice of the customer' }).waitFor();
      const table = p.getByRole('table', { name: 'Survey comments' });
      await table.getByRole('cell', { name: 'The checkout page kept timing out on mobile' }).waitFor({ timeout: 15_000 });
      // Filter by the theme "checkout": the comment stays; search for something else: it goes.
      await p.getByRole('button', { name: /^checkout page: 1 comments/ }).click();
      await table.getByRole('cell', { name: 'The checkout page kept timing out on mobile' }).waitFor();
      assert.equal(await p.getByRole('button', { name: /^checkout page: 1 comments/ }).getAttribute('aria-pressed'), 'true');
      assert.deepEqual(await axeViolations(p), [], 'no serious axe findings on the VoC view');
      await p.keyboard.press('/');
      const search = p.getByRole('searchbox', { name: 'Search comments' });
      assert.equal(await search.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), true, '/ jumps to the search box');
      await search.fill('nothing-like-this');
      await p.getByText('No comments match.').waitFor();

      // The settings screen (admins): switch surveys on with NPS, in Welsh text too; saved and shown again.
      await p.context().clearCookies();
      await signIn(p, base, demo.admin, DEMO_PASSWORD);
      await p.waitForURL((u) => !u.pathname.startsWith('/login'));
      await p.goto(`${base}/admin/surveys`);
      await p.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();
      assert.deepEqual(await axeViolations(p), [], 'no serious axe findings on the survey settings');
      await p.getByLabel('Send surveys when conversations are resolved').check();
      await p.getByLabel('NPS (would recommend, 0–10)').check();
      await p.getByLabel('Survey sent at resolution').selectOption('nps');
      await p.getByLabel('NPS question in Cymraeg').fill('Fyddech chi’n ein hargymell?');
      await p.keyboard.press('Control+s');
      await p.getByText('Survey settings saved.').waitFor();
      const saved = (await env.t.req('GET', '/api/v1/surveys/settings', { cookie: await env.t.login(demo.admin) })).json();
      assert.equal(saved.settings.enabled, true);
      assert.equal(saved.settings.atResolution, 'nps');
      assert.equal(saved.settings.questions.nps.cy, 'Fyddech chi’n ein hargymell?');
    } finally {
      await staff.close();
    }
  });

  test('with NPS at resolution, the chat widget asks 0–10 and stores an NPS answer', async () => {
    const url = env.t.server.url!;
    const admin = await env.t.login(demo.admin);
    const put = await env.t.req('PUT', '/api/v1/surveys/settings', { cookie: admin, body: { enabled: true, kinds: ['nps'], atResolution: 'nps', throttleDays: 0, linkValidityDays: 7, questions: { csat: {}, nps: {} } } });
    assert.equal(put.statusCode, 200, put.body);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      const page = await ctx.newPage();
      await page.goto(`${url}/demo/shop`);
      await page.getByRole('button', { name: widgetEn.openChat }).click({ timeout: 15_000 });
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Nina Nps');
      await dialog.getByLabel('Topic').selectOption('sales');
      await dialog.getByRole('button', { name: widgetEn.startChat }).click();
      const box = dialog.getByLabel(widgetEn.messageLabel, { exact: true });
      await box.fill('Do you ship to Cardiff?');
      await box.press('Enter');
      const db = env.t.server.database.db;
      const conv = await waitUntil(async () => (await db.selectFrom('conversations').innerJoin('customers', 'customers.id', 'conversations.customer_id').select('conversations.id').where('customers.name', '=', 'Nina Nps').executeTakeFirst())?.id);
      assert.equal((await env.t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: admin, body: { kind: 'reply', text: 'Yes, we do.' } })).statusCode, 201);
      assert.equal((await env.t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: admin, body: { status: 'resolved' } })).statusCode, 200);
      const group = dialog.getByRole('group', { name: widgetEn.npsQuestion });
      await group.waitFor({ timeout: 15_000 });
      assert.equal(await group.getByRole('button').count(), 11);
      await group.getByRole('button', { name: widgetEn.npsScore.replace('{n}', '0'), exact: true }).click();
      await group.getByRole('button', { name: widgetEn.npsScore.replace('{n}', '9'), exact: true }).click();
      await dialog.getByRole('button', { name: widgetEn.csatSend }).click();
      await dialog.getByText(widgetEn.csatThanks).first().waitFor({ timeout: 10_000 });
      const row = await waitUntil(async () => db.selectFrom('survey_responses').select(['kind', 'score']).where('conversation_id', '=', conv).executeTakeFirst());
      assert.deepEqual(row, { kind: 'nps', score: 9 });
    } finally {
      await ctx.close();
    }
  });
});

async function waitUntil<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
