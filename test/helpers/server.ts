import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { localBlobStore } from '../../src/storage/blobs/local.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createServer, type Server } from '../../src/main.ts';
import { createLogger } from '../../src/logger.ts';
import type { Clock } from '../../src/core/context.ts';
import { DEMO_PASSWORD } from '../../src/seed.ts';
import { freshDatabase, testHasher, type DbKind, type TestDatabase } from './db.ts';

export { DEMO_PASSWORD };
export const demo = {
  admin: 'admin@demo.example',
  supervisor: 'supervisor@demo.example',
  alex: 'alex@demo.example',
  priya: 'priya@demo.example',
  wen: 'wen@demo.example',
} as const;

export interface TestServer {
  server: Server;
  db: TestDatabase;
  config: Config;
  /** The temp dir of this server's attachment blobs (removed on close). */
  blobDir: string;
  /** Signs in and returns the cookie header value for the session. */
  login(email: string, password?: string, workspace?: string): Promise<string>;
  req(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    opts?: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A server on a fresh database (demo workspace seeded), no port, no background jobs. */
export async function startTestServer(
  kind: DbKind,
  opts: { env?: Record<string, string>; clock?: Clock; listen?: boolean; flows?: boolean } = {},
): Promise<TestServer> {
  const db = await freshDatabase(kind);
  // The demo bot flow answers first on the demo chat inbox; only flow tests (flows: true) keep it.
  if (!opts.flows) await db.database.db.deleteFrom('inbox_flows').execute();
  const blobDir = mkdtempSync(join(tmpdir(), 'sb-blobs-'));
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', JOBS: 'false', PORT: '0', ...opts.env }, '/nonexistent');
  const server = await createServer(config, {
    database: db.database,
    hasher: testHasher,
    clock: opts.clock,
    log: createLogger(config.LOG_LEVEL),
    seed: false,
    blobs: localBlobStore(blobDir),
  });
  if (opts.listen) await server.listen();
  const t: TestServer = {
    server,
    db,
    config,
    blobDir,
    async login(email, password = DEMO_PASSWORD, workspace) {
      const res = await t.req('POST', '/api/v1/auth/login', { body: { email, password, workspace } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'sb_session');
      return `sb_session=${c!.value}`;
    },
    req(method, url, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.cookie) headers.cookie = o.cookie;
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      return server.app.inject({ method, url, headers, ...(o.body !== undefined ? { payload: o.body as object } : {}) });
    },
    async close() {
      await server.close();
      await db.drop();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
  return t;
}
