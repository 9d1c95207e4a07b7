/**
 * One app node for test/routing-failover.test.ts: createServer on DATABASE_URL with ROUTING on and
 * JOBS off, listening on a free port. Prints JSON lines on stdout: {"port":n} once listening, then
 * {"leading":[tenant ids]} whenever the set of tenants it leads changes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/main.ts';
import { localBlobStore } from '../../src/storage/blobs/local.ts';
import { testHasher } from './db.ts';

const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', JOBS: 'false', ROUTING: 'true', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false' }, '/nonexistent');
const server = await createServer(config, { hasher: testHasher, seed: false, blobs: localBlobStore(mkdtempSync(join(tmpdir(), 'sb-node-'))) });
const url = await server.listen();
console.log(JSON.stringify({ port: Number(new URL(url).port), pid: process.pid }));
let last = '';
setInterval(() => {
  const now = JSON.stringify([...(server.routing?.leading() ?? [])].sort());
  if (now !== last) {
    last = now;
    console.log(JSON.stringify({ leading: JSON.parse(now) }));
  }
}, 50);
process.on('SIGTERM', () => {
  void server.close().finally(() => process.exit(0));
});
