import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { healthFollower } from '../src/jobs/health-follow.ts';
import { createLogger } from '../src/logger.ts';
import type { StoredEvent } from '../src/storage/events.repo.ts';
import { dbKinds } from './helpers/db.ts';
import { startTestServer, type TestServer } from './helpers/server.ts';

for (const kind of await dbKinds()) {
  describe(`health follows events on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    const now = new Date();
    const clock = { now: () => now };
    const event = (aggregateType: string, aggregateId: string, type = `${aggregateType}.created`): StoredEvent =>
      ({ id: uuidv7(), tenantId, seq: 1, type, aggregateType, aggregateId, actorId: null, topics: ['tenant'], payload: {}, createdAt: now }) as StoredEvent;

    before(async () => {
      t = await startTestServer(kind, { clock });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
    });
    after(() => t?.close());

    test('an order event rescoring its customer once, however many events came; other events are ignored', async () => {
      const customerId = uuidv7();
      await r.customers.insert({ id: customerId, tenantId, name: 'Follow Me', at: now });
      const orderId = uuidv7();
      await sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, source)
                VALUES (${orderId}, ${tenantId}, ${customerId}, 'follow-1', ${now}, 'paid', 'GBP', 10, 'api')`.execute(t.server.database.db);
      const f = healthFollower({ repos: r, clock, log: createLogger('silent') }, 60_000);
      try {
        f.onEvent(event('order', orderId));
        f.onEvent(event('order', orderId, 'order.updated'));
        f.onEvent(event('team', uuidv7()));
        assert.equal(await r.health.get(tenantId, customerId), undefined, 'nothing before the delay');
        assert.equal(await f.flush(), 1, 'debounced: one recompute');
        const h = await r.health.get(tenantId, customerId);
        assert.equal(h?.score, 90, 'order today +10, new spend +10');
        assert.equal(await f.flush(), 0, 'nothing left');
        f.onEvent(event('order', uuidv7()));
        assert.equal(await f.flush(), 0, 'an unknown order scores no one');
      } finally {
        f.stop();
      }
    });
  });
}
