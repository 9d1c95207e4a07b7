// npm start: runs the server from one bundled file, rebuilt when the sources change.
// Loading one bundle instead of hundreds of TypeScript and library modules through a loader
// roughly halves the time to ready (docs/performance.md). Plain JavaScript: nothing to compile.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = 'dist';
const bundle = join(out, 'start.mjs');
const stamp = join(out, 'start.stamp');
const workerBundle = join(out, 'search-vector-worker.mjs');

function files(dir, acc = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, acc);
    else if (!name.endsWith('.test.ts')) acc.push(p);
  }
  return acc;
}

const hash = createHash('sha256');
for (const f of [...files('src'), 'scripts/start.ts', 'scripts/launch.mjs', 'package-lock.json']) {
  hash.update(f).update(readFileSync(f));
}
const digest = hash.digest('hex');

if (!existsSync(bundle) || !existsSync(workerBundle) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== digest) {
  const { build } = await import('esbuild');
  mkdirSync(out, { recursive: true });
  // Build beside, then rename: a second start building at the same moment never sees half a file.
  const tmp = join(out, `start.${process.pid}.mjs`);
  await build({
    entryPoints: ['scripts/start.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Packages that read files beside themselves (wasm, native binaries, static assets) stay outside.
    external: ['@electric-sql/pglite', '@node-rs/argon2', '@fastify/swagger-ui', '@fastify/static', 'pg-native', 'esbuild', 'vite'],
    banner: { js: "import { createRequire as __sbRequire } from 'node:module'; const require = __sbRequire(import.meta.url);" },
  });
  // The search analysis thread's entry (src/core/search/vectorizer.ts), beside the bundle.
  const workerTmp = join(out, `search-vector-worker.${process.pid}.mjs`);
  await build({ entryPoints: ['src/core/search/vector-worker.ts'], outfile: workerTmp, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  renameSync(workerTmp, workerBundle);
  rmSync(join(out, 'migrations'), { recursive: true, force: true });
  cpSync(join('src', 'storage', 'migrations'), join(out, 'migrations'), { recursive: true });
  renameSync(tmp, bundle);
  writeFileSync(stamp, digest);
}

if (process.argv.includes('--build-only')) process.exit(0);
await import(pathToFileURL(bundle).href);
