/**
 * Time to ready of `node scripts/launch.mjs` (what `npm start` runs: the bundled server), on the
 * embedded database, against node's own start-up measured in the same run.
 *
 *   npx tsx bench/start.ts
 *   BENCH_RUNS=5 npx tsx bench/start.ts
 *
 * Each run uses a new temporary DATA_DIR: a first start (creates the database, migrates,
 * seeds the demo workspace) and then a restart on the same data. "Ready" is the first 200
 * from GET /readyz (polled every 20 ms) after the child was spawned.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

const runs = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS) || 3));
const baselineRuns = 3;
const readyTimeoutMs = 60_000;
const deadlineMs = runs * 2 * (readyTimeoutMs + 15_000) + 180_000;

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function cleanup(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    cleanup();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench/start.ts: still running after ${deadlineMs / 1000} s; giving up.`);
  process.exit(1);
}, deadlineMs);
watchdog.unref();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Spawn-to-exit time of a node command that does nothing. */
function timeExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, args, { stdio: 'ignore' });
    children.add(c);
    c.once('error', reject);
    c.once('exit', (code) => {
      children.delete(c);
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}`));
      else resolve(performance.now() - t0);
    });
  });
}

interface StartResult {
  readyMs: number;
  /** What the script itself prints ("ready in N ms"), measured inside the process. */
  reportedMs: number | null;
}

async function timeStart(dataDir: string): Promise<StartResult> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // always the embedded database here
  delete env.PUBLIC_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['scripts/launch.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  try {
    let readyMs: number | undefined;
    while (readyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`scripts/launch.mjs exited with ${child.exitCode}:\n${out}`);
      if (performance.now() - t0 > readyTimeoutMs) throw new Error(`not ready after ${readyTimeoutMs} ms:\n${out}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.status === 200) readyMs = performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      if (readyMs === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    // The banner is printed right after listen(); give it a moment to arrive.
    for (let i = 0; i < 100 && !/ready in \d+ ms/.test(out); i++) await new Promise((r) => setTimeout(r, 20));
    const m = /ready in (\d+) ms/.exec(out);
    return { readyMs, reportedMs: m ? Number(m[1]) : null };
  } finally {
    await stop(child);
  }
}

/** SIGTERM (graceful: releases the data-directory lock), SIGKILL after 15 s. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

function ensureWebDist(): void {
  if (existsSync('web/dist/index.html')) return;
  console.log('web/dist/index.html is missing: building the web app…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    timeout: 180_000,
  });
  if (r.status === 0 && existsSync('web/dist/index.html')) return;
  // The web app may be mid-edit; start-up only needs the file to exist, not to be the real app.
  console.log('The web build failed; writing a placeholder web/dist/index.html (web/dist is git-ignored).');
  mkdirSync('web/dist', { recursive: true });
  writeFileSync('web/dist/index.html', '<!doctype html><title>Switchboard</title><p>Placeholder written by bench/start.ts.</p>\n');
}

const fmt = (n: number) => `${Math.round(n)} ms`;

async function main(): Promise<void> {
  ensureWebDist();
  console.log(`Switchboard start-up benchmark: ${runs} run(s), node ${process.version}, ${os.cpus().length} cores\n`);

  // Baselines are measured inside every run, just before its starts, so that each ratio
  // compares numbers taken under the same machine load.
  const bare: number[] = [];
  const withTsx: number[] = [];
  const first: StartResult[] = [];
  const again: StartResult[] = [];
  const firstRatio: number[] = [];
  const againRatio: number[] = [];
  // Bundle the server once up front (npm start does it when the sources changed).
  if (spawnSync(process.execPath, ['scripts/launch.mjs', '--build-only'], { stdio: 'inherit' }).status !== 0) throw new Error('bundling failed');
  await timeExit(['-e', '']); // warm the file-system cache
  await timeExit(['--import', 'tsx', '-e', '']);
  for (let i = 0; i < runs; i++) {
    const b: number[] = [];
    for (let j = 0; j < baselineRuns; j++) {
      b.push(await timeExit(['-e', '']));
      withTsx.push(await timeExit(['--import', 'tsx', '-e', '']));
    }
    const runBase = median(b);
    bare.push(...b);
    const dir = mkdtempSync(join(os.tmpdir(), 'sb-bench-start-'));
    tempDirs.push(dir);
    const dataDir = join(dir, 'data');
    const f = await timeStart(dataDir);
    first.push(f);
    firstRatio.push(f.readyMs / runBase);
    const r = await timeStart(dataDir);
    again.push(r);
    againRatio.push(r.readyMs / runBase);
    rmSync(dir, { recursive: true, force: true });
    console.log(`run ${i + 1}: node -e "" ${fmt(runBase)} (median of ${baselineRuns}); load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`  first start: /readyz 200 after ${fmt(f.readyMs)} (×${(f.readyMs / runBase).toFixed(1)}), script says ready in ${f.reportedMs ?? '?'} ms`);
    console.log(`  restart:     /readyz 200 after ${fmt(r.readyMs)} (×${(r.readyMs / runBase).toFixed(1)}), script says ready in ${r.reportedMs ?? '?'} ms`);
  }

  const base = median(bare);
  const reported = (xs: StartResult[]) => {
    const v = xs.map((x) => x.reportedMs).filter((x): x is number => x !== null);
    return v.length ? fmt(median(v)) : '?';
  };
  const rows: [string, number, string, number][] = [
    ['baseline: node -e ""', base, '–', 1],
    ['node --import tsx -e ""', median(withTsx), '–', median(withTsx) / base],
    ['first start (create DB, migrate, seed)', median(first.map((x) => x.readyMs)), reported(first), median(firstRatio)],
    ['restart on the same data', median(again.map((x) => x.readyMs)), reported(again), median(againRatio)],
  ];
  console.log(`\nResults (PGlite, ${os.cpus().length} cores, medians of ${runs} run(s); ratios are medians of per-run ratios):\n`);
  console.log('| Measure | spawn → ready (ms) | "ready in" printed (ms) | ratio to `node -e ""` |');
  console.log('|---|---:|---:|---:|');
  for (const [name, ms, rep, ratio] of rows) console.log(`| ${name} | ${Math.round(ms)} | ${rep} | ${ratio.toFixed(1)} |`);
  const restart = median(again.map((x) => x.readyMs));
  const best = Math.min(...again.map((x) => x.readyMs));
  console.log(`\nTarget: a restart ready in under 5 s — ${restart < 5000 ? 'met' : 'NOT met'} (median ${fmt(restart)}, best ${fmt(best)}, from spawn to /readyz 200).`);
}

main().then(
  () => {
    cleanup();
    process.exit(0);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    cleanup();
    process.exit(1);
  },
);
