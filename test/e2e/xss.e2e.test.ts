import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2E, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** Each payload tries to set window.__pwned (or open a dialog) when rendered. */
const payloads = [
  '<script>window.__pwned = "script"</script>script tag',
  '<img src=x onerror="window.__pwned = \'img onerror\'">',
  '<svg onload="window.__pwned = \'svg onload\'"><circle r="1"/></svg>',
  '<a href="javascript:window.__pwned=\'js href\'" id="jslink">click me</a>',
  '<iframe srcdoc="<script>parent.__pwned = \'srcdoc\'</script>"></iframe>',
  '<details open ontoggle="window.__pwned = \'ontoggle\'">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = \'mxss\'">',
  '<form><button formaction="javascript:window.__pwned=\'formaction\'" id="jsbutton">go</button></form>',
  '<div style="background:url(javascript:window.__pwned=\'css\')">styled</div>',
  '<body onload="window.__pwned = \'body onload\'">',
  '<object data="data:text/html,<script>parent.__pwned=1</script>"></object>',
  '<img src="x" onerror=alert(document.domain)>',
];

/**
 * Stored messages with XSS payloads render in the agent's browser without running anything. The
 * page's content security policy is bypassed here, so only the server's sanitizing protects it.
 */
describe('XSS payloads in messages do not run in the agent desktop', () => {
  const env = useE2E();

  test('none of the payloads executes, even when clicked', async () => {
    const admin = await env.t.login(demo.admin);
    const inbox = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'XSS inbox', channel: 'api' } });
    assert.equal(inbox.statusCode, 201, inbox.body);
    let conversationId = '';
    for (const [i, html] of payloads.entries()) {
      const res = await env.t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, {
        cookie: admin,
        body: { providerMessageId: `xss-${i}`, from: { kind: 'email', value: 'mallory@evil.example', name: 'Mallory' }, text: `payload ${i}`, html },
      });
      assert.equal(res.statusCode, 201, res.body);
      conversationId = res.json().conversation.id;
    }
    const ctx = await env.browser.newContext({ bypassCSP: true });
    const page = await ctx.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL(/\/admin/);
      await page.goto(`${env.t.server.url}/desk/conversations/${conversationId}`);
      await page.getByText(`payload ${payloads.length - 1}`).or(page.getByText('click me')).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      for (const id of ['#jslink', '#jsbutton']) {
        const el = page.locator(id);
        if (await el.count()) await el.first().click({ timeout: 2000 }).catch(() => {});
      }
      await page.waitForTimeout(300);
      const pwned = await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned ?? null);
      assert.equal(pwned, null, `a payload ran: ${String(pwned)}`);
      assert.deepEqual(dialogs, []);
      assert.equal(await page.locator('main script, main iframe, main object, main embed').count(), 0);
    } finally {
      await ctx.close();
    }
  });
});
