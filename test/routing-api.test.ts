import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

/** Routing set-up over HTTP: skills, queues, agents, the skill matrix, workflows and the test box. Tasks: routing-api-tasks.test.ts. */
for (const kind of await dbKinds()) {
  describe(`routing set-up API on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    let admin = '';
    let supervisor = '';
    let agent = '';
    const users = {} as Record<'alex' | 'priya' | 'wen' | 'sam', string>;
    const now = new Date('2026-03-02T10:00:00Z');
    const skillCells = async () =>
      (await t.server.database.db.selectFrom('user_skills').select(['user_id', 'skill_id', 'level']).where('tenant_id', '=', tenantId).orderBy('user_id').orderBy('skill_id').execute());
    const workflowVersion = async () => (await r.routingQueues.currentWorkflow(tenantId))?.version ?? 0;

    before(async () => {
      t = await startTestServer(kind, { clock: { now: () => now }, env: { ROUTING: 'false' } });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
      for (const [k, email] of Object.entries({ alex: demo.alex, priya: demo.priya, wen: demo.wen, sam: demo.supervisor }) as [keyof typeof users, string][]) users[k] = (await r.users.byEmail(tenantId, email))!.id;
    });
    after(() => t?.close());

    test('skills: create, duplicate 409, bad name 400, agents may not, rename and delete refused while the workflow uses the skill', async () => {
      const created = await t.req('POST', '/api/v1/routing/skills', { cookie: admin, body: { name: 'returns' } });
      assert.equal(created.statusCode, 201, created.body);
      const skill = created.json() as { id: string; name: string; agents: number };
      assert.deepEqual({ name: skill.name, agents: skill.agents }, { name: 'returns', agents: 0 });
      assert.equal((await t.req('POST', '/api/v1/routing/skills', { cookie: admin, body: { name: 'returns' } })).statusCode, 409);
      const bad = await t.req('POST', '/api/v1/routing/skills', { cookie: admin, body: { name: '9 lives' } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].path, 'name');
      assert.equal((await t.req('POST', '/api/v1/routing/skills', { cookie: agent, body: { name: 'sneaky' } })).statusCode, 403);
      assert.equal((await t.req('POST', '/api/v1/routing/skills', { cookie: supervisor, body: { name: 'sneaky' } })).statusCode, 403);
      assert.equal((await r.routingAgents.skills(tenantId)).some((s) => s.name === 'sneaky'), false);

      const list = (await t.req('GET', '/api/v1/routing/skills', { cookie: supervisor })).json().items as { id: string; name: string; agents: number }[];
      const billing = list.find((s) => s.name === 'billing')!;
      assert.ok(billing.agents >= 2, 'billing is held by the demo agents');
      // The demo workflow's selectors use billing: rename and delete are refused, naming the rules.
      const rename = await t.req('PATCH', `/api/v1/routing/skills/${billing.id}`, { cookie: admin, body: { name: 'invoices' } });
      assert.equal(rename.statusCode, 409, rename.body);
      assert.match(rename.json().error.message, /Billing in Polish/);
      const del = await t.req('DELETE', `/api/v1/routing/skills/${billing.id}`, { cookie: admin });
      assert.equal(del.statusCode, 409);
      assert.match(del.json().error.message, /billing-pl/);
      assert.ok((await r.routingAgents.skills(tenantId)).some((s) => s.name === 'billing'), 'still there');

      const renamed = await t.req('PATCH', `/api/v1/routing/skills/${skill.id}`, { cookie: admin, body: { name: 'refunds' } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'refunds');
      // A skill held by an agent: deleting it takes the matrix cells with it.
      await t.req('PUT', '/api/v1/routing/skill-matrix', { cookie: supervisor, body: { cells: [{ userId: users.alex, skill: 'refunds', level: 4 }] } });
      assert.ok((await skillCells()).some((c) => c.skill_id === skill.id));
      assert.equal((await t.req('DELETE', `/api/v1/routing/skills/${skill.id}`, { cookie: admin })).statusCode, 204);
      assert.ok(!(await skillCells()).some((c) => c.skill_id === skill.id), 'the cells went with the skill');
      assert.equal((await t.req('DELETE', `/api/v1/routing/skills/${skill.id}`, { cookie: admin })).statusCode, 404);
    });

    test('queues: agents read, admins create and change, bad input 400, delete refused while targeted or waited in', async () => {
      const list = await t.req('GET', '/api/v1/routing/queues', { cookie: agent });
      assert.equal(list.statusCode, 200);
      const billing = (list.json().items as { id: string; name: string }[]).find((q) => q.name === 'Billing')!;
      assert.ok(billing);
      assert.equal((await t.req('POST', '/api/v1/routing/queues', { cookie: agent, body: { name: 'Nope' } })).statusCode, 403);

      const bad = await t.req('POST', '/api/v1/routing/queues', { cookie: admin, body: { name: 'Quick', offerTimeoutSeconds: 1, strategy: 'fastest' } });
      assert.equal(bad.statusCode, 400);
      const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(paths, ['offerTimeoutSeconds', 'strategy']);
      const unknownTeam = await t.req('POST', '/api/v1/routing/queues', { cookie: admin, body: { name: 'Teamless', teamIds: [uuidv7()] } });
      assert.equal(unknownTeam.statusCode, 400);
      assert.equal(unknownTeam.json().error.details[0].path, 'teamIds.0');
      assert.equal(await r.routingQueues.byName(tenantId, 'Teamless'), undefined, 'nothing stored');

      const created = await t.req('POST', '/api/v1/routing/queues', { cookie: admin, body: { name: 'Returns', strategy: 'round_robin', stickyMinutes: 15, offerTimeoutSeconds: 45, wrapUpSeconds: 30 } });
      assert.equal(created.statusCode, 201, created.body);
      const q = created.json() as { id: string; stickyMinutes: number; offerTimeoutSeconds: number; wrapUpSeconds: number; agingPerMinute: number; teamIds: string[] };
      assert.deepEqual({ s: q.stickyMinutes, o: q.offerTimeoutSeconds, w: q.wrapUpSeconds, a: q.agingPerMinute, t: q.teamIds }, { s: 15, o: 45, w: 30, a: 1, t: [] });
      const row = (await r.routingQueues.byId(tenantId, q.id))!;
      assert.deepEqual({ sticky: row.stickyMs, offer: row.offerTimeoutMs, wrap: row.wrapUpMs }, { sticky: 900_000, offer: 45_000, wrap: 30_000 });
      assert.equal((await t.req('POST', '/api/v1/routing/queues', { cookie: admin, body: { name: 'Returns' } })).statusCode, 409);

      const patched = await t.req('PATCH', `/api/v1/routing/queues/${q.id}`, { cookie: admin, body: { strategy: 'least_busy', offerTimeoutSeconds: null } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().strategy, 'least_busy');
      assert.equal(patched.json().offerTimeoutSeconds, null);
      assert.equal((await t.req('PATCH', `/api/v1/routing/queues/${q.id}`, { cookie: admin, body: { name: 'Billing' } })).statusCode, 409);
      assert.equal((await t.req('GET', `/api/v1/routing/queues/${uuidv7()}`, { cookie: agent })).statusCode, 404);

      const targeted = await t.req('DELETE', `/api/v1/routing/queues/${billing.id}`, { cookie: admin });
      assert.equal(targeted.statusCode, 409);
      assert.match(targeted.json().error.message, /Billing in Polish/);
      const taskId = uuidv7();
      await r.routingTasks.insert({
        id: taskId, tenantId, kind: 'chat', sourceType: 'api', sourceId: null, sourceEventId: null, attributes: {}, priority: 50, status: 'queued', workflowVersion: null,
        ruleId: null, targetIndex: 0, targetStartedAt: now, queueId: q.id, assignedUserId: null, declinedBy: [], callbackNumber: null, enqueuedAt: now, assignedAt: null,
        endedAt: null, endReason: null, at: now,
      });
      const waited = await t.req('DELETE', `/api/v1/routing/queues/${q.id}`, { cookie: admin });
      assert.equal(waited.statusCode, 409);
      assert.match(waited.json().error.message, /1 task waits/);
      await r.routingTasks.transition(tenantId, taskId, ['queued'], { status: 'cancelled', endedAt: now }, now);
      assert.equal((await t.req('DELETE', `/api/v1/routing/queues/${q.id}`, { cookie: admin })).statusCode, 204);
      assert.equal(await r.routingQueues.byId(tenantId, q.id), undefined);
      assert.equal((await r.routingTasks.byId(tenantId, taskId))?.queueId, null, 'the ended task keeps its history without the queue');
    });

    test('agents: supervisors list and change skills and languages; capacity needs an admin; unknown skills are 400', async () => {
      assert.equal((await t.req('GET', '/api/v1/routing/agents', { cookie: agent })).statusCode, 403);
      const list = await t.req('GET', '/api/v1/routing/agents', { cookie: supervisor });
      assert.equal(list.statusCode, 200);
      const priya = (list.json().items as { userId: string; presence: string; activity: string; capacity: Record<string, number>; languages: string[] }[]).find((a) => a.userId === users.priya)!;
      assert.deepEqual({ presence: priya.presence, activity: priya.activity, chat: priya.capacity.chat, voice: priya.capacity.voice }, { presence: 'available', activity: 'available', chat: 3, voice: 1 });

      const changed = await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: supervisor, body: { skills: [{ skill: 'technical', level: 10 }, { skill: 'english', level: 9 }], languages: ['en', 'hi', 'ur'] } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.json().skills, [{ skill: 'english', level: 9 }, { skill: 'technical', level: 10 }]);
      assert.deepEqual(changed.json().languages, ['en', 'hi', 'ur']);
      const cap = await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: supervisor, body: { capacity: { chat: 6 } } });
      assert.equal(cap.statusCode, 403);
      assert.match(cap.json().error.message, /routing\.configure/);
      const byAdmin = await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: admin, body: { capacity: { chat: 6 } } });
      assert.equal(byAdmin.statusCode, 200);
      assert.deepEqual(byAdmin.json().capacity, { voice: 1, chat: 6, email: 5, messaging: 5, ticket: 10 });
      const unknown = await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: supervisor, body: { skills: [{ skill: 'technical', level: 3 }, { skill: 'telepathy', level: 3 }] } });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.details[0].path, 'skills.1.skill');
      const after = (await r.routingAgents.profile(tenantId, users.priya))!;
      assert.deepEqual(after.skills, [{ skill: 'english', level: 9 }, { skill: 'technical', level: 10 }], 'nothing changed by the refused patch');
      assert.equal((await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: agent, body: { languages: ['en'] } })).statusCode, 403);
      assert.equal((await t.req('PATCH', `/api/v1/routing/agents/${uuidv7()}`, { cookie: supervisor, body: { languages: ['en'] } })).statusCode, 404);
      const levelTooHigh = await t.req('PATCH', `/api/v1/routing/agents/${users.priya}`, { cookie: supervisor, body: { skills: [{ skill: 'technical', level: 11 }] } });
      assert.equal(levelTooHigh.statusCode, 400);
    });

    test('the skill matrix is all or nothing, with every bad cell named', async () => {
      const before = await skillCells();
      const bad = await t.req('PUT', '/api/v1/routing/skill-matrix', {
        cookie: supervisor,
        body: { cells: [{ userId: users.wen, skill: 'billing', level: 3 }, { userId: users.wen, skill: 'nonexistent', level: 3 }, { userId: uuidv7(), skill: 'sales', level: 2 }] },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual((bad.json().error.details as { path: string }[]).map((d) => d.path), ['cells.1.skill', 'cells.2.userId']);
      assert.deepEqual(await skillCells(), before, 'not even the good cell was written');

      const ok = await t.req('PUT', '/api/v1/routing/skill-matrix', {
        cookie: supervisor,
        body: { cells: [{ userId: users.wen, skill: 'billing', level: 3 }, { userId: users.alex, skill: 'welsh', level: null }, { userId: users.alex, skill: 'sales', level: 2 }] },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { updated: 3, agents: 2 });
      const wen = (await r.routingAgents.profile(tenantId, users.wen))!;
      const alex = (await r.routingAgents.profile(tenantId, users.alex))!;
      assert.ok(wen.skills.some((s) => s.skill === 'billing' && s.level === 3));
      assert.ok(!alex.skills.some((s) => s.skill === 'welsh'), 'null removes the cell');
      assert.ok(alex.skills.some((s) => s.skill === 'sales' && s.level === 2));
      assert.equal((await t.req('PUT', '/api/v1/routing/skill-matrix', { cookie: agent, body: { cells: [{ userId: users.alex, skill: 'sales', level: 9 }] } })).statusCode, 403);
      assert.equal((await t.req('PUT', '/api/v1/routing/skill-matrix', { cookie: supervisor, body: { cells: [] } })).statusCode, 400);
      const events = await t.server.database.db.selectFrom('events').select(['type', 'payload']).where('tenant_id', '=', tenantId).where('type', '=', 'routing.config_changed').execute();
      assert.ok(events.some((e) => (e.payload as { what: string; id: string }).what === 'agent' && (e.payload as { id: string }).id === users.wen));
    });

    test('workflow: each kind of bad workflow is 400 with path and column, and the running version stays', async () => {
      const current = await t.req('GET', '/api/v1/routing/workflow', { cookie: supervisor });
      assert.equal(current.statusCode, 200);
      const v = current.json().version as number;
      assert.ok(v >= 1);
      const rules = current.json().rules as { id: string; targets: { queueId: string }[] }[];
      const billingQ = rules[0]!.targets[0]!.queueId;
      const supportQ = rules[3]!.targets[0]!.queueId;
      const salesQ = rules[2]!.targets[0]!.queueId;
      const rule = (over: Record<string, unknown>) => ({ id: 'r1', name: 'Rule one', filter: '', targets: [{ queueId: billingQ, agents: '' }], ...over });
      const refuse = async (body: unknown, path: string, message: RegExp, column?: number) => {
        const res = await t.req('PUT', '/api/v1/routing/workflow', { cookie: admin, body });
        assert.equal(res.statusCode, 400, res.body);
        const details = res.json().error.details as { path: string; message: string; column?: number }[];
        const d = details.find((x) => x.path === path);
        assert.ok(d, `${path} in ${res.body}`);
        assert.match(d.message, message);
        if (column !== undefined) assert.equal(d.column, column, res.body);
        assert.match(res.json().error.message, new RegExp(`version ${v} keeps running`));
        assert.equal(await workflowVersion(), v, 'the running version is unchanged');
      };
      await refuse({ rules: [rule({ filter: 'channel == ' })] }, 'rules[0].filter', /.+/, 12);
      await refuse({ rules: [rule({ filter: 'langauge == "pl"' })] }, 'rules[0].filter', /unknown attribute 'langauge'/, 1);
      await refuse({ rules: [rule({ targets: [{ queueId: billingQ, agents: 'lang == "pl" && biling >= 5' }] })] }, 'rules[0].targets[0].agents', /unknown skill 'biling'/, 17);
      await refuse({ rules: [rule({ targets: [{ queueId: billingQ, timeoutSeconds: 30 }, { queueId: supportQ, timeoutSeconds: 30 }, { queueId: billingQ }] })] }, 'rules[0].targets[2].queueId', /loop/);
      assert.equal((await t.req('PUT', '/api/v1/routing/workflow', { cookie: supervisor, body: { rules: [rule({})] } })).statusCode, 403);

      const saved = await t.req('PUT', '/api/v1/routing/workflow', { cookie: admin, body: { rules: [rule({ filter: '"sales" in tags', targets: [{ queueId: salesQ, agents: 'sales >= 5' }] }), ...rules] } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().version, v + 1);
      assert.equal(saved.json().rules[0].targets[0].priorityBoost, 0, 'defaults filled in');
      assert.equal(await workflowVersion(), v + 1);
      const versions = (await t.req('GET', '/api/v1/routing/workflow/versions', { cookie: supervisor })).json().items as { version: number; rules: number }[];
      assert.deepEqual(versions.slice(0, 2).map((x) => [x.version, x.rules]), [[v + 1, rules.length + 1], [v, rules.length]]);
    });

    test('the test box: rule, targets, skip reasons, eligible agents and who would be offered; nothing stored', async () => {
      const queues = (await r.routingQueues.list(tenantId));
      const billingQ = queues.find((q) => q.name === 'Billing')!.id;
      const salesQ = queues.find((q) => q.name === 'Sales')!.id;
      const kasia = (await r.users.byEmail(tenantId, 'kasia@demo.example'))!.id;
      const before = { events: (await t.server.database.db.selectFrom('events').select('id').where('tenant_id', '=', tenantId).execute()).length, v: await workflowVersion() };
      const rules = [
        { id: 'pl', name: 'Polish billing', filter: '"billing" in tags && language == "pl"', targets: [{ queueId: billingQ, agents: 'billing >= 5 && lang == "pl"', timeoutSeconds: 30 }, { queueId: billingQ, agents: 'billing >= 1', skipWhen: ['no_agents_available'] }] },
        { id: 'sales', name: 'Sales', filter: '"sales" in tags', targets: [{ queueId: salesQ, agents: 'chinese >= 9', skipWhen: ['no_agents_logged_in'] }] },
      ];
      const res = await t.req('POST', '/api/v1/routing/workflow/test', { cookie: supervisor, body: { rules, kind: 'chat', attributes: { tags: ['billing'], language: 'pl', channel: 'chat' } } });
      assert.equal(res.statusCode, 200, res.body);
      const out = res.json() as { ruleId: string; targets: { queueName: string; skipped: string | null; eligibleAgents: { userId: string }[]; wouldOffer: { userId: string; name: string } | null }[]; trace: { step: string }[] };
      assert.equal(out.ruleId, 'pl');
      assert.equal(out.targets.length, 2);
      assert.deepEqual(out.targets[0]!.eligibleAgents.map((a) => a.userId), [kasia], 'only the Polish billing agent for the first target');
      assert.equal(out.targets[0]!.wouldOffer?.name, 'Kasia Nowak');
      assert.ok(out.targets[1]!.eligibleAgents.length >= 2, 'the wider billing team');
      assert.equal(out.targets[1]!.skipped, null);
      assert.deepEqual(out.trace.map((e) => e.step).slice(0, 3), ['rule_matched', 'target', 'considered']);

      // Wen (the only Chinese speaker, Sales) offline: the Sales target would be skipped for no agents logged in.
      await t.req('PUT', `/api/v1/routing/agents/${users.wen}/presence`, { cookie: supervisor, body: { presence: 'offline' } });
      const sales = (await t.req('POST', '/api/v1/routing/workflow/test', { cookie: supervisor, body: { rules, attributes: { tags: ['sales'] } } })).json();
      assert.equal(sales.ruleId, 'sales');
      assert.equal(sales.targets[0].skipped, 'no_agents_logged_in');
      assert.equal(sales.targets[0].wouldOffer, null);
      const none = (await t.req('POST', '/api/v1/routing/workflow/test', { cookie: supervisor, body: { rules, attributes: { tags: [] } } })).json();
      assert.equal(none.ruleId, null);
      assert.equal(none.trace[0].step, 'no_rule');
      // The running workflow is used when no rules are sent.
      const running = (await t.req('POST', '/api/v1/routing/workflow/test', { cookie: supervisor, body: { attributes: { tags: ['nothing-special'] } } })).json();
      assert.equal(running.ruleId, 'everything-else');
      const invalid = await t.req('POST', '/api/v1/routing/workflow/test', { cookie: supervisor, body: { rules: [{ ...rules[0], filter: 'tags ==' }], attributes: {} } });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.details[0].path, 'rules[0].filter');
      assert.equal((await t.req('POST', '/api/v1/routing/workflow/test', { cookie: agent, body: { attributes: {} } })).statusCode, 403);
      const afterEvents = (await t.server.database.db.selectFrom('events').select('id').where('tenant_id', '=', tenantId).execute()).length;
      assert.equal(afterEvents, before.events + 1, 'only the presence change was recorded');
      assert.equal(await workflowVersion(), before.v);
    });
  });
}
