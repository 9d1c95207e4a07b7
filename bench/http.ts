/**
 * HTTP throughput of Switchboard against a bare Fastify route measured in the same run.
 *
 *   npx tsx bench/http.ts                 # PGlite (fresh in-memory database, demo workspace)
 *   npx tsx bench/http.ts --postgres      # PostgreSQL (BENCH_DATABASE_URL or the test default)
 *   BENCH_SECONDS=20 npx tsx bench/http.ts
 *
 * The servers run on this process's main thread; autocannon runs in a worker thread so the
 * load generator does not steal the event loop it is measuring. Numbers vary by machine: read
 * the ratios, not the absolute req/s.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';

const args = new Set(process.argv.slice(2));
const pgUrl = process.env.BENCH_DATABASE_URL;
const usePostgres = args.has('--postgres') || Boolean(pgUrl);
// test/helpers/db.ts reads its admin URL when imported: set it before the dynamic import below.
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;

const seconds = positive(process.env.BENCH_SECONDS, 10);
const warmupSeconds = positive(process.env.BENCH_WARMUP_SECONDS, 2);
const connections = 10;
const runId = Date.now().toString(36);
// Hard bound: three measured runs with warm-ups, plus start-up and shutdown.
const deadlineMs = (3 * (seconds + warmupSeconds) + 120) * 1000;

function positive(v: string | undefined, d: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : d;
}

interface Result {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  total: number;
}

interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  path: string;
  cookie?: string;
  /** POST: body is {"name": "<prefix> <n>"} with n counting up, so every request creates a new team. */
  uniqueNamePrefix?: string;
}

// Runs inside a worker thread (plain CommonJS, no TypeScript loader needed).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const t = workerData.target;
let n = 0;
// The server runs with RATE_LIMIT_PER_MINUTE raised: the per-address limit is meant for one
// client, not for the whole load; the limiter still runs on every request.
const request = {
  method: t.method,
  path: t.path,
  setupRequest(req) {
    n++;
    const headers = { ...req.headers };
    if (t.cookie) headers.cookie = t.cookie;
    if (t.uniqueNamePrefix) {
      headers['content-type'] = 'application/json';
      return { ...req, headers, body: JSON.stringify({ name: t.uniqueNamePrefix + ' ' + n }) };
    }
    return { ...req, headers };
  },
};
autocannon(
  { url: t.url, connections: workerData.connections, duration: workerData.seconds, requests: [request] },
  (err, raw) => {
    if (err) return parentPort.postMessage({ error: String(err && err.stack || err) });
    // Outside the main thread autocannon returns raw histograms: aggregate them here.
    const r = raw.latency ? raw : autocannon.aggregateResult([raw], { url: t.url, connections: workerData.connections, duration: workerData.seconds });
    parentPort.postMessage({
      result: {
        // Completed responses over the measured wall time.
        reqPerSec: raw.totalCompletedRequests / (raw.duration || workerData.seconds),
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        total: raw.totalCompletedRequests,
        statusCodeStats: r.statusCodeStats,
      },
    });
  },
);
`;

const autocannonPath = createRequire(import.meta.url).resolve('autocannon');
const workers = new Set<Worker>();

function load(target: Target, secs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerSource, {
      eval: true,
      execArgv: [],
      workerData: { autocannonPath, target, seconds: secs, connections },
    });
    workers.add(w);
    const timer = setTimeout(() => reject(new Error(`${target.name}: autocannon did not finish`)), (secs + 30) * 1000);
    w.once('message', (m: { error?: string; result?: Omit<Result, 'name'> & { statusCodeStats?: Record<string, { count: number }> } }) => {
      clearTimeout(timer);
      void w.terminate().finally(() => workers.delete(w));
      if (m.error || !m.result) return reject(new Error(`${target.name}: ${m.error}`));
      const codes = m.result.statusCodeStats ?? {};
      const bad = Object.entries(codes).filter(([c]) => !c.startsWith('2'));
      if (bad.length && secs === seconds) {
        console.log(`  non-2xx status codes: ${bad.map(([c, s]) => `${c}×${s.count}`).join(', ')}`);
      }
      resolve({ name: target.name, ...m.result });
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      workers.delete(w);
      reject(e);
    });
  });
}

/** autocannon records whole milliseconds: 0 means under one. */
function ms(v: number): string {
  return v < 1 ? '<1' : String(v);
}

async function measure(target: Target): Promise<Result> {
  console.log(`\n${target.name}: ${target.method} ${target.url}${target.path} (load average ${os.loadavg()[0]!.toFixed(1)})`);
  if (warmupSeconds > 0) await load({ ...target, uniqueNamePrefix: target.uniqueNamePrefix && `${target.uniqueNamePrefix}-warm` }, warmupSeconds);
  const r = await load(target, seconds);
  console.log(
    `  ${r.reqPerSec.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}, ${r.total} requests`,
  );
  return r;
}

async function main(): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createServer } = await import('../src/main.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { DEMO_PASSWORD } = await import('../src/seed.ts');
  const { freshDatabase, testHasher, postgresAdminUrl } = await import('../test/helpers/db.ts');

  const kind = usePostgres ? 'postgres' : 'pglite';
  const where = kind === 'postgres' ? `PostgreSQL (${postgresAdminUrl.replace(/\/\/[^@]*@/, '//')})` : 'PGlite (in memory)';
  console.log(`Switchboard HTTP benchmark: ${where}, ${connections} connections, ${seconds} s per run (+${warmupSeconds} s warm-up), node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);

  let baseline: FastifyInstance | undefined;
  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  const closeAll = async () => {
    await Promise.all([...workers].map((w) => w.terminate().catch(() => 0)));
    await baseline?.close().catch(() => {});
    await server?.close().catch(() => {});
    await db?.drop().catch(() => {});
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void closeAll().finally(() => process.exit(130));
    });
  }

  try {
    const t0 = performance.now();
    db = await freshDatabase(kind);
    const config = loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false', PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '10000000' }, '/nonexistent');
    server = await createServer(config, { database: db.database, hasher: testHasher, log: createLogger('silent'), seed: false });
    const url = await server.listen();
    console.log(`Switchboard listening at ${url} (database + start ${Math.round(performance.now() - t0)} ms)`);

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.example', password: DEMO_PASSWORD }),
    });
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
    if (login.status !== 200 || !setCookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = setCookie.split(';')[0]!;

    // Sanity: both measured routes answer 2xx before we load them.
    const probe = await fetch(`${url}/api/v1/users?limit=20`, { headers: { cookie } });
    if (probe.status !== 200) throw new Error(`GET /api/v1/users answered ${probe.status}: ${await probe.text()}`);

    baseline = Fastify({ logger: false });
    baseline.get('/', async () => ({ hello: 'world' }));
    const baseUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });

    const results: Result[] = [];
    results.push(await measure({ name: 'baseline: bare Fastify hello', url: baseUrl, method: 'GET', path: '/' }));
    results.push(await measure({ name: 'GET /api/v1/users?limit=20', url, method: 'GET', path: '/api/v1/users?limit=20', cookie }));
    results.push(
      await measure({ name: 'POST /api/v1/teams', url, method: 'POST', path: '/api/v1/teams', cookie, uniqueNamePrefix: `bench ${runId}` }),
    );

    const base = results[0]!.reqPerSec;
    console.log(`\nResults (${kind}, ${os.cpus().length} cores, ${connections} connections, ${seconds} s):\n`);
    console.log(`| Database | Route | req/s | p50 (ms) | p99 (ms) | non-2xx | ratio to baseline |`);
    console.log(`|---|---|---:|---:|---:|---:|---:|`);
    for (const r of results) {
      console.log(
        `| ${kind} | ${r.name} | ${r.reqPerSec.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.non2xx} | ${(r.reqPerSec / base).toFixed(3)} |`,
      );
    }
  } finally {
    await closeAll();
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench/http.ts: still running after ${deadlineMs / 1000} s; giving up.`);
  process.exit(1);
}, deadlineMs);
watchdog.unref();

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
