import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, useE2E, signIn, subscribedTo } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The conversation's sentiment indicator in real Chromium: accessible label, live update, drop badge, Welsh. */
describe('sentiment trend in the conversation view', () => {
  const env = useE2E();

  test('the sparkline names the direction and last third, follows new messages live, flags a sharp drop', async () => {
    const admin = await env.t.login(demo.admin);
    const inboxRes = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Sentiment e2e', channel: 'api' } });
    assert.equal(inboxRes.statusCode, 201, inboxRes.body);
    const inboxId = inboxRes.json().id as string;
    const from = { kind: 'email', value: 'sam@example.com', name: 'Sam Sentiment' };
    const say = async (text: string) => {
      const r = await env.t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { from, text } });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { conversation: { id: string } };
    };
    const { conversation } = await say('Thanks, the new router is great');
    await say('Lovely, very happy with it');

    const alex = await env.t.login(demo.alex);
    assert.ok((await env.t.req('PATCH', '/api/v1/me', { cookie: alex, body: { language: 'en' } })).statusCode < 300);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    const following = subscribedTo(page, `conversation:${conversation.id}`);
    try {
      await signIn(page, env.t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL(/\/desk/, { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/desk/conversations/${conversation.id}`);
      const spark = page.getByRole('img', { name: /^Sentiment: steady, last third \+0\.\d$/ });
      await spark.waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('.sentiment-drop').count(), 0);
      await following;

      // The customer turns angry: the indicator follows without a reload and shows the drop.
      await say('I was charged twice. This is unacceptable, terrible service!');
      await say('Still nothing works, I am furious');
      const falling = page.getByRole('img', { name: /^Sentiment: falling, last third −0\.\d, sharp drop$/ });
      await falling.waitFor({ timeout: 15_000 });
      await page.locator('.sentiment-drop', { hasText: 'Sharp drop' }).waitFor();
      assert.equal(await page.locator('.sentiment-spark polyline').getAttribute('points').then((p) => p?.split(' ').length), 4, 'one point per customer message');
      assert.deepEqual(await axeViolations(page), []);

      // Welsh.
      assert.ok((await env.t.req('PATCH', '/api/v1/me', { cookie: alex, body: { language: 'cy' } })).statusCode < 300);
      await page.reload();
      await page.getByRole('img', { name: /^Teimlad: yn gostwng, y traean olaf −0\.\d, cwymp sydyn$/ }).waitFor({ timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  });
});
