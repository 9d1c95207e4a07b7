import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { axeViolations, useE2E, signIn, subscribedTo } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';

/**
 * The agent desk in real Chromium: two chats, keyboard switching, a canned response with variables,
 * a note with an @mention that reaches the supervisor's page live, tags, resolve with a disposition,
 * and axe on the desk in Polish.
 */
describe('agent desk chats in Chromium', () => {
  const env = useE2E();

  test('an agent works two chats from the keyboard and wraps one up; the mentioned supervisor is notified', async () => {
    const t = env.t;
    const admin = await t.login(demo.admin);
    const users: Record<string, string> = {};
    for (const u of (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
    const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Desk chat', channel: 'chat' } });
    assert.equal(inbox.statusCode, 201, inbox.body);
    const chat = async (name: string, email: string, text: string) => {
      const r = await t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, { cookie: admin, body: { from: { kind: 'email', value: email, name }, text } });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().conversation.id as string;
      const a = await t.req('PATCH', `/api/v1/conversations/${id}`, { cookie: admin, body: { assigneeId: users[demo.alex] } });
      assert.equal(a.statusCode, 200, a.body);
      return id;
    };
    const zofia = await chat('Zofia Nowak', 'zofia@shop.example', 'Where is my parcel?');
    const jan = await chat('Jan Kowalski', 'jan@shop.example', 'I need an invoice copy.');
    const canned = await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'hello', title: 'Greeting', body: 'Hi {{customer.first_name}}, this is {{agent.first_name}}.' } });
    assert.equal(canned.statusCode, 201, canned.body);
    for (const [code, label] of [['solved', 'Solved'], ['escalated', 'Escalated']]) {
      assert.equal((await t.req('POST', '/api/v1/dispositions', { cookie: admin, body: { code, label } })).statusCode, 201);
    }
    const alexCookie = await t.login(demo.alex);
    assert.ok((await t.req('PATCH', '/api/v1/me', { cookie: alexCookie, body: { language: 'en' } })).statusCode < 300);

    // The supervisor sits on the conversation list in another window.
    const supCtx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const sup = await supCtx.newPage();
    const supFollowing = subscribedTo(sup, `user:${users[demo.supervisor]}`);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(sup, t.server.url!, demo.supervisor, DEMO_PASSWORD);
      await sup.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await sup.goto(`${t.server.url}/desk`);
      await sup.getByRole('heading', { level: 1, name: 'Agent desktop' }).waitFor();
      await supFollowing;

      await signIn(page, t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${t.server.url}/desk/chats`);
      // The newest chat opens by itself; both are listed with their unread counts.
      await page.waitForURL(new RegExp(`/desk/chats/${jan}$`), { timeout: 15_000 });
      const list = page.getByRole('list', { name: 'Accepted chats' });
      await list.locator(`[data-conversation="${zofia}"]`, { hasText: 'Zofia Nowak' }).waitFor();
      await list.locator(`[data-conversation="${zofia}"] .unread-count`, { hasText: '1' }).waitFor();
      await page.locator('#chat-title', { hasText: 'Jan Kowalski' }).waitFor();
      await page.locator('.chat-thread .message-inbound', { hasText: 'I need an invoice copy.' }).waitFor();
      // Opening Jan's chat read it: its unread count goes away (live, through the read marker).
      await list.locator(`[data-conversation="${jan}"] .unread-count`).waitFor({ state: 'detached', timeout: 10_000 });

      // Alt+↓ to the next chat, [ back, ] forward again.
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      await page.keyboard.press('Alt+ArrowDown');
      await page.waitForURL(new RegExp(`/desk/chats/${zofia}$`));
      await page.locator('#chat-title', { hasText: 'Zofia Nowak' }).waitFor();
      await page.keyboard.press('[');
      await page.waitForURL(new RegExp(`/desk/chats/${jan}$`));
      await page.keyboard.press(']');
      await page.waitForURL(new RegExp(`/desk/chats/${zofia}$`));
      await page.locator('.chat-thread .message-inbound', { hasText: 'Where is my parcel?' }).waitFor();

      // R focuses the reply box; "/hel" lists the canned response; Enter inserts it rendered.
      await page.keyboard.press('r');
      const box = page.getByRole('combobox', { name: 'Reply to the customer' });
      await assert.doesNotReject(box.waitFor());
      // Focus moves within a frame or two; on a loaded machine the check may come first, so it waits
      // (and says where focus was instead when it never arrives).
      const focused = await page
        .waitForFunction(`document.activeElement?.labels?.[0]?.textContent === 'Reply to the customer'`, undefined, { timeout: 5000 })
        .then(
          () => 'reply box',
          () => page.evaluate(`(document.activeElement?.tagName ?? 'nothing') + ' ' + (document.activeElement?.id ?? '')`),
        );
      assert.equal(focused, 'reply box', 'R focused the reply box');
      await page.keyboard.type('/hel');
      await page.getByRole('listbox', { name: 'Canned responses' }).getByRole('option', { name: /hello/ }).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForFunction('document.activeElement?.value === "Hi Zofia, this is Alex."');
      await page.keyboard.press('Control+Enter');
      await page.locator('.chat-thread .message-outbound', { hasText: 'Hi Zofia, this is Alex.' }).waitFor();

      // N: a note mentioning the supervisor, picked from the @ list.
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      await page.keyboard.press('n');
      const noteBox = page.getByRole('combobox', { name: 'Internal note' });
      await noteBox.waitFor();
      await page.keyboard.type('@Sam');
      await page.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: /Sam Supervisor/ }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type('can you approve a refund?');
      await page.keyboard.press('Control+Enter');
      await page.locator('.chat-thread .message-note', { hasText: '@Sam Supervisor can you approve a refund?' }).waitFor();
      // The supervisor's page shows the notification without a reload.
      const note = sup.locator('.mention-notification', { hasText: 'Alex Morgan mentioned you' });
      await note.waitFor({ timeout: 10_000 });
      assert.match(await note.innerText(), /approve a refund/);
      assert.equal(await note.getByRole('link').getAttribute('href'), `/desk/conversations/${zofia}`);

      // Tags.
      const tags = page.getByLabel('Tags', { exact: true });
      await tags.fill('VIP, refund');
      await page.getByRole('button', { name: 'Save tags' }).click();
      await page.locator('.conversation-head .tag', { hasText: '#vip' }).waitFor();
      await page.locator('.conversation-head .tag', { hasText: '#refund' }).waitFor();

      // E opens the wrap-up, which asks for a disposition.
      await page.locator('body').click({ position: { x: 2, y: 2 } });
      await page.keyboard.press('e');
      const dialog = page.getByRole('dialog', { name: 'Wrap up' });
      await dialog.waitFor();
      const confirm = dialog.getByRole('button', { name: 'Resolve chat' });
      await dialog.getByRole('radio', { name: 'Solved' }).waitFor();
      assert.equal(await confirm.isDisabled(), true, 'a disposition is required');
      await dialog.getByRole('radio', { name: 'Solved' }).check();
      await dialog.getByLabel('Wrap-up note (optional)').fill('Refund approved');
      await confirm.click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Chat resolved', { exact: false }).first().waitFor();
      // Resolved chats leave the list, live.
      await list.locator(`[data-conversation="${zofia}"]`).waitFor({ state: 'detached', timeout: 10_000 });

      const conv = (await t.req('GET', `/api/v1/conversations/${zofia}`, { cookie: admin })).json();
      assert.deepEqual([conv.status, conv.tags], ['resolved', ['vip', 'refund']]);
      const wrap = (await t.req('GET', `/api/v1/conversations/${zofia}/wrap-up`, { cookie: admin })).json();
      assert.deepEqual([wrap.dispositionCode, wrap.note, wrap.wrappedUpBy], ['solved', 'Refund approved', users[demo.alex]]);
      const sent = (await t.req('GET', `/api/v1/conversations/${zofia}/messages?limit=50`, { cookie: admin })).json().items as { direction: string; text: string }[];
      assert.deepEqual(sent.map((m) => m.direction), ['inbound', 'outbound', 'note']);

      // The desk in Polish: translated, and axe finds nothing serious.
      assert.ok((await t.req('PATCH', '/api/v1/me', { cookie: alexCookie, body: { language: 'pl' } })).statusCode < 300);
      await page.goto(`${t.server.url}/desk/chats/${jan}`);
      await page.getByRole('heading', { level: 1, name: 'Moje czaty' }).waitFor({ timeout: 15_000 });
      await page.locator('.chat-thread .message-inbound', { hasText: 'I need an invoice copy.' }).waitFor();
      await page.getByRole('combobox', { name: 'Odpowiedź dla klienta' }).waitFor();
      const findings = await axeViolations(page);
      assert.deepEqual(findings, [], findings.join('\n'));
    } finally {
      await ctx.close();
      await supCtx.close();
    }
  });
  test('typing shows both ways between a widget visitor and the desk, and the visitor\'s read mark arrives live', async () => {
    const t = env.t;
    const admin = await t.login(demo.admin);
    const alexId = ((await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]).find((u) => u.email === demo.alex)!.id;
    const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Typing chat', channel: 'chat' } });
    assert.equal(inbox.statusCode, 201, inbox.body);
    const session = await t.req('POST', `/api/widget/v1/inboxes/${inbox.json().id}/sessions`, { body: { language: 'en' } });
    assert.equal(session.statusCode < 300, true, session.body);
    const token = session.json().token as string;

    // The visitor's socket, as the widget would hold it.
    const frames: Record<string, unknown>[] = [];
    const visitor = new WebSocket(`${t.server.url!.replace(/^http/, 'ws')}/widget/ws?token=${encodeURIComponent(token)}`);
    visitor.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
    await new Promise<void>((resolve, reject) => visitor.once('open', () => resolve()).once('error', reject));
    const frame = async (match: (f: Record<string, unknown>) => boolean, what: string) => {
      for (let i = 0; i < 200; i++) {
        const f = frames.find(match);
        if (f) return f;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the visitor got no ${what}: ${JSON.stringify(frames)}`);
    };
    visitor.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await frame((f) => f.type === 'welcome', 'welcome');
    const clientId = randomUUID();
    visitor.send(JSON.stringify({ type: 'send', clientId, text: 'Is anyone there?' }));
    const ack = await frame((f) => f.type === 'ack' && f.clientId === clientId, 'ack');
    const conversationId = String(ack.conversationId);
    const assign = await t.req('PATCH', `/api/v1/conversations/${conversationId}`, { cookie: admin, body: { assigneeId: alexId } });
    assert.equal(assign.statusCode, 200, assign.body);

    const alexCookie = await t.login(demo.alex);
    assert.ok((await t.req('PATCH', '/api/v1/me', { cookie: alexCookie, body: { language: 'en' } })).statusCode < 300);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    const typingSocket = new Promise<void>((resolve) =>
      page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => String(payload).includes(`"conversation:${conversationId}"`) && String(payload).includes('subscribed') && resolve())),
    );
    try {
      await signIn(page, t.server.url!, demo.alex, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${t.server.url}/desk/chats/${conversationId}`);
      await page.locator('.chat-thread .message-inbound', { hasText: 'Is anyone there?' }).waitFor({ timeout: 15_000 });
      await typingSocket;

      // The visitor types: the desk says so, and stops saying so when they stop.
      visitor.send(JSON.stringify({ type: 'typing', on: true }));
      const indicator = page.locator('.typing-indicator');
      await indicator.filter({ hasText: 'is typing' }).waitFor({ timeout: 10_000 });
      visitor.send(JSON.stringify({ type: 'typing', on: false }));
      await indicator.filter({ hasText: /^$/ }).waitFor({ timeout: 10_000 });

      // The agent types a reply: the visitor sees "typing"; sending ends it.
      const box = page.getByRole('combobox', { name: 'Reply to the customer' });
      await box.click();
      await page.keyboard.type('Yes, I am here');
      await frame((f) => f.type === 'typing' && f.on === true, 'typing on');
      await page.keyboard.press('Control+Enter');
      const sent = page.locator('.chat-thread .message-outbound', { hasText: 'Yes, I am here' });
      await sent.waitFor();
      await frame((f) => f.type === 'typing' && f.on === false, 'typing off');
      const message = await frame((f) => f.type === 'message' && f.text === 'Yes, I am here', 'the reply');

      // The visitor reads it: the mark turns to "read" without a reload.
      visitor.send(JSON.stringify({ type: 'read', seq: message.seq }));
      await sent.locator('.delivery[data-status="read"]').waitFor({ timeout: 10_000 });

      // A ticket from the chat: created, linked, and listed beside the chat.
      await page.getByRole('button', { name: 'Create ticket' }).click();
      await page.getByText(/Ticket #\d+ created and linked/).waitFor();
      const mine = (await t.req('GET', '/api/v1/desk/conversations', { cookie: alexCookie })).json().items as { id: string; ticketIds: string[] }[];
      assert.equal(mine.find((c) => c.id === conversationId)?.ticketIds.length, 1);

      // The customer asks something the knowledge base answers: the article is suggested beside the
      // chat, and Insert puts it into the reply.
      const askId = randomUUID();
      visitor.send(JSON.stringify({ type: 'send', clientId: askId, text: 'What are your opening hours?' }));
      await frame((f) => f.type === 'ack' && f.clientId === askId, 'ack of the question');
      const suggestions = page.getByRole('region', { name: 'Knowledge base' }).or(page.locator('.kb-suggestions'));
      const insert = suggestions.getByRole('button', { name: /^Insert “.*[Oo]pening hours.*” into the reply$/ }).first();
      await insert.waitFor({ timeout: 15_000 });
      await insert.click();
      assert.match(await box.inputValue(), /opening hours/i, 'the article went into the reply box');
    } finally {
      visitor.close();
      await ctx.close();
    }
  });
  test('admins keep canned responses (unknown variables refused at the field) and disposition codes', async () => {
    const t = env.t;
    const adminCookie = await t.login(demo.admin);
    assert.ok((await t.req('PATCH', '/api/v1/me', { cookie: adminCookie, body: { language: 'en' } })).statusCode < 300);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    try {
      await signIn(page, t.server.url!, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
      await page.goto(`${t.server.url}/admin/canned-responses`);
      await page.getByRole('heading', { level: 1, name: 'Canned responses' }).waitFor({ timeout: 15_000 });
      await page.getByRole('textbox', { name: 'Shortcut' }).fill('thanks');
      await page.getByRole('textbox', { name: 'Title' }).fill('Thanks <b>bold</b>');
      await page.getByLabel('Text').fill('Thanks {{customer.nickname}}!');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('.field-error', { hasText: 'unknown variable {{customer.nickname}}' }).waitFor();
      assert.equal(await page.getByLabel('Text').getAttribute('aria-invalid'), 'true');
      await page.getByLabel('Text').fill('Thanks {{customer.first_name}}!');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('row', { name: /\/thanks/ }).waitFor();
      assert.equal(await page.locator('b', { hasText: 'bold' }).count(), 0, 'the title is shown as text');
      const findings = await axeViolations(page);
      assert.deepEqual(findings, [], findings.join('\n'));

      await page.goto(`${t.server.url}/admin/dispositions`);
      await page.getByRole('heading', { level: 1, name: 'Disposition codes' }).waitFor();
      await page.getByRole('textbox', { name: 'Code' }).fill('callback');
      await page.getByRole('textbox', { name: 'Label' }).fill('Call back later');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('row', { name: /callback/ }).waitFor();
      await page.getByRole('checkbox', { name: 'Offer Call back later' }).uncheck();
      await page.getByText('Call back later saved.').waitFor();
      const all = (await t.req('GET', '/api/v1/dispositions?includeInactive=true', { cookie: adminCookie })).json().items as { code: string; active: boolean }[];
      assert.deepEqual(all.find((d) => d.code === 'callback')?.active, false);
      const offered = (await t.req('GET', '/api/v1/dispositions', { cookie: adminCookie })).json().items as { code: string }[];
      assert.ok(!offered.some((d) => d.code === 'callback'));
    } finally {
      await ctx.close();
    }
  });
});
