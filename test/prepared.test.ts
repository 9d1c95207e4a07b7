/**
 * Named prepared statements (storage/prepared.ts): a fixed hot statement is parsed and planned once
 * per PostgreSQL connection, gives the same results as an unnamed one, follows a schema change, and
 * works unchanged on PGlite.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/storage/db.ts';
import { executePrepared, preparedName } from '../src/storage/prepared.ts';
import { createPostgresDatabase, dbKinds, freshDatabase, type TestDatabase } from './helpers/db.ts';

for (const kind of await dbKinds()) {
  describe(`prepared statements on ${kind}`, () => {
    let t: TestDatabase;
    let one: Database;
    let dropOne: (() => Promise<void>) | null = null;
    before(async () => {
      t = await freshDatabase(kind);
      if (kind === 'postgres') {
        // One connection, so the statement's preparation can be seen on it.
        const created = await createPostgresDatabase('sb_prep');
        one = await openDatabase({ url: created.url, poolSize: 1 });
        dropOne = async () => {
          await one.close();
          await created.drop();
        };
      } else one = t.database;
    });
    after(async () => {
      await dropOne?.();
      await t.drop();
    });

    test('a fixed statement is prepared once per connection and answers like an unnamed one', async () => {
      const db = one.db;
      await sql`create table if not exists prep_probe (id int primary key, label text)`.execute(db);
      await sql`insert into prep_probe values (1, 'one'), (2, 'two'), (3, 'three') on conflict do nothing`.execute(db);
      const q = (ids: number[]) => sql<{ id: number; label: string }>`select id, label from prep_probe where id = any(${ids}::int[]) order by id`;
      const plain = await q([1, 3]).execute(db);
      const first = await executePrepared(db, q([1, 3]));
      const second = await executePrepared(db, q([2]));
      assert.deepEqual(first.rows, plain.rows);
      assert.deepEqual(second.rows, [{ id: 2, label: 'two' }], 'other values, same statement');
      const name = preparedName(q([]).compile(db).sql);
      assert.ok(name, 'the text is registered');
      if (kind === 'postgres') {
        const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db);
        assert.deepEqual(prepared.rows.map((r) => r.name), [name], 'prepared once on the connection, under its name');
        // A schema change: PostgreSQL plans the statement again; the answer follows the table.
        await sql`alter table prep_probe add column extra text default 'x'`.execute(db);
        await sql`update prep_probe set label = 'deux' where id = 2`.execute(db);
        assert.deepEqual((await executePrepared(db, q([2]))).rows, [{ id: 2, label: 'deux' }]);
      }
      await sql`drop table prep_probe`.execute(db);
    });

    test('a bad value in a prepared statement is a clear error and leaves the connection usable', async () => {
      const db = one.db;
      const q = (n: string) => sql<{ n: number }>`select ${n}::int as n`;
      assert.deepEqual((await executePrepared(db, q('7'))).rows, [{ n: 7 }]);
      await assert.rejects(executePrepared(db, q('seven')), /invalid input syntax for type integer: "seven"/);
      assert.deepEqual((await executePrepared(db, q('8'))).rows, [{ n: 8 }]);
    });
  });
}
