import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPglitePool, type PglitePool } from './pglite-pool.ts';
import { namePreparedStatements } from './prepared.ts';
import type { DB } from './schema.ts';
import { acquireDirLock, type DirLock } from './dir-lock.ts';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Raw SQL for libraries that bring their own (pg-boss): text alone may hold several statements. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Is the database reachable right now? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory, to clone test databases quickly. */
  dump?(): Promise<Blob>;
  /** PostgreSQL only: a dedicated connection for session advisory locks (routing leadership). */
  openLockSession?(): Promise<LockSession>;
  /** PostgreSQL only: a small pool of its own (the event numbering and delivery passes), so they never queue behind requests. */
  openSidePool?(size: number): Promise<Db>;
}

/** One connection of its own holding session-level advisory locks; they go when it closes. */
export interface LockSession {
  /** pg_try_advisory_lock for each key (64-bit, as decimal strings): the keys now held. */
  tryLock(keys: string[]): Promise<Set<string>>;
  unlock(key: string): Promise<void>;
  /** Throws when the connection is gone. */
  ping(): Promise<void>;
  /** Called once if the connection errors or ends. */
  onLost(fn: (e: Error) => void): void;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}

// int8 (bigint, counts, sequences) as numbers: our values stay far below 2^53.
const INT8 = 20;
pg.types.setTypeParser(INT8, (v) => Number(v));

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** In-memory PGlite (tests); `loadDataDir` clones a dumped database. */
  memory?: boolean;
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPglite(opts);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* idle client lost (server restart): the pool replaces it on next use */
  });
  // A checked-out client whose connection drops emits 'error' besides failing its query; without a
  // listener that would crash the process. The query's rejection carries the error to the caller.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    namePreparedStatements(client as never);
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseError(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}. Start it or fix DATABASE_URL.`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async executeSql(text, values) {
      const res = await pool.query(text, values as unknown[]);
      return { rows: Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows };
    },
    ping: () => ping(db),
    openLockSession: () => openLockSession(url),
    async openSidePool(size: number) {
      const side = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: 5000, application_name: 'switchboard-events' });
      side.on('error', () => {});
      side.on('connect', (client) => {
        client.on('error', () => {});
        namePreparedStatements(client as never);
      });
      return new Kysely<DB>({ dialect: new PostgresDialect({ pool: side }) });
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openLockSession(url: string): Promise<LockSession> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true, application_name: 'switchboard-routing-lock' });
  let lost: ((e: Error) => void) | undefined;
  let gone: Error | undefined;
  const fail = (e: Error) => {
    if (gone) return;
    gone = e;
    lost?.(e);
  };
  client.on('error', (e) => fail(e));
  client.on('end', () => fail(new Error('lock connection ended')));
  await client.connect();
  return {
    async tryLock(keys) {
      if (keys.length === 0) return new Set();
      const r = await client.query<{ k: string; ok: boolean }>('SELECT k::text AS k, pg_try_advisory_lock(k) AS ok FROM unnest($1::bigint[]) AS k', [keys]);
      return new Set(r.rows.filter((x) => x.ok).map((x) => x.k));
    },
    async unlock(key) {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    },
    async ping() {
      if (gone) throw gone;
      await client.query('SELECT 1');
    },
    onLost(fn) {
      lost = fn;
      if (gone) fn(gone);
    },
    async close() {
      gone ??= new Error('closed');
      await client.end().catch(() => {});
    },
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let lock: DirLock | undefined;
  let dataDir: string | undefined;
  if (!opts.memory) {
    const root = resolve(opts.dataDir ?? './data');
    checkDataDir(root);
    mkdirSync(root, { recursive: true });
    lock = acquireDirLock(root);
    dataDir = join(root, 'pglite');
  }
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      dataDir,
      loadDataDir: opts.loadDataDir,
      relaxedDurability: opts.memory === true,
      parsers: { [INT8]: (v: string) => Number(v) },
      // Trigram similarity for typo-tolerant knowledge-base search (migration 0019).
      extensions: { pg_trgm },
    });
    await pglite.waitReady;
  } catch (e) {
    lock?.release();
    throw new DatabaseError(
      `Cannot open the embedded database in ${dataDir ?? 'memory'}: ${(e as Error).message}. ` +
        'The data was left untouched; restore it from a backup or point DATA_DIR at another folder.',
    );
  }
  const pool: PglitePool = createPglitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    db,
    kind: 'pglite',
    executeSql: (text, values) =>
      pool.run(async (p) => {
        if (!values || values.length === 0) {
          const res = await p.exec(text);
          return { rows: res.at(-1)?.rows ?? [] };
        }
        const res = await p.query(text, values);
        return { rows: res.rows };
      }),
    ping: () => ping(db),
    dump: () => pool.run((p) => p.dumpDataDir('none')),
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a DATA_DIR that is a file, or whose database folder is not a PostgreSQL data directory. */
function checkDataDir(root: string): void {
  if (!existsSync(root)) return;
  if (!statSync(root).isDirectory()) {
    throw new DatabaseError(`DATA_DIR ${root} is a file, not a folder. Point DATA_DIR at a folder.`);
  }
  const dbDir = join(root, 'pglite');
  if (existsSync(dbDir)) {
    if (!statSync(dbDir).isDirectory() || (readdirSync(dbDir).length > 0 && !existsSync(join(dbDir, 'PG_VERSION')))) {
      throw new DatabaseError(
        `${dbDir} is not a Switchboard database (no PG_VERSION). Nothing was changed; point DATA_DIR at another folder.`,
      );
    }
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
