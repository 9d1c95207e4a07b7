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
import { createCustomer360 } from './core/customers/customer-360.ts';
import { createTicketsService } from './core/tickets/service.ts';
import type { CoreDeps } from './core/deps.ts';
import { memoryBus, type Bus } from './bus/bus.ts';
import { sentimentDropWatcher } from './jobs/sentiment-drops.ts';
import { natsBus } from './bus/nats-bus.ts';
import { startDispatcher, type Dispatcher } from './jobs/outbox-dispatcher.ts';
import { startJobs } from './jobs/boss.ts';
import { recomputeAllHealth } from './jobs/health.ts';
import { healthFollower } from './jobs/health-follow.ts';
import { createHealthService } from './core/health/service.ts';
import { createSegmentsService } from './core/segments/service.ts';
import { searchIndexerPoker } from './jobs/search-indexer.ts';
import { createVectorizer } from './core/search/vectorizer.ts';
import { recentEvents, type RecentEvents } from './bus/recent-events.ts';
import { createSearchService } from './core/search/service.ts';
import { createOrdersService } from './core/orders/service.ts';
import { orderImportKicker } from './jobs/order-import.ts';
import { createWebhooksService } from './core/webhooks/service.ts';
import { checkWebhookUrl } from './jobs/webhook-http.ts';
import { startWebhookRunner } from './jobs/webhook-runner.ts';
import { LEASE_MS, sendDeliveryNow, type WebhookJobDeps } from './jobs/webhook-sender.ts';
import { purgeWebhookDeliveries } from './jobs/webhook-housekeeping.ts';
import { wakeSnoozed } from './core/conversations/snooze.ts';
import { createSlaService } from './core/sla/service.ts';
import { createRoutingService } from './core/routing/service.ts';
import { createDeskService } from './core/desk/service.ts';
import { createFlowsService } from './core/flows-runtime/service.ts';
import { createDraftService } from './core/kb-assist/service.ts';
import { draftCompleter } from './transport/ai/openai-compatible.ts';
import { createFlowRuntime, type FlowRuntime } from './core/flows-runtime/runtime.ts';
import { createKbService } from './core/kb/service.ts';
import { createKbSearchService } from './core/kb-search/service.ts';
import { createHelpCenterService } from './channels/help-center/service.ts';
import { createWallboardService } from './core/analytics/wallboard.ts';
import { createReportsService } from './core/analytics/reports.ts';
import { createDrillService } from './core/analytics/drill.ts';
import { createReportSchedulesService } from './core/analytics/schedules.ts';
import { reportSchedulesTask } from './jobs/report-schedules.ts';
import { createRollupProcessor } from './jobs/analytics-rollups.ts';
import { tenantPoker } from './jobs/tenant-poker.ts';
import { createJourneysService } from './core/journeys/service.ts';
import { createAlertRulesService } from './core/analytics/alert-rules.ts';
import { createWidgetSettingsService } from './channels/chat/settings.ts';
import { createWhisperService } from './core/conversations/whisper.ts';
import { slaRunner } from './jobs/sla-runner.ts';
import { routingRunner, type RoutingRunner } from './jobs/routing-runner.ts';
import { createAttachmentsService, purgeUnattached } from './core/attachments/service.ts';
import { invitationSender, smtpMailer } from './jobs/mailer.ts';
import { argon2Hasher, secrets, type Hasher } from './security/secrets.ts';
import { openDatabase, type Database } from './storage/db.ts';
import { blobStoreFromConfig, type BlobStore } from './storage/blobs/index.ts';
import { migrate, migrationsApplied } from './storage/migrate.ts';
import { createRepos, createUnitOfWork } from './storage/repos.ts';
import { buildApp } from './transport/http/app.ts';
import { createMetrics } from './transport/http/metrics.ts';
import { createHub } from './transport/ws/hub.ts';
import { createLogger } from './logger.ts';
import { createChatService } from './channels/chat/service.ts';
import { createVisitorSockets } from './channels/chat/sockets.ts';
import { widgetLimiters } from './channels/chat/rate-limit.ts';
import { seedDemo, type DemoLogin } from './seed.ts';
import { demoHistoryRunner } from './seed-history.ts';
import { bootstrapWorkspace } from './bootstrap.ts';
import { createSurveysService } from './core/surveys/service.ts';
import { chatSurveySender } from './core/surveys/senders.ts';
import { emailSurveySender } from './jobs/survey-mail.ts';
import { setKbMemoryBudget } from './core/kb-search/cache.ts';

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
  /** The routing runtime (ROUTING on): leadership per tenant, task intake, offers. */
  routing: RoutingRunner | null;
  /** The chatbot runtime (flows on chat inboxes). */
  flows: FlowRuntime;
  /** Recently delivered events, read by the followers before the database. */
  recent: RecentEvents;
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
  /** Where attachment bytes go (tests: a temp dir); else from the settings. */
  blobs?: BlobStore;
}

/** The one place that wires Switchboard together. */
export async function createServer(config: Config, o: ServerOverrides = {}): Promise<Server> {
  const log = o.log ?? createLogger(config.LOG_LEVEL);
  const clock = o.clock ?? systemClock;
  const hasher = o.hasher ?? argon2Hasher();
  const database = o.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  // Knowledge-base search copies are per node and process (decision 022).
  setKbMemoryBudget(config.KB_SEARCH_MEMORY_DOCS);
  const cleanup: (() => Promise<unknown>)[] = [];
  // Set when the node begins to close: the minute jobs' catch-up loops end after the batch in hand,
  // so pg-boss's graceful stop does not wait out its timeout on them.
  let closing = false;
  const isClosing = () => closing;
  try {
    const applied = await migrate(database);
    if (applied.length) log.info({ migrations: applied }, 'database migrated');
    const seeding = o.seed ?? config.SEED_DEMO;
    const demo = seeding ? await seedDemo(database, uuidv7, hasher, config.DEFAULT_WORKSPACE) : null;
    // Months of demo history, written in the background once the server listens (src/seed-history.ts).
    const demoHistory = seeding && config.DEMO_HISTORY ? demoHistoryRunner({ db: database.db, clock, newId: uuidv7, log, slug: config.DEFAULT_WORKSPACE, onDay: (tenantId) => rollupPoker.poke(tenantId) }) : null;
    if (demoHistory) cleanup.push(() => demoHistory.stop());

    const bus = config.BUS_URL ? await natsBus(config.BUS_URL) : memoryBus();
    cleanup.push(() => bus.close());
    // Recent delivered events in memory: the followers below read them here before PostgreSQL (src/bus/recent-events.ts).
    const recent = recentEvents();
    bus.subscribe((e) => recent.add(e));
    const metrics = createMetrics();
    const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : undefined;
    if (mailer) cleanup.push(async () => mailer.close());
    const repos = createRepos(database.db);
    // On PostgreSQL the numbering and delivery passes get two connections of their own (decision 016).
    const eventsDb = database.openSidePool ? await database.openSidePool(2) : database.db;
    if (eventsDb !== database.db) cleanup.push(() => eventsDb.destroy());
    const dispatcher = startDispatcher({ db: eventsDb, bus, clock, log });
    cleanup.push(() => dispatcher.stop());
    const hub = createHub({
      repos,
      clock,
      log,
      heartbeatMs: config.WS_HEARTBEAT_MS,
      metrics: { connections: metrics.wsConnections, eventLag: metrics.eventLag },
      publishEphemeral: (m) => bus.publishEphemeral?.(m),
    });
    bus.subscribe((e) => hub.publish(e));

    const deps: CoreDeps = {
      repos,
      uow: createUnitOfWork(database.db, (o) => dispatcher.poke(o)),
      clock,
      newId: uuidv7,
      hasher,
      secrets,
      blobs: o.blobs ?? blobStoreFromConfig(config),
      settings: {
        publicUrl: config.publicUrl,
        sessionTtlHours: config.SESSION_TTL_HOURS,
        loginMaxFailures: config.LOGIN_MAX_FAILURES,
        loginLockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
        loginIpMaxPerMinute: config.LOGIN_IP_MAX_PER_MINUTE,
        defaultWorkspace: config.DEFAULT_WORKSPACE,
        invitationTtlHours: 24 * 7,
        attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
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
    // Search: the index follows committed events; poked after each commit, caught up every minute.
    // A rebuild's text analysis runs on a worker thread (src/core/search/vectorizer.ts, decision 026).
    const vectorizer = createVectorizer({ onError: (err) => log.warn({ err }, 'search analysis thread failed; analyzing on the main thread for a minute') });
    const searchIndexer = searchIndexerPoker({ repos, uow: deps.uow, clock, recent, vectorize: vectorizer.vectorize }, log);
    cleanup.push(async () => {
      await searchIndexer.stop();
      await vectorizer.close();
    });
    bus.subscribe((e) => searchIndexer.poke(e.tenantId));
    // Health: a customer's score is recomputed soon after events that change its signals (with JOBS on).
    if (config.JOBS) {
      const follower = healthFollower({ repos, clock, log });
      cleanup.push(async () => follower.stop());
      bus.subscribe((e) => follower.onEvent(e));
    }
    // Outgoing webhooks: the fan-out and sender run as jobs (JOBS on), poked after every commit.
    const webhookDeps: WebhookJobDeps = { db: database.db, uow: deps.uow, clock, newId: uuidv7, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, log };
    const webhooks = config.JOBS ? startWebhookRunner(webhookDeps) : null;
    if (webhooks) {
      cleanup.push(() => webhooks.stop());
      bus.subscribe((e) => {
        if (!e.type.startsWith('webhook.')) webhooks.poke();
      });
    }
    const webhooksService = createWebhooksService(deps, {
      checkUrl: (url) => checkWebhookUrl(url, config.WEBHOOK_ALLOW_PRIVATE),
      sendNow: (tenantId, id, so) => sendDeliveryNow(webhookDeps, tenantId, id, so),
      leaseMs: LEASE_MS,
    });
    // Analytics: the rollups fold committed events soon after each commit (and every minute, and before a report is read).
    const rollups = createRollupProcessor(database.db, { batchSize: database.kind === 'pglite' ? 1000 : 5000, recent }); // PGlite runs one transaction at a time: short batches
    // At most every 200 ms per tenant; reports fold what is left before they read (catchUp below).
    const rollupPoker = tenantPoker((tenantId, stopped) => rollups.processTenant(tenantId, undefined, Infinity, stopped), log, 'analytics rollups', { minGapMs: 200 });
    cleanup.push(() => rollupPoker.stop());
    bus.subscribe((e) => rollupPoker.poke(e.tenantId));
    const services = { health: createHealthService(deps), segments: createSegmentsService(deps), customer360: createCustomer360(deps), auth: createAuthService(deps), users: createUsersService(deps), teams: createTeamsService(deps), conversations: createConversationsService(deps), customers: createCustomersService(deps), tickets: createTicketsService(deps), sla: createSlaService(deps), routing: createRoutingService(deps), desk: createDeskService(deps), flows: createFlowsService(deps), kb: createKbService(deps), kbSearch: createKbSearchService(deps), wallboard: createWallboardService(deps), reports: createReportsService(deps, { catchUp: (tenantId) => rollups.processTenant(tenantId, undefined, 2) }), drill: createDrillService(deps), rebuildRollups: async (tenantId: string) => { await rollups.rebuild(tenantId); }, whispers: createWhisperService(deps), wallboardAlerts: createAlertRulesService(deps), drafts: createDraftService(deps, draftCompleter(config)), widgetSettings: createWidgetSettingsService(deps), search: createSearchService(deps), attachments: createAttachmentsService(deps), webhooks: webhooksService, orders: createOrdersService(deps, { kickImport: orderImportKicker(deps, () => jobs, log) }), helpCenter: createHelpCenterService(deps), surveys: createSurveysService(deps, { senders: { chat: chatSurveySender, email: emailSurveySender(log, mailer) }, warn: (msg, err) => log.warn({ err }, msg) }), journeys: createJourneysService(deps), reportSchedules: createReportSchedulesService(deps), repos };
    bus.subscribe((e) => services.helpCenter.onEvent(e)); // help center: KB changes drop the tenant's cached pages
    bus.subscribe((e) => services.surveys.onEvent(e)); // surveys: invitations at resolution, comment analysis (src/core/surveys)
    const sentimentDrops = sentimentDropWatcher(deps, log); // sharp sentiment drops: wallboard alert, task priority (src/jobs/sentiment-drops.ts)
    cleanup.push(() => sentimentDrops.stop());
    bus.subscribe((e) => sentimentDrops.onEvent(e));
    void services.kb.resumeImports().catch((e: unknown) => log.error({ err: e }, 'knowledge base imports could not be resumed')); // src/core/kb/imports.ts

    // SLA engine (jobs on): reads ticket and message events after each commit, ticks every minute and at the next due instant.
    const sla = config.JOBS ? slaRunner({ repos, uow: deps.uow, clock, newId: uuidv7 }, log) : null;
    if (sla) {
      cleanup.push(() => sla.stop());
      bus.subscribe((e) => {
        if (e.type.startsWith('ticket.') || e.type === 'message.created') sla.poke();
      });
    }


    // Routing (ROUTING on, independent of JOBS): leads tenants by advisory lock, follows events, offers tasks.
    const routing = config.ROUTING ? routingRunner({ database, clock, newId: uuidv7, log, onEvents: () => dispatcher.poke(), recent }) : null;
    if (routing) {
      cleanup.push(() => routing.stop());
      bus.subscribe((e) => routing.poke(e.tenantId));
      routing.start();
    }

    // Chat widget (014): visitor sockets follow committed events and ephemeral typing from the bus.
    const chat = createChatService({ core: deps, db: database.db, intake: services.conversations.intake, poke: () => dispatcher.poke() });
    const widgetLimits = widgetLimiters();
    const visitorSockets = createVisitorSockets({ chat, log, now: () => Date.now(), heartbeatMs: config.WS_HEARTBEAT_MS, publishEphemeral: (m) => bus.publishEphemeral?.(m), limits: widgetLimits });
    cleanup.push(() => visitorSockets.close());
    bus.subscribe((e) => visitorSockets.publish(e));
    // Flows: visitor messages on inboxes with a published flow are answered by the bot first.
    const flows = createFlowRuntime(deps, { log });
    bus.subscribe((e) => flows.onEvent(e));
    void flows.resume().catch((e) => log.warn({ err: e }, 'flow sessions could not be resumed'));
    bus.subscribeEphemeral?.((m) => {
      visitorSockets.publishEphemeral(m);
      hub.publishEphemeral(m);
    });

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
      widget: { chat, sockets: visitorSockets, now: () => Date.now(), limits: widgetLimits, webDist: o.webDist ?? resolve('web/dist'), rotateIdentitySecret: (p, id) => services.conversations.rotateIdentitySecret(p, id) },
      trustProxy: config.TRUST_PROXY === 'true' ? true : config.TRUST_PROXY === 'false' ? false : config.TRUST_PROXY.split(',').map((s) => s.trim()),
    });
    cleanup.push(async () => hub.close());

    // Background jobs start beside serving: nothing a request needs waits on them.
    let jobs: Promise<PgBoss | undefined> = Promise.resolve(undefined);
    if (config.JOBS) {
      jobs = startJobs(database, clock, log, { wakeSnoozed: () => wakeSnoozed(deps), slaTick: sla ? () => sla.tick() : undefined, recomputeHealth: () => recomputeAllHealth(deps), indexSearch: () => searchIndexer.runAll(isClosing), foldAnalytics: () => rollups.processAll(isClosing), purgeAttachments: () => purgeUnattached(deps), webhooks: webhooks ? () => webhooks.run() : undefined, purgeWebhookDeliveries: () => purgeWebhookDeliveries(database.db, clock.now()), orderImports: deps, sendReportSchedules: mailer ? reportSchedulesTask({ ...deps, reports: services.reports }, mailer, log) : undefined }).catch((e) => {
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
      routing,
      flows,
      recent,
      async listen() {
        const url = await app.listen({ port: config.PORT, host: config.HOST });
        server.url = url;
        demoHistory?.start();
        return url;
      },
      async close() {
        closing = true;
        clearInterval(pending);
        await app.close();
        // The demo history writer first: every step after it would wait on the database behind it
        // (on PGlite, one connection) while it keeps writing.
        await demoHistory?.stop();
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
