/**
 * The unit of work's deadlock retry: a transaction PostgreSQL aborts as a deadlock victim runs
 * again when (and only when) the caller asked for it, and its writes land once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createUnitOfWork, isRetryableConflict } from '../src/storage/repos.ts';
import { dbKinds, freshDatabase } from './helpers/db.ts';

const kinds = (await dbKinds()).filter((k) => k === 'postgres');

describe('unit of work: deadlock retry', () => {
  test('recognises deadlock and serialization failures only', () => {
    assert.equal(isRetryableConflict({ code: '40P01' }), true);
    assert.equal(isRetryableConflict({ code: '40001' }), true);
    assert.equal(isRetryableConflict({ code: '23505' }), false);
    assert.equal(isRetryableConflict(new Error('boom')), false);
    assert.equal(isRetryableConflict(null), false);
  });

  for (const kind of kinds) {
    /**
     * A plain transaction locks customer A and then B; the unit of work locks B and then A.
     * The plain one waits with a long deadlock_timeout, so the unit of work detects the deadlock
     * and is the victim.
     */
    const collide = async (retryOnDeadlock: boolean) => {
      const tdb = await freshDatabase(kind);
      const db = tdb.database.db;
      try {
        const [a, b] = (await db.selectFrom('customers').select(['id', 'tenant_id']).orderBy('id').limit(2).execute());
        assert.ok(a && b, 'the demo data has customers');
        const tenantId = a.tenant_id;
        let attempts = 0;
        let plainHasA!: () => void;
        const aTaken = new Promise<void>((r) => (plainHasA = r));
        let unitHasB!: () => void;
        const bTaken = new Promise<void>((r) => (unitHasB = r));
        const plain = db.transaction().execute(async (tx) => {
          await sql`SET LOCAL deadlock_timeout = '20s'`.execute(tx);
          await sql`SELECT id FROM customers WHERE id = ${a.id} FOR UPDATE`.execute(tx);
          plainHasA();
          await bTaken;
          await sql`SELECT id FROM customers WHERE id = ${b.id} FOR UPDATE`.execute(tx);
        });
        const uow = createUnitOfWork(db, () => {});
        const unit = uow(async (r) => {
          attempts++;
          await aTaken;
          await r.customerMerges.lockCustomers(tenantId, [b.id]);
          unitHasB();
          await r.customerMerges.lockCustomers(tenantId, [a.id]);
          await r.customerNotes.insert({ id: uuidv7(), tenantId, customerId: a.id, authorId: null, text: 'uow probe', html: null, at: new Date() });
          return 'done';
        }, { retryOnDeadlock });
        const [p, u] = await Promise.allSettled([plain, unit]);
        const notes = await db.selectFrom('customer_notes').select('id').where('text', '=', 'uow probe').execute();
        return { plain: p, unit: u, attempts, notes: notes.length };
      } finally {
        await tdb.drop();
      }
    };

    test(`on ${kind}: without the option the victim's error reaches the caller and nothing of it is written`, async () => {
      const r = await collide(false);
      assert.equal(r.plain.status, 'fulfilled');
      assert.equal(r.unit.status, 'rejected');
      assert.equal((r.unit as PromiseRejectedResult).reason.code, '40P01');
      assert.equal(r.attempts, 1);
      assert.equal(r.notes, 0);
    });

    test(`on ${kind}: with retryOnDeadlock the victim runs again after the other commits, and writes once`, async () => {
      const r = await collide(true);
      assert.equal(r.plain.status, 'fulfilled');
      assert.equal(r.unit.status, 'fulfilled');
      assert.equal((r.unit as PromiseFulfilledResult<string>).value, 'done');
      assert.equal(r.attempts, 2);
      assert.equal(r.notes, 1);
    });
  }
});
