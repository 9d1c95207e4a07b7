import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type PgBoss from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './core/context.ts';
import { createAuthService } from './core/auth/service.ts';
import { createTeamsService } from './core/teams/service.ts';
import { createConversationsService } from './core/conversations/service.ts';
import { createUsersService } from './core/users/service.ts';
import { createCustomersService } from './core/customers/service.ts';
import { createTicketsService } from './core/tickets/service.ts';
import type { CoreDeps } from './core/deps.ts';
import { memoryBus, type Bus } from './bus/bus.ts';
import { natsBus } from './bus/nats-bus.ts';
import { startDispatcher, type Dispatcher } from './jobs/outbox-dispatcher.ts';
import { startJobs } from './jobs/boss.ts';
import { wakeSnoozed } from './core/conversations/snooze.ts';
import { invitationSender, smtpMailer } from './jobs/mailer.ts';
import { argon2Hasher, secrets, type Hasher } from './security/secrets.ts';
import { openDatabase, type Database } from './storage/db.ts';
import { migrate, migrationsApplied } from './storage/migrate.ts';
import { createRepos, createUnitOfWork } from './storage/repos.ts';
import { buildApp } from './transport/http/app.ts';
import { createMetrics } from './transport/http/metrics.ts';
import { createHub } from './transport/ws/hub.ts';
import { createLogger } from './logger.ts';
import { seedDemo, type DemoLogin } from './seed.ts';
import { bootstrapWorkspace } from './bootstrap.ts';

export interface Server {
  app: FastifyInstance;
  database: Database;
  bus: Bus;
  dispatcher: Dispatcher;
  log: Logger;
  /** pg-boss once started (undefined when JOBS is off or it failed). */
  jobs: Promise<PgBoss | undefined>;
  /** Logins created by this start (first start only). */
  demo: DemoLogin[] | null;
  url?: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface ServerOverrides {
  database?: Database;
  clock?: Clock;
  hasher?: Hasher;
  log?: Logger;
  webDist?: string;
  /** Seed the demo workspace when the database is empty. */
  seed?: boolean;
}

/** The one place that wires Switchboard together. */
export async function createServer(config: Config, o: ServerOverrides = {}): Promise<Server> {
  const log = o.log ?? createLogger(config.LOG_LEVEL);
  const clock = o.clock ?? systemClock;
  const hasher = o.hasher ?? argon2Hasher();
  const database = o.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const applied = await migrate(database);
    if (applied.length) log.info({ migrations: applied }, 'database migrated');
    const seeding = o.seed ?? config.SEED_DEMO;
    const demo = seeding ? await seedDemo(database, uuidv7, hasher, config.DEFAULT_WORKSPACE) : null;

    const bus = config.BUS_URL ? await natsBus(config.BUS_URL) : memoryBus();
    cleanup.push(() => bus.close());
    const metrics = createMetrics();
    const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : undefined;
    if (mailer) cleanup.push(async () => mailer.close());
    const repos = createRepos(database.db);
    const dispatcher = startDispatcher({ db: database.db, bus, clock, log });
    cleanup.push(() => dispatcher.stop());
    const hub = createHub({
      repos,
      clock,
      log,
      heartbeatMs: config.WS_HEARTBEAT_MS,
      metrics: { connections: metrics.wsConnections, eventLag: metrics.eventLag },
    });
    bus.subscribe((e) => hub.publish(e));

    const deps: CoreDeps = {
      repos,
      uow: createUnitOfWork(database.db, () => dispatcher.poke()),
      clock,
      newId: uuidv7,
      hasher,
      secrets,
      settings: {
        publicUrl: config.publicUrl,
        sessionTtlHours: config.SESSION_TTL_HOURS,
        loginMaxFailures: config.LOGIN_MAX_FAILURES,
        loginLockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
        loginIpMaxPerMinute: config.LOGIN_IP_MAX_PER_MINUTE,
        defaultWorkspace: config.DEFAULT_WORKSPACE,
        invitationTtlHours: 24 * 7,
      },
      sendInvitation: invitationSender(log, mailer),
    };
    if (!seeding) {
      const invitation = config.ADMIN_EMAIL
        ? await bootstrapWorkspace(
            database,
            { newId: uuidv7, secrets, now: clock.now() },
            { slug: config.DEFAULT_WORKSPACE, workspaceName: config.WORKSPACE_NAME, adminEmail: config.ADMIN_EMAIL.toLowerCase(), publicUrl: config.publicUrl, invitationTtlHours: deps.settings.invitationTtlHours },
          )
        : null;
      if (invitation) deps.sendInvitation(invitation);
      else if (!config.ADMIN_EMAIL && (await repos.tenants.count()) === 0) {
        log.warn('The database has no workspace and SEED_DEMO is off: set ADMIN_EMAIL to invite the first admin, then restart');
      }
    }
    const services = { auth: createAuthService(deps), users: createUsersService(deps), teams: createTeamsService(deps), conversations: createConversationsService(deps), customers: createCustomersService(deps), tickets: createTicketsService(deps), repos };

    let migrated = false;
    const readiness = {
      async check() {
        if (!(await database.ping())) return 'database unreachable';
        if (!migrated) migrated = await migrationsApplied(database).catch(() => false);
        return migrated ? null : 'migrations not applied';
      },
    };
    const app = await buildApp({
      services,
      hub,
      metrics,
      clock,
      log,
      readiness,
      publicUrl: config.publicUrl,
      cookieSecure: config.COOKIE_SECURE ?? config.publicUrl.startsWith('https://'),
      sessionTtlHours: config.SESSION_TTL_HOURS,
      webDist: o.webDist ?? resolve('web/dist'),
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY === 'true' ? true : config.TRUST_PROXY === 'false' ? false : config.TRUST_PROXY.split(',').map((s) => s.trim()),
    });
    cleanup.push(async () => hub.close());

    // Background jobs start beside serving: nothing a request needs waits on them.
    let jobs: Promise<PgBoss | undefined> = Promise.resolve(undefined);
    if (config.JOBS) {
      jobs = startJobs(database, clock, log, { wakeSnoozed: () => wakeSnoozed(deps) }).catch((e) => {
        log.error({ err: e }, 'background jobs could not start; retry by restarting this node');
        return undefined;
      });
      cleanup.push(async () => (await jobs)?.stop({ graceful: true, timeout: 5000 }));
    }
    const pending = setInterval(() => {
      repos.outbox.pendingCount().then((n) => metrics.outboxPending.set(n), () => {});
    }, 15_000);
    pending.unref();

    const server: Server = {
      app,
      database,
      bus,
      dispatcher,
      log,
      demo,
      jobs,
      async listen() {
        const url = await app.listen({ port: config.PORT, host: config.HOST });
        server.url = url;
        return url;
      },
      async close() {
        clearInterval(pending);
        await app.close();
        for (const fn of cleanup.reverse()) await fn().catch((e) => log.warn({ err: e }, 'shutdown step failed'));
        if (!o.database) await database.close();
      },
    };
    return server;
  } catch (e) {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
    if (!o.database) await database.close().catch(() => {});
    throw e;
  }
}
