import type { PGlite } from '@electric-sql/pglite';

/**
 * A node-postgres-shaped pool over one PGlite instance, so Kysely's PostgresDialect drives it.
 * PGlite is a single connection: checking a client out holds a mutex until release, so a
 * transaction's statements never interleave with another caller's. Everything that talks to
 * the PGlite (Kysely, pg-boss, migrations) must go through `run` or `connect`.
 */
export interface PglitePool {
  connect(): Promise<PglitePoolClient>;
  end(): Promise<void>;
  /** Runs fn with the connection held; the building block for raw access (pg-boss, dumps). */
  run<T>(fn: (pg: PGlite) => Promise<T>): Promise<T>;
}

export interface PglitePoolClient {
  query(sql: string, parameters: readonly unknown[]): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

export function createPglitePool(pg: PGlite): PglitePool {
  let tail: Promise<void> = Promise.resolve();
  let ended = false;

  function acquire(): Promise<() => void> {
    if (ended) return Promise.reject(new Error('the embedded database is closed'));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  }

  return {
    async connect() {
      const release = await acquire();
      let released = false;
      return {
        async query(sql, parameters) {
          // Without parameters, use the simple protocol (as node-postgres does): it runs scripts.
          const res: { rows: unknown[]; affectedRows?: number; command?: string } =
            parameters.length === 0 ? ((await pg.exec(sql)).at(-1) ?? { rows: [] }) : await pg.query(sql, parameters as unknown[]);
          const command = (res as { command?: string }).command ?? firstWord(sql);
          return { command, rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
        },
        release() {
          if (!released) {
            released = true;
            release();
          }
        },
      };
    },
    async run(fn) {
      const release = await acquire();
      try {
        return await fn(pg);
      } finally {
        release();
      }
    },
    async end() {
      const release = await acquire();
      ended = true;
      release();
    },
  };
}

function firstWord(sql: string): string {
  return (sql.trimStart().split(/\s/, 1)[0] ?? '').toUpperCase();
}
