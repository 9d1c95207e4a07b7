import { test } from 'node:test';
import assert from 'node:assert/strict';
import { permissions } from '../../contracts/auth.ts';
import { permissionsFor, rolePermissions } from './permissions.ts';

test('admins hold every permission; agents cannot manage or supervise', () => {
  assert.deepEqual([...permissionsFor('admin')].sort(), [...permissions].sort());
  const agent = permissionsFor('agent');
  for (const p of ['users.manage', 'teams.manage', 'tokens.manage', 'audit.read', 'supervise.view', 'admin.view'] as const) {
    assert.equal(agent.has(p), false, p);
  }
  assert.equal(agent.has('desk.use'), true);
});

test('a token never exceeds its owner role, and read scope holds no write permission', () => {
  const agentAdminToken = permissionsFor('agent', 'admin');
  for (const p of agentAdminToken) assert.ok(rolePermissions.agent.includes(p), p);
  const read = permissionsFor('admin', 'read');
  for (const p of read) assert.ok(p.endsWith('.read'), p);
  assert.equal(read.has('users.manage'), false);
});
