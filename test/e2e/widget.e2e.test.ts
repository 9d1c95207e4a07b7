import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page, WebSocketRoute } from 'playwright-core';
import { axeViolations, useE2E } from '../helpers/browser.ts';
import { demo } from '../helpers/server.ts';
import { pl } from '../../web/widget/i18n/pl.ts';
import { en } from '../../web/widget/i18n/en.ts';
import { cy } from '../../web/widget/i18n/cy.ts';

/** The page's globals, as the callbacks passed to page.evaluate see them (this file has no DOM types). */
declare const window: { __xss?: number };

const waitFor = async <T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
};

/**
 * The chat widget in real Chromium against the real server: the demo shop embeds it; a visitor
 * writes in Polish; Kasia (the Polish agent) accepts the offer and replies through the API; the
 * reply shows once, as text; history survives a reload; a message sent while the socket is down
 * arrives once after the reconnect; an unavailable inbox says so; axe finds nothing serious.
 */
describe('chat widget in Chromium', () => {
  const env = useE2E();

  test('demo shop: pre-chat, Polish chat with an agent, reload, offline resend, text only, axe', async () => {
    const url = env.t.server.url!;
    const routing = env.t.server.routing;
    const admin = await env.t.login(demo.admin);
    const supervisor = await env.t.login(demo.supervisor);
    const kasia = await env.t.login('kasia@demo.example');
    const users: Record<string, string> = {};
    for (const u of (await env.t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
    for (const e of [demo.supervisor, demo.priya, demo.wen, demo.alex, 'kasia@demo.example']) {
      const r = await env.t.req('PUT', `/api/v1/routing/agents/${users[e]}/presence`, { cookie: supervisor, body: { presence: e.startsWith('kasia') ? 'available' : 'offline' } });
      assert.equal(r.statusCode, 200, r.body);
    }

    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      // The shop page as a Polish page: <html lang="pl"> (set as the parser inserts <html>; a fulfilled
      // document would be a different address space whose socket to 127.0.0.1 Chromium blocks).
      await ctx.addInitScript(() => {
        const d = (globalThis as unknown as { document: { documentElement: { lang: string } | null } & { addEventListener(t: string, f: () => void): void } }).document;
        const MO = (globalThis as unknown as { MutationObserver: new (f: () => void) => { observe(n: unknown, o: unknown): void; disconnect(): void } }).MutationObserver;
        const mo = new MO(() => {
          if (d.documentElement) {
            d.documentElement.lang = 'pl';
            mo.disconnect();
          }
        });
        mo.observe(d, { childList: true });
      });
      // The visitor's socket goes through this proxy so the test can cut it.
      let down = false;
      const live: WebSocketRoute[] = [];
      await ctx.routeWebSocket(/\/widget\/ws/, (ws) => {
        if (down) return void ws.close({ code: 4000, reason: 'test: network down' });
        ws.connectToServer();
        live.push(ws);
      });

      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      if (process.env.DEBUG_WIDGET) {
        page.on('console', (m) => console.log('console', m.text()));
        page.on('websocket', (ws) => {
          ws.on('framesent', (f) => console.log('>>', String(f.payload).slice(0, 300)));
          ws.on('framereceived', (f) => console.log('<<', String(f.payload).slice(0, 300)));
          ws.on('close', () => console.log('ws closed'));
        });
      }
      await page.goto(`${url}/demo/shop`);
      const launcher = page.getByRole('button', { name: pl.openChat });
      await launcher.waitFor({ timeout: 15_000 });
      // Its icon is drawn (an emoji shows as an empty box where no emoji font is installed, as here).
      assert.equal((await launcher.textContent())?.trim(), '');
      assert.equal(await launcher.locator('svg[aria-hidden="true"]').count(), 1);

      // Open with the keyboard; focus moves into the dialog.
      await launcher.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.match((await dialog.getAttribute('aria-labelledby')) ?? '', /sb-title/);
      const focused = () => page.locator('switchboard-chat').evaluate((h) => (h as unknown as { shadowRoot: { activeElement: { id: string } | null } }).shadowRoot.activeElement?.id ?? '');
      await waitFor('focus in the first pre-chat field', async () => (await focused()) === 'sb-f-name', 5_000);

      // Pre-chat: a required name; the error is announced and tied to the field.
      await dialog.getByRole('button', { name: pl.startChat }).click();
      const nameField = dialog.getByLabel('Imię');
      await dialog.getByText(pl.required.replace('{field}', 'Imię')).waitFor();
      assert.equal(await nameField.getAttribute('aria-invalid'), 'true');
      await dialog.getByLabel('E-mail').fill('not-an-email');
      await nameField.fill('Ewa <b>Nowak</b>');
      await dialog.getByRole('button', { name: pl.startChat }).click();
      await dialog.getByText(pl.invalidEmail).waitFor();
      await dialog.getByLabel('E-mail').fill('ewa.widget@example.com');
      await dialog.getByLabel('Temat').selectOption('billing');
      await dialog.getByRole('button', { name: pl.startChat }).click();

      const box = dialog.getByLabel(pl.messageLabel, { exact: true });
      await box.waitFor();
      const axe1 = (await axeViolations(page)).filter((v) => v.includes('switchboard-chat'));
      assert.deepEqual(axe1, [], 'no serious axe findings in the open widget');
      await box.fill('Dzień dobry, gdzie jest moje zamówienie?');
      await box.press('Enter');
      const own = dialog.locator('li.msg.own');
      await waitFor('the ack', async () => !(await own.first().getAttribute('class'))?.includes('pending'));

      // Kasia gets the offer, accepts it, replies (with markup that must stay text, and a link).
      const offer = await waitFor('an offer for Kasia', async () => {
        await routing?.settle();
        const items = (await env.t.req('GET', '/api/v1/routing/offers', { cookie: kasia })).json().items as { id: string; task: { sourceId?: string; conversationId?: string } & Record<string, unknown> }[];
        return items[0];
      });
      const accepted = await env.t.req('POST', `/api/v1/routing/offers/${offer.id}/accept`, { cookie: kasia });
      assert.equal(accepted.statusCode, 200, accepted.body);
      const conversationId = (accepted.json().sourceId ?? accepted.json().conversationId) as string;
      assert.ok(conversationId, accepted.body);
      const reply = 'Sprawdzam <img src=x onerror="window.__xss=1"><script>window.__xss=2</script> https://example.com/track.';
      const sent = await env.t.req('POST', `/api/v1/conversations/${conversationId}/messages`, { cookie: kasia, body: { kind: 'reply', text: reply } });
      assert.equal(sent.statusCode, 201, sent.body);
      const note = await env.t.req('POST', `/api/v1/conversations/${conversationId}/messages`, { cookie: kasia, body: { kind: 'note', text: 'internal: never to the visitor' } });
      assert.equal(note.statusCode, 201, note.body);

      const agentMsgs = dialog.locator('li.msg.agent');
      await agentMsgs.filter({ hasText: 'Sprawdzam' }).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      assert.equal(await agentMsgs.count(), 1, 'the reply shows once; the note never');
      assert.match((await agentMsgs.first().locator('.bubble').textContent()) ?? '', /<img src=x onerror="window.__xss=1"><script>/);
      assert.equal(await agentMsgs.first().locator('.bubble img, .bubble script').count(), 0);
      const link = agentMsgs.first().locator('a');
      assert.equal(await link.getAttribute('href'), 'https://example.com/track');
      assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
      assert.match((await agentMsgs.first().locator('.who').textContent()) ?? '', /Kasia/);
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');

      // Reload: the same conversation, each message once.
      await page.reload();
      await page.getByRole('button', { name: pl.openChat }).click();
      await dialog.locator('li.msg.agent').first().waitFor({ timeout: 15_000 });
      assert.equal(await dialog.locator('li.msg.own').count(), 1);
      assert.equal(await dialog.locator('li.msg.agent').count(), 1);
      // The visitor's message reached the agent side: marked delivered (or read).
      assert.match((await dialog.locator('li.msg.own .status').first().textContent()) ?? '', new RegExp(`${pl.delivered}|${pl.read}`));

      // The composer's tool buttons carry drawn icons too, named for screen readers.
      for (const name of [pl.emoji, pl.attach]) {
        const b = dialog.getByRole('button', { name, exact: true });
        assert.equal((await b.textContent())?.trim(), '', name);
        assert.equal(await b.locator('svg').count(), 1, name);
      }

      // Attachments: a text file goes up and shows as a link; one over the limit is refused in the widget.
      const file = dialog.locator('input[type="file"]');
      await file.setInputFiles({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1234') });
      const fileLink = dialog.locator('li.msg.own a', { hasText: pl.attachment.replace('{name}', 'order.txt') });
      await fileLink.waitFor({ timeout: 15_000 });
      assert.match((await fileLink.getAttribute('href')) ?? '', /\/api\/widget\/v1\/attachments\/.+token=/);
      await file.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024) });
      await dialog.getByRole('alert').getByText(pl.tooLarge.replace('{max}', '10 MB')).waitFor();

      // The socket goes down; a message sent meanwhile waits, then arrives once after the reconnect.
      down = true;
      for (const ws of live.splice(0)) await ws.close({ code: 4000, reason: 'test: network down' });
      await dialog.getByText(pl.reconnecting).waitFor({ timeout: 10_000 });
      await box.fill('Wysłane bez sieci');
      await box.press('Enter');
      await dialog.locator('li.msg.own', { hasText: 'Wysłane bez sieci' }).getByText(pl.sending).waitFor();
      await page.waitForTimeout(1_000);
      down = false;
      await waitFor('the resend to be acknowledged', async () => (await dialog.locator('li.msg.own.sent', { hasText: 'Wysłane bez sieci' }).count()) === 1, 30_000);
      await page.waitForTimeout(500);
      assert.equal(await dialog.locator('li.msg', { hasText: 'Wysłane bez sieci' }).count(), 1, 'shown once');
      const stored = (await env.t.req('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`, { cookie: kasia })).json().items as { text: string | null; direction: string }[];
      assert.equal(stored.filter((m) => m.text === 'Wysłane bez sieci').length, 1, 'stored once');
      assert.equal(stored.filter((m) => m.text?.startsWith('Dzień dobry')).length, 1);

      // A second tab shows the same conversation.
      const tab2 = await ctx.newPage();
      await tab2.goto(`${url}/demo/shop`);
      await tab2.getByRole('button', { name: pl.openChat }).click();
      await tab2.getByRole('dialog').locator('li.msg', { hasText: 'Wysłane bez sieci' }).waitFor({ timeout: 15_000 });
      // ...live: what the first tab sends shows in the second, once.
      await box.fill('Widać w obu kartach');
      await box.press('Enter');
      await tab2.getByRole('dialog').locator('li.msg.own', { hasText: 'Widać w obu kartach' }).waitFor({ timeout: 15_000 });
      await tab2.waitForTimeout(300);
      assert.equal(await tab2.getByRole('dialog').locator('li.msg', { hasText: 'Widać w obu kartach' }).count(), 1);
      await tab2.close();

      // The agent resolves the conversation: the visitor is asked for CSAT (stars and a comment).
      const resolved = await env.t.req('PATCH', `/api/v1/conversations/${conversationId}`, { cookie: kasia, body: { status: 'resolved' } });
      assert.equal(resolved.statusCode, 200, resolved.body);
      await dialog.getByRole('group', { name: pl.csatQuestion }).waitFor({ timeout: 15_000 });
      await dialog.getByRole('button', { name: pl.csatStars.replace('{n}', '4') }).click();
      await dialog.getByLabel(pl.csatComment).fill('Szybko i miło <b>dzięki</b>');
      await dialog.getByRole('button', { name: pl.csatSend }).click();
      await dialog.getByText(pl.csatThanks).waitFor({ timeout: 10_000 });
      const csat = await env.t.server.database.db.selectFrom('survey_responses').selectAll().where('conversation_id', '=', conversationId).execute();
      assert.equal(csat.length, 1);
      assert.equal(csat[0]!.score, 4);

      // Escape closes and focus returns to the launcher.
      await box.focus();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Focus moves after the dialog is gone (the next frame): give it a moment, then it must be there.
      const launcherFocused = () => page.getByRole('button', { name: pl.openChat }).evaluate((el) => el === (el.getRootNode() as unknown as { activeElement: unknown }).activeElement);
      for (let i = 0; i < 20 && !(await launcherFocused()); i++) await page.waitForTimeout(50);
      assert.equal(await launcherFocused(), true);
      // Closed: a new agent message shows as an unread count on the launcher.
      const later = await env.t.req('POST', `/api/v1/conversations/${conversationId}/messages`, { cookie: kasia, body: { kind: 'reply', text: 'Jeszcze jedno pytanie?' } });
      assert.equal(later.statusCode, 201, later.body);
      await page.getByRole('button', { name: `${pl.openChat} (1)` }).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: `${pl.openChat} (1)` }).click();
      await dialog.locator('li.msg.agent', { hasText: 'Jeszcze jedno pytanie?' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: pl.openChat, exact: true }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  test('on a phone: the demo page fits the screen, the launcher is in view, ?lang=cy speaks Welsh', async () => {
    const url = env.t.server.url!;
    const ctx = await env.browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    try {
      const page = await ctx.newPage();
      await page.goto(`${url}/demo/shop?lang=cy`);
      const launcher = page.getByRole('button', { name: cy.openChat });
      await launcher.waitFor({ timeout: 15_000 });
      // A page wider than the screen widens the layout viewport, and the fixed launcher leaves the visible part.
      const fit = await page.evaluate(() => {
        // This file has no DOM types: the page's globals, as the callback sees them.
        const w = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number; visualViewport: { width: number; height: number } };
        return { scroll: w.document.documentElement.scrollWidth, inner: w.innerWidth, visual: w.visualViewport.width, visualH: w.visualViewport.height };
      });
      assert.ok(fit.scroll <= fit.visual, JSON.stringify(fit));
      const box = (await launcher.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= fit.visual && box.y + box.height <= fit.visualH, `launcher in view: ${JSON.stringify(box)} ${JSON.stringify(fit)}`);
      await launcher.tap();
      await page.getByRole('dialog').getByRole('heading', { name: cy.chatWith.replace('{name}', 'Bennett & Hale Home') }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  test('an unknown or non-chat inbox shows "chat unavailable"', async () => {
    const url = env.t.server.url!;
    const admin = await env.t.login(demo.admin);
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Widget E2E API', channel: 'api' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    try {
      for (const inbox of [randomUUID(), ib.json().id as string]) {
        await ctx.route(`${url}/demo/elsewhere`, (route) =>
          route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>Elsewhere</title></head><body><main><h1>Shop</h1></main><script src="/widget.js" data-inbox="${inbox}" async></script></body></html>` }),
        );
        const page: Page = await ctx.newPage();
        await page.goto(`${url}/demo/elsewhere`);
        await page.getByRole('button', { name: en.openChat }).click();
        await page.getByRole('dialog').getByText(en.unavailable).waitFor({ timeout: 10_000 });
        assert.equal(await page.getByRole('dialog').getByLabel(en.messageLabel, { exact: true }).count(), 0, 'no composer');
        await page.close();
        await ctx.unroute(`${url}/demo/elsewhere`);
      }
    } finally {
      await ctx.close();
    }
  });

  test('closed hours: the visitor leaves an email and a message, which becomes a ticket', async () => {
    const url = env.t.server.url!;
    const admin = await env.t.login(demo.admin);
    // Open only on the day after tomorrow (London): closed now.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);
    const openDay = days[(days.indexOf(today) + 2) % 7]!;
    const cal = await env.t.req('POST', '/api/v1/business-calendars', { cookie: admin, body: { name: 'Closed now', timeZone: 'Europe/London', hours: { [openDay]: [{ start: '09:00', end: '17:00' }] }, holidays: [] } });
    assert.equal(cal.statusCode, 201, cal.body);
    const ib = await env.t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Closed chat', channel: 'chat' } });
    assert.equal(ib.statusCode, 201, ib.body);
    const inbox = ib.json() as { id: string; settings: Record<string, unknown> };
    const patched = await env.t.req('PATCH', `/api/v1/inboxes/${inbox.id}`, { cookie: admin, body: { settings: { ...inbox.settings, enabled: true, calendarId: cal.json().id, languages: ['en', 'cy'] } } });
    assert.equal(patched.statusCode, 200, patched.body);
    const ctx = await env.browser.newContext({ locale: 'cy-GB', bypassCSP: true });
    try {
      await ctx.route(`${url}/demo/closed`, (route) =>
        route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><title>Closed</title></head><body><main><h1>Shop</h1></main><script src="/widget.js" data-inbox="${inbox.id}" async></script></body></html>` }),
      );
      const page = await ctx.newPage();
      await page.goto(`${url}/demo/closed`);
      // No <html lang>: the browser's Welsh is used.
      await page.getByRole('button', { name: cy.openChat }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(cy.closedTitle).waitFor({ timeout: 10_000 });
      await dialog.getByText(/Byddwn ar agor eto/).waitFor();
      await dialog.getByRole('button', { name: cy.sendOffline }).click();
      await dialog.getByText(cy.required.replace('{field}', cy.yourEmail)).waitFor();
      await dialog.getByLabel(cy.yourEmail).fill('gwen.closed@');
      await dialog.getByRole('button', { name: cy.sendOffline }).click();
      await dialog.getByText(cy.invalidEmail).waitFor();
      await dialog.getByLabel(cy.yourEmail).fill('gwen.closed@example.com');
      await dialog.getByLabel(cy.yourMessage).fill('Ble mae fy archeb?');
      await dialog.getByRole('button', { name: cy.sendOffline }).click();
      await dialog.getByText(cy.offlineThanks).waitFor({ timeout: 10_000 });
      const tickets = (await env.t.req('GET', '/api/v1/tickets?limit=100', { cookie: admin })).json().items as { tags: string[] }[];
      assert.equal(tickets.filter((t) => t.tags.includes('chat-offline')).length, 1, 'a ticket was made');
      await page.waitForTimeout(500);
      await dialog.getByText(cy.offlineThanks).waitFor();

      // Open again and without pre-chat fields: a new visitor chats straight away.
      const reopened = await env.t.req('PATCH', `/api/v1/inboxes/${inbox.id}`, { cookie: admin, body: { settings: { ...inbox.settings, enabled: true, calendarId: null, languages: ['en', 'cy'] } } });
      assert.equal(reopened.statusCode, 200, reopened.body);
      const fresh = await env.browser.newContext({ locale: 'cy-GB' });
      try {
        await fresh.route(`${url}/demo/closed`, (route) =>
          route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><title>Open</title></head><body><script src="/widget.js" data-inbox="${inbox.id}" data-lang="en" async></script></body></html>` }),
        );
        const p2 = await fresh.newPage();
        await p2.goto(`${url}/demo/closed`);
        await p2.getByRole('button', { name: en.openChat }).click();
        await p2.getByRole('dialog').getByLabel(en.messageLabel, { exact: true }).waitFor({ timeout: 10_000 });
        assert.equal(await p2.getByRole('dialog').getByText(en.closedTitle).count(), 0);
      } finally {
        await fresh.close();
      }
    } finally {
      await ctx.close();
    }
  });
});
