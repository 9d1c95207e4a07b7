/**
 * The public help center's article page: served from the in-memory page cache vs. rendered on
 * every request (same routes, a help center service with a zero-entry cache), beside a bare
 * Fastify hello and the full app's GET /healthz (same middleware, trivial handler) in the same run.
 *
 *   npx tsx bench/help-center.ts              # PGlite (fresh database, demo workspace)
 *   npx tsx bench/help-center.ts --postgres   # PostgreSQL (BENCH_DATABASE_URL or the test default)
 *   BENCH_SECONDS=20 npx tsx bench/help-center.ts
 *
 * autocannon runs in a worker thread so the load generator does not share the measured event loop.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

const args = new Set(process.argv.slice(2));
const pgUrl = process.env.BENCH_DATABASE_URL;
const usePostgres = args.has('--postgres') || Boolean(pgUrl);
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;
const seconds = Number(process.env.BENCH_SECONDS) > 0 ? Number(process.env.BENCH_SECONDS) : 10;
const warmup = 2;
const connections = 10;

interface Result { name: string; reqPerSec: number; p50: number; p99: number; non2xx: number; total: number }

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
autocannon({ url: workerData.url, connections: workerData.connections, duration: workerData.seconds }, (err, raw) => {
  if (err) return parentPort.postMessage({ error: String(err && err.stack || err) });
  const r = raw.latency ? raw : autocannon.aggregateResult([raw], { url: workerData.url, connections: workerData.connections, duration: workerData.seconds });
  parentPort.postMessage({ result: { reqPerSec: raw.totalCompletedRequests / (raw.duration || workerData.seconds), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, total: raw.totalCompletedRequests } });
});
`;
const autocannonPath = createRequire(import.meta.url).resolve('autocannon');

function load(url: string, secs: number): Promise<Omit<Result, 'name'>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerSource, { eval: true, execArgv: [], workerData: { autocannonPath, url, seconds: secs, connections } });
    w.once('message', (m: { error?: string; result?: Omit<Result, 'name'> }) => {
      void w.terminate();
      if (m.error || !m.result) reject(new Error(m.error));
      else resolve(m.result);
    });
    w.once('error', reject);
  });
}

const ms = (v: number) => (v < 1 ? '<1' : String(v));

async function measure(name: string, url: string): Promise<Result> {
  await load(url, warmup);
  const r = { name, ...(await load(url, seconds)) };
  console.log(`${name.padEnd(34)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${ms(r.p50).padStart(3)} ms  p99 ${ms(r.p99).padStart(3)} ms  non-2xx ${r.non2xx}`);
  return r;
}

async function main(): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createServer } = await import('../src/main.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { freshDatabase, testHasher } = await import('../test/helpers/db.ts');
  const { createRepos, createUnitOfWork } = await import('../src/storage/repos.ts');
  const { createHelpCenterService } = await import('../src/channels/help-center/service.ts');
  const { registerHelpCenter } = await import('../src/transport/http/routes/help-center.routes.ts');
  const { systemClock } = await import('../src/core/context.ts');
  const { secrets } = await import('../src/security/secrets.ts');
  const { v7 } = await import('uuid');

  const db = await freshDatabase(usePostgres ? 'postgres' : 'pglite');
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false', PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '10000000' }, '/nonexistent');
  const server = await createServer(config, { database: db.database, hasher: testHasher, log: createLogger('silent'), seed: false });
  const url = await server.listen();
  let uncached: FastifyInstance | undefined;
  let baseline: FastifyInstance | undefined;
  try {
    console.log(`help center bench: ${usePostgres ? 'PostgreSQL' : 'PGlite'}, ${connections} connections, ${seconds} s per run, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    const article = await db.database.db.selectFrom('kb_translations').select('article_id').where('title', '=', 'How to return an item').executeTakeFirstOrThrow();
    const path = `/help/demo/en/articles/${article.article_id}-how-to-return-an-item`;
    const probe = await fetch(`${url}${path}`);
    if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}`);

    // The same routes over a help center service whose page cache holds nothing: every request renders.
    const repos = createRepos(db.database.db);
    const deps = { repos, uow: createUnitOfWork(db.database.db, () => {}), clock: systemClock, newId: v7, secrets } as unknown as Parameters<typeof createHelpCenterService>[0];
    uncached = Fastify({ logger: false });
    uncached.setValidatorCompiler(validatorCompiler);
    uncached.setSerializerCompiler(serializerCompiler);
    await uncached.register(cookie);
    await registerHelpCenter(uncached, { helpCenter: createHelpCenterService(deps, { cacheEntries: 0 }), publicUrl: url });
    const uncachedUrl = await uncached.listen({ port: 0, host: '127.0.0.1' });

    baseline = Fastify({ logger: false });
    baseline.get('/', async () => ({ hello: 'world' }));
    const baseUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });

    const base = await measure('baseline: bare Fastify hello', baseUrl);
    const health = await measure('full app: GET /healthz', `${url}/healthz`);
    const hot = await measure('article page, from cache', `${url}${path}`);
    const cold = await measure('article page, rendered each time', `${uncachedUrl}${path}`);
    console.log(`\ncache vs rendered: ${(hot.reqPerSec / cold.reqPerSec).toFixed(1)}x req/s; cached page at ${((hot.reqPerSec / base.reqPerSec) * 100).toFixed(0)}% of bare Fastify, ${((hot.reqPerSec / health.reqPerSec) * 100).toFixed(0)}% of the full app's /healthz`);
  } finally {
    await uncached?.close();
    await baseline?.close();
    await server.close();
    await db.drop();
  }
}

await main();
