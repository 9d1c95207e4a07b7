import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { edge, node, rawFlow } from '../src/core/flows/test-kit.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Issue { nodeId: string | null; edgeId?: string | null; message: string; path?: string }

const hello = (extra: Record<string, unknown> = {}) => rawFlow([node('hi', 'message', { text: { en: 'Hello {{name}}' } }), node('bye', 'end')], [edge('hi', 'next', 'bye')], { variables: [{ name: 'name', type: 'string', default: 'friend' }], ...extra });

/** One flow per kind of mistake the publish check must refuse, with the node it must blame. */
const badFlows: { what: string; def: unknown; nodeId: string }[] = [
  { what: 'a dangling edge', nodeId: 'hi', def: rawFlow([node('hi', 'message', { text: { en: 'Hi' } }), node('bye', 'end')], [edge('hi', 'next', 'nowhere')]) },
  { what: 'an unreachable node', nodeId: 'lost', def: rawFlow([node('hi', 'message', { text: { en: 'Hi' } }), node('bye', 'end'), node('lost', 'message', { text: { en: 'Nobody comes here' } }), node('bye2', 'end')], [edge('hi', 'next', 'bye'), edge('lost', 'next', 'bye2')]) },
  { what: 'a cycle with no input step', nodeId: 'a', def: rawFlow([node('a', 'message', { text: { en: 'A' } }), node('b', 'set', { assignments: [{ variable: 'n', mode: 'literal', value: 1 }] })], [edge('a', 'next', 'b'), edge('b', 'next', 'a')], { variables: [{ name: 'n', type: 'number' }] }) },
  { what: 'an unknown variable', nodeId: 'hi', def: rawFlow([node('hi', 'message', { text: { en: 'Hi {{nobody_declared_me}}' } }), node('bye', 'end')], [edge('hi', 'next', 'bye')]) },
  { what: 'a disallowed URL', nodeId: 'call', def: rawFlow([node('call', 'http', { url: 'https://evil.example.net/steal', mapping: {} }), node('ok', 'end'), node('bad', 'end')], [edge('call', 'next', 'ok'), edge('call', 'error', 'bad')]) },
];

for (const kind of await dbKinds()) {
  describe(`flows API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let supervisor = '';
    let agent = '';
    let flowId = '';

    const issuesOf = (body: string) => (JSON.parse(body).error.details ?? []) as Issue[];

    before(async () => {
      t = await startTestServer(kind, { flows: true });
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
    });
    after(() => t?.close());

    test('create: a flow with its first draft; agents may not, supervisors may', async () => {
      const denied = await t.req('POST', '/api/v1/flows', { cookie: agent, body: { name: 'Nope' } });
      assert.equal(denied.statusCode, 403);
      const res = await t.req('POST', '/api/v1/flows', { cookie: supervisor, body: { name: 'Greeter', definition: hello() } });
      assert.equal(res.statusCode, 201, res.body);
      flowId = res.json().id;
      assert.deepEqual({ d: res.json().draftVersion, p: res.json().publishedVersion, ch: res.json().channelKinds }, { d: 1, p: null, ch: ['chat'] });
      const dup = await t.req('POST', '/api/v1/flows', { cookie: admin, body: { name: 'Greeter' } });
      assert.equal(dup.statusCode, 409);
      const list = await t.req('GET', '/api/v1/flows?q=greet', { cookie: supervisor });
      assert.ok(list.json().items.some((f: { id: string }) => f.id === flowId));
    });

    test('bad input: a malformed draft is a 400 that names the node, and nothing is written', async () => {
      const before = (await t.req('GET', `/api/v1/flows/${flowId}/current`, { cookie: admin })).json();
      const bad = rawFlow([node('hi', 'message', { text: {} }), node('bye', 'end')], [edge('hi', 'next', 'bye')]);
      const res = await t.req('PUT', `/api/v1/flows/${flowId}/draft`, { cookie: admin, body: { definition: bad } });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(issuesOf(res.body).some((i) => i.nodeId === 'hi'), res.body);
      const afterward = (await t.req('GET', `/api/v1/flows/${flowId}/current`, { cookie: admin })).json();
      assert.deepEqual(afterward.definition, before.definition);
      const noName = await t.req('POST', '/api/v1/flows', { cookie: admin, body: { name: '' } });
      assert.equal(noName.statusCode, 400);
    });

    for (const b of badFlows) {
      test(`publish refuses ${b.what}, with the error on node ${b.nodeId}`, async () => {
        const created = await t.req('POST', '/api/v1/flows', { cookie: admin, body: { name: `Bad: ${b.what}` } });
        assert.equal(created.statusCode, 201, created.body);
        const id = created.json().id;
        const saved = await t.req('PUT', `/api/v1/flows/${id}/draft`, { cookie: admin, body: { definition: b.def } });
        // A graph problem does not stop saving (work in progress), but it is reported.
        if (saved.statusCode === 200) assert.ok(saved.json().issues.some((i: Issue) => i.nodeId === b.nodeId), saved.body);
        const res = await t.req('POST', `/api/v1/flows/${id}/publish`, { cookie: admin, body: {} });
        assert.equal(res.statusCode, 400, res.body);
        const issues = issuesOf(res.body);
        assert.ok(issues.some((i) => i.nodeId === b.nodeId), `expected an issue on ${b.nodeId}: ${res.body}`);
        assert.equal((await t.req('GET', `/api/v1/flows/${id}`, { cookie: admin })).json().publishedVersion, null);
      });
    }

    test('an allow-listed host is accepted for publishing', async () => {
      const bad = await t.req('PUT', '/api/v1/flow-allowed-hosts', { cookie: admin, body: { hosts: ['https://with-scheme.example'] } });
      assert.equal(bad.statusCode, 400);
      const ok = await t.req('PUT', '/api/v1/flow-allowed-hosts', { cookie: admin, body: { hosts: ['Shop.Example.com', '*.orders.example'] } });
      assert.deepEqual(ok.json().hosts, ['*.orders.example', 'shop.example.com']);
      const res = await t.req('POST', '/api/v1/flows/validate', { cookie: admin, body: { definition: rawFlow([node('call', 'http', { url: 'https://api.orders.example/o/{{id}}', mapping: {} }), node('ok', 'end'), node('bad', 'end')], [edge('call', 'next', 'ok'), edge('call', 'error', 'bad')], { variables: [{ name: 'id', type: 'string' }] }) } });
      assert.deepEqual(res.json(), { ok: true, issues: [] });
    });

    test('publish: a version becomes published and never changes; the next save is a new draft', async () => {
      const pub = await t.req('POST', `/api/v1/flows/${flowId}/publish`, { cookie: admin, body: {} });
      assert.equal(pub.statusCode, 200, pub.body);
      assert.equal(pub.json().version, 1);
      assert.equal(pub.json().status, 'published');
      const again = await t.req('POST', `/api/v1/flows/${flowId}/publish`, { cookie: admin, body: { version: 1 } });
      assert.equal(again.statusCode, 409, again.body);
      // The database refuses to change a published row, whoever asks.
      await assert.rejects(sql`UPDATE flow_versions SET definition = '{}'::jsonb WHERE flow_id = ${flowId} AND version = 1`.execute(t.server.database.db), /immutable/);
      await assert.rejects(sql`DELETE FROM flow_versions WHERE flow_id = ${flowId} AND version = 1`.execute(t.server.database.db), /immutable/);
      const changed = hello();
      (changed.nodes[0]!.data as { text: Record<string, string> }).text = { en: 'Hi again {{name}}' };
      const saved = await t.req('PUT', `/api/v1/flows/${flowId}/draft`, { cookie: admin, body: { definition: changed } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual({ v: saved.json().version.version, s: saved.json().version.status, issues: saved.json().issues }, { v: 2, s: 'draft', issues: [] });
      const v1 = (await t.req('GET', `/api/v1/flows/${flowId}/versions/1`, { cookie: admin })).json();
      assert.deepEqual((v1.definition.nodes[0].data as { text: unknown }).text, { en: 'Hello {{name}}' });
      const versions = (await t.req('GET', `/api/v1/flows/${flowId}/versions`, { cookie: supervisor })).json().items as { version: number; status: string }[];
      assert.deepEqual(versions.map((v) => [v.version, v.status]), [[2, 'draft'], [1, 'published']]);
    });

    test('simulate: outputs and the new state; hand-overs are reported, not carried out', async () => {
      const def = rawFlow(
        [node('ask', 'ask', { prompt: { en: 'Your email?' }, kind: 'email', variable: 'email' }), node('thanks', 'message', { text: { en: 'Thanks {{email}}' } }), node('human', 'handover', { note: 'wants a person' })],
        [edge('ask', 'next', 'thanks'), edge('thanks', 'next', 'human')],
        { variables: [{ name: 'email', type: 'email' }] },
      );
      const noStart = await t.req('POST', '/api/v1/flows/simulate', { cookie: admin, body: { definition: def, input: { kind: 'text', text: 'hi' } } });
      assert.equal(noStart.statusCode, 400);
      const s1 = await t.req('POST', '/api/v1/flows/simulate', { cookie: admin, body: { definition: def, input: { kind: 'start', language: 'en' } } });
      assert.equal(s1.statusCode, 200, s1.body);
      assert.equal(s1.json().status, 'waiting');
      assert.deepEqual(s1.json().outputs, [{ kind: 'text', text: 'Your email?' }]);
      const s2 = await t.req('POST', '/api/v1/flows/simulate', { cookie: admin, body: { definition: def, state: s1.json().state, input: { kind: 'text', text: 'ann@example.com' } } });
      assert.equal(s2.statusCode, 200, s2.body);
      assert.equal(s2.json().status, 'handover');
      assert.equal(s2.json().variables.email, 'ann@example.com');
      assert.ok(s2.json().outputs.some((o: { text?: string }) => o.text === 'Thanks ann@example.com'));
      assert.deepEqual(s2.json().notExecuted.map((x: { kind: string }) => x.kind), ['handover']);
      const tasks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM routing_tasks`.execute(t.server.database.db);
      assert.equal(tasks.rows[0]!.n, 0, 'the simulator routes nothing');
    });

    test('intents: create, duplicate name 409, bad name 400, edit, delete', async () => {
      const res = await t.req('POST', '/api/v1/flow-intents', { cookie: admin, body: { name: 'Store_Hours', examples: ['when do you open', 'when do you open', 'pryd ydych chi ar agor'] } });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual({ n: res.json().name, e: res.json().examples }, { n: 'store_hours', e: ['when do you open', 'pryd ydych chi ar agor'] });
      assert.equal((await t.req('POST', '/api/v1/flow-intents', { cookie: admin, body: { name: 'store_hours' } })).statusCode, 409);
      assert.equal((await t.req('POST', '/api/v1/flow-intents', { cookie: admin, body: { name: 'has space' } })).statusCode, 400);
      const id = res.json().id;
      const patched = await t.req('PATCH', `/api/v1/flow-intents/${id}`, { cookie: supervisor, body: { examples: ['what time do you open'] } });
      assert.deepEqual(patched.json().examples, ['what time do you open']);
      assert.equal((await t.req('DELETE', `/api/v1/flow-intents/${id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/flow-intents/${id}`, { cookie: admin })).statusCode, 404);
    });

    test('inbox assignment: only published flows for the inbox channel; an assigned flow cannot be deleted', async () => {
      const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Flow chat', channel: 'chat' } });
      assert.equal(inbox.statusCode, 201, inbox.body);
      const inboxId = inbox.json().id;
      const draftOnly = await t.req('POST', '/api/v1/flows', { cookie: admin, body: { name: 'Draft only' } });
      const refused = await t.req('PUT', `/api/v1/inboxes/${inboxId}/flow`, { cookie: admin, body: { flowId: draftOnly.json().id } });
      assert.equal(refused.statusCode, 400, refused.body);
      const ok = await t.req('PUT', `/api/v1/inboxes/${inboxId}/flow`, { cookie: admin, body: { flowId } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual({ f: ok.json().flowId, n: ok.json().flowName }, { f: flowId, n: 'Greeter' });
      assert.equal((await t.req('DELETE', `/api/v1/flows/${flowId}`, { cookie: admin })).statusCode, 409);
      const list = (await t.req('GET', '/api/v1/flow-assignments', { cookie: supervisor })).json().items as { inboxId: string; flowId: string | null }[];
      assert.equal(list.find((a) => a.inboxId === inboxId)?.flowId, flowId);
      assert.equal((await t.req('PUT', `/api/v1/inboxes/${inboxId}/flow`, { cookie: admin, body: { flowId: null } })).json().flowId, null);
      assert.equal((await t.req('DELETE', `/api/v1/flows/${flowId}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/flows/${flowId}`, { cookie: admin })).statusCode, 404);
    });
  });
}
