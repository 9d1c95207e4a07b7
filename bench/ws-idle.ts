/**
 * Idle widget sockets on one node (issue 6, "Performance"): BENCH_SOCKETS (default 20,000) widgets
 * connect to /widget/ws, say hello and stay idle. Prints the server process's RSS with the server
 * idle and no sockets (baseline, same run), after the sockets connected, and bytes per socket.
 * Goal: RSS < 1 GB with 20,000 sockets.
 *
 *   npm run bench:ws-idle
 *   BENCH_SOCKETS=5000 npm run bench:ws-idle      # or --quick (2,000)
 *
 * The server runs in this process on a fresh PostgreSQL database; the client sockets run in a
 * child process, so its memory is not counted. Each side needs one descriptor per socket: when the
 * open-file limit is too low the script re-runs itself under `prlimit --nofile=65536` (raising the
 * hard limit needs root or CAP_SYS_RESOURCE; otherwise it says so and connects what fits).
 * The product's limit of 30 socket connections per minute per IP stays on: clients spread over
 * loopback addresses (127.2.x.y, 25 sockets each), as real visitors come from many addresses.
 */
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { v7 as uuidv7 } from 'uuid';

const quick = process.argv.includes('--quick');
const SOCKETS = Number(process.env.BENCH_SOCKETS) > 0 ? Number(process.env.BENCH_SOCKETS) : quick ? 2000 : 20_000;
const PER_IP = 25;
const self = fileURLToPath(import.meta.url);
const address = (i: number) => {
  const k = Math.floor(i / PER_IP);
  return `127.2.${Math.floor(k / 250)}.${(k % 250) + 1}`;
};
const nofile = () => Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());

if (process.argv.includes('--clients')) await clients();
else if (nofile() < SOCKETS + 2000 && !process.env.WS_IDLE_REEXEC && spawnSync('prlimit', ['--nofile=65536:65536', '--', 'true']).status === 0) {
  // Re-run under a raised descriptor limit (children inherit it).
  const r = spawnSync('prlimit', ['--nofile=65536:65536', '--', process.execPath, '--import', 'tsx', self, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, WS_IDLE_REEXEC: '1' } });
  process.exitCode = r.status ?? 1;
} else await server();

async function server() {
  const { loadConfig } = await import('../src/config.ts');
  const { createServer } = await import('../src/main.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { signToken } = await import('../src/channels/chat/token.ts');
  const { freshDatabase, testHasher } = await import('../test/helpers/db.ts');
  const limit = nofile();
  const target = Math.min(SOCKETS, limit - 500);
  if (target < SOCKETS) console.log(`the open-file limit could not be raised (prlimit: not permitted here); measuring ${target.toLocaleString('en')} sockets and projecting`);
  console.log(`ws-idle: ${target.toLocaleString('en')} idle widget sockets (asked ${SOCKETS.toLocaleString('en')}; ulimit -n ${limit}), PostgreSQL; node ${process.version}, ${os.cpus().length} cores`);
  // A full GC before each reading, so the numbers are live memory rather than garbage.
  v8.setFlagsFromString('--expose-gc');
  const gc = ((globalThis as { gc?: () => void }).gc ?? vm.runInNewContext('gc')) as (() => void) | undefined;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 500));
    }
    return process.memoryUsage();
  };
  const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

  const db = await freshDatabase('postgres');
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false', PORT: '0', HOST: '127.0.0.1' }, '/nonexistent');
  const app = await createServer(config, { database: db.database, hasher: testHasher, log: createLogger('silent'), seed: false });
  let child: ReturnType<typeof fork> | undefined;
  try {
    const url = await app.listen();
    // Warm the server up (the paths an idle widget takes) before the baseline.
    const rows = await db.database.db.selectFrom('inboxes').select(['id', 'tenant_id', 'settings']).where('channel', '=', 'chat').execute();
    const inbox = rows.find((r) => (r.settings as { demo?: boolean }).demo === true);
    if (!inbox) throw new Error('no demo chat inbox');
    const secret = String((inbox.settings as { identitySecret: string }).identitySecret);
    const exp = Date.now() + 3_600_000;
    // Tokens as POST /sessions makes them (the session endpoint's 30/min/IP limit is not what is measured here).
    const tokens = Array.from({ length: target }, () => signToken({ t: inbox.tenant_id, i: inbox.id, v: uuidv7(), c: null, ver: false, exp }, secret));
    const warm = await fetch(`${url}/api/widget/v1/inboxes/${inbox.id}/config`);
    if (warm.status !== 200) throw new Error(`widget config: ${warm.status}`);

    const before = await settle();
    console.log(`baseline: server idle, no sockets: RSS ${mb(before.rss)} (heap ${mb(before.heapUsed)})${gc ? '' : ' (no --expose-gc: numbers include garbage)'}`);

    child = fork(self, ['--clients'], { execArgv: ['--import', 'tsx'] });
    const c = child;
    await new Promise((r) => c.once('message', r));
    const t0 = performance.now();
    c.send({ url: url.replace('http', 'ws'), tokens });
    const res = await new Promise<{ open: number; failed: number; errors: string[] }>((r) => c.once('message', r as (m: unknown) => void));
    const connectMs = performance.now() - t0;
    const after = await settle();
    const stillOpen = await new Promise<number>((r) => {
      c.once('message', (m) => r(m as number));
      c.send('count');
    });
    const perSocket = (after.rss - before.rss) / Math.max(1, res.open);
    console.log(`connected: ${res.open.toLocaleString('en')} sockets said hello and got welcome in ${(connectMs / 1000).toFixed(1)} s (${res.failed} failed${res.errors.length ? `: ${res.errors.slice(0, 3).join('; ')}` : ''}); still open after settling: ${stillOpen.toLocaleString('en')}`);
    console.log('');
    console.log('| measure                               | value        |');
    console.log('|---------------------------------------|--------------|');
    console.log(`| RSS, server idle, no sockets           | ${mb(before.rss).padEnd(12)} |`);
    console.log(`| RSS, ${res.open.toLocaleString('en').padEnd(6)} idle widget sockets       | ${mb(after.rss).padEnd(12)} |`);
    console.log(`| heap used, before / after              | ${`${mb(before.heapUsed)} / ${mb(after.heapUsed)}`.padEnd(12)} |`);
    console.log(`| RSS per socket                         | ${`${(perSocket / 1024).toFixed(1)} KB`.padEnd(12)} |`);
    console.log(`| ratio RSS after / baseline             | ${(after.rss / before.rss).toFixed(2).padEnd(12)} |`);
    console.log('');
    console.log(`goal RSS < 1 GB with 20,000 sockets: ${res.open >= 20_000 ? (after.rss < 1024 ** 3 ? 'met' : 'NOT met') : `not measured at 20,000 (${res.open} sockets; projected ${mb(before.rss + perSocket * 20_000)})`}`);
  } finally {
    child?.kill();
    await app.close().catch(() => {});
    await db.drop().catch(() => {});
  }
}

async function clients() {
  const { default: WebSocket } = await import('ws');
  process.on('disconnect', () => process.exit(0));
  const got = new Promise<{ url: string; tokens: string[] }>((r) => process.once('message', r as (m: unknown) => void));
  process.send!('ready');
  const { url, tokens } = await got;
  const sockets: InstanceType<typeof WebSocket>[] = [];
  const errors: string[] = [];
  let failed = 0;
  const one = (i: number) => new Promise<void>((resolve) => {
    const ws = new WebSocket(`${url}/widget/ws?token=${tokens[i]}`, { localAddress: address(i) });
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      failed++;
      if (errors.length < 5) errors.push(why);
      resolve();
    };
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 })));
    ws.once('message', (raw) => {
      const f = JSON.parse(String(raw)) as { type: string; message?: string };
      if (f.type !== 'welcome') return fail(`${f.type}: ${f.message}`);
      done = true;
      sockets.push(ws);
      resolve();
    });
    ws.once('error', (e) => fail(String(e)));
    ws.once('close', (code) => fail(`closed ${code}`));
  });
  let next = 0;
  await Promise.all(Array.from({ length: 300 }, async () => {
    while (next < tokens.length) await one(next++);
  }));
  process.send!({ open: sockets.length, failed, errors });
  process.on('message', (m) => {
    if (m === 'count') process.send!(sockets.filter((s) => s.readyState === WebSocket.OPEN).length);
  });
}
