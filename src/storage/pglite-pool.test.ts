import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPglitePool } from './pglite-pool.ts';
import type { PGlite } from '@electric-sql/pglite';

/** A fake PGlite that records the order statements run in. */
function recorder() {
  const log: string[] = [];
  const pg = {
    async query(sql: string) {
      log.push(sql);
      await new Promise((r) => setTimeout(r, 1));
      return { rows: [], affectedRows: 0 };
    },
    async exec(sql: string) {
      log.push(sql);
      return [{ rows: [] }];
    },
  } as unknown as PGlite;
  return { pg, log };
}

test('a checked-out client holds the connection: a transaction never interleaves', async () => {
  const { pg, log } = recorder();
  const pool = createPglitePool(pg);
  const tx = (async () => {
    const c = await pool.connect();
    await c.query('begin', []);
    await c.query('insert a', [1]);
    await new Promise((r) => setTimeout(r, 5));
    await c.query('commit', []);
    c.release();
  })();
  const other = pool.run((p) => p.query('select other', [1]));
  await Promise.all([tx, other]);
  assert.deepEqual(log, ['begin', 'insert a', 'commit', 'select other']);
});

test('releasing twice does not free the connection for two callers', async () => {
  const { pg } = recorder();
  const pool = createPglitePool(pg);
  const c = await pool.connect();
  c.release();
  c.release();
  const a = await pool.connect();
  let second = false;
  const b = pool.connect().then((x) => {
    second = true;
    return x;
  });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(second, false);
  a.release();
  (await b).release();
  assert.equal(second, true);
});

test('after end() no one gets the connection', async () => {
  const { pg } = recorder();
  const pool = createPglitePool(pg);
  await pool.end();
  await assert.rejects(pool.connect(), /closed/);
});
