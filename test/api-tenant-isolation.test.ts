import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { LightMyRequestResponse } from 'fastify';
import { dbKinds, testHasher } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createRepos } from '../src/storage/repos.ts';
import { secrets } from '../src/security/secrets.ts';
import { rolePermissions } from '../src/core/auth/permissions.ts';
import type { Permission, Role } from '../src/contracts/auth.ts';
import { isolationAreas } from './isolation/index.ts';
import type { IsolationContext } from './isolation/area.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Every route fastify knows, as "METHOD /path" (HEAD left out: fastify adds it to each GET). */
function registeredRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)(?:├── |└── )(.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const full = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = full;
    stack.length = depth + 1;
    for (const method of m[3]!.split(',').map((s) => s.trim())) if (method !== 'HEAD') out.push(`${method} ${full}`);
  }
  return out;
}

/** Routes reachable without credentials; every other /api/v1 route must answer 401 to a stranger. */
const PUBLIC = new Set(['POST /api/v1/auth/login', 'GET /api/v1/invitations/:token', 'POST /api/v1/invitations/:token/accept', ...isolationAreas.flatMap((a) => Object.entries(a.routes).filter(([, p]) => p === 'public').map(([r]) => r))]);

/** Every /api/v1 route with an id in its path, and the permission it needs ('authenticated' = any signed-in user). */
const ID_ROUTES: Record<string, Permission | 'authenticated' | 'public'> = {
  'DELETE /api/v1/me/sessions/:id': 'authenticated',
  'DELETE /api/v1/tokens/:id': 'tokens.manage',
  'GET /api/v1/users/:id': 'users.read',
  'PATCH /api/v1/users/:id': 'users.manage',
  'GET /api/v1/teams/:id': 'teams.read',
  'PATCH /api/v1/teams/:id': 'teams.manage',
  'DELETE /api/v1/teams/:id': 'teams.manage',
  'GET /api/v1/teams/:id/members': 'teams.read',
  'PUT /api/v1/teams/:id/members/:userId': 'teams.manage',
  'DELETE /api/v1/teams/:id/members/:userId': 'teams.manage',
  'GET /api/v1/customers/:id': 'customers.read',
  'PATCH /api/v1/customers/:id': 'customers.manage',
  'POST /api/v1/customers/:id/identities': 'customers.manage',
  'DELETE /api/v1/customers/:id/identities/:identityId': 'customers.manage',
  'POST /api/v1/customers/:id/merge': 'customers.manage',
  'GET /api/v1/customers/:id/merges': 'customers.read',
  'GET /api/v1/customers/:id/duplicates': 'customers.read',
  'POST /api/v1/customers/merges/:mergeId/undo': 'customers.manage',
  'GET /api/v1/inboxes/:id': 'conversations.read',
  'PATCH /api/v1/inboxes/:id': 'inboxes.manage',
  'POST /api/v1/inboxes/:id/messages': 'conversations.manage',
  'GET /api/v1/conversations/:id': 'conversations.read',
  'PATCH /api/v1/conversations/:id': 'conversations.manage',
  'GET /api/v1/conversations/:id/messages': 'conversations.read',
  'POST /api/v1/conversations/:id/messages': 'conversations.manage',
  'GET /api/v1/tickets/:id': 'tickets.read',
  'PATCH /api/v1/tickets/:id': 'tickets.manage',
  'PUT /api/v1/tickets/:id/followers/:userId': 'tickets.manage',
  'DELETE /api/v1/tickets/:id/followers/:userId': 'tickets.manage',
  'PUT /api/v1/tickets/:id/conversations/:conversationId': 'tickets.manage',
  'DELETE /api/v1/tickets/:id/conversations/:conversationId': 'tickets.manage',
  'GET /api/v1/tickets/:id/comments': 'tickets.read',
  'POST /api/v1/tickets/:id/comments': 'tickets.manage',
  'GET /api/v1/tickets/:id/history': 'tickets.read',
  'PATCH /api/v1/ticket-fields/:id': 'tickets.configure',
  'DELETE /api/v1/ticket-fields/:id': 'tickets.configure',
  'GET /api/v1/invitations/:token': 'public',
  'POST /api/v1/invitations/:token/accept': 'public',
};

for (const area of isolationAreas) {
  for (const [route, perm] of Object.entries(area.routes)) {
    if (route in ID_ROUTES) throw new Error(`${route} is listed twice (area ${area.name})`);
    ID_ROUTES[route] = perm;
  }
}
/** Which area owns a route, for its params. */
const areaOf = (route: string) => isolationAreas.find((a) => route in a.routes);

const bodies: Record<string, unknown> = {
  'PATCH /api/v1/users/:id': { name: 'Taken Over', role: 'agent', active: false },
  'PATCH /api/v1/teams/:id': { name: 'Taken Over' },
  'PATCH /api/v1/customers/:id': { name: 'Taken Over', tags: ['taken'] },
  'POST /api/v1/customers/:id/identities': { kind: 'email', value: 'taken.over@demo.example' },
  'PATCH /api/v1/inboxes/:id': { name: 'Taken Over', reopenWindowMs: 0 },
  'POST /api/v1/inboxes/:id/messages': { providerMessageId: 'taken-over-1', from: { kind: 'email', value: 'intake.takeover@demo.example' }, text: 'taken over' },
  'PATCH /api/v1/conversations/:id': { status: 'resolved', priority: 'urgent', assigneeId: null },
  'POST /api/v1/conversations/:id/messages': { kind: 'reply', text: 'taken over' },
  'PATCH /api/v1/tickets/:id': { subject: 'Taken Over', status: 'solved', priority: 'urgent', assigneeId: null, tags: ['taken'] },
  'POST /api/v1/tickets/:id/comments': { text: 'taken over' },
  'PATCH /api/v1/ticket-fields/:id': { label: 'Taken Over', required: false },
  'POST /api/v1/invitations/:token/accept': { password: 'a-long-enough-password' },
  'POST /api/v1/auth/login': { email: 'x@y.example', password: 'nothing-at-all' },
};

const B = {
  slug: 'othercorp',
  tenantName: 'Other Corp Foreign',
  email: 'zed.foreign@other.example',
  userName: 'Zed Foreignperson',
  teamName: 'Foreign Team Zeta',
  tokenName: 'foreign-token-omega',
  inboxName: 'Foreign Inbox Kappa',
  messageText: 'foreign message sigma',
  customerName: 'Quentin Foreigncustomer',
  customerEmail: 'quentin.foreign@other.example',
  /** The same number as a demo customer's: identities are unique per tenant only. */
  customerPhone: '+442079460958',
  ticketSubject: 'Foreign ticket subject tau',
  ticketFieldLabel: 'Foreign field label upsilon',
  ticketNote: 'foreign note phi',
};
const foreignStrings = [B.slug, B.tenantName, B.email, B.userName, B.teamName, B.tokenName, B.customerName, B.customerEmail, B.inboxName, B.messageText, B.ticketSubject, B.ticketFieldLabel, B.ticketNote, ...isolationAreas.flatMap((a) => a.foreignStrings)];

function assertNoLeak(res: LightMyRequestResponse, what: string) {
  for (const s of foreignStrings) assert.ok(!res.body.includes(s), `${what}: response leaks "${s}": ${res.body}`);
}

function assertErrorShape(res: LightMyRequestResponse, code: string, what: string) {
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  assert.equal(body.error?.code, code, `${what}: ${res.body}`);
  assert.equal(typeof body.error?.message, 'string', what);
  assert.ok((body.error!.message as string).length > 0, what);
}

for (const kind of await dbKinds()) {
  describe(`tenant isolation on ${kind}`, () => {
    let t: TestServer;
    let repos: ReturnType<typeof createRepos>;
    const ids = { mergeB: '', sourceB: '', tenantA: '', tenantB: '', userB: '', teamB: '', tokenB: '', sessionB: '', inviteeB: '', teamA: '', userA: '', customerB: '', identityB: '', customerA: '', identityA: '', inboxB: '', conversationB: '', ticketB: '', ticketFieldB: '', ticketA: '', conversationA: '' };
    let tokenBSecret = '';
    let inviteBSecret = '';
    const cookies: Partial<Record<Role, string>> = {};
    let routes: string[] = [];
    let ctx: IsolationContext;

    before(async () => {
      t = await startTestServer(kind);
      repos = createRepos(t.server.database.db);
      const now = new Date();
      ids.tenantA = (await repos.tenants.bySlug('demo'))!.id;
      ids.tenantB = uuidv7();
      ids.userB = uuidv7();
      ids.teamB = uuidv7();
      ids.tokenB = uuidv7();
      ids.sessionB = uuidv7();
      ids.inviteeB = uuidv7();
      await repos.tenants.insert({ id: ids.tenantB, slug: B.slug, name: B.tenantName });
      await repos.users.insert({ id: ids.userB, tenantId: ids.tenantB, email: B.email, name: B.userName, role: 'admin', passwordHash: await testHasher.hash('foreign-password-1') });
      await repos.users.insert({ id: ids.inviteeB, tenantId: ids.tenantB, email: 'invitee@other.example', name: 'Invitee Foreign', role: 'agent', passwordHash: null });
      await repos.teams.insert({ id: ids.teamB, tenantId: ids.tenantB, name: B.teamName, description: 'theirs' });
      await repos.teams.addMember(ids.tenantB, ids.teamB, ids.userB);
      tokenBSecret = secrets.token('sbt_');
      await repos.tokens.insert({ id: ids.tokenB, tenantId: ids.tenantB, userId: ids.userB, name: B.tokenName, scope: 'admin', tokenHash: secrets.digest(tokenBSecret), createdAt: now });
      await repos.sessions.insert({
        id: ids.sessionB, tenantId: ids.tenantB, userId: ids.userB, userAgent: 'ua', ip: '10.0.0.9',
        createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000), tokenHash: secrets.digest(secrets.token('sbs_')),
      });
      inviteBSecret = secrets.token('sbi_');
      await repos.invitations.insert({ id: uuidv7(), tenantId: ids.tenantB, userId: ids.inviteeB, tokenHash: secrets.digest(inviteBSecret), invitedBy: ids.userB, expiresAt: new Date(now.getTime() + 3_600_000), createdAt: now });
      ids.customerB = uuidv7();
      ids.identityB = uuidv7();
      await repos.customers.insert({ id: ids.customerB, tenantId: ids.tenantB, name: B.customerName, tags: ['foreign'], at: now });
      await repos.customers.addIdentity({ id: ids.identityB, tenantId: ids.tenantB, customerId: ids.customerB, kind: 'email', value: B.customerEmail, verified: true, at: now });
      await repos.customers.addIdentity({ id: uuidv7(), tenantId: ids.tenantB, customerId: ids.customerB, kind: 'phone', value: B.customerPhone, verified: true, at: now });
      // A merge in the other tenant, for the merge routes.
      ids.sourceB = uuidv7();
      ids.mergeB = uuidv7();
      await repos.customers.insert({ id: ids.sourceB, tenantId: ids.tenantB, name: B.customerName, at: now });
      await repos.customerMerges.insert({ id: ids.mergeB, tenantId: ids.tenantB, survivorId: ids.customerB, sourceId: ids.sourceB, filled: {}, mergedBy: ids.userB, at: now });
      await repos.customerMerges.setMergedInto(ids.tenantB, ids.sourceB, ids.customerB, now);
      ids.inboxB = uuidv7();
      ids.conversationB = uuidv7();
      const convCustomerB = uuidv7();
      await repos.inboxes.insert({ id: ids.inboxB, tenantId: ids.tenantB, name: B.inboxName, channel: 'api', reopenWindowMs: 60_000, settings: {}, at: now });
      await repos.customers.insert({ id: convCustomerB, tenantId: ids.tenantB, at: now });
      await repos.conversations.insert({ id: ids.conversationB, tenantId: ids.tenantB, inboxId: ids.inboxB, customerId: convCustomerB, at: now });
      await repos.messages.insert({
        id: uuidv7(), tenantId: ids.tenantB, conversationId: ids.conversationB, inboxId: ids.inboxB, seq: await repos.conversations.nextSeq(ids.tenantB, ids.conversationB, now),
        direction: 'inbound', authorUserId: null, text: B.messageText, html: null, providerMessageId: 'foreign-1', deliveryStatus: 'received', at: now,
      });
      // A ticket in the other tenant with a follower, a linked conversation, a note, and a field.
      ids.ticketB = uuidv7();
      ids.ticketFieldB = uuidv7();
      await repos.tickets.insert({
        id: ids.ticketB, tenantId: ids.tenantB, number: await repos.tickets.nextNumber(ids.tenantB), subject: B.ticketSubject, status: 'open', priority: 'normal', type: 'incident',
        requesterId: ids.customerB, assigneeId: ids.userB, teamId: ids.teamB, tags: ['foreign'], custom: { foreign_key: 'x' }, createdBy: ids.userB, createdAt: now, solvedAt: null,
      });
      await repos.tickets.addFollower(ids.tenantB, ids.ticketB, ids.userB, now);
      await repos.tickets.link(ids.tenantB, ids.ticketB, ids.conversationB, ids.userB, now);
      await repos.ticketComments.insert({ id: uuidv7(), tenantId: ids.tenantB, ticketId: ids.ticketB, authorId: ids.userB, text: B.ticketNote, html: null, mentions: [ids.userB], at: now });
      await repos.ticketFields.insert({ id: ids.ticketFieldB, tenantId: ids.tenantB, key: 'foreign_key', label: B.ticketFieldLabel, type: 'text', options: [], required: true, at: now });
      await t.server.database.db.transaction().execute((tx) =>
        createRepos(tx).events.append(ids.tenantB, [{ id: uuidv7(), type: 'team.created', aggregateType: 'team', aggregateId: ids.teamB, actorId: ids.userB, topics: ['tenant'], payload: { name: B.teamName } }], now),
      );
      cookies.admin = await t.login(demo.admin);
      cookies.supervisor = await t.login(demo.supervisor);
      cookies.agent = await t.login(demo.alex);
      const teamsA = (await t.req('GET', '/api/v1/teams', { cookie: cookies.admin })).json().items as { id: string; name: string }[];
      ids.teamA = teamsA.find((x) => x.name === 'Support')!.id;
      ids.userA = (await repos.users.byEmail(ids.tenantA, demo.priya))!.id;
      const customerA = (await t.req('GET', '/api/v1/customers?limit=1', { cookie: cookies.admin })).json().items[0] as { id: string; identities: { id: string }[] };
      ids.customerA = customerA.id;
      ids.identityA = customerA.identities[0]!.id;
      bodies['POST /api/v1/customers/:id/merge'] = { sourceId: ids.customerA };
      // Our own ticket and conversation, for the routes that take two ids.
      const inboxA = (await t.req('POST', '/api/v1/inboxes', { cookie: cookies.admin, body: { name: 'Isolation tickets', channel: 'api' } })).json().id as string;
      ids.conversationA = (await t.req('POST', `/api/v1/inboxes/${inboxA}/messages`, { cookie: cookies.admin, body: { from: { kind: 'email', value: 'isolation.ticket@demo.example' }, text: 'ours' } })).json().conversation.id;
      ids.ticketA = (await t.req('POST', '/api/v1/tickets', { cookie: cookies.admin, body: { subject: 'Our own ticket' } })).json().id;
      ctx = {
        t, repos, cookies: cookies as Record<Role, string>, tenantA: ids.tenantA, tenantB: ids.tenantB, userB: ids.userB, teamB: ids.teamB, customerB: ids.customerB,
        inboxB: ids.inboxB, conversationB: ids.conversationB, ticketB: ids.ticketB, userA: ids.userA, teamA: ids.teamA, customerA: ids.customerA, conversationA: ids.conversationA, ticketA: ids.ticketA,
      };
      for (const area of isolationAreas) {
        await area.seed(ctx);
        Object.assign(bodies, area.bodies?.(ctx) ?? {});
      }
      routes = registeredRoutes(t.server.app.printRoutes({ commonPrefix: false })).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    });
    after(() => t?.close());

    test('the route list is read from fastify and the id-route table covers every id route', () => {
      assert.ok(routes.includes('POST /api/v1/auth/login'), routes.join('\n'));
      assert.ok(routes.includes('PUT /api/v1/teams/:id/members/:userId'), routes.join('\n'));
      assert.ok(routes.length >= 20, `only ${routes.length} routes parsed`);
      const withParams = routes.filter((r) => r.includes('/:')).sort();
      assert.deepEqual(withParams, Object.keys(ID_ROUTES).sort(), 'a route with an id was added or removed: add it to ID_ROUTES');
      for (const r of PUBLIC) assert.ok(routes.includes(r), `public route ${r} is gone`);
    });

    test('the repos never cross tenants', async () => {
      assert.equal(await repos.users.byId(ids.tenantA, ids.userB), undefined);
      assert.equal(await repos.users.view(ids.tenantA, ids.userB), undefined);
      assert.equal(await repos.users.byEmail(ids.tenantA, B.email), undefined);
      assert.equal(await repos.teams.byId(ids.tenantA, ids.teamB), undefined);
      assert.equal(await repos.tokens.byId(ids.tenantA, ids.tokenB), undefined);
      assert.equal(await repos.teams.byName(ids.tenantA, B.teamName), undefined);
      assert.equal(await repos.customers.byId(ids.tenantA, ids.customerB), undefined);
      assert.equal(await repos.customers.identityOwner(ids.tenantA, 'email', B.customerEmail), undefined);
      assert.notEqual(await repos.customers.identityOwner(ids.tenantA, 'phone', B.customerPhone), ids.customerB);
      assert.deepEqual(await repos.customers.identities(ids.tenantA, [ids.customerB]), []);
      assert.ok(!(await repos.customers.list(ids.tenantA, { limit: 200 })).items.some((c) => c.id === ids.customerB));
      assert.equal(await repos.inboxes.byId(ids.tenantA, ids.inboxB), undefined);
      assert.equal(await repos.inboxes.byName(ids.tenantA, B.inboxName), undefined);
      assert.equal(await repos.conversations.byId(ids.tenantA, ids.conversationB), undefined);
      assert.deepEqual((await repos.messages.list(ids.tenantA, ids.conversationB, { limit: 10 })).items, []);
      assert.equal(await repos.tickets.byId(ids.tenantA, ids.ticketB), undefined);
      assert.deepEqual(await repos.tickets.followers(ids.tenantA, [ids.ticketB]), []);
      assert.deepEqual(await repos.tickets.conversations(ids.tenantA, [ids.ticketB]), []);
      assert.deepEqual((await repos.ticketComments.list(ids.tenantA, ids.ticketB, { limit: 10 })).items, []);
      assert.equal(await repos.ticketFields.byId(ids.tenantA, ids.ticketFieldB), undefined);
      assert.ok(!(await repos.ticketFields.all(ids.tenantA)).some((f) => f.id === ids.ticketFieldB));
      assert.ok(!(await repos.tickets.list(ids.tenantA, { limit: 200 })).items.some((x) => x.id === ids.ticketB));
      assert.equal(await repos.messages.byProviderId(ids.tenantA, ids.inboxB, 'foreign-1'), undefined);
      assert.ok(await repos.users.byId(ids.tenantB, ids.userB), 'the foreign user exists in its own tenant');
      const list = await repos.users.list(ids.tenantA, { limit: 200 });
      assert.equal(list.items.length, 6, 'the six demo people');
      assert.ok(!list.items.some((u) => u.id === ids.userB));
    });

    test('every non-public /api/v1 route answers 401 with the error body to a caller without credentials', async () => {
      let checked = 0;
      for (const r of routes) {
        const [method, path] = r.split(' ') as [Method, string];
        const url = path.replace(':token', 'sbi_doesnotexist0000').replace(/:[A-Za-z]+/g, () => uuidv7());
        const res = await t.req(method, url, { body: bodies[r] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
        if (PUBLIC.has(r)) {
          // Public routes run their handler: an unknown invitation is 404, a wrong sign-in is 401.
          assert.equal(res.statusCode, r === 'POST /api/v1/auth/login' ? 401 : 404, `${r}: ${res.body}`);
          continue;
        }
        assert.equal(res.statusCode, 401, `${r} without credentials: ${res.statusCode} ${res.body}`);
        assertErrorShape(res, 'unauthenticated', r);
        checked++;
      }
      assert.ok(checked >= 15, `only ${checked} protected routes checked`);
    });

    test('a bogus cookie or token is no credential either', async () => {
      for (const opts of [{ cookie: 'sb_session=sbs_forged' }, { token: 'sbt_forged' }, { token: 'not-even-prefixed' }]) {
        const res = await t.req('GET', '/api/v1/users', opts);
        assert.equal(res.statusCode, 401, JSON.stringify(opts));
        assertErrorShape(res, 'unauthenticated', JSON.stringify(opts));
      }
    });

    test('every id route, called with the other tenant\'s ids by each role, is 404 (or 403) and leaks nothing', async () => {
      const roles: Role[] = ['admin', 'supervisor', 'agent'];
      let calls = 0;
      for (const [route, perm] of Object.entries(ID_ROUTES)) {
        const [method, path] = route.split(' ') as [Method, string];
        // Member routes: both ids foreign, and one of them foreign with the other our own.
        const area = areaOf(route);
        const combos: Record<string, string>[] = area ? area.params(route, ctx) : path.includes(':identityId')
          ? [{ id: ids.customerB, identityId: ids.identityB }, { id: ids.customerA, identityId: ids.identityB }, { id: ids.customerB, identityId: ids.identityA }]
          : path.includes(':mergeId') ? [{ mergeId: ids.mergeB }]
          : path.includes('/followers/:userId')
          ? [{ id: ids.ticketB, userId: ids.userB }, { id: ids.ticketA, userId: ids.userB }, { id: ids.ticketB, userId: ids.userA }]
          : path.includes(':conversationId')
          ? [{ id: ids.ticketB, conversationId: ids.conversationB }, { id: ids.ticketA, conversationId: ids.conversationB }, { id: ids.ticketB, conversationId: ids.conversationA }]
          : path.startsWith('/api/v1/tickets') ? [{ id: ids.ticketB }]
          : path.startsWith('/api/v1/ticket-fields') ? [{ id: ids.ticketFieldB }]
          : path.startsWith('/api/v1/customers') ? [{ id: ids.customerB }]
          : path.startsWith('/api/v1/inboxes') ? [{ id: ids.inboxB }]
          : path.startsWith('/api/v1/conversations') ? [{ id: ids.conversationB }]
          : path.includes(':userId')
          ? [{ id: ids.teamB, userId: ids.userB }, { id: ids.teamA, userId: ids.userB }, { id: ids.teamB, userId: ids.userA }]
          : path.startsWith('/api/v1/teams') ? [{ id: ids.teamB }]
            : path.startsWith('/api/v1/users') ? [{ id: ids.userB }]
              : path.startsWith('/api/v1/tokens') ? [{ id: ids.tokenB }]
                : path.startsWith('/api/v1/me/sessions') ? [{ id: ids.sessionB }]
                  : [{ token: 'sbi_unknown_invitation_token' }];
        for (const role of roles) {
          for (const combo of combos) {
            const url = path.replace(/:([A-Za-z]+)/g, (_m, k: string) => {
              if (!(k in combo)) throw new Error(`${route}: no value for :${k}`);
              return combo[k]!;
            });
            const res = await t.req(method, url, { cookie: cookies[role], body: bodies[route] });
            calls++;
            const what = `${role} ${method} ${url} (${route})`;
            const allowed = perm === 'authenticated' || perm === 'public' || rolePermissions[role].includes(perm);
            const expected = allowed ? 404 : 403;
            assert.equal(res.statusCode, expected, `${what}: ${res.statusCode} ${res.body}`);
            assertErrorShape(res, expected === 404 ? 'not_found' : 'forbidden', what);
            assertNoLeak(res, what);
          }
        }
      }
      assert.ok(calls >= 40, `${calls} calls`);
    });

    test('the foreign rows are untouched after the walk', async () => {
      const u = await repos.users.byId(ids.tenantB, ids.userB);
      assert.equal(u?.name, B.userName);
      assert.equal(u?.role, 'admin');
      assert.equal(u?.active, true);
      const team = await repos.teams.byId(ids.tenantB, ids.teamB);
      assert.equal(team?.name, B.teamName);
      assert.equal(team?.memberCount, 1);
      const tok = await repos.tokens.byId(ids.tenantB, ids.tokenB);
      assert.equal(tok?.revokedAt, null);
      const customer = await repos.customers.byId(ids.tenantB, ids.customerB);
      assert.equal(customer?.name, B.customerName);
      assert.deepEqual(customer?.tags, ['foreign']);
      assert.equal((await repos.customerMerges.byId(ids.tenantB, ids.mergeB))?.undoneAt, null, 'the foreign merge was not undone');
      assert.equal((await repos.customers.byId(ids.tenantB, ids.sourceB))?.mergedInto, ids.customerB);
      assert.equal((await repos.customers.byId(ids.tenantA, ids.customerA))?.mergedInto, null, 'our customer was not merged into a foreign one');
      assert.deepEqual((await repos.customers.identities(ids.tenantB, [ids.customerB])).map((i) => i.value).sort(), [B.customerPhone, B.customerEmail].sort());
      assert.equal(await repos.customers.identityOwner(ids.tenantA, 'email', 'taken.over@demo.example'), undefined, 'no identity was added anywhere');
      const inboxB = await repos.inboxes.byId(ids.tenantB, ids.inboxB);
      assert.deepEqual([inboxB?.name, inboxB?.reopenWindowMs], [B.inboxName, 60_000]);
      const convB = await repos.conversations.byId(ids.tenantB, ids.conversationB);
      assert.deepEqual([convB?.status, convB?.priority, convB?.lastSeq], ['open', 'normal', 1]);
      assert.deepEqual((await repos.messages.list(ids.tenantB, ids.conversationB, { limit: 10 })).items.map((m) => m.text), [B.messageText]);
      assert.equal(await repos.messages.byProviderId(ids.tenantA, ids.inboxB, 'taken-over-1'), undefined, 'no message was taken in');
      const ticketB = await repos.tickets.byId(ids.tenantB, ids.ticketB);
      assert.deepEqual([ticketB?.subject, ticketB?.status, ticketB?.priority, ticketB?.assigneeId, ticketB?.tags], [B.ticketSubject, 'open', 'normal', ids.userB, ['foreign']]);
      assert.deepEqual((await repos.tickets.followers(ids.tenantB, [ids.ticketB])).map((f) => f.userId), [ids.userB]);
      assert.deepEqual((await repos.tickets.conversations(ids.tenantB, [ids.ticketB])).map((l) => l.conversationId), [ids.conversationB]);
      assert.deepEqual((await repos.ticketComments.list(ids.tenantB, ids.ticketB, { limit: 10 })).items.map((c) => c.text), [B.ticketNote]);
      assert.deepEqual((await repos.tickets.conversations(ids.tenantA, [ids.ticketA])), [], 'our ticket gained no foreign conversation');
      assert.deepEqual((await repos.tickets.followers(ids.tenantA, [ids.ticketA])), [], 'our ticket gained no foreign follower');
      const fieldB = await repos.ticketFields.byId(ids.tenantB, ids.ticketFieldB);
      assert.deepEqual([fieldB?.label, fieldB?.required], [B.ticketFieldLabel, true]);
      const sessions = await repos.sessions.listLive(ids.tenantB, ids.userB, new Date(), { limit: 10 });
      assert.deepEqual(sessions.items.map((s) => s.id), [ids.sessionB]);
      // Our own team did not gain the foreign user either.
      const ours = await t.req('GET', `/api/v1/teams/${ids.teamA}/members`, { cookie: cookies.admin });
      assert.equal(ours.statusCode, 200);
      assertNoLeak(ours, 'own team members');
      assert.ok((ours.json().items as { id: string }[]).some((x) => x.id === ids.userA), 'own member still there');
      for (const area of isolationAreas) await area.untouched?.(ctx);
    });

    test('lists, audit and events of one tenant never show the other', async () => {
      for (const url of ['/api/v1/users?limit=200', '/api/v1/users?q=foreign', `/api/v1/users?q=${encodeURIComponent(B.email)}`, '/api/v1/teams?limit=200', '/api/v1/tokens', '/api/v1/audit?limit=200', '/api/v1/events?limit=1000', '/api/v1/me/sessions', '/api/v1/auth/me', '/api/v1/inboxes?limit=200', '/api/v1/conversations?limit=200', '/api/v1/customers?limit=200', '/api/v1/customers?q=foreign', '/api/v1/tickets?limit=200', '/api/v1/tickets?q=foreign', '/api/v1/tickets?tag=foreign', `/api/v1/tickets?conversationId=${ids.conversationB}`, '/api/v1/ticket-fields?limit=200', `/api/v1/customers?q=${encodeURIComponent(B.customerEmail)}`, `/api/v1/customers?q=${encodeURIComponent(B.customerPhone)}`, ...isolationAreas.flatMap((a) => a.listUrls?.(ctx) ?? [])]) {
        const res = await t.req('GET', url, { cookie: cookies.admin });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        assertNoLeak(res, url);
      }
      const q = await t.req('GET', `/api/v1/users?q=${encodeURIComponent(B.email)}`, { cookie: cookies.admin });
      assert.deepEqual(q.json().items, []);
    });

    test('the other tenant\'s token sees only its own tenant', async () => {
      const users = await t.req('GET', '/api/v1/users', { token: tokenBSecret });
      assert.equal(users.statusCode, 200, users.body);
      const emails = (users.json().items as { email: string }[]).map((u) => u.email).sort();
      assert.deepEqual(emails, ['invitee@other.example', B.email]);
      const demoUser = await t.req('GET', `/api/v1/users/${ids.userA}`, { token: tokenBSecret });
      assert.equal(demoUser.statusCode, 404);
      assert.ok(!demoUser.body.includes(demo.priya));
      const demoTeam = await t.req('PATCH', `/api/v1/teams/${ids.teamA}`, { token: tokenBSecret, body: { name: 'Taken Over' } });
      assert.equal(demoTeam.statusCode, 404);
      assert.equal((await repos.teams.byId(ids.tenantA, ids.teamA))?.name, 'Support');
      // Its admin also signs in to its own workspace only.
      const login = await t.req('POST', '/api/v1/auth/login', { body: { email: B.email, password: 'foreign-password-1', workspace: B.slug } });
      assert.equal(login.statusCode, 200, login.body);
      assert.equal(login.json().tenant.slug, B.slug);
      const wrongWs = await t.req('POST', '/api/v1/auth/login', { body: { email: B.email, password: 'foreign-password-1', workspace: 'demo' } });
      assert.equal(wrongWs.statusCode, 401);
    });

    test('an invitation link is addressed by its secret, not by tenant: unknown secrets are 404', async () => {
      const unknown = await t.req('GET', '/api/v1/invitations/sbi_unknown_invitation_token');
      assert.equal(unknown.statusCode, 404);
      const real = await t.req('GET', `/api/v1/invitations/${inviteBSecret}`);
      assert.equal(real.statusCode, 200);
      assert.equal(real.json().workspace, B.slug);
    });
  });
}
