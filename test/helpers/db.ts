import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';
import { seedDemo } from '../../src/seed.ts';
import { argon2Hasher } from '../../src/security/secrets.ts';

export type DbKind = 'pglite' | 'postgres';

/** Tests hash passwords with tiny argon2 parameters: same code path, less time. */
export const testHasher = argon2Hasher({ fast: true });

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgReachable: Promise<boolean> | undefined;
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgReachable;
}

/** The database kinds to run integration tests on: PGlite always, PostgreSQL when reachable (CI always). */
export async function dbKinds(): Promise<DbKind[]> {
  if (process.env.CI && !(await postgresAvailable())) throw new Error(`CI needs PostgreSQL at ${postgresAdminUrl}`);
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

// Templates are keyed by what builds them: the migrations and the demo seed. A change to
// either makes new templates (stale ones on PostgreSQL are dropped when next seen).
/** src/seed*.ts and the demo-data modules under src/core and src/channels (seed-demo.ts, builtin-views.ts). */
function seedSources(): string[] {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const found = readdirSync(src).filter((f) => /^seed.*\.ts$/.test(f)).map((f) => join(src, f));
  for (const area of ['core', 'channels']) {
    const root = join(src, area);
    if (!existsSync(root)) continue;
    for (const dir of readdirSync(root)) {
      for (const f of ['seed-demo.ts', 'builtin-views.ts', 'demo-articles.ts']) if (existsSync(join(root, dir, f))) found.push(join(root, dir, f));
    }
  }
  return found.sort();
}

const fingerprint = createHash('sha256')
  .update(listMigrations().map((m) => m.checksum).join(','))
  // The seed and every module it takes demo data from.
  .update(seedSources().map((f) => readFileSync(f)).join('\n'))
  .digest('hex')
  .slice(0, 12);

let pgliteTemplate: Promise<Blob> | undefined;

async function pgliteTemplateBlob(): Promise<Blob> {
  // Cached on disk per migration set, so test processes after the first skip the ~5 s creation.
  pgliteTemplate ??= (async () => {
    const dir = join('node_modules', '.cache', 'switchboard-test');
    const file = join(dir, `pglite-${fingerprint}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const d = await openDatabase({ memory: true });
    await migrate(d);
    await seedDemo(d, uuidv7, testHasher);
    const blob = await d.dump!();
    await d.close();
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
    return blob;
  })();
  return pgliteTemplate;
}

async function ensurePostgresTemplate(): Promise<string> {
  const name = `sb_tpl_${fingerprint}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(7311042099)');
    const stale = await admin.query("select datname from pg_database where datname like 'sb\\_tpl\\_%' and datname <> $1", [name]);
    for (const r of stale.rows as { datname: string }[]) await admin.query(`drop database if exists ${r.datname} with (force)`).catch(() => {});
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${name}`);
      const d = await openDatabase({ url: withDb(postgresAdminUrl, name), poolSize: 2 });
      await migrate(d);
      await seedDemo(d, uuidv7, testHasher);
      await d.close();
    }
  } finally {
    await admin.query('select pg_advisory_unlock(7311042099)').catch(() => {});
    await admin.end();
  }
  return name;
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export interface TestDatabase {
  database: Database;
  kind: DbKind;
  /** PostgreSQL only: the URL of this test's database. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database holding the demo workspace, cloned from a template (fast). */
export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ memory: true, loadDataDir: await pgliteTemplateBlob() });
    return { database, kind, drop: () => database.close() };
  }
  const template = await ensurePostgresTemplate();
  const created = await createPostgresDatabase('sb_t', template);
  const database = await openDatabase({ url: created.url, poolSize: 5 });
  return {
    database,
    kind,
    url: created.url,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

/** A new PostgreSQL database (empty, or a copy of `template`) and a way to drop it. */
export async function createPostgresDatabase(prefix: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: postgresAdminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(template ? `create database ${name} template ${template}` : `create database ${name}`);
  return { url: withDb(postgresAdminUrl, name), drop: () => run(`drop database if exists ${name} with (force)`) };
}
