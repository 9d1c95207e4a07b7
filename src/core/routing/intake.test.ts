import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { endOnResolve, intakeAction, kindOfChannel, needsTask, taskFromConversation, type IntakeEvent } from './intake.ts';

const ev = (type: string, payload: Record<string, unknown> = {}, o: Partial<IntakeEvent> = {}): IntakeEvent => ({ id: 'e1', type, aggregateId: 'agg', actorId: null, payload, ...o });

describe('routing intake: which events matter', () => {
  test('created, reopened, woken and inbound messages consider their conversation', () => {
    assert.deepEqual(intakeAction(ev('conversation.created')), { kind: 'consider_conversation', conversationId: 'agg' });
    assert.deepEqual(intakeAction(ev('conversation.reopened')), { kind: 'consider_conversation', conversationId: 'agg' });
    assert.deepEqual(intakeAction(ev('conversation.status_changed', { from: 'snoozed', to: 'open' })), { kind: 'consider_conversation', conversationId: 'agg' });
    assert.deepEqual(intakeAction(ev('message.created', { conversationId: 'c1', direction: 'inbound' })), { kind: 'consider_conversation', conversationId: 'c1' });
  });

  test('outbound messages, notes and other statuses do nothing', () => {
    assert.equal(intakeAction(ev('message.created', { conversationId: 'c1', direction: 'outbound' })), null);
    assert.equal(intakeAction(ev('message.created', { conversationId: 'c1', direction: 'note' })), null);
    assert.equal(intakeAction(ev('message.created', { direction: 'inbound' })), null, 'no conversation id');
    assert.equal(intakeAction(ev('message.created', { conversationId: 'c1', direction: 'inbound', assigneeId: 'u1' })), null, 'written to an assigned conversation: nothing to route');
    assert.deepEqual(intakeAction(ev('message.created', { conversationId: 'c1', direction: 'inbound', assigneeId: null })), { kind: 'consider_conversation', conversationId: 'c1' });
    assert.equal(intakeAction(ev('conversation.status_changed', { from: 'open', to: 'snoozed' })), null);
    assert.equal(intakeAction(ev('ticket.created')), null);
  });

  test('resolving ends the task', () => {
    assert.deepEqual(intakeAction(ev('conversation.status_changed', { from: 'open', to: 'resolved' })), { kind: 'end_conversation', conversationId: 'agg' });
  });

  test('an assignment by a person assigns the task, unassigning puts it back in line; routing\'s own (no actor) does nothing', () => {
    assert.deepEqual(intakeAction(ev('conversation.assigned', { from: null, to: 'u1' }, { actorId: 'sup' })), { kind: 'assigned_by_person', conversationId: 'agg', userId: 'u1', actorId: 'sup' });
    assert.equal(intakeAction(ev('conversation.assigned', { from: null, to: 'u1' })), null);
    assert.deepEqual(intakeAction(ev('conversation.assigned', { from: 'u1', to: null }, { actorId: 'sup' })), { kind: 'unassigned_by_person', conversationId: 'agg', actorId: 'sup' });
    assert.equal(intakeAction(ev('conversation.assigned', { from: 'u1', to: null })), null);
  });

  test('task events of the service re-sync the task; the runner\'s own kinds do not', () => {
    for (const type of ['task.accepted', 'task.assigned', 'task.transferred', 'task.offer_rejected', 'task.escalated', 'task.completed', 'task.callback_requested']) {
      assert.deepEqual(intakeAction(ev(type, { taskId: 't1' })), { kind: 'task_changed', taskId: 't1' }, type);
    }
    for (const type of ['task.queued', 'task.offered', 'task.offer_expired', 'task.target_changed', 'task.overflowed', 'task.position_changed']) {
      assert.equal(intakeAction(ev(type, { taskId: 't1' })), null, type);
    }
  });

  test('agents, users, team membership and configuration', () => {
    assert.deepEqual(intakeAction(ev('agent.presence_changed', { userId: 'u1', from: 'available', to: 'offline' })), { kind: 'agent_changed', userId: 'u1', deactivated: false });
    assert.deepEqual(intakeAction(ev('user.updated', { active: false }, { aggregateId: 'u2' })), { kind: 'agent_changed', userId: 'u2', deactivated: true });
    assert.deepEqual(intakeAction(ev('user.updated', { name: 'X' }, { aggregateId: 'u2' })), { kind: 'agent_changed', userId: 'u2', deactivated: false });
    assert.deepEqual(intakeAction(ev('team.member_added', { userId: 'u3' })), { kind: 'agent_changed', userId: 'u3', deactivated: false });
    assert.deepEqual(intakeAction(ev('routing.config_changed', { what: 'workflow', id: null })), { kind: 'config_changed', what: 'workflow', id: null });
    assert.deepEqual(intakeAction(ev('routing.config_changed', { what: 'queue', id: 'q1' })), { kind: 'config_changed', what: 'queue', id: 'q1' });
    assert.deepEqual(intakeAction(ev('routing.config_changed', { what: 'agent', id: 'u4' })), { kind: 'agent_changed', userId: 'u4', deactivated: false });
    assert.equal(intakeAction(ev('routing.config_changed', { what: 'bogus' })), null);
  });
});

describe('routing intake: tasks from conversations', () => {
  test('an open, unassigned conversation without a live task needs one; nothing else does', () => {
    assert.equal(needsTask({ status: 'open', assigneeId: null }, false), true);
    assert.equal(needsTask({ status: 'open', assigneeId: null }, true), false);
    assert.equal(needsTask({ status: 'open', assigneeId: 'u1' }, false), false);
    for (const status of ['pending', 'snoozed', 'resolved'] as const) assert.equal(needsTask({ status, assigneeId: null }, false), false, status);
  });

  test('channels map to task kinds (capacity classes)', () => {
    assert.equal(kindOfChannel('chat'), 'chat');
    assert.equal(kindOfChannel('api'), 'chat');
    assert.equal(kindOfChannel('voice'), 'call');
    assert.equal(kindOfChannel('email'), 'email');
    for (const c of ['sms', 'whatsapp', 'messenger', 'telegram']) assert.equal(kindOfChannel(c), 'messaging');
  });

  const base = {
    conversation: { id: 'c1', priority: 'high', tags: ['billing'], teamId: 't1', inboxId: 'i1', customerId: 'cu1' },
    customer: { id: 'cu1', language: 'pl', tags: ['vip', 'billing'], attributes: { plan: 'pro', seats: 12, 'bad key': 'x', nested: { a: 1 }, regions: ['eu', 'us'] } },
    inbox: { id: 'i1', channel: 'whatsapp' },
    tenantLanguages: ['en', 'pl'],
  };

  test('attributes: channel, kind, the customer\'s language, tags of both, ids, custom fields', () => {
    const t = taskFromConversation(base);
    assert.equal(t.kind, 'messaging');
    assert.equal(t.priority, 75);
    assert.deepEqual(t.attributes, {
      channel: 'whatsapp', kind: 'messaging', language: 'pl', priority: 'high', tags: ['billing', 'vip'], inboxId: 'i1', teamId: 't1', customerId: 'cu1', segment: [], intent: null,
      'custom.plan': 'pro', 'custom.seats': 12, 'custom.regions': ['eu', 'us'],
    });
  });

  test('without a customer language the tenant\'s first language is used', () => {
    assert.equal(taskFromConversation({ ...base, customer: { ...base.customer, language: null } }).attributes.language, 'en');
    assert.equal(taskFromConversation({ ...base, customer: null }).attributes.language, 'en');
    assert.equal(taskFromConversation({ ...base, customer: null, tenantLanguages: [] }).attributes.language, 'en');
  });

  test('resolving: assigned -> completed or wrap-up, waiting -> abandoned, wrap-up untouched', () => {
    assert.equal(endOnResolve('assigned', 0), 'completed');
    assert.equal(endOnResolve('assigned', 30_000), 'wrap_up');
    assert.equal(endOnResolve('queued', 0), 'abandoned');
    assert.equal(endOnResolve('offered', 30_000), 'abandoned');
    assert.equal(endOnResolve('wrap_up', 30_000), null);
    assert.equal(endOnResolve('completed', 0), null);
  });
});
