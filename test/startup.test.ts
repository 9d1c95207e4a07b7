/**
 * Start-up and operations: settings errors, the real start script on a data directory (first
 * start, a second instance, restart, a foreign folder), an unreachable PostgreSQL, and PostgreSQL
 * going away and coming back while the server runs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createServer, type Server } from '../src/main.ts';
import { freshDatabase, postgresAvailable, testHasher, type TestDatabase } from './helpers/db.ts';
import { DEMO_PASSWORD, demo } from './helpers/server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const demoEmails = Object.values(demo);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/nonexistent');
  } catch (e) {
    assert.ok(e instanceof ConfigError, `a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('settings', () => {
  test('PORT that is not a number names the setting, the value and what is expected', () => {
    const m = configError({ PORT: 'abc' }).message;
    assert.match(m, /PORT/);
    assert.match(m, /abc/);
    assert.match(m, /expected .*number/);
  });

  test('LOG_LEVEL outside the list names the allowed levels', () => {
    const m = configError({ LOG_LEVEL: 'loud' }).message;
    assert.match(m, /LOG_LEVEL/);
    assert.match(m, /loud/);
    assert.match(m, /expected .*info/);
    assert.match(m, /debug/);
  });

  test('DATABASE_URL of another database names it, and never shows a password', () => {
    const m = configError({ DATABASE_URL: 'mysql://x' }).message;
    assert.match(m, /DATABASE_URL/);
    assert.match(m, /mysql:\/\/x/);
    assert.match(m, /expected .*postgres/);
    for (const bad of ['pg://u:secretpw@h/db', 'postgresql:/u:secretpw@h/db', 'postgres//u:secretpw@h/db', ' postgres://u:secretpw@h/db']) {
      const msg = configError({ DATABASE_URL: bad }).message;
      assert.match(msg, /DATABASE_URL/);
      assert.ok(!msg.includes('secretpw'), `the password leaked: ${msg}`);
    }
    const smtp = configError({ SMTP_URL: 'http://u:secretpw@mail' }).message;
    assert.match(smtp, /SMTP_URL/);
    assert.ok(!smtp.includes('secretpw'), smtp);
    const bus = configError({ BUS_URL: 'nat://u:secretpw@h:4222' }).message;
    assert.match(bus, /BUS_URL/);
    assert.ok(!bus.includes('secretpw'), bus);
  });

  test('a .env file in the working folder is read; the process environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-env-'));
    try {
      writeFileSync(join(dir, '.env'), '# settings\nPORT=4321\nLOG_LEVEL=warn\nDEFAULT_WORKSPACE="from-file"\n');
      const c = loadConfig({ PORT: '5555' }, dir);
      assert.equal(c.PORT, 5555);
      assert.equal(c.LOG_LEVEL, 'warn');
      assert.equal(c.DEFAULT_WORKSPACE, 'from-file');
      assert.equal(loadConfig({}, dir).PORT, 4321);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- the real start script as a child process ----

if (!existsSync('web/dist/index.html')) {
  // The start script builds the web app when it is missing; these tests are not about the web app.
  mkdirSync('web/dist', { recursive: true });
  writeFileSync('web/dist/index.html', '<!doctype html><title>Switchboard</title>\n');
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Waits until the output matches, or the process exits, or `ms` pass. */
  waitFor(re: RegExp, ms: number): Promise<void>;
  stop(): Promise<number | null>;
}

function start(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['scripts/launch.mjs'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  const p: Proc = {
    child,
    output: () => out,
    exited,
    async waitFor(re, ms) {
      const deadline = Date.now() + ms;
      while (!re.test(out)) {
        if (code !== undefined) throw new Error(`exited (${code}) before ${re}; output:\n${out}`);
        if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms; output:\n${out}`);
        await sleep(50);
      }
    },
    async stop() {
      if (code !== undefined) return code;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const c = await exited;
      clearTimeout(timer);
      return c;
    },
  };
  return p;
}

async function exitOf(p: Proc, ms: number): Promise<number | null> {
  const c = await Promise.race([p.exited, sleep(ms).then(() => 'timeout' as const)]);
  if (c === 'timeout') {
    await p.stop();
    assert.fail(`still running after ${ms} ms; output:\n${p.output()}`);
  }
  return c;
}

/**
 * Requests to a freshly started server: it writes the demo history in the background (one
 * day per transaction), so on a loaded CI machine an answer may take seconds. A failure names
 * the address and how long it waited (a bare timeout printed as `{}`).
 */
const REQUEST_MS = 30_000;
async function fetchNamed(url: string, init?: RequestInit): Promise<Response> {
  const t0 = performance.now();
  try {
    return await fetch(url, init);
  } catch (e) {
    throw new Error(`${init?.method ?? 'GET'} ${url} failed after ${Math.round(performance.now() - t0)} ms: ${(e as Error)?.name ?? ''} ${(e as Error)?.message ?? String(e)}`);
  }
}

async function login(base: string): Promise<string> {
  const res = await fetchNamed(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.admin, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(REQUEST_MS),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.headers.getSetCookie().find((c) => c.startsWith('sb_session='))!.split(';')[0]!;
}

async function userIds(base: string): Promise<string[]> {
  const cookie = await login(base);
  const res = await fetchNamed(`${base}/api/v1/users?limit=50`, { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_MS) });
  assert.equal(res.status, 200);
  return ((await res.json()) as { items: { id: string }[] }).items.map((u) => u.id).sort();
}

describe('the start script on a data directory', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  const procs: Proc[] = [];
  const tmp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  after(async () => {
    for (const p of procs) await p.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('first start, a second instance, stop, and a restart that keeps the data', { timeout: 150_000 }, async () => {
    const dataDir = join(tmp('sb-data-'), 'data');
    const port = await freePort();
    const first = start({ DATA_DIR: dataDir, PORT: String(port) });
    procs.push(first);
    await first.waitFor(/API docs:/, 90_000);
    const out = first.output();
    assert.match(out, new RegExp(`Switchboard is ready at http://localhost:${port}`));
    assert.match(out, /Demo workspace "demo" created/);
    assert.match(out, new RegExp(DEMO_PASSWORD));
    for (const e of demoEmails) assert.ok(out.includes(e), `login ${e} printed`);
    const base = `http://127.0.0.1:${port}`;
    const before = await userIds(base);
    assert.equal(before.length, 6, 'the six demo people');

    // A second instance on the same folder refuses to start; the first keeps serving.
    const second = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    procs.push(second);
    const code = await exitOf(second, 30_000);
    assert.notEqual(code, 0);
    assert.match(second.output(), /in use/);
    const health = await fetchNamed(`${base}/readyz`, { signal: AbortSignal.timeout(REQUEST_MS) });
    assert.equal(health.status, 200);
    assert.deepEqual(await userIds(base), before);
    // The bundled server serves what a newcomer opens first: the demo shop with its chat widget.
    const shop = await fetchNamed(`${base}/demo/shop`, { signal: AbortSignal.timeout(REQUEST_MS) });
    assert.equal(shop.status, 200);
    const inbox = /data-inbox="([0-9a-f-]{36})"/.exec(await shop.text())?.[1];
    assert.ok(inbox, 'the shop page embeds the widget for the demo chat inbox');
    const config = await fetchNamed(`${base}/api/widget/v1/inboxes/${inbox}/config`, { signal: AbortSignal.timeout(REQUEST_MS) });
    assert.equal(config.status, 200);
    assert.equal(((await config.json()) as { available: boolean }).available, true);

    assert.equal(await first.stop(), 0, `clean exit on SIGTERM; output:\n${first.output()}`);
    assert.ok(!existsSync(join(dataDir, 'switchboard.lock')), 'the lock is released on exit');

    const t0 = performance.now();
    const again = start({ DATA_DIR: dataDir, PORT: String(port) });
    procs.push(again);
    await again.waitFor(/Switchboard is ready at/, 90_000);
    const readyMs = Math.round(performance.now() - t0);
    const reported = /ready in (\d+) ms/.exec(again.output())?.[1];
    console.log(`# restart on an existing data directory: ready ${readyMs} ms after spawn (script reports ${reported} ms)`);
    await again.waitFor(/API docs:/, 10_000);
    assert.doesNotMatch(again.output(), /Demo workspace/);
    assert.deepEqual(await userIds(base), before, 'the same users after a restart');
    assert.equal(await again.stop(), 0);
  });

  test('a data folder holding something else is refused and left untouched', { timeout: 60_000 }, async () => {
    const dataDir = tmp('sb-junk-');
    mkdirSync(join(dataDir, 'pglite'));
    writeFileSync(join(dataDir, 'pglite', 'notes.txt'), 'my precious notes\n');
    writeFileSync(join(dataDir, 'pglite', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const snapshot = () =>
      [dataDir, join(dataDir, 'pglite')].map((d) => readdirSync(d).sort().map((f) => [f, d.endsWith('pglite') ? readFileSync(join(d, f)).toString('hex') : '']));
    const beforeFiles = snapshot();
    const p = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    procs.push(p);
    const code = await exitOf(p, 30_000);
    assert.notEqual(code, 0);
    assert.match(p.output(), /not a Switchboard database/);
    assert.deepEqual(snapshot(), beforeFiles);
  });

  test('an unreachable DATABASE_URL stops start-up quickly with a clear message', { timeout: 60_000 }, async () => {
    const t0 = Date.now();
    const p = start({ DATABASE_URL: 'postgres://postgres:hunter2pw@127.0.0.1:1/switchboard', PORT: String(await freePort()) });
    procs.push(p);
    const code = await exitOf(p, 20_000);
    const ms = Date.now() - t0;
    assert.notEqual(code, 0);
    assert.match(p.output(), /Cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1/);
    assert.ok(!p.output().includes('hunter2pw'), 'no password in the output');
    assert.ok(ms < 20_000, `exited after ${ms} ms`);
  });
});

// ---- PostgreSQL going away and coming back ----

/** A TCP proxy that can drop every connection and refuse new ones, then come back on the same port. */
async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  return {
    port: () => port,
    async down() {
      const s = server!;
      server = undefined;
      const closed = new Promise((r) => s.close(r));
      for (const x of sockets) x.destroy();
      sockets.clear();
      await closed;
    },
    up: listen,
    async close() {
      if (server) await this.down();
    },
  };
}

const pgUp = await postgresAvailable();
describe('PostgreSQL down while running', { skip: pgUp ? false : 'PostgreSQL is not reachable at 127.0.0.1:5432', timeout: 90_000 }, () => {
  let db: TestDatabase;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let server: Server;
  before(async () => {
    db = await freshDatabase('postgres');
    const u = new URL(db.url!);
    proxy = await tcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    u.port = String(proxy.port());
    const config = loadConfig({ DATABASE_URL: u.toString(), PORT: '0', LOG_LEVEL: 'silent', JOBS: 'false' }, '/nonexistent');
    server = await createServer(config, { hasher: testHasher, seed: false });
  });
  after(async () => {
    await server?.close();
    await proxy?.close();
    await db?.drop();
  });

  test('readyz and the API answer 503 unavailable, then recover without a restart', { timeout: 60_000 }, async () => {
    const inject = (url: string, cookie?: string) => server.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.admin, password: DEMO_PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = `sb_session=${res.cookies.find((c) => c.name === 'sb_session')!.value}`;
    assert.equal((await inject('/readyz')).statusCode, 200);
    assert.equal((await inject('/api/v1/users?limit=5', cookie)).statusCode, 200);

    await proxy.down();
    const t0 = Date.now();
    const ready = await inject('/readyz');
    assert.equal(ready.statusCode, 503, ready.body);
    const api = await inject('/api/v1/users?limit=5', cookie);
    assert.equal(api.statusCode, 503, api.body);
    assert.equal(api.json().error.code, 'unavailable');
    assert.ok(api.headers['retry-after'], 'a 503 says when to retry');
    // A write too, not only reads.
    const write = await server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie }, payload: { name: 'While down' } });
    assert.equal(write.statusCode, 503, write.body);
    assert.equal(write.json().error.code, 'unavailable');
    assert.ok(Date.now() - t0 < 20_000, 'answers come quickly while the database is down');

    await proxy.up();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await inject('/readyz')).statusCode;
      if (status === 200) break;
      await sleep(200);
    }
    assert.equal(status, 200, 'ready again within 20 s');
    const back = await inject('/api/v1/users?limit=5', cookie);
    assert.equal(back.statusCode, 200, back.body);
    const created = await server.app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie }, payload: { name: 'After recovery' } });
    assert.equal(created.statusCode, 201, created.body);
  });
});
