import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ticketStatuses } from '../../contracts/tickets.ts';
import { AppError } from '../errors.ts';
import { checkTransition, transitionStamps } from './status.ts';

const allowed = (from: (typeof ticketStatuses)[number], to: (typeof ticketStatuses)[number]) => {
  try {
    checkTransition(7, from, to);
    return true;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'conflict');
    return false;
  }
};

test('closed is final; new is the start only; closing needs solved first', () => {
  for (const to of ticketStatuses) if (to !== 'closed') assert.equal(allowed('closed', to), false, `closed → ${to}`);
  for (const from of ['open', 'pending', 'on-hold', 'solved'] as const) assert.equal(allowed(from, 'new'), false, `${from} → new`);
  for (const from of ['new', 'open', 'pending', 'on-hold'] as const) assert.equal(allowed(from, 'closed'), false, `${from} → closed`);
  assert.equal(allowed('solved', 'closed'), true);
  assert.equal(allowed('solved', 'open'), true);
  assert.equal(allowed('new', 'on-hold'), true);
  assert.throws(() => checkTransition(7, 'closed', 'open'), /#7 is closed.*follow-up/);
});

test('solvedAt is stamped on solving and cleared on reopening; closedAt on closing', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  assert.deepEqual(transitionStamps('open', 'solved', now), { solvedAt: now });
  assert.deepEqual(transitionStamps('solved', 'open', now), { solvedAt: null });
  assert.deepEqual(transitionStamps('solved', 'closed', now), { closedAt: now });
  assert.deepEqual(transitionStamps('open', 'pending', now), {});
});
