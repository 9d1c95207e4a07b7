import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface TicketJson {
  id: string; number: number; subject: string; status: string; priority: string; type: string | null; assigneeId: string | null;
  teamId: string | null; tags: string[]; followerIds: string[]; conversationIds: string[]; closedAt: string | null; mergedIntoId: string | null;
}
interface EventJson { id: string; type: string; aggregateId: string; actorId: string | null; topics: string[]; payload: Record<string, unknown> }
interface CommentJson { id: string; text: string; public: boolean; authorId: string | null; mentions: string[] }

const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`ticket workflows on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let alex = '';
    let wen = '';
    let supervisor = '';
    const users: Record<string, string> = {};
    const teams: Record<string, string> = {};

    const create = async (body: Record<string, unknown>, cookie = supervisor) => {
      const res = await t.req('POST', '/api/v1/tickets', { cookie, body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as TicketJson;
    };
    const get = (id: string, cookie: string) => t.req('GET', `/api/v1/tickets/${id}`, { cookie });
    const events = async (type: string, aggregateId?: string) =>
      ((await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[]).filter((e) => !aggregateId || e.aggregateId === aggregateId);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      alex = await t.login(demo.alex);
      wen = await t.login(demo.wen);
      supervisor = await t.login(demo.supervisor);
      for (const u of (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
      for (const tm of (await t.req('GET', '/api/v1/teams?limit=200', { cookie: admin })).json().items as { id: string; name: string }[]) teams[tm.name] = tm.id;
      assert.ok(teams.Support && teams.Sales, 'the demo seed has Support and Sales');
    });
    after(() => t?.close());

    test('a public reply appends ticket.replied; an internal note keeps ticket.comment_added; closed tickets take no replies', async () => {
      const tk = await create({ subject: 'Where is my parcel?' });
      const reply = await t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex, body: { text: 'It ships today', public: true } });
      assert.equal(reply.statusCode, 201, reply.body);
      const note = await t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex, body: { text: 'courier is late again' } });
      assert.equal(note.statusCode, 201, note.body);
      assert.deepEqual([reply.json().public, note.json().public], [true, false]);
      const replied = await events('ticket.replied', tk.id);
      assert.equal(replied.length, 1);
      assert.equal(replied[0]!.actorId, users[demo.alex]);
      assert.deepEqual({ commentId: replied[0]!.payload.commentId, public: replied[0]!.payload.public, authorId: replied[0]!.payload.authorId }, { commentId: reply.json().id, public: true, authorId: users[demo.alex] });
      const noted = await events('ticket.comment_added', tk.id);
      assert.deepEqual(noted.map((e) => e.payload.commentId), [note.json().id]);
      const list = (await t.req('GET', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex })).json().items as CommentJson[];
      assert.deepEqual(list.map((c) => [c.text, c.public]), [['It ships today', true], ['courier is late again', false]]);
      const bad = await t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex, body: { text: 'x', public: 'yes' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /public/);
      for (const status of ['solved', 'closed']) assert.equal((await t.req('PATCH', `/api/v1/tickets/${tk.id}`, { cookie: alex, body: { status } })).statusCode, 200);
      const late = await t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex, body: { text: 'one more thing', public: true } });
      assert.equal(late.statusCode, 409);
      assert.match(late.json().error.message, /closed/);
    });

    test('visibility: an agent sees no-team, own-team, assigned and followed tickets; others are 404 everywhere', async () => {
      const sales = await create({ subject: 'Sales-only quote', teamId: teams.Sales });
      const support = await create({ subject: 'Support printer', teamId: teams.Support });
      const open = await create({ subject: 'Nobody owns this' });
      const salesAssigned = await create({ subject: 'Sales but assigned to Alex', teamId: teams.Sales, assigneeId: users[demo.alex] });
      const salesFollowed = await create({ subject: 'Sales but followed by Alex', teamId: teams.Sales, followerIds: [users[demo.alex]] });
      const ids = async (cookie: string) => ((await t.req('GET', '/api/v1/tickets?limit=200', { cookie })).json().items as TicketJson[]).map((x) => x.id);
      const alexSees = await ids(alex);
      for (const tk of [support, open, salesAssigned, salesFollowed]) assert.ok(alexSees.includes(tk.id), tk.subject);
      assert.ok(!alexSees.includes(sales.id), 'alex (Support) must not list a Sales ticket');
      const wenSees = await ids(wen);
      assert.ok(wenSees.includes(sales.id) && !wenSees.includes(support.id));
      for (const cookie of [admin, supervisor]) {
        const all = await ids(cookie);
        for (const tk of [sales, support, open]) assert.ok(all.includes(tk.id));
      }
      assert.equal((await get(sales.id, alex)).statusCode, 404);
      assert.equal((await get(sales.id, wen)).statusCode, 200);
      assert.equal((await get(salesFollowed.id, alex)).statusCode, 200);
      for (const [method, path, body] of [
        ['PATCH', `/api/v1/tickets/${sales.id}`, { priority: 'high' }],
        ['GET', `/api/v1/tickets/${sales.id}/comments`, undefined],
        ['POST', `/api/v1/tickets/${sales.id}/comments`, { text: 'peek' }],
        ['GET', `/api/v1/tickets/${sales.id}/history`, undefined],
        ['PUT', `/api/v1/tickets/${sales.id}/followers/${users[demo.alex]}`, undefined],
      ] as const) {
        const res = await t.req(method, path, { cookie: alex, body });
        assert.equal(res.statusCode, 404, `${method} ${path}: ${res.body}`);
      }
      assert.equal((await get(sales.id, alex)).json().error?.code ?? 'not_found', 'not_found');
    });

    test('views: built-ins with counts within visibility; personal and shared views; sort and cursor pages; 400/403/404', async () => {
      const listViews = async (cookie: string) => (await t.req('GET', '/api/v1/ticket-views', { cookie })).json().items as { id: string; name: string; count: number; scope: string }[];
      const builtins = await listViews(alex);
      for (const n of ['My open tickets', 'Unassigned', 'All open', 'Recently solved']) assert.ok(builtins.some((v) => v.name === n), n);
      const tag = `v${Date.now()}`;
      const mk = (subject: string, extra: Record<string, unknown>) => create({ subject, tags: [tag], ...extra });
      const a = await mk('A low', { priority: 'low', teamId: teams.Support });
      const b = await mk('B urgent', { priority: 'urgent', teamId: teams.Support, assigneeId: users[demo.alex] });
      const c = await mk('C high sales', { priority: 'high', teamId: teams.Sales });
      const dd = await mk('D normal', { priority: 'normal' });
      const mine = await t.req('POST', '/api/v1/ticket-views', { cookie: alex, body: { name: 'Tagged by priority', filters: { tags: [tag] }, sort: { field: 'priority', direction: 'desc' } } });
      assert.equal(mine.statusCode, 201, mine.body);
      const view = mine.json() as { id: string; scope: string; ownerId: string };
      assert.deepEqual([view.scope, view.ownerId], ['me', users[demo.alex]]);
      const counted = (await listViews(alex)).find((v) => v.id === view.id);
      assert.equal(counted?.count, 3, 'alex may not count the Sales ticket');
      const page1 = await t.req('GET', `/api/v1/ticket-views/${view.id}/tickets?limit=2`, { cookie: alex });
      assert.equal(page1.statusCode, 200, page1.body);
      const p1 = page1.json() as { items: TicketJson[]; nextCursor: string };
      assert.deepEqual(p1.items.map((x) => x.id), [b.id, dd.id]);
      const p2 = (await t.req('GET', `/api/v1/ticket-views/${view.id}/tickets?limit=2&cursor=${p1.nextCursor}`, { cookie: alex })).json() as { items: TicketJson[]; nextCursor: string | null };
      assert.deepEqual([p2.items.map((x) => x.id), p2.nextCursor], [[a.id], null]);
      // Another user does not see a personal view: 404 on every route.
      assert.ok(!(await listViews(wen)).some((v) => v.id === view.id));
      assert.equal((await t.req('GET', `/api/v1/ticket-views/${view.id}/tickets`, { cookie: wen })).statusCode, 404);
      assert.equal((await t.req('PATCH', `/api/v1/ticket-views/${view.id}`, { cookie: wen, body: { name: 'mine now' } })).statusCode, 404);
      // Supervisor's view over the same tag counts all four (sees every ticket).
      const shared = await t.req('POST', '/api/v1/ticket-views', { cookie: supervisor, body: { name: 'Tagged, by number', scope: 'everyone', filters: { tags: [tag], assignee: 'unassigned' }, sort: { field: 'number', direction: 'asc' } } });
      assert.equal(shared.statusCode, 201, shared.body);
      assert.equal((await listViews(supervisor)).find((v) => v.id === shared.json().id)?.count, 3);
      assert.equal((await listViews(alex)).find((v) => v.id === shared.json().id)?.count, 2);
      const numbered = (await t.req('GET', `/api/v1/ticket-views/${shared.json().id}/tickets`, { cookie: supervisor })).json().items as TicketJson[];
      assert.deepEqual(numbered.map((x) => x.id), [a.id, c.id, dd.id]);
      // Agents may not share with everyone; may not edit a shared view.
      const denied = await t.req('POST', '/api/v1/ticket-views', { cookie: alex, body: { name: 'For all', scope: 'everyone' } });
      assert.equal(denied.statusCode, 403);
      assert.match(denied.json().error.message, /tickets\.share/);
      assert.equal((await t.req('PATCH', `/api/v1/ticket-views/${shared.json().id}`, { cookie: alex, body: { name: 'x' } })).statusCode, 403);
      // Validation names the field.
      for (const [body, field] of [
        [{ name: '' }, 'name'],
        [{ name: 'x', filters: { status: ['done'] } }, 'filters.status'],
        [{ name: 'x', sort: { field: 'color', direction: 'asc' } }, 'sort.field'],
        [{ name: 'x', scope: 'team' }, 'teamId'],
        [{ name: 'x', filters: { assignee: 'someone' } }, 'filters.assignee'],
      ] as const) {
        const res = await t.req('POST', '/api/v1/ticket-views', { cookie: supervisor, body });
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.ok(JSON.stringify(res.json().error).includes(field), `${field}: ${res.body}`);
      }
      assert.equal((await t.req('GET', `/api/v1/ticket-views/${view.id}/tickets?cursor=bogus`, { cookie: alex })).statusCode, 400);
      assert.equal((await t.req('DELETE', `/api/v1/ticket-views/${view.id}`, { cookie: alex })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/ticket-views/${view.id}`, { cookie: alex })).statusCode, 404);
    });

    test('macros: every action applied in one transaction with events and history; shared macros need tickets.share', async () => {
      const tk = await create({ subject: 'Macro me', tags: ['old', 'keep'] }, alex);
      const body = {
        name: 'Full macro', scope: 'everyone',
        actions: { status: 'pending', priority: 'high', type: 'incident', assignee: 'current', teamId: teams.Support, addTags: ['vip'], removeTags: ['old'], publicReply: 'We are on it', internalNote: 'ran the macro' },
      };
      assert.equal((await t.req('POST', '/api/v1/ticket-macros', { cookie: alex, body })).statusCode, 403);
      const made = await t.req('POST', '/api/v1/ticket-macros', { cookie: supervisor, body });
      assert.equal(made.statusCode, 201, made.body);
      const macroId = made.json().id as string;
      const res = await t.req('POST', `/api/v1/tickets/${tk.id}/apply-macro`, { cookie: alex, body: { macroId } });
      assert.equal(res.statusCode, 200, res.body);
      const after = res.json() as TicketJson;
      assert.deepEqual([after.status, after.priority, after.type, after.assigneeId, after.teamId, after.tags], ['pending', 'high', 'incident', users[demo.alex], teams.Support, ['keep', 'vip']]);
      const comments = (await t.req('GET', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex })).json().items as CommentJson[];
      assert.deepEqual(comments.map((c) => [c.text, c.public]), [['We are on it', true], ['ran the macro', false]]);
      const history = ((await t.req('GET', `/api/v1/tickets/${tk.id}/history?limit=50`, { cookie: alex })).json().items as { type: string; actorId: string }[]).map((h) => h.type);
      for (const type of ['ticket.status_changed', 'ticket.priority_changed', 'ticket.type_changed', 'ticket.assigned', 'ticket.team_changed', 'ticket.tags_changed', 'ticket.replied', 'ticket.comment_added', 'ticket.macro_applied']) assert.ok(history.includes(type), type);
      assert.equal(((await t.req('GET', `/api/v1/ticket-macros/${macroId}`, { cookie: alex })).json() as { usageCount: number }).usageCount, 1);
      // One transaction: a macro that cannot apply (closing a non-solved ticket) changes nothing.
      const closer = await t.req('POST', '/api/v1/ticket-macros', { cookie: alex, body: { name: 'Close it', actions: { priority: 'low', status: 'closed', internalNote: 'closing' } } });
      assert.equal(closer.statusCode, 201, closer.body);
      const refused = await t.req('POST', `/api/v1/tickets/${tk.id}/apply-macro`, { cookie: alex, body: { macroId: closer.json().id } });
      assert.equal(refused.statusCode, 409);
      assert.equal(((await get(tk.id, alex)).json() as TicketJson).priority, 'high');
      assert.equal(((await t.req('GET', `/api/v1/tickets/${tk.id}/comments`, { cookie: alex })).json().items as unknown[]).length, 2);
      // A personal macro is invisible to others; bad actions are 400s naming the field.
      assert.equal((await t.req('POST', `/api/v1/tickets/${tk.id}/apply-macro`, { cookie: wen, body: { macroId: closer.json().id } })).statusCode, 404);
      for (const [actions, field] of [[{}, 'actions'], [{ status: 'new' }, 'actions.status'], [{ assignee: unknownId }, 'actions.assignee'], [{ addTags: ['a'], removeTags: ['a'] }, 'actions.removeTags']] as const) {
        const bad = await t.req('POST', '/api/v1/ticket-macros', { cookie: alex, body: { name: 'bad', actions } });
        assert.equal(bad.statusCode, 400, bad.body);
        assert.ok(JSON.stringify(bad.json().error).includes(field), `${field}: ${bad.body}`);
      }
      assert.equal((await t.req('POST', `/api/v1/tickets/${tk.id}/apply-macro`, { cookie: alex, body: { macroId: unknownId } })).statusCode, 404);
    });

    test('bulk: each ticket in its own transaction; a closed and an invisible ticket fail alone', async () => {
      const one = await create({ subject: 'Bulk one', teamId: teams.Support });
      const two = await create({ subject: 'Bulk two' });
      const closed = await create({ subject: 'Bulk closed', status: 'solved' });
      await t.req('PATCH', `/api/v1/tickets/${closed.id}`, { cookie: supervisor, body: { status: 'closed' } });
      const hidden = await create({ subject: 'Bulk hidden', teamId: teams.Sales });
      const res = await t.req('POST', '/api/v1/tickets/bulk', { cookie: alex, body: { ids: [one.id, closed.id, hidden.id, two.id, unknownId], change: { status: 'open', assigneeId: users[demo.alex] } } });
      assert.equal(res.statusCode, 200, res.body);
      const results = res.json().results as { id: string; ok: boolean; error?: { code: string } }[];
      assert.deepEqual(results.map((r) => [r.id, r.ok, r.error?.code]), [[one.id, true, undefined], [closed.id, false, 'conflict'], [hidden.id, false, 'not_found'], [two.id, true, undefined], [unknownId, false, 'not_found']]);
      for (const id of [one.id, two.id]) assert.deepEqual(((await get(id, alex)).json() as TicketJson).status, 'open');
      assert.equal(((await get(hidden.id, supervisor)).json() as TicketJson).status, 'new');
      const tooMany = await t.req('POST', '/api/v1/tickets/bulk', { cookie: alex, body: { ids: Array.from({ length: 101 }, (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`), change: { status: 'open' } } });
      assert.equal(tooMany.statusCode, 400);
      assert.match(tooMany.body, /ids/);
      const nothing = await t.req('POST', '/api/v1/tickets/bulk', { cookie: alex, body: { ids: [one.id] } });
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /change/);
      const readOnly = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'ro', scope: 'read' } })).json().secret as string;
      const denied = await t.req('POST', '/api/v1/tickets/bulk', { token: readOnly, body: { ids: [one.id], change: { status: 'pending' } } });
      assert.equal(denied.statusCode, 403);
      assert.equal((await t.req('POST', `/api/v1/tickets/${one.id}/merge`, { token: readOnly, body: { sourceIds: [two.id] } })).statusCode, 403);
    });

    test('merge: notes, links, followers and tags move; sources close with mergedIntoId; refusals are clear', async () => {
      const convs = ((await t.req('GET', '/api/v1/conversations?limit=5', { cookie: admin })).json().items as { id: string }[]).map((c) => c.id);
      const target = await create({ subject: 'Merge target', tags: ['a'] });
      const source = await create({ subject: 'Merge source', tags: ['b'], followerIds: [users[demo.priya]], conversationIds: convs.slice(0, 1) });
      await t.req('POST', `/api/v1/tickets/${source.id}/comments`, { cookie: supervisor, body: { text: 'customer says hi', public: true } });
      assert.equal((await t.req('POST', `/api/v1/tickets/${target.id}/merge`, { cookie: supervisor, body: { sourceIds: [target.id] } })).statusCode, 400);
      const res = await t.req('POST', `/api/v1/tickets/${target.id}/merge`, { cookie: supervisor, body: { sourceIds: [source.id] } });
      assert.equal(res.statusCode, 200, res.body);
      const merged = res.json() as TicketJson;
      assert.deepEqual(merged.tags, ['a', 'b']);
      assert.ok(merged.followerIds.includes(users[demo.priya]!));
      if (convs[0]) assert.ok(merged.conversationIds.includes(convs[0]));
      const src = (await get(source.id, supervisor)).json() as TicketJson;
      assert.deepEqual([src.status, src.mergedIntoId], ['closed', target.id]);
      const srcNotes = (await t.req('GET', `/api/v1/tickets/${source.id}/comments`, { cookie: supervisor })).json().items as CommentJson[];
      assert.ok(srcNotes.some((c) => c.text === 'customer says hi'), 'the source keeps its replies');
      assert.ok(srcNotes.some((c) => !c.public && c.text.startsWith(`Merged into #${target.number}`)));
      const targetNotes = (await t.req('GET', `/api/v1/tickets/${target.id}/comments`, { cookie: supervisor })).json().items as CommentJson[];
      assert.ok(targetNotes.some((c) => !c.public && c.text.includes(`Merged from #${source.number}`) && c.text.includes('customer says hi')));
      assert.equal((await events('ticket.merged', source.id)).length, 1);
      assert.deepEqual((await events('ticket.merged', target.id))[0]?.payload.sourceIds, [source.id]);
      // Refusals: a closed source, a closed target, a ticket the agent cannot see.
      const again = await t.req('POST', `/api/v1/tickets/${target.id}/merge`, { cookie: supervisor, body: { sourceIds: [source.id] } });
      assert.equal(again.statusCode, 409);
      assert.match(again.json().error.message, /closed/);
      const other = await create({ subject: 'Other' });
      assert.equal((await t.req('POST', `/api/v1/tickets/${source.id}/merge`, { cookie: supervisor, body: { sourceIds: [other.id] } })).statusCode, 409);
      const hidden = await create({ subject: 'Hidden sales', teamId: teams.Sales });
      const invisible = await t.req('POST', `/api/v1/tickets/${other.id}/merge`, { cookie: alex, body: { sourceIds: [hidden.id] } });
      assert.equal(invisible.statusCode, 404);
      assert.equal(((await get(hidden.id, supervisor)).json() as TicketJson).status, 'new');
      const empty = await t.req('POST', `/api/v1/tickets/${other.id}/merge`, { cookie: supervisor, body: { sourceIds: [] } });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /sourceIds/);
    });
  });
}
