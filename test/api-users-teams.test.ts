import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface UserJson { id: string; email: string; name: string; role: string; active: boolean; teams: { id: string; name: string }[] }
interface TeamJson { id: string; name: string; description: string; memberCount: number }

for (const kind of await dbKinds()) {
  describe(`users and teams API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let supervisor = '';
    let agent = '';
    const userId = async (email: string) => {
      const res = await t.req('GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { cookie: admin });
      const u = (res.json().items as UserJson[]).find((x) => x.email === email);
      assert.ok(u, `user ${email}`);
      return u.id;
    };
    const auditFor = async (action: string) =>
      (await t.req('GET', `/api/v1/audit?action=${action}&limit=200`, { cookie: admin })).json().items as { action: string; targetId: string; details: Record<string, unknown> }[];

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
    });
    after(() => t?.close());

    test('invitation: invite, look up, accept, sign in; a link works once', async () => {
      const teams = (await t.req('GET', '/api/v1/teams', { cookie: admin })).json().items as TeamJson[];
      const support = teams.find((x) => x.name === 'Support')!;
      const inv = await t.req('POST', '/api/v1/users/invitations', {
        cookie: admin,
        body: { email: 'New.Person@Demo.Example', name: 'New Person', role: 'agent', teamIds: [support.id] },
      });
      assert.equal(inv.statusCode, 201, inv.body);
      const { invitation, link } = inv.json() as { invitation: { email: string; role: string }; link: string };
      assert.equal(invitation.email, 'new.person@demo.example');
      assert.equal(invitation.role, 'agent');
      const token = link.split('/invite/')[1]!;
      assert.match(token, /^sbi_/);

      const look = await t.req('GET', `/api/v1/invitations/${token}`);
      assert.equal(look.statusCode, 200, look.body);
      assert.deepEqual({ ...(look.json() as Record<string, unknown>), expiresAt: undefined }, { email: 'new.person@demo.example', name: 'New Person', workspace: 'demo', expiresAt: undefined });

      const short = await t.req('POST', `/api/v1/invitations/${token}/accept`, { body: { password: 'short' } });
      assert.equal(short.statusCode, 400, short.body);
      assert.ok((short.json().error.details as { path: string }[]).some((d) => d.path === 'password'), short.body);
      assert.equal((await t.req('GET', `/api/v1/invitations/${token}`)).statusCode, 200, 'a rejected accept leaves the link usable');

      const accept = await t.req('POST', `/api/v1/invitations/${token}/accept`, { body: { password: 'my-own-password-123', language: 'cy' } });
      assert.equal(accept.statusCode, 200, accept.body);
      const c = accept.cookies.find((x) => x.name === 'sb_session');
      assert.ok(c);
      const cookie = `sb_session=${c.value}`;
      const me = await t.req('GET', '/api/v1/auth/me', { cookie });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.email, 'new.person@demo.example');
      assert.equal(me.json().user.language, 'cy');
      assert.deepEqual(me.json().user.teams.map((x: { name: string }) => x.name), ['Support']);
      assert.ok(!me.json().permissions.includes('users.manage'));

      const again = await t.req('POST', `/api/v1/invitations/${token}/accept`, { body: { password: 'another-password-456' } });
      assert.ok([404, 409].includes(again.statusCode), `second accept: ${again.statusCode}`);
      assert.equal((await t.req('GET', `/api/v1/invitations/${token}`)).statusCode, 404);
      assert.equal((await t.login('new.person@demo.example', 'my-own-password-123')).length > 0, true);
      await assert.rejects(t.login('new.person@demo.example', 'another-password-456'), 'the second accept changed nothing');
      assert.ok((await auditFor('user.invited')).some((e) => e.details.email === 'new.person@demo.example'));
    });

    test('inviting an email that already has an account is a 409; bad input is a 400', async () => {
      const dup = await t.req('POST', '/api/v1/users/invitations', { cookie: admin, body: { email: 'PRIYA@demo.example', name: 'Priya 2', role: 'agent' } });
      assert.equal(dup.statusCode, 409, dup.body);
      assert.equal(dup.json().error.code, 'conflict');
      const bad = await t.req('POST', '/api/v1/users/invitations', { cookie: admin, body: { email: 'not-an-email', name: '', role: 'boss' } });
      assert.equal(bad.statusCode, 400);
      const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(paths, ['email', 'name', 'role']);
      const unknownTeam = await t.req('POST', '/api/v1/users/invitations', {
        cookie: admin,
        body: { email: 'ghost@demo.example', name: 'Ghost', role: 'agent', teamIds: ['0190a000-0000-7000-8000-000000000000'] },
      });
      assert.equal(unknownTeam.statusCode, 400, unknownTeam.body);
      assert.equal((await t.req('GET', '/api/v1/users?q=ghost@', { cookie: admin })).json().items.length, 0, 'nothing half-created');
    });

    test('changing a role is audited; demoting or deactivating the last admin is a 409 and changes nothing', async () => {
      const wen = await userId(demo.wen);
      const res = await t.req('PATCH', `/api/v1/users/${wen}`, { cookie: admin, body: { role: 'supervisor' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().role, 'supervisor');
      const entry = (await auditFor('user.role_changed')).find((e) => e.targetId === wen);
      assert.ok(entry, 'user.role_changed audited');
      assert.deepEqual(entry.details, { from: 'agent', to: 'supervisor' });

      const adminId = await userId(demo.admin);
      const demote = await t.req('PATCH', `/api/v1/users/${adminId}`, { cookie: admin, body: { role: 'agent', name: 'Renamed Admin' } });
      assert.equal(demote.statusCode, 409, demote.body);
      assert.equal(demote.json().error.code, 'conflict');
      const off = await t.req('PATCH', `/api/v1/users/${adminId}`, { cookie: admin, body: { active: false } });
      assert.equal(off.statusCode, 409, off.body);
      const still = (await t.req('GET', `/api/v1/users/${adminId}`, { cookie: admin })).json() as UserJson;
      assert.equal(still.role, 'admin');
      assert.equal(still.active, true);
      assert.equal(still.name, 'Ada Admin', 'the refused request changed nothing at all');
      assert.ok(!(await auditFor('user.role_changed')).some((e) => e.targetId === adminId));
      const unknown = await t.req('PATCH', '/api/v1/users/0190a000-0000-7000-8000-000000000000', { cookie: admin, body: { name: 'X' } });
      assert.equal(unknown.statusCode, 404);
      const extra = await t.req('PATCH', `/api/v1/users/${wen}`, { cookie: admin, body: { email: 'x@y.example' } });
      assert.equal(extra.statusCode, 400, 'unknown fields are refused');
    });

    test('a deactivated user\'s session stops working and they cannot sign in', async () => {
      const cookie = await t.login(demo.priya);
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode, 200);
      const priya = await userId(demo.priya);
      const res = await t.req('PATCH', `/api/v1/users/${priya}`, { cookie: admin, body: { active: false } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().active, false);
      assert.equal((await t.req('GET', '/api/v1/auth/me', { cookie })).statusCode, 401);
      await assert.rejects(t.login(demo.priya));
      assert.ok((await auditFor('user.deactivated')).some((e) => e.targetId === priya));
      assert.equal((await t.req('PATCH', `/api/v1/users/${priya}`, { cookie: admin, body: { active: true } })).statusCode, 200);
      assert.ok((await t.login(demo.priya)).startsWith('sb_session='));
    });

    test('teams: create, duplicate name 409, read, rename, members add/list/remove, delete', async () => {
      const created = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Escalations', description: 'Tier 2' } });
      assert.equal(created.statusCode, 201, created.body);
      const team = created.json() as TeamJson;
      assert.equal(team.name, 'Escalations');
      assert.equal(team.memberCount, 0);
      const dup = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Escalations' } });
      assert.equal(dup.statusCode, 409);
      assert.ok((dup.json().error.details as { path: string }[]).some((d) => d.path === 'name'));
      assert.equal((await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: '  ' } })).statusCode, 400);

      const renameDup = await t.req('PATCH', `/api/v1/teams/${team.id}`, { cookie: admin, body: { name: 'Support' } });
      assert.equal(renameDup.statusCode, 409);
      const renamed = await t.req('PATCH', `/api/v1/teams/${team.id}`, { cookie: admin, body: { name: 'Escalations Desk' } });
      assert.equal(renamed.statusCode, 200);
      assert.equal(renamed.json().name, 'Escalations Desk');
      assert.equal(renamed.json().description, 'Tier 2');

      const alex = await userId(demo.alex);
      const wen = await userId(demo.wen);
      for (const u of [alex, wen]) assert.equal((await t.req('PUT', `/api/v1/teams/${team.id}/members/${u}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('PUT', `/api/v1/teams/${team.id}/members/${alex}`, { cookie: admin })).statusCode, 204, 'adding twice is fine');
      const members = await t.req('GET', `/api/v1/teams/${team.id}/members`, { cookie: agent });
      assert.equal(members.statusCode, 200);
      assert.deepEqual((members.json().items as UserJson[]).map((u) => u.email).sort(), [demo.alex, demo.wen]);
      assert.equal((await t.req('GET', `/api/v1/teams/${team.id}`, { cookie: admin })).json().memberCount, 2);
      const alexView = (await t.req('GET', `/api/v1/users/${alex}`, { cookie: admin })).json() as UserJson;
      assert.ok(alexView.teams.some((x) => x.id === team.id));

      assert.equal((await t.req('DELETE', `/api/v1/teams/${team.id}/members/${wen}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('DELETE', `/api/v1/teams/${team.id}/members/${wen}`, { cookie: admin })).statusCode, 404, 'not a member any more');
      const after1 = (await t.req('GET', `/api/v1/teams/${team.id}/members`, { cookie: admin })).json().items as UserJson[];
      assert.deepEqual(after1.map((u) => u.email), [demo.alex]);

      assert.equal((await t.req('DELETE', `/api/v1/teams/${team.id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/teams/${team.id}`, { cookie: admin })).statusCode, 404);
      assert.equal((await t.req('DELETE', `/api/v1/teams/${team.id}`, { cookie: admin })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/users/${alex}`, { cookie: admin })).statusCode, 200, 'members stay users');
      const list = (await t.req('GET', '/api/v1/teams', { cookie: admin })).json().items as TeamJson[];
      assert.ok(!list.some((x) => x.id === team.id));
    });

    test('cursor pagination walks every user once; a garbage cursor is a 400', async () => {
      const all = (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as UserJson[];
      assert.ok(all.length >= 5);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await t.req('GET', url, { cookie: supervisor });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { items: UserJson[]; nextCursor: string | null };
        assert.ok(body.items.length <= 2);
        seen.push(...body.items.map((u) => u.id));
        cursor = body.nextCursor;
        pages++;
        assert.ok(pages < 20, 'pagination ends');
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, 'no duplicates');
      assert.deepEqual([...seen].sort(), all.map((u) => u.id).sort(), 'none missing');
      assert.equal(pages, Math.ceil(all.length / 2));
      for (const demoEmail of Object.values(demo)) assert.ok(all.some((u) => u.email === demoEmail));

      for (const bad of ['garbage!!', Buffer.from('not-a-uuid').toString('base64url')]) {
        const res = await t.req('GET', `/api/v1/users?limit=2&cursor=${encodeURIComponent(bad)}`, { cookie: admin });
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
        assert.equal(res.json().error.code, 'invalid');
      }
      assert.equal((await t.req('GET', '/api/v1/users?limit=0', { cookie: admin })).statusCode, 400);
      assert.equal((await t.req('GET', '/api/v1/users?limit=201', { cookie: admin })).statusCode, 400);
    });

    test('search q matches name or email, case-insensitively, and treats % literally', async () => {
      const byName = (await t.req('GET', '/api/v1/users?q=PRIYA', { cookie: admin })).json().items as UserJson[];
      assert.deepEqual(byName.map((u) => u.email), [demo.priya]);
      const byEmail = (await t.req('GET', '/api/v1/users?q=wen@demo', { cookie: admin })).json().items as UserJson[];
      assert.deepEqual(byEmail.map((u) => u.email), [demo.wen]);
      const many = (await t.req('GET', '/api/v1/users?q=demo.example&limit=200', { cookie: admin })).json().items as UserJson[];
      assert.ok(many.length >= 5);
      assert.equal((await t.req('GET', '/api/v1/users?q=%25', { cookie: admin })).json().items.length, 0);
      const teams = (await t.req('GET', '/api/v1/teams?q=sal', { cookie: admin })).json().items as TeamJson[];
      assert.deepEqual(teams.map((x) => x.name), ['Sales']);
    });

    test('agents and supervisors read users and teams but cannot manage them', async () => {
      const priya = await userId(demo.priya);
      for (const [who, cookie] of [['agent', agent], ['supervisor', supervisor]] as const) {
        assert.equal((await t.req('GET', '/api/v1/users', { cookie })).statusCode, 200, who);
        assert.equal((await t.req('GET', `/api/v1/users/${priya}`, { cookie })).statusCode, 200, who);
        assert.equal((await t.req('GET', '/api/v1/teams', { cookie })).statusCode, 200, who);
        const patch = await t.req('PATCH', `/api/v1/users/${priya}`, { cookie, body: { role: 'admin' } });
        assert.equal(patch.statusCode, 403, `${who} PATCH user: ${patch.body}`);
        assert.equal(patch.json().error.code, 'forbidden');
        assert.equal((await t.req('POST', '/api/v1/teams', { cookie, body: { name: `By ${who}` } })).statusCode, 403, who);
        assert.equal((await t.req('POST', '/api/v1/users/invitations', { cookie, body: { email: `x-${who}@demo.example`, name: 'X', role: 'admin' } })).statusCode, 403, who);
        assert.equal((await t.req('GET', '/api/v1/audit', { cookie })).statusCode, 403, who);
        assert.equal((await t.req('GET', '/api/v1/tokens', { cookie })).statusCode, 403, who);
      }
      assert.equal((await t.req('GET', '/api/v1/events', { cookie: supervisor })).statusCode, 200, 'supervisors read events');
      assert.equal((await t.req('GET', '/api/v1/events', { cookie: agent })).statusCode, 403, 'agents do not');
      assert.equal((await t.req('GET', `/api/v1/users/${priya}`, { cookie: admin })).json().role, 'agent', 'nothing changed');
      const teams = (await t.req('GET', '/api/v1/teams?limit=200', { cookie: admin })).json().items as TeamJson[];
      assert.ok(!teams.some((x) => x.name.startsWith('By ')));
    });
  });
}
