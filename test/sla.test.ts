import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { consumeSlaEvents } from '../src/core/sla/engine.ts';
import { slaTick } from '../src/core/sla/tick.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Target { metric: string; state: string; dueAt: string | null; remainingBusinessMinutes: number | null; remainingMs: number | null; nearBreach: boolean; breached: boolean; businessMinutesUsed: number }
interface EventJson { id: string; type: string; aggregateId: string; actorId: string | null; topics: string[]; payload: Record<string, unknown> }

const weekdays = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] };

for (const kind of await dbKinds()) {
  describe(`SLA on ${kind}`, () => {
    let t: TestServer;
    // Monday 12 January 2026, 09:00 in London (GMT, so UTC).
    let current = new Date('2026-01-12T09:00:00Z');
    const clock = { now: () => current };
    const setTime = (iso: string) => (current = new Date(iso));
    let admin = '';
    let agent = '';
    let supervisor = '';
    const users: Record<string, string> = {};
    let deps: Parameters<typeof slaTick>[0];
    let calendarId = '';

    const events = async (type: string, ticketId: string) =>
      ((await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[]).filter((e) => e.aggregateId === ticketId);
    const sla = async (ticketId: string) => {
      const r = await t.req('GET', `/api/v1/tickets/${ticketId}/sla`, { cookie: agent });
      assert.equal(r.statusCode, 200, r.body);
      return Object.fromEntries((r.json().targets as Target[]).map((x) => [x.metric, x])) as Record<string, Target>;
    };
    const createTicket = async (body: Record<string, unknown>) => {
      const r = await t.req('POST', '/api/v1/tickets', { cookie: agent, body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { id: string; assigneeId: string | null };
    };
    const patch = async (id: string, body: Record<string, unknown>) => {
      const r = await t.req('PATCH', `/api/v1/tickets/${id}`, { cookie: agent, body });
      assert.equal(r.statusCode, 200, r.body);
    };
    const count = async (table: 'sla_policies' | 'business_calendars') =>
      Number((await t.server.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

    let demoTargets: { metric: string; policy: string }[] = [];
    before(async () => {
      t = await startTestServer(kind, { clock });
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      supervisor = await t.login(demo.supervisor);
      for (const u of (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
      const db = t.server.database.db;
      deps = { repos: createRepos(db), uow: createUnitOfWork(db, () => t.server.dispatcher.poke()), clock, newId: uuidv7 };
      // The demo seed's tickets got the demo policies; these tests start from no policy at all.
      await consumeSlaEvents(deps);
      demoTargets = (await sql<{ metric: string; policy: string }>`SELECT s.metric, p.name AS policy FROM ticket_sla s
        JOIN tickets t ON t.tenant_id = s.tenant_id AND t.id = s.ticket_id JOIN sla_policies p ON p.tenant_id = s.tenant_id AND p.id = s.policy_id
        WHERE t.subject = 'Duplicate charge on the March invoice' ORDER BY s.metric`.execute(db)).rows;
      await sql`DELETE FROM sla_policies`.execute(db);
      await sql`DELETE FROM business_calendars`.execute(db);
    });
    after(() => t?.close());

    test('the demo workspace comes with business hours and policies, and its ticket has targets', () => {
      assert.ok(demoTargets.length >= 2, JSON.stringify(demoTargets));
      assert.ok(demoTargets.some((x) => x.metric === 'first_response' && x.policy === 'Urgent and high'), JSON.stringify(demoTargets));
    });

    test('invalid calendars and policies are 400s naming the fields, with nothing stored', async () => {
      const cal = await t.req('POST', '/api/v1/business-calendars', {
        cookie: admin,
        body: { name: 'Broken', timeZone: 'Mars/Olympus', hours: { mon: [{ start: '17:00', end: '09:00' }], tue: [{ start: '9am', end: '17:00' }] }, holidays: ['2026-13-01'] },
      });
      assert.equal(cal.statusCode, 400, cal.body);
      const paths = (cal.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(paths, ['holidays.0', 'hours', 'hours.mon.0.end', 'hours.tue.0.start', 'timeZone'], 'no valid interval left: hours names that too');
      assert.match(cal.json().error.message, /timeZone/);

      const badTarget = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body: { name: 'Bad', targets: { firstResponse: -5, resolution: 1.5 } } });
      assert.equal(badTarget.statusCode, 400, badTarget.body);
      const tp = (badTarget.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(tp, ['targets.firstResponse', 'targets.resolution']);
      const noTarget = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body: { name: 'Empty', targets: {} } });
      assert.equal(noTarget.statusCode, 400, noTarget.body);
      assert.equal(noTarget.json().error.details[0].path, 'targets');
      const unknownCal = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body: { name: 'Ghost', targets: { resolution: 60 }, calendar: { mode: 'calendar', calendarId: '0190a000-0000-7000-8000-000000000000' } } });
      assert.equal(unknownCal.statusCode, 400, unknownCal.body);
      assert.equal(unknownCal.json().error.details[0].path, 'calendar.calendarId');
      assert.equal(await count('sla_policies'), 0);
      assert.equal(await count('business_calendars'), 0);
    });

    test('agents may not read or change SLA settings; supervisors read only', async () => {
      for (const [method, url] of [['GET', '/api/v1/sla-policies'], ['GET', '/api/v1/business-calendars'], ['POST', '/api/v1/business-calendars'], ['POST', '/api/v1/sla-policies'], ['PUT', '/api/v1/sla-policies/order']] as const) {
        const r = await t.req(method, url, { cookie: agent, body: method === 'GET' ? undefined : {} });
        assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
      }
      assert.equal((await t.req('GET', '/api/v1/sla-policies', { cookie: supervisor })).statusCode, 200);
      assert.equal((await t.req('POST', '/api/v1/sla-policies', { cookie: supervisor, body: { name: 'x', targets: { resolution: 5 } } })).statusCode, 403);
    });

    test('calendars and policies: create, list in order, reorder, update, delete rules', async () => {
      const cal = await t.req('POST', '/api/v1/business-calendars', { cookie: admin, body: { name: 'London office', timeZone: 'Europe/London', hours: weekdays, holidays: ['2026-12-25'], isDefault: true } });
      assert.equal(cal.statusCode, 201, cal.body);
      calendarId = cal.json().id;
      const dup = await t.req('POST', '/api/v1/business-calendars', { cookie: admin, body: { name: 'London office', timeZone: 'UTC', hours: weekdays } });
      assert.equal(dup.statusCode, 409, dup.body);

      const mk = async (body: Record<string, unknown>) => {
        const r = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body });
        assert.equal(r.statusCode, 201, r.body);
        return r.json() as { id: string; position: number; name: string };
      };
      const urgent = await mk({
        name: 'Urgent', conditions: { priorities: ['urgent'] }, targets: { firstResponse: 60, resolution: 240 },
        calendar: { mode: 'calendar', calendarId }, escalation: { reassignToUserId: users[demo.priya], notifySupervisors: true },
      });
      const fallback = await mk({ name: 'Everything else', targets: { firstResponse: 480, nextResponse: 120, resolution: 2400 }, calendar: { mode: 'calendar', calendarId } });
      const vip = await mk({ name: 'VIP customers', conditions: { customerTags: ['vip'] }, targets: { firstResponse: 15 }, active: false });
      const list = async () => ((await t.req('GET', '/api/v1/sla-policies?limit=2', { cookie: supervisor })).json() as { items: { id: string }[]; nextCursor: string | null });
      const first = await list();
      assert.deepEqual(first.items.map((p) => p.id), [urgent.id, fallback.id]);
      const second = (await t.req('GET', `/api/v1/sla-policies?limit=2&cursor=${first.nextCursor}`, { cookie: supervisor })).json();
      assert.deepEqual(second.items.map((p: { id: string }) => p.id), [vip.id]);

      const badOrder = await t.req('PUT', '/api/v1/sla-policies/order', { cookie: admin, body: { ids: [vip.id, urgent.id] } });
      assert.equal(badOrder.statusCode, 400, badOrder.body);
      assert.equal(badOrder.json().error.details[0].path, 'ids');
      const order = await t.req('PUT', '/api/v1/sla-policies/order', { cookie: admin, body: { ids: [urgent.id, vip.id, fallback.id] } });
      assert.equal(order.statusCode, 200, order.body);
      assert.deepEqual(order.json().items.map((p: { id: string }) => p.id), [urgent.id, vip.id, fallback.id]);

      const upd = await t.req('PATCH', `/api/v1/sla-policies/${vip.id}`, { cookie: admin, body: { targets: { firstResponse: 0 } } });
      assert.equal(upd.statusCode, 400, upd.body);
      assert.equal(upd.json().error.details[0].path, 'targets.firstResponse');
      const inUse = await t.req('DELETE', `/api/v1/business-calendars/${calendarId}`, { cookie: admin });
      assert.equal(inUse.statusCode, 409, inUse.body);
      assert.equal((await t.req('DELETE', `/api/v1/sla-policies/${vip.id}`, { cookie: admin })).statusCode, 204);
      const audit = (await t.req('GET', '/api/v1/audit?limit=200', { cookie: admin })).json().items as { action: string }[];
      assert.ok(audit.some((a) => a.action === 'sla.policy_created') && audit.some((a) => a.action === 'sla.calendar_created'));
    });

    test('a ticket gets due times; near breach just before, breach at the due minute exactly once, with escalation', async () => {
      setTime('2026-01-12T09:00:00Z');
      const ticket = await createTicket({ subject: 'Site down', priority: 'urgent', assigneeId: users[demo.alex] });
      await consumeSlaEvents(deps);
      const s = await sla(ticket.id);
      assert.equal(s.first_response!.dueAt, '2026-01-12T10:00:00.000Z');
      assert.equal(s.resolution!.dueAt, '2026-01-12T13:00:00.000Z');
      assert.equal(s.first_response!.state, 'running');
      assert.equal(s.first_response!.remainingBusinessMinutes, 60);

      setTime('2026-01-12T09:47:59Z');
      await slaTick(deps, current);
      assert.equal((await events('sla.near_breach', ticket.id)).length, 0, 'near breach (80% = 48 min) not yet');
      setTime('2026-01-12T09:59:00Z');
      await slaTick(deps, current);
      const near = await events('sla.near_breach', ticket.id);
      assert.equal(near.length, 1);
      assert.equal(near[0]!.payload.metric, 'first_response');
      assert.equal((await events('sla.breached', ticket.id)).length, 0, 'one minute before the due time there is no breach');
      assert.equal((await sla(ticket.id)).first_response!.nearBreach, true);

      setTime('2026-01-12T10:00:00Z');
      const r = await slaTick(deps, current);
      assert.equal(r.breached, 1);
      await slaTick(deps, current);
      setTime('2026-01-12T10:01:00Z');
      await slaTick(deps, current);
      const breached = await events('sla.breached', ticket.id);
      assert.equal(breached.length, 1, 'the breach fires exactly once');
      assert.equal(breached[0]!.payload.dueAt, '2026-01-12T10:00:00.000Z');
      assert.ok(breached[0]!.topics.includes(`ticket:${ticket.id}`) && breached[0]!.topics.includes('tenant'));
      assert.ok(breached[0]!.topics.includes(`user:${users[demo.alex]}`), 'the assignee hears of it');
      assert.ok(breached[0]!.topics.includes(`user:${users[demo.supervisor]}`), 'supervisors are notified');

      const assigned = await events('ticket.assigned', ticket.id);
      const esc = assigned.find((e) => e.payload.reason === 'sla_escalation');
      assert.ok(esc, 'escalation reassigned the ticket');
      assert.equal(esc.actorId, null);
      assert.equal(esc.payload.to, users[demo.priya]);
      const now = (await t.req('GET', `/api/v1/tickets/${ticket.id}`, { cookie: agent })).json();
      assert.equal(now.assigneeId, users[demo.priya]);
      const after = await sla(ticket.id);
      assert.equal(after.first_response!.state, 'breached');
      assert.equal(after.resolution!.state, 'running');
    });

    test('pending pauses; resuming pushes due_at by the paused business time (across closing time)', async () => {
      setTime('2026-01-13T14:00:00Z'); // Tuesday 14:00
      const ticket = await createTicket({ subject: 'Invoice question', priority: 'urgent' });
      await consumeSlaEvents(deps);
      assert.equal((await sla(ticket.id)).resolution!.dueAt, '2026-01-14T10:00:00.000Z', '3 h today + 1 h tomorrow');

      setTime('2026-01-13T16:00:00Z');
      await patch(ticket.id, { status: 'pending' });
      await consumeSlaEvents(deps);
      const paused = await sla(ticket.id);
      assert.equal(paused.resolution!.state, 'paused');
      assert.equal(paused.resolution!.dueAt, null);
      assert.equal(paused.resolution!.remainingBusinessMinutes, 120);

      // Nothing fires while paused, even past the old due time.
      setTime('2026-01-14T10:30:00Z');
      await slaTick(deps, current);
      assert.equal((await events('sla.breached', ticket.id)).filter((e) => e.payload.metric === 'resolution').length, 0);

      // Paused 16:00 Tue → 10:30 Wed: 60 + 90 = 150 business minutes, so due moves from Wed 10:00 to 12:30.
      await patch(ticket.id, { status: 'open' });
      await consumeSlaEvents(deps);
      const resumed = await sla(ticket.id);
      assert.equal(resumed.resolution!.state, 'running');
      assert.equal(resumed.resolution!.dueAt, '2026-01-14T12:30:00.000Z');

      setTime('2026-01-14T12:30:00Z');
      await slaTick(deps, current);
      assert.equal((await events('sla.breached', ticket.id)).filter((e) => e.payload.metric === 'resolution').length, 1);
    });

    test('a public reply fulfils the first response; a customer message starts next response; solving fulfils resolution', async () => {
      setTime('2026-01-15T09:00:00Z');
      const customers = (await t.req('GET', '/api/v1/customers?limit=5', { cookie: agent })).json().items as { id: string }[];
      const ticket = await createTicket({ subject: 'How do I export?', priority: 'normal', requesterId: customers[0]!.id });
      await consumeSlaEvents(deps);
      const s = await sla(ticket.id);
      assert.equal(s.first_response!.dueAt, '2026-01-15T17:00:00.000Z', 'the "Everything else" policy: 480 business minutes');
      assert.equal(s.next_response, undefined);

      setTime('2026-01-15T09:20:00Z');
      const reply = await t.req('POST', `/api/v1/tickets/${ticket.id}/comments`, { cookie: agent, body: { text: 'Here is how', public: true } });
      assert.equal(reply.statusCode, 201, reply.body);
      const note = await t.req('POST', `/api/v1/tickets/${ticket.id}/comments`, { cookie: agent, body: { text: 'internal only' } });
      assert.equal(note.statusCode, 201, note.body);
      await consumeSlaEvents(deps);
      const fulfilled = await sla(ticket.id);
      assert.equal(fulfilled.first_response!.state, 'fulfilled');
      assert.equal(fulfilled.first_response!.businessMinutesUsed, 20);
      assert.equal(fulfilled.resolution!.state, 'running');

      // The customer writes again in a linked conversation: next response starts.
      const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'SLA inbox', channel: 'api' } });
      assert.equal(inbox.statusCode, 201, inbox.body);
      const msg = await t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, { cookie: admin, body: { from: { kind: 'email', value: 'sla-customer@example.com' }, text: 'thanks, one more thing' } });
      assert.equal(msg.statusCode, 201, msg.body);
      const conversationId = msg.json().conversation.id as string;
      setTime('2026-01-15T09:25:00Z');
      const link = await t.req('PUT', `/api/v1/tickets/${ticket.id}/conversations/${conversationId}`, { cookie: agent });
      assert.ok(link.statusCode < 300, link.body);
      setTime('2026-01-15T10:00:00Z');
      const again = await t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, { cookie: admin, body: { from: { kind: 'email', value: 'sla-customer@example.com' }, text: 'hello?' } });
      assert.equal(again.statusCode, 201, again.body);
      await consumeSlaEvents(deps);
      const next = await sla(ticket.id);
      assert.equal(next.next_response!.state, 'running');
      assert.equal(next.next_response!.dueAt, '2026-01-15T12:00:00.000Z');
      // The answering bot's message does not (it is not a person's response).
      const tenantOfConv = (await t.server.database.db.selectFrom('conversations').select('tenant_id').where('id', '=', conversationId).executeTakeFirstOrThrow()).tenant_id;
      await deps.uow((r) => r.events.append(tenantOfConv, [{ id: uuidv7(), type: 'message.created', aggregateType: 'message', aggregateId: uuidv7(), actorId: null, topics: [], payload: { conversationId, direction: 'outbound', authorKind: 'bot', seq: 99 } }], new Date('2026-01-15T10:10:00Z')));
      await consumeSlaEvents(deps);
      assert.equal((await sla(ticket.id)).next_response!.state, 'running', 'a bot answer leaves the clock running');
      // An agent's outbound message in the conversation answers it.
      setTime('2026-01-15T10:30:00Z');
      const out = await t.req('POST', `/api/v1/conversations/${conversationId}/messages`, { cookie: agent, body: { kind: 'reply', text: 'On it' } });
      assert.ok(out.statusCode < 300, out.body);
      await consumeSlaEvents(deps);
      assert.equal((await sla(ticket.id)).next_response!.state, 'fulfilled');

      setTime('2026-01-15T11:00:00Z');
      await patch(ticket.id, { status: 'solved' });
      await consumeSlaEvents(deps);
      const solved = await sla(ticket.id);
      assert.equal(solved.resolution!.state, 'fulfilled');
      // Reopening restarts resolution from the reopening.
      setTime('2026-01-15T12:00:00Z');
      await patch(ticket.id, { status: 'open' });
      await consumeSlaEvents(deps);
      const reopened = await sla(ticket.id);
      assert.equal(reopened.resolution!.state, 'running');
      assert.equal(reopened.resolution!.dueAt, '2026-01-22T12:00:00.000Z', '2400 business minutes = 5 working days: Thursday noon to Thursday noon');
    });

    test('customer conditions: tags and segments pick their policy first', async () => {
      setTime('2026-01-19T09:00:00Z'); // Monday
      const segment = await t.req('POST', '/api/v1/segments', { cookie: admin, body: { name: 'SLA gold', definition: { match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'gold-sla' }] } } });
      assert.equal(segment.statusCode, 201, segment.body);
      const badSeg = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body: { name: 'Ghost segment', conditions: { segmentId: '0190a000-0000-7000-8000-000000000000' }, targets: { firstResponse: 5 } } });
      assert.equal(badSeg.statusCode, 400, badSeg.body);
      assert.equal(badSeg.json().error.details[0].path, 'conditions.segmentId');
      const mk = async (body: Record<string, unknown>) => {
        const r = await t.req('POST', '/api/v1/sla-policies', { cookie: admin, body });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      };
      const gold = await mk({ name: 'Gold segment', conditions: { segmentId: segment.json().id }, targets: { firstResponse: 10 } });
      const vip = await mk({ name: 'VIP tag', conditions: { customerTags: ['vip-sla'] }, targets: { firstResponse: 20 } });
      const all = (await t.req('GET', '/api/v1/sla-policies?limit=200', { cookie: admin })).json().items as { id: string }[];
      const order = await t.req('PUT', '/api/v1/sla-policies/order', { cookie: admin, body: { ids: [gold, vip, ...all.map((p) => p.id).filter((id) => id !== gold && id !== vip)] } });
      assert.equal(order.statusCode, 200, order.body);

      const customer = async (email: string, tags: string[]) => {
        const r = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: email, tags, identities: [{ kind: 'email', value: email }] } });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      };
      const due = async (requesterId: string) => {
        const ticket = await createTicket({ subject: `For ${requesterId}`, priority: 'low', requesterId });
        await consumeSlaEvents(deps);
        return (await sla(ticket.id)).first_response!.dueAt;
      };
      assert.equal(await due(await customer('gold@sla.example', ['gold-sla', 'vip-sla'])), '2026-01-19T09:10:00.000Z', 'the segment policy comes first');
      assert.equal(await due(await customer('vip@sla.example', ['vip-sla'])), '2026-01-19T09:20:00.000Z', 'the tag policy');
      assert.equal(await due(await customer('plain@sla.example', [])), '2026-01-19T17:00:00.000Z', 'the catch-all policy');
    });

    test('a priority change re-picks the policy, counting the business time already used', async () => {
      setTime('2026-01-16T09:00:00Z'); // Friday
      const ticket = await createTicket({ subject: 'Slow page', priority: 'normal' });
      await consumeSlaEvents(deps);
      assert.equal((await sla(ticket.id)).first_response!.dueAt, '2026-01-16T17:00:00.000Z');
      setTime('2026-01-16T09:30:00Z');
      await patch(ticket.id, { priority: 'urgent' });
      await consumeSlaEvents(deps);
      const s = await sla(ticket.id);
      assert.equal(s.first_response!.dueAt, '2026-01-16T10:00:00.000Z', '60 min target, 30 already used');
      assert.equal(s.resolution!.dueAt, '2026-01-16T13:00:00.000Z');
      assert.equal(s.next_response, undefined);
      assert.equal((await t.req('GET', `/api/v1/tickets/0190a000-0000-7000-8000-000000000000/sla`, { cookie: agent })).statusCode, 404);
      // Per-team visibility: an agent outside the ticket's team does not see its SLA either.
      const teams = (await t.req('GET', '/api/v1/teams?limit=50', { cookie: admin })).json().items as { id: string; name: string }[];
      const sales = teams.find((x) => x.name === 'Sales')!;
      const hidden = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Sales only', teamId: sales.id } });
      assert.equal(hidden.statusCode, 201, hidden.body);
      assert.equal((await t.req('GET', `/api/v1/tickets/${hidden.json().id}/sla`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/tickets/${hidden.json().id}/sla`, { cookie: supervisor })).statusCode, 200);
    });
  });
}
