import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../src/storage/db.ts';
import { listMigrations, migrate, migrationsApplied } from '../src/storage/migrate.ts';
import { createPostgresDatabase, postgresAvailable } from './helpers/db.ts';

const reachable = await postgresAvailable();
const skip = !reachable && !process.env.CI ? 'PostgreSQL is not reachable here' : false;

const emptyPostgres = () => createPostgresDatabase('sb_m');

test('two nodes migrating one PostgreSQL at once apply each migration exactly once', { skip }, async () => {
  const target = await emptyPostgres();
  const a = await openDatabase({ url: target.url, poolSize: 2 });
  const b = await openDatabase({ url: target.url, poolSize: 2 });
  try {
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    const all = listMigrations().map((m) => m.name);
    assert.deepEqual([...ra, ...rb].sort(), all.sort(), 'between them they applied every migration once');
    const rows = await a.db.selectFrom('schema_migrations').select('name').execute();
    assert.equal(rows.length, all.length);
    assert.equal(await migrationsApplied(b), true);
    assert.deepEqual(await migrate(a), [], 'a later start applies nothing');
  } finally {
    await a.close();
    await b.close();
    await target.drop();
  }
});

test('a migration that fails rolls back whole and is not recorded; a changed one stops start-up', { skip }, async () => {
  const target = await emptyPostgres();
  const d = await openDatabase({ url: target.url, poolSize: 2 });
  try {
    const good = listMigrations();
    const bad = [...good, { name: '9999_broken.sql', sql: 'create table half_done (id int); select * from no_such_table;', checksum: 'x' }];
    await assert.rejects(migrate(d, bad), /no_such_table/);
    const half = await d.executeSql("select to_regclass('public.half_done') as t");
    assert.equal((half.rows[0] as { t: string | null }).t, null, 'the failed migration left nothing behind');
    assert.equal(await migrationsApplied(d), true, 'the good ones before it stay applied');
    const changed = good.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await assert.rejects(migrate(d, changed), /was changed after it was applied/);
  } finally {
    await d.close();
    await target.drop();
  }
});
