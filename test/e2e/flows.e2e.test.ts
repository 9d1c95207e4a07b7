import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openFromNav, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/** The flow builder in Chromium: build a small flow, chat with it in the simulator, publish; a dangling edge shows on its node. */
describe('flow builder in Chromium', () => {
  const env = useE2E();

  test('an admin builds, simulates and publishes a flow; publishing a broken draft marks the node', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, env.t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await openFromNav(page, '/flows', 'Flows');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axeViolations(page), [], 'the flows list has no serious accessibility problems');
      await page.getByLabel('Name', { exact: true }).fill('E2E bot');
      await page.getByRole('button', { name: 'Create and open' }).click();
      await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/, { timeout: 10_000 });
      const flowId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: 'Flow: E2E bot' }).waitFor();
      await page.locator('[data-node-id="hello"]').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'the editor has no serious accessibility problems');

      // Build: hello → ask (email) → bye, with the keyboard-friendly forms.
      await page.getByRole('button', { name: 'Add Ask' }).click();
      await page.locator('[data-node-id="ask-1"]').waitFor();
      await page.getByLabel('Port next goes to').selectOption('bye');
      await page.getByRole('list').filter({ hasText: 'Message hello' }).getByRole('button', { name: /Message hello/ }).click();
      await page.getByLabel('Port next goes to').selectOption('ask-1');
      await page.getByLabel('Variables', { exact: true }).fill('email:email');
      await page.getByRole('button', { name: 'Save draft (Ctrl+S)' }).click();
      await page.getByText(/Draft v1 saved; 0 problem/).waitFor();

      // Simulate.
      await page.getByRole('button', { name: 'Simulator' }).click();
      const sim = page.getByRole('complementary', { name: 'Simulator' });
      await sim.getByRole('button', { name: 'Start' }).click();
      const lines = sim.getByRole('list', { name: 'Conversation with the draft' });
      await lines.getByText('What is your email?').waitFor();
      await sim.getByPlaceholder('Your message').fill('ann@example.com');
      await sim.getByRole('button', { name: 'Send' }).click();
      await sim.getByText('The flow ended.').waitFor();
      await sim.getByText('ann@example.com').first().waitFor();

      // Publish.
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Version 1 is published.').waitFor();
      const versions = page.getByRole('table', { name: 'Versions' });
      await versions.getByRole('row').filter({ hasText: 'Published' }).waitFor();

      // A draft with a dangling edge (saved through the API), opened in the editor: publish marks the node.
      const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const broken = {
        version: 1, start: 'hello', variables: [],
        nodes: [
          { id: 'hello', type: 'message', position: { x: 0, y: 0 }, data: { text: { en: 'Hi' } } },
          { id: 'bye', type: 'end', position: { x: 0, y: 150 }, data: {} },
        ],
        edges: [{ id: 'e1', source: 'hello', sourceHandle: 'next', target: 'gone' }],
      };
      const saved = await env.t.req('PUT', `/api/v1/flows/${flowId}/draft`, { cookie, body: { definition: broken }});
      assert.equal(saved.statusCode, 200, saved.body);
      await page.reload();
      await page.locator('[data-node-id="hello"]').waitFor();
      await page.getByRole('button', { name: 'Publish' }).click();
      const node = page.locator('[data-node-id="hello"]');
      await node.locator('.flow-node-issues').waitFor({ timeout: 10_000 });
      assert.match(await node.getAttribute('class') ?? '', /flow-node-error/);
      assert.match(await node.innerText(), /gone.*does not exist/);
      await page.getByRole('alert').filter({ hasText: 'cannot be published' }).first().waitFor();
    } finally {
      await ctx.close();
    }
  });
});
