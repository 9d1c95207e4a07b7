import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.ts';
import { createServer, type Server } from '../src/main.ts';
import { createLogger } from '../src/logger.ts';
import { freshDatabase, testHasher, type TestDatabase } from './helpers/db.ts';
import { DEMO_PASSWORD, demo } from './helpers/server.ts';

/** Invitations go out by mail through a real SMTP conversation with a local server; the link is never logged. */
describe('invitation mail', () => {
  const received: { to: string; body: string }[] = [];
  let smtp: SMTPServer;
  let port = 0;
  let db: TestDatabase;
  let server: Server;
  const logLines: string[] = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    port = (smtp.server.address() as { port: number }).port;
    db = await freshDatabase('pglite');
    const config = loadConfig({ LOG_LEVEL: 'info', JOBS: 'false', PORT: '0', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Switchboard <noreply@demo.example>' }, '/nonexistent');
    const sink = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    server = await createServer(config, { database: db.database, hasher: testHasher, log: createLogger('info', sink), seed: false });
  });
  after(async () => {
    await server?.close();
    await db?.drop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  test('an invitation is mailed with its link, and the log holds the address but not the link', async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.admin, password: DEMO_PASSWORD } });
    const cookie = `sb_session=${login.cookies.find((c) => c.name === 'sb_session')!.value}`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users/invitations',
      headers: { cookie },
      payload: { email: 'mailed@demo.example', name: 'Mae Mailed', role: 'agent' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const link: string = res.json().link;
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(received.length, 1, 'one mail arrived');
    assert.equal(received[0]!.to, 'mailed@demo.example');
    const body = received[0]!.body.replace(/=\r?\n/g, '');
    assert.ok(body.includes(link.split('/invite/')[1]!), 'the mail carries the invitation token');
    assert.match(body, /Subject: Ada Admin invited you to Demo Company/);
    // The server sees the message before the client hears the server's reply: wait for the log line.
    while (!logLines.join('').includes('invitation mailed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const log = logLines.join('');
    assert.ok(log.includes('invitation mailed'), 'the delivery is logged');
    assert.ok(!log.includes(link.split('/invite/')[1]!), 'the link is not in the log');
    assert.ok(!log.includes(DEMO_PASSWORD), 'no password in the log');
  });
});
