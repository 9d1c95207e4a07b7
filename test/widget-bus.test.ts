import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'nats';
import { memoryBus, type EphemeralMessage } from '../src/bus/bus.ts';
import { natsBus } from '../src/bus/nats-bus.ts';
import { sleep } from './helpers/ws.ts';

const NATS = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const reachable = await connect({ servers: NATS, timeout: 1000 }).then(async (c) => (await c.close(), true), () => false);

const m: EphemeralMessage = { tenantId: 't1', topic: 'conversation:c1', frame: { type: 'typing', who: 'customer', on: true } };

test('ephemeral signals: in process on one node', async () => {
  const bus = memoryBus();
  const got: EphemeralMessage[] = [];
  const off = bus.subscribeEphemeral!((x) => got.push(x));
  bus.publishEphemeral!(m);
  off();
  bus.publishEphemeral!(m);
  assert.deepEqual(got, [m]);
  await bus.close();
});

test('ephemeral signals: across nodes over NATS, never as stored events', { skip: !reachable && !process.env.CI ? `no NATS at ${NATS}` : false }, async () => {
  const a = await natsBus(NATS, { name: 'widget-test-a' });
  const b = await natsBus(NATS, { name: 'widget-test-b' });
  try {
    const got: EphemeralMessage[] = [];
    const events: unknown[] = [];
    b.subscribeEphemeral!((x) => got.push(x));
    b.subscribe((e) => events.push(e));
    await sleep(100);
    a.publishEphemeral!(m);
    for (let i = 0; i < 50 && got.length === 0; i++) await sleep(20);
    assert.deepEqual(got, [m]);
    assert.deepEqual(events, []);
  } finally {
    await a.close();
    await b.close();
  }
});
