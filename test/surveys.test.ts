import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { W, demoChatInbox, sendMsg, sessionOk } from './widget-helpers.ts';
import { wsClient } from './helpers/ws.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { inviteOnResolution } from '../src/core/surveys/invite.ts';
import { chatSurveySender } from '../src/core/surveys/senders.ts';
import type { StoredEvent } from '../src/storage/events.repo.ts';

const DAY = 86_400_000;
const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true, kinds: ['csat', 'nps'], atResolution: 'csat', throttleDays: 7, linkValidityDays: 7, questions: { csat: { en: 'Rate our help, please' }, nps: {} }, ...over,
});
/** Undo quoted-printable soft breaks and escapes in a raw mail. */
const qp = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
const waitFor = async <T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 8000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

for (const kind of await dbKinds()) {
  describe(`surveys on ${kind}`, () => {
    let t: TestServer;
    let smtp: SMTPServer;
    const mails: { to: string; body: string }[] = [];
    let admin = '';
    let agent = '';
    let emailInbox = '';
    let tenantId = '';
    let offsetMs = 0;
    let n = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };

    const db = () => t.server.database.db;
    const req = (m: 'GET' | 'POST', url: string, body?: string) =>
      t.server.app.inject({ method: m, url, headers: { 'accept-language': 'en', ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }) }, ...(body !== undefined && { payload: body }) });

    /** A customer writes by email, an agent replies (unless botOnly), the conversation is resolved. */
    async function resolvedConversation(email: string, o: { reply?: boolean } = {}) {
      const res = await t.req('POST', `/api/v1/inboxes/${emailInbox}/messages`, { cookie: agent, body: { providerMessageId: `sv-${++n}`, from: { kind: 'email', value: email, name: `Sam Survey ${n}` }, text: 'My refund is late' } });
      assert.equal(res.statusCode, 201, res.body);
      const conv = res.json().conversation as { id: string; customerId: string };
      if (o.reply !== false) assert.equal((await t.req('POST', `/api/v1/conversations/${conv.id}/messages`, { cookie: agent, body: { kind: 'reply', text: 'Refund sent today' } })).statusCode, 201);
      const r = await t.req('PATCH', `/api/v1/conversations/${conv.id}`, { cookie: agent, body: { status: 'resolved' } });
      assert.equal(r.statusCode, 200, r.body);
      return conv;
    }
    const invitationsOf = (conversationId: string) => db().selectFrom('survey_invitations').selectAll().where('conversation_id', '=', conversationId).execute();
    const resolutionEvent = async (conversationId: string): Promise<StoredEvent> => {
      const e = await waitFor(() => db().selectFrom('events').selectAll().where('aggregate_id', '=', conversationId).where('type', '=', 'conversation.status_changed').where('seq', 'is not', null).orderBy('seq', 'desc').executeTakeFirst(), 'the resolution event');
      return { id: e.id, tenantId: e.tenant_id, seq: Number(e.seq), type: e.type, aggregateType: e.aggregate_type, aggregateId: e.aggregate_id, actorId: e.actor_id, topics: e.topics, payload: e.payload as Record<string, unknown>, createdAt: e.created_at };
    };
    /** The invitation step called directly on a resolution event: its outcome is what the bus subscriber did too. */
    const inviteDirectly = async (conversationId: string) => {
      const repos = createRepos(db());
      const deps = { repos, uow: createUnitOfWork(db(), () => t.server.dispatcher.poke()), clock, newId: uuidv7, settings: { publicUrl: 'http://localhost' } } as Parameters<typeof inviteOnResolution>[0];
      return (await inviteOnResolution(deps, { email: { address: 'email', send: async () => {} }, chat: chatSurveySender }, await resolutionEvent(conversationId))).outcome;
    };
    const linkFor = async (to: string) => {
      const mail = await waitFor(() => mails.find((m) => m.to === to), `a survey mail to ${to}`);
      const m = /\/survey\/([A-Za-z0-9_-]{43})/.exec(qp(mail.body));
      assert.ok(m, 'the mail carries a survey link');
      return { token: m[1]!, body: qp(mail.body) };
    };

    before(async () => {
      smtp = new SMTPServer({
        authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
        onData(stream, session, cb) {
          let body = '';
          stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
          stream.on('end', () => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
            cb();
          });
        },
      });
      await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
      const port = (smtp.server.address() as { port: number }).port;
      t = await startTestServer(kind, { clock, listen: true, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Demo <noreply@demo.example>' } });
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      tenantId = (await t.req('GET', '/api/v1/auth/me', { cookie: admin })).json().tenant.id;
      const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Survey mail', channel: 'email', reopenWindowMs: 0 } });
      assert.equal(inbox.statusCode, 201, inbox.body);
      emailInbox = inbox.json().id;
    });
    after(async () => {
      await t?.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    });

    test('settings: defaults in six languages, bad input is a 400 with the reason, agents are refused, a change is audited', async () => {
      const got = await t.req('GET', '/api/v1/surveys/settings', { cookie: admin });
      assert.equal(got.statusCode, 200, got.body);
      const v = got.json();
      assert.equal(v.settings.enabled, false);
      assert.equal(v.settings.throttleDays, 7);
      assert.equal(v.settings.linkValidityDays, 7);
      assert.deepEqual(Object.keys(v.defaults.csat).sort(), ['cy', 'en', 'hi', 'pl', 'zh-Hans', 'zh-Hant']);
      assert.deepEqual(v.channels, ['chat', 'email']);

      const bad = async (body: unknown, path: string) => {
        const r = await t.req('PUT', '/api/v1/surveys/settings', { cookie: admin, body });
        assert.equal(r.statusCode, 400, r.body);
        assert.match(r.json().error.message, new RegExp(path));
      };
      await bad(settings({ kinds: ['csat'], atResolution: 'nps' }), 'atResolution');
      await bad(settings({ kinds: [] }), 'kinds');
      await bad(settings({ throttleDays: -1 }), 'throttleDays');
      await bad(settings({ linkValidityDays: 0 }), 'linkValidityDays');
      await bad(settings({ questions: { csat: { fr: 'Bonjour?' }, nps: {} } }), 'fr');
      await bad(settings({ questions: { csat: { en: '   ' }, nps: {} } }), 'questions');
      assert.equal((await t.req('GET', '/api/v1/surveys/settings', { cookie: admin })).json().settings.enabled, false, 'nothing half-written');
      assert.equal((await t.req('PUT', '/api/v1/surveys/settings', { cookie: agent, body: settings() })).statusCode, 403);
      assert.equal((await t.req('GET', '/api/v1/surveys/comments', { cookie: agent })).statusCode, 403);

      const put = await t.req('PUT', '/api/v1/surveys/settings', { cookie: admin, body: settings() });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().settings.enabled, true);
      const audit = await db().selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('action', '=', 'surveys.settings_updated').execute();
      assert.equal(audit.length, 1);
      assert.ok((audit[0]!.details as { changed: string[] }).changed.includes('enabled'));
    });

    test('resolution → invitation → mail link → answer: one response row, events, timeline and health input', async () => {
      const email = 'sam.survey@example.org';
      const conv = await resolvedConversation(email);
      const { token, body } = await linkFor(email);
      assert.match(body, /Rate our help, please/);
      const [inv] = await waitFor(async () => ((await invitationsOf(conv.id)).length ? invitationsOf(conv.id) : undefined), 'the invitation row');
      assert.equal(inv!.channel, 'email');
      assert.equal(inv!.kind, 'csat');
      assert.notEqual(inv!.token_hash, token, 'the token is stored only as a hash');
      const sent = await db().selectFrom('events').selectAll().where('type', '=', 'survey.sent').where('aggregate_id', '=', conv.id).execute();
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.payload, { invitationId: inv!.id, conversationId: conv.id, customerId: conv.customerId, channel: 'email', kind: 'csat' });
      assert.deepEqual(await inviteDirectly(conv.id), { sent: false, reason: 'duplicate' }, 'the same resolution event never invites twice');

      const page = await req('GET', `/survey/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-security-policy'] as string, /default-src 'none'/);
      assert.ok(!page.body.includes('<script'));
      assert.match(page.body, /Rate our help, please/);
      assert.equal((page.body.match(/type="radio" name="score"/g) ?? []).length, 5);
      assert.ok(!page.body.includes(email) && !page.body.includes('Sam Survey'), 'nothing about the customer on the page');

      const before = await createRepos(db()).health.rawSignals(tenantId, conv.customerId, clock.now());
      const badScore = await req('POST', `/survey/${token}`, 'score=9&comment=hi');
      assert.equal(badScore.statusCode, 400);
      assert.match(badScore.body, /choose a score/);
      const tooLong = await req('POST', `/survey/${token}`, `score=2&comment=${'x'.repeat(2001)}`);
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /2,000/);
      assert.equal((await db().selectFrom('survey_responses').selectAll().where('customer_id', '=', conv.customerId).execute()).length, 0, 'bad input writes nothing');

      const ok = await req('POST', `/survey/${token}`, `score=2&comment=${encodeURIComponent('The refund process was slow and the quokka hotline was confusing')}`);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.match(ok.body, /Thank you/);
      const rows = await db().selectFrom('survey_responses').selectAll().where('customer_id', '=', conv.customerId).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.score, 2);
      assert.equal(rows[0]!.invitation_id, inv!.id);
      assert.equal(rows[0]!.channel, 'email');
      const answered = await db().selectFrom('survey_invitations').select(['answered_at', 'response_id']).where('id', '=', inv!.id).executeTakeFirstOrThrow();
      assert.equal(answered.response_id, rows[0]!.id);
      const ev = await db().selectFrom('events').selectAll().where('type', '=', 'survey.responded').where('aggregate_id', '=', conv.id).execute();
      assert.equal(ev.length, 1);
      assert.deepEqual(ev[0]!.payload, { conversationId: conv.id, customerId: conv.customerId, kind: 'csat', score: 2, responseId: rows[0]!.id, invitationId: inv!.id, channel: 'email' });

      const tl = await t.req('GET', `/api/v1/customers/${conv.customerId}/timeline`, { cookie: agent });
      assert.equal(tl.statusCode, 200, tl.body);
      const item = (tl.json().items as { kind: string; data: { score: number; comment: string } }[]).find((i) => i.kind === 'survey');
      assert.equal(item?.data.score, 2);
      assert.match(item!.data.comment, /refund process/);

      const afterSignals = await createRepos(db()).health.rawSignals(tenantId, conv.customerId, clock.now());
      assert.equal(before.csatCount, 0);
      assert.equal(afterSignals.csatCount, 1);
      assert.equal(afterSignals.avgCsat, 2, 'the answer is the health score’s CSAT input');

      // VoC: the comment is analysed (themes) and listed, searchable and filterable by theme.
      const listed: { items: { score: number; themes: string[] }[] } = await waitFor(async () => {
        const r = await t.req('GET', '/api/v1/surveys/comments?theme=refund', { cookie: admin });
        assert.equal(r.statusCode, 200, r.body);
        return r.json().items.length ? r.json() : undefined;
      }, 'the analysed comment');
      assert.equal(listed.items[0]!.score, 2);
      assert.ok(listed.items[0]!.themes.includes('refund process'));
      const themes = (await t.req('GET', '/api/v1/surveys/themes', { cookie: admin })).json();
      assert.ok(themes.themes.some((x: { theme: string; count: number }) => x.theme === 'refund' && x.count >= 1));
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?q=quokka', { cookie: admin })).json().items.length, 1);
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?q=nomatchzzz', { cookie: admin })).json().items.length, 0);
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?from=2030-01-02&to=2030-01-01', { cookie: admin })).statusCode, 400);
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?sentiment=great', { cookie: admin })).statusCode, 400);
      const neg = (await t.req('GET', '/api/v1/surveys/comments?sentiment=negative&q=quokka', { cookie: admin })).json();
      assert.equal(neg.items.length, 1, 'a slow, confusing experience reads as negative');
      assert.equal(neg.items[0].sentimentBand, 'negative');
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?sentiment=positive&q=quokka', { cookie: admin })).json().items.length, 0);

      // Reused: refused with the neutral page.
      const again = await req('POST', `/survey/${token}`, 'score=5');
      assert.equal(again.statusCode, 404);
      assert.equal((await db().selectFrom('survey_responses').selectAll().where('customer_id', '=', conv.customerId).execute()).length, 1, 'a second answer is refused');
    });

    test('reused, forged, expired and unknown links get the same neutral page and status', async () => {
      const email = 'eve.expired@example.org';
      await resolvedConversation(email);
      const { token } = await linkFor(email);
      const reusedToken = (await linkFor('sam.survey@example.org')).token;
      const forged = randomBytes(32).toString('base64url');
      const pages = [await req('GET', `/survey/${reusedToken}`), await req('GET', `/survey/${forged}`), await req('GET', '/survey/not-a-token'), await req('POST', `/survey/${forged}`, 'score=5')];
      offsetMs = 8 * DAY;
      try {
        pages.push(await req('GET', `/survey/${token}`), await req('POST', `/survey/${token}`, 'score=5'));
      } finally {
        offsetMs = 0;
      }
      for (const p of pages) {
        assert.equal(p.statusCode, 404);
        assert.equal(p.body, pages[0]!.body);
        assert.match(p.body, /no longer valid/);
        assert.ok(!p.body.includes('Eve') && !p.body.includes('@'));
      }
      assert.equal((await req('GET', `/survey/${token}`)).statusCode, 200, 'before its expiry the same link works');
      const cy = await t.server.app.inject({ method: 'GET', url: `/survey/${forged}`, headers: { 'accept-language': 'cy' } });
      assert.match(cy.body, /Nid yw’r ddolen arolwg hon yn ddilys mwyach/);
    });

    test('throttle: one invitation per customer per 7 days; bot-only conversations are skipped', async () => {
      const email = 'tom.throttle@example.org';
      const first = await resolvedConversation(email);
      await linkFor(email);
      const second = await resolvedConversation(email);
      assert.deepEqual(await inviteDirectly(second.id), { sent: false, reason: 'throttled' });
      assert.equal((await invitationsOf(second.id)).length, 0);
      assert.equal((await invitationsOf(first.id)).length, 1);
      offsetMs = 7 * DAY + 60_000;
      try {
        const third = await resolvedConversation(email);
        await waitFor(async () => ((await invitationsOf(third.id)).length ? true : undefined), 'an invitation after the window');
      } finally {
        offsetMs = 0;
      }
      const bot = await resolvedConversation('bob.bot@example.org', { reply: false });
      assert.deepEqual(await inviteDirectly(bot.id), { sent: false, reason: 'bot_only' });
      assert.equal(mails.filter((m) => m.to === 'bob.bot@example.org').length, 0);
    });

    test('chat: the invitation is answered by the widget\'s rating, linked to it, with the channel on the event', async () => {
      const inbox = await demoChatInbox(t, admin);
      const s = await sessionOk(t, inbox.id);
      const m = (await sendMsg(t, s.token, { clientId: randomUUID(), text: 'Where is my parcel?' })).json() as { conversationId: string };
      assert.equal((await t.req('POST', `/api/v1/conversations/${m.conversationId}/messages`, { cookie: agent, body: { kind: 'reply', text: 'On its way' } })).statusCode, 201);
      assert.equal((await t.req('PATCH', `/api/v1/conversations/${m.conversationId}`, { cookie: agent, body: { status: 'resolved' } })).statusCode, 200);
      const [inv] = await waitFor(async () => ((await invitationsOf(m.conversationId)).length ? invitationsOf(m.conversationId) : undefined), 'the chat invitation');
      assert.equal(inv!.channel, 'chat');
      const res = await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: m.conversationId, score: 5, comment: 'Quick and friendly, thank you' } });
      assert.equal(res.statusCode, 201, res.body);
      const row = await db().selectFrom('survey_responses').selectAll().where('conversation_id', '=', m.conversationId).executeTakeFirstOrThrow();
      assert.equal(row.invitation_id, inv!.id);
      assert.equal(row.channel, 'chat');
      const answered = await db().selectFrom('survey_invitations').select('response_id').where('id', '=', inv!.id).executeTakeFirstOrThrow();
      assert.equal(answered.response_id, row.id);
      const ev = await db().selectFrom('events').select('payload').where('type', '=', 'survey.responded').where('aggregate_id', '=', m.conversationId).executeTakeFirstOrThrow();
      assert.deepEqual(ev.payload, { conversationId: m.conversationId, customerId: row.customer_id, kind: 'csat', score: 5, responseId: row.id, invitationId: inv!.id, channel: 'chat' });
      // Its comment is analysed: positive.
      const item = await waitFor(async () => {
        const r = (await t.req('GET', '/api/v1/surveys/comments?sentiment=positive&q=friendly', { cookie: admin })).json() as { items: { id: string; sentimentBand: string }[] };
        return r.items.find((i) => i.id === row.id);
      }, 'the positive chat comment');
      assert.equal(item.sentimentBand, 'positive');
    });

    test('chat with NPS at resolution: the widget is asked for 0–10 and its answer is an NPS response; wrong scales are 400s', async () => {
      assert.equal((await t.req('PUT', '/api/v1/surveys/settings', { cookie: admin, body: settings({ atResolution: 'nps', throttleDays: 0 }) })).statusCode, 200);
      const inbox = await demoChatInbox(t, admin);
      const s = await sessionOk(t, inbox.id);
      const v = wsClient(`${t.server.url!.replace(/^http/, 'ws')}/widget/ws?token=${encodeURIComponent(s.token)}`);
      try {
        await v.opened;
        v.send({ type: 'hello', lastSeq: 0 });
        await v.next((f) => f.type === 'welcome', 'welcome');
        v.send({ type: 'send', clientId: randomUUID(), text: 'Can I change my order?' });
        const conv = ((await v.next((f) => f.type === 'ack', 'ack')) as unknown as Record<string, unknown>).conversationId as string;
        assert.equal((await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'Done' } })).statusCode, 201);
        assert.equal((await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { status: 'resolved' } })).statusCode, 200);
        const req = (await v.next((f) => f.type === 'csat_request', 'csat_request')) as unknown as Record<string, unknown>;
        assert.equal(req.kind, 'nps');
        const [inv] = await waitFor(async () => ((await invitationsOf(conv)).length ? invitationsOf(conv) : undefined), 'the NPS chat invitation');
        assert.equal(inv!.kind, 'nps');
        assert.equal((await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: conv, kind: 'csat', score: 7 } })).statusCode, 400);
        assert.equal((await t.req('POST', `${W}/csat`, { token: s.token, body: { conversationId: conv, kind: 'nps', score: 11 } })).statusCode, 400);
        v.send({ type: 'csat', kind: 'nps', score: 0 });
        await v.next((f) => f.type === 'csat_saved', 'csat_saved');
        const row = await db().selectFrom('survey_responses').selectAll().where('conversation_id', '=', conv).executeTakeFirstOrThrow();
        assert.deepEqual([row.kind, row.score, row.invitation_id], ['nps', 0, inv!.id]);
      } finally {
        v.close();
      }
    });

    test('erasing a customer removes their comments and the themes read from them from the VoC view', async () => {
      const row = await db().selectFrom('survey_responses').select(['id', 'customer_id']).where('comment', 'like', '%quokka%').executeTakeFirstOrThrow();
      const erased = await t.req('POST', `/api/v1/customers/${row.customer_id}/erase`, { cookie: admin, body: { confirm: row.customer_id } });
      assert.equal(erased.statusCode, 200, erased.body);
      assert.equal((await t.req('GET', '/api/v1/surveys/comments?q=quokka', { cookie: admin })).json().items.length, 0);
      assert.equal((await db().selectFrom('survey_comment_insights').select('response_id').where('response_id', '=', row.id).execute()).length, 0);
      const themes = (await t.req('GET', '/api/v1/surveys/themes', { cookie: admin })).json() as { themes: { theme: string }[] };
      assert.ok(!themes.themes.some((x) => x.theme.includes('quokka')));
    });

    test('surveys switched off: a resolution invites nobody', async () => {
      assert.equal((await t.req('PUT', '/api/v1/surveys/settings', { cookie: admin, body: settings({ enabled: false }) })).statusCode, 200);
      const conv = await resolvedConversation('olive.off@example.org');
      assert.deepEqual(await inviteDirectly(conv.id), { sent: false, reason: 'disabled' });
      assert.equal((await invitationsOf(conv.id)).length, 0);
    });
  });
}
