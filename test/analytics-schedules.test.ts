import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import type { Schedule } from '../src/contracts/analytics.ts';
import { createReportsService } from '../src/core/analytics/reports.ts';
import { nextRunAt } from '../src/core/analytics/report-periods.ts';
import { runDueSchedules, type ReportMail } from '../src/core/analytics/schedules.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { smtpMailer } from '../src/jobs/mailer.ts';
import { reportMailSender } from '../src/jobs/report-schedules.ts';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const URL = '/api/v1/analytics/schedules';
const valid = { name: 'Daily queues', report: 'queues', frequency: 'daily', hour: 7, recipients: ['Boss@Demo.example', 'boss@demo.example', 'ops@demo.example'], filters: { channel: 'chat' } };

for (const kind of await dbKinds()) {
  describe(`scheduled reports on ${kind}`, () => {
    let t: TestServer;
    let repos: Repos;
    let tenantId = '';
    let tz = 'UTC';
    let supervisor = '';
    let admin = '';
    let agent = '';
    let mine: Schedule;

    const run = (atMs: number, send: (m: ReportMail) => Promise<void>) => {
      const clock = { now: () => new Date(atMs) };
      const deps = { repos, clock, newId: uuidv7 } as unknown as CoreDeps;
      return runDueSchedules({ repos, clock, newId: uuidv7, reports: createReportsService(deps), send });
    };
    const count = async (cookie: string) => ((await t.req('GET', `${URL}?limit=200`, { cookie })).json() as { items: Schedule[] }).items.length;

    before(async () => {
      t = await startTestServer(kind);
      repos = createRepos(t.server.database.db);
      supervisor = await t.login(demo.supervisor);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      const tenant = await t.server.database.db.selectFrom('tenants').select(['id', 'time_zone']).executeTakeFirstOrThrow();
      tenantId = tenant.id;
      tz = tenant.time_zone;
    });
    after(() => t.close());

    test('create: 201 with the next sending at the local hour; recipients lower-cased once each', async () => {
      const before = Date.now();
      const res = await t.req('POST', URL, { cookie: supervisor, body: valid });
      assert.equal(res.statusCode, 201, res.body);
      mine = res.json() as Schedule;
      assert.deepEqual(mine.recipients, ['boss@demo.example', 'ops@demo.example']);
      assert.equal(mine.filters.channel, 'chat');
      assert.equal(mine.lastSentAt, null);
      const next = Date.parse(mine.nextRunAt);
      assert.equal(next, nextRunAt('daily', 7, next - 1, tz), 'falls on 07:00 local');
      assert.ok(next > before && next <= before + 86_400_000 + 3_600_000, 'within the next day');
    });

    test('bad input: 400 with the reason, nothing written', async () => {
      const n = await count(supervisor);
      const cases: [Record<string, unknown>, string][] = [
        [{ ...valid, hour: 24 }, 'hour'],
        [{ ...valid, recipients: ['not-an-email'] }, 'recipients'],
        [{ ...valid, recipients: [] }, 'recipients'],
        [{ ...valid, report: 'planets' }, 'report'],
        [{ ...valid, filters: { groupBy: 'planet' } }, 'filters'],
        [{ ...valid, frequency: 'hourly' }, 'frequency'],
        [{ ...valid, name: '  ' }, 'name'],
        [{ ...valid, owner: 'someone' }, ''],
      ];
      for (const [body, path] of cases) {
        const res = await t.req('POST', URL, { cookie: supervisor, body });
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        const err = (res.json() as { error: { code: string; message: string; details?: { path: string }[] } }).error;
        assert.equal(err.code, 'invalid');
        if (path) assert.ok(err.details?.some((d) => d.path.startsWith(path)), `${path} named in ${JSON.stringify(err.details)}`);
      }
      const patch = await t.req('PATCH', `${URL}/${mine.id}`, { cookie: supervisor, body: { hour: -1 } });
      assert.equal(patch.statusCode, 400);
      assert.equal(await count(supervisor), n);
      assert.equal((await t.req('GET', `${URL}/${mine.id}`, { cookie: supervisor })).json().hour, 7, 'the bad patch changed nothing');
    });

    test('permissions: an agent may not; a user sees their own; an admin sees every one', async () => {
      assert.equal((await t.req('GET', URL, { cookie: agent })).statusCode, 403);
      assert.equal((await t.req('POST', URL, { cookie: agent, body: valid })).statusCode, 403);
      const res = await t.req('POST', URL, { cookie: admin, body: { ...valid, name: 'Admin weekly', frequency: 'weekly' } });
      assert.equal(res.statusCode, 201);
      const adminOne = res.json() as Schedule;
      const supList = (await t.req('GET', URL, { cookie: supervisor })).json() as { items: Schedule[] };
      assert.deepEqual(supList.items.map((s) => s.id), [mine.id]);
      assert.equal((await t.req('GET', `${URL}/${adminOne.id}`, { cookie: supervisor })).statusCode, 404);
      assert.equal((await t.req('PATCH', `${URL}/${adminOne.id}`, { cookie: supervisor, body: { name: 'Mine now' } })).statusCode, 404);
      const adminList = (await t.req('GET', URL, { cookie: admin })).json() as { items: Schedule[] };
      assert.deepEqual(new Set(adminList.items.map((s) => s.id)), new Set([mine.id, adminOne.id]));
      assert.equal((await t.req('PATCH', `${URL}/${mine.id}`, { cookie: admin, body: { enabled: true } })).statusCode, 200, "an admin may change another's");
      assert.equal((await t.req('DELETE', `${URL}/${adminOne.id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('GET', `${URL}/${adminOne.id}`, { cookie: admin })).statusCode, 404);
    });

    test('patch: only the fields sent change; a new hour moves the next sending', async () => {
      const renamed = (await t.req('PATCH', `${URL}/${mine.id}`, { cookie: supervisor, body: { name: 'Queues daily' } })).json() as Schedule;
      assert.equal(renamed.name, 'Queues daily');
      assert.equal(renamed.hour, 7);
      assert.equal(renamed.nextRunAt, mine.nextRunAt);
      const moved = (await t.req('PATCH', `${URL}/${mine.id}`, { cookie: supervisor, body: { hour: 9 } })).json() as Schedule;
      assert.equal(moved.hour, 9);
      assert.equal(Date.parse(moved.nextRunAt), nextRunAt('daily', 9, Date.now(), tz));
      mine = moved;
    });

    test('due: mailed once per period with the CSV; a rerun mails nothing; a failed send is retried', async () => {
      const due = Date.parse(mine.nextRunAt) + 60_000;
      assert.deepEqual(await run(due - 120_000, async () => assert.fail('not due yet')), { sent: 0, skipped: 0, failed: 0 });
      // A failing mail server: the period is given back.
      const failed = await run(due, async () => {
        throw new Error('SMTP down');
      });
      assert.equal(failed.failed, 1);
      const mails: ReportMail[] = [];
      const ok = await run(due, async (m) => {
        mails.push(m);
      });
      assert.deepEqual(ok, { sent: 1, skipped: 0, failed: 0 });
      const [mail] = mails;
      assert.deepEqual(mail!.to, ['boss@demo.example', 'ops@demo.example']);
      assert.match(mail!.subject, /^Queues daily \(/);
      assert.match(mail!.text, /queues report/);
      assert.match(mail!.attachment.filename, /^queues-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.equal(mail!.attachment.contentType, 'text/csv; charset=utf-8');
      assert.match(mail!.attachment.content.split('\r\n')[0]!, /^(key,label|start|metric,value)/, 'a CSV header row');
      const after1 = (await t.req('GET', `${URL}/${mine.id}`, { cookie: supervisor })).json() as Schedule;
      assert.ok(after1.lastSentAt);
      assert.ok(Date.parse(after1.nextRunAt) > due, 'the next sending moved on');
      // The same tick again, and a rerun of the same due time (as after a crash before the clock moved): nothing mailed.
      assert.equal((await run(due, async () => assert.fail('mailed twice'))).sent, 0);
      await t.server.database.db.updateTable('report_schedules').set({ next_run_at: new Date(Date.parse(mine.nextRunAt)) }).where('id', '=', mine.id).execute();
      const rerun = await run(due, async () => assert.fail('the same period mailed twice'));
      assert.deepEqual(rerun, { sent: 0, skipped: 1, failed: 0 });
      const row = await repos.reportSchedules.byId(tenantId, mine.id);
      assert.equal(row!.nextRunAt.toISOString(), after1.nextRunAt);
    });

    test('an owner who lost analytics.read gets nothing mailed; the reason is kept', async () => {
      const res = await t.req('POST', URL, { cookie: supervisor, body: { ...valid, name: 'Lost access' } });
      const s = res.json() as Schedule;
      const supervisorId = s.ownerId;
      await t.server.database.db.updateTable('users').set({ role: 'agent' }).where('id', '=', supervisorId).execute();
      try {
        const r = await run(Date.parse(s.nextRunAt) + 1000, async (m) => assert.ok(m.subject.startsWith('Queues daily'), `no mail for ${m.subject}`));
        assert.ok(r.skipped >= 1);
        const row = await repos.reportSchedules.byId(tenantId, s.id);
        assert.match(row!.lastError ?? '', /may no longer read analytics/);
        assert.equal(row!.lastSentAt, null);
      } finally {
        await t.server.database.db.updateTable('users').set({ role: 'supervisor' }).where('id', '=', supervisorId).execute();
      }
    });
  });
}

describe('scheduled report mail over SMTP', () => {
  let smtp: SMTPServer;
  const received: { to: string[]; body: string }[] = [];
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  });
  after(() => new Promise<void>((r) => smtp.close(() => r())));

  test('one message to every recipient with the CSV attached as text/csv', async () => {
    const port = (smtp.server.address() as { port: number }).port;
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Switchboard <noreply@demo.example>');
    try {
      await reportMailSender(mailer)({
        to: ['a@demo.example', 'b@demo.example'],
        subject: 'Weekly',
        text: 'See the attached CSV.',
        attachment: { filename: 'queues-2026-06-01-2026-06-08.csv', content: 'key,label,offered\r\nq1,Sales,6\r\n', contentType: 'text/csv; charset=utf-8' },
      });
    } finally {
      mailer.close();
    }
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ['a@demo.example', 'b@demo.example']);
    const body = received[0]!.body;
    assert.match(body, /Content-Type: text\/csv; charset=utf-8/);
    assert.match(body, /Content-Disposition: attachment;\s+filename=queues-2026-06-01-2026-06-08\.csv/);
    assert.ok(body.includes('key,label,offered') || body.includes(Buffer.from('key,label,offered\r\nq1,Sales,6\r\n').toString('base64')), 'the CSV travels in the message');
  });
});
