import { test } from 'node:test';
import assert from 'node:assert/strict';
import { macroChange } from './macros.ts';

test('a macro becomes a ticket change: current user, tags added then removed, untouched fields left out', () => {
  assert.deepEqual(macroChange({ status: 'pending', assignee: 'current', addTags: ['vip', 'a'], removeTags: ['old'] }, { tags: ['a', 'old'] }, 'u1'), {
    status: 'pending',
    assigneeId: 'u1',
    tags: ['a', 'vip'],
  });
  assert.deepEqual(macroChange({ assignee: null, teamId: null, type: null }, { tags: [] }, 'u1'), { assigneeId: null, teamId: null, type: null });
  assert.deepEqual(macroChange({ publicReply: 'hi' }, { tags: ['x'] }, 'u1'), {});
});
