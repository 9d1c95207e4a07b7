import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2E, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk, W } from '../widget-helpers.ts';

/** The conversation page names the demo bot as the author of its answers, not an unnamed agent. */
describe('bot messages on the conversation page (Chromium)', () => {
  const env = useE2E({ flows: true });

  test("the bot's answer is labelled Bot; an agent's reply carries the agent's name", async () => {
    const admin = await env.t.login(demo.admin);
    const inbox = await demoChatInbox(env.t, admin);
    const v = await sessionOk(env.t, inbox.id, { language: 'en' });
    const sent = await sendMsg(env.t, v.token, { clientId: 'bot-label-1', text: 'What time do you open on Saturday?' });
    assert.ok(sent.statusCode < 300, sent.body);
    const conversationId = sent.json().conversationId as string;
    // The bot answers after the message's event reaches the flow runtime.
    for (let i = 0; ; i++) {
      await env.t.server.flows.idle();
      const h = (await env.t.req('GET', `${W}/messages`, { token: v.token })).json().messages as { direction: string }[];
      if (h.some((m) => m.direction === 'outbound')) break;
      assert.ok(i < 200, 'the bot answered within 5 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    const reply = await env.t.req('POST', `/api/v1/conversations/${conversationId}/messages`, { cookie: admin, body: { kind: 'reply', text: 'Ada here: we open at nine.' } });
    assert.equal(reply.statusCode, 201, reply.body);

    const ctx = await env.browser.newContext({ locale: 'en-GB' });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/desk/conversations/${conversationId}`);
      const ours = page.locator('ol.thread .message-outbound', { hasText: 'we open at nine' });
      await ours.waitFor({ timeout: 10_000 });
      assert.equal(await ours.locator('.message-author').textContent(), 'Ada Admin');
      const bots = page.locator('ol.thread .message-outbound').filter({ hasNotText: 'we open at nine' });
      assert.ok((await bots.count()) > 0, 'the bot answered');
      for (const who of await bots.locator('.message-author').allTextContents()) assert.equal(who, 'Bot');
    } finally {
      await ctx.close();
    }
  });
});
