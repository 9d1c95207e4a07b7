/**
 * npm test: type-check, build the web app when missing, then every test (unit beside the code in
 * src/, integration and end-to-end in test/) in one run of node's test runner. Ends with node's
 * summary and a plain `N passed, N failed` line.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const skipTypecheck = process.env.SKIP_TYPECHECK === '1';

function run(cmd: string, args: string[], label: string): void {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`${label}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

if (!skipTypecheck) {
  run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'], 'type-check (server)');
  run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web/tsconfig.json'], 'type-check (web)');
}
const buildStaff = !existsSync('web/dist/index.html') || !!process.env.CI;
if (buildStaff) {
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], 'web build');
}
// The chat widget builds after the staff app (whose build empties web/dist), and checks its size.
if (buildStaff || !existsSync('web/dist/widget.js')) {
  if (!skipTypecheck) run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web/widget/tsconfig.json'], 'type-check (widget)');
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/widget/vite.config.ts', '--logLevel', 'warn'], 'widget build');
  run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/check-widget-size.ts'], 'widget size');
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = (only.length ? only : [...walk('src'), ...walk('test')]).sort();
mkdirSync(join('node_modules', '.cache'), { recursive: true });
const tapFile = join('node_modules', '.cache', `test-${process.pid}.tap`);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '2'}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
child.on('exit', (code) => {
  let pass = 0;
  let fail = 0;
  try {
    const tap = readFileSync(tapFile, 'utf8');
    pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
    fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(tap)?.[1] ?? 0);
  } catch {
    fail = fail || 1;
  }
  if (code !== 0 && fail === 0) fail = 1;
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(code === 0 && fail === 0 ? 0 : 1);
});
