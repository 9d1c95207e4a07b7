import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/storage/db.ts';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

if (!existsSync('web/dist/index.html')) {
  console.log('Building the web app (first start only)…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The web app failed to build; see the output above.');
    process.exit(1);
  }
}
if (!existsSync('web/dist/widget.js')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/widget/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The chat widget failed to build; see the output above.');
    process.exit(1);
  }
}

// Open the database while the rest of the server's modules load: the two are the slow parts
// of a start.
const fail = (e: unknown): never => {
  console.error(`Switchboard could not start: ${(e as Error).message}`);
  process.exit(1);
};
const opening = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
opening.catch(() => {});
const [{ createServer }, { DEMO_PASSWORD }] = await Promise.all([import('../src/main.ts'), import('../src/seed.ts')]);
const database: Database = await opening.catch(fail);
const server = await createServer(config, { database }).catch(async (e) => {
  await database.close().catch(() => {});
  return fail(e);
});
const url = await server.listen().catch((e: Error) => {
  console.error(`Switchboard could not listen on ${config.HOST}:${config.PORT}: ${e.message}. Set PORT to a free port.`);
  process.exit(1);
});
// From process start (performance.timeOrigin), so module loading counts too.
const ms = Math.round(performance.now());
const shown = config.PUBLIC_URL ?? url.replace('127.0.0.1', 'localhost');
console.log(`\nSwitchboard is ready at ${shown} (${config.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${config.DATA_DIR}`}, ready in ${ms} ms)`);
if (server.demo) {
  console.log(`\nDemo workspace "${config.DEFAULT_WORKSPACE}" created. Sign in with password "${DEMO_PASSWORD}" as:`);
  for (const d of server.demo) console.log(`  ${d.role.padEnd(10)} ${d.email.padEnd(26)} ${d.name}`);
} else {
  console.log(`Demo logins (if you kept them): admin@demo.example and others, password "${DEMO_PASSWORD}".`);
}
console.log('API docs: ' + shown + '/api/docs\n');

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server
      .close()
      .then(() => database.close())
      .then(() => process.exit(0), () => process.exit(1));
  });
}
