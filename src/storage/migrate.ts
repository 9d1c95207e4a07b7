import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './db.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// An arbitrary constant: the advisory lock that serialises migrations across nodes.
const MIGRATION_LOCK = 7_311_042_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending migrations in order, each once, each in its own transaction. On PostgreSQL a
 * session advisory lock makes nodes that start together wait for each other; PGlite has one
 * process (the data directory lock). A changed applied migration stops start-up.
 */
export async function migrate(database: Database, migrations = listMigrations()): Promise<string[]> {
  const { db } = database;
  return db.connection().execute(async (conn) => {
    if (database.kind === 'postgres') await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(conn);
      const applied = new Map(
        (await conn.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
      );
      const done: string[] = [];
      for (const m of migrations) {
        const prior = applied.get(m.name);
        if (prior) {
          if (prior !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await tx.insertInto('schema_migrations').values({ name: m.name, checksum: m.checksum }).execute();
        });
        done.push(m.name);
      }
      return done;
    } finally {
      if (database.kind === 'postgres') await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** True when every migration on disk is applied (for /readyz). */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const rows = await database.db.selectFrom('schema_migrations').select('name').execute();
  const names = new Set(rows.map((r) => r.name));
  return listMigrations().every((m) => names.has(m.name));
}
