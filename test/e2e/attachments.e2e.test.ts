import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useE2E, signIn } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The desk composer in real Chromium: attach a file, send it, see the link, download the same bytes. */
describe('attachments in the desk composer (Chromium)', () => {
  const env = useE2E();

  test('an agent attaches a file to a reply, sends it, and the link downloads the same bytes', async () => {
    const admin = await env.t.login(demo.admin);
    const inboxId = (await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Files chat', channel: 'chat' } })).json().id as string;
    const first = await env.t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { from: { kind: 'email', value: 'erin@example.com', name: 'Erin Files' }, text: 'Can you send the form?' } });
    assert.equal(first.statusCode, 201, first.body);
    const conversationId = first.json().conversation.id as string;
    const alex = await env.t.login(demo.alex);
    assert.ok((await env.t.req('PATCH', '/api/v1/me', { cookie: alex, body: { language: 'en' } })).statusCode < 300);

    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL(/\/desk/, { timeout: 15_000 });
      await page.goto(`${env.t.server.url}/desk/conversations/${conversationId}`);
      await page.locator('ol.thread .message-inbound', { hasText: 'Can you send the form?' }).waitFor({ timeout: 10_000 });

      // The button is labelled and opens the file chooser; the chosen file uploads with progress.
      const attach = page.getByRole('button', { name: 'Attach files' });
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), attach.click()]);
      await chooser.setFiles({ name: 'form ✓.bin', mimeType: 'application/octet-stream', buffer: bytes });
      const chips = page.getByRole('list', { name: 'Files to send' });
      await chips.getByRole('button', { name: 'Remove form ✓.bin' }).waitFor();
      await chips.locator('li[data-state="done"]').waitFor({ timeout: 10_000 });
      assert.equal(await chips.locator('progress').getAttribute('aria-label'), 'form ✓.bin is ready to send');

      await page.getByLabel('Reply to the customer').fill('Here is the form.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      const sent = page.locator('ol.thread .message-outbound', { hasText: 'Here is the form.' });
      await sent.waitFor({ timeout: 10_000 });
      await chips.waitFor({ state: 'detached' });

      const link = sent.getByRole('link', { name: /Download form ✓\.bin/ });
      await link.waitFor();
      const href = await link.getAttribute('href');
      assert.match(href ?? '', /^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);
      const got = await page.evaluate(async (url) => {
        const r = await fetch(url, { credentials: 'same-origin' });
        return { status: r.status, disposition: r.headers.get('content-disposition'), nosniff: r.headers.get('x-content-type-options'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
      }, href!);
      assert.equal(got.status, 200);
      assert.equal(got.nosniff, 'nosniff');
      assert.match(got.disposition ?? '', /^attachment; .*filename\*=UTF-8''form%20%E2%9C%93\.bin$/);
      assert.deepEqual(Buffer.from(got.bytes), bytes);

      // After a reload the link is still there (loaded with the thread).
      await page.reload();
      await page.locator('ol.thread .message-outbound', { hasText: 'Here is the form.' }).getByRole('link', { name: /Download form ✓\.bin/ }).waitFor({ timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  });
});
