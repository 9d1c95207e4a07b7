import type { Executor } from './executor.ts';
import { auditRepo } from './audit.repo.ts';
import { attachmentsRepo } from './attachments.repo.ts';
import { conversationsRepo } from './conversations.repo.ts';
import { customersRepo } from './customers.repo.ts';
import { customerMergesRepo } from './customer-merges.repo.ts';
import { customerNotesRepo } from './customer-notes.repo.ts';
import { customerPrivacyRepo } from './customer-privacy.repo.ts';
import { timelineRepo } from './timeline.repo.ts';
import { eventsRepo, type AppendedHook } from './events.repo.ts';
import { idempotencyRepo } from './idempotency.repo.ts';
import { inboxesRepo } from './inboxes.repo.ts';
import { invitationsRepo } from './invitations.repo.ts';
import { loginAttemptsRepo } from './login-attempts.repo.ts';
import { messagesRepo } from './messages.repo.ts';
import { outboxRepo } from './outbox.repo.ts';
import { sessionsRepo } from './sessions.repo.ts';
import { teamsRepo } from './teams.repo.ts';
import { ticketCommentsRepo } from './ticket-comments.repo.ts';
import { ticketFieldsRepo } from './ticket-fields.repo.ts';
import { ticketHistoryRepo } from './ticket-history.repo.ts';
import { ticketsRepo } from './tickets.repo.ts';
import { businessCalendarsRepo } from './business-calendars.repo.ts';
import { slaPoliciesRepo } from './sla-policies.repo.ts';
import { slaStateRepo } from './sla-state.repo.ts';
import { ticketVisibilityRepo } from './ticket-visibility.repo.ts';
import { ticketViewsRepo } from './ticket-views.repo.ts';
import { ticketMacrosRepo } from './ticket-macros.repo.ts';
import { ticketViewQueryRepo } from './ticket-view-query.repo.ts';
import { tenantsRepo } from './tenants.repo.ts';
import { tokensRepo } from './tokens.repo.ts';
import { usersRepo } from './users.repo.ts';
import { healthRepo } from './health.repo.ts';
import { segmentsRepo } from './segments.repo.ts';
import { reportSchedulesRepo } from './report-schedules.repo.ts';
import { surveyResponsesRepo } from './survey-responses.repo.ts';
import { webhooksRepo } from './webhooks.repo.ts';
import { webhookDeliveriesRepo } from './webhook-deliveries.repo.ts';
import { ordersRepo } from './orders.repo.ts';
import { orderImportsRepo } from './order-imports.repo.ts';
import { orderSourcesRepo } from './order-sources.repo.ts';
import { searchRepo } from './search.repo.ts';
import { routingQueuesRepo } from './routing-queues.repo.ts';
import { routingAgentsRepo } from './routing-agents.repo.ts';
import { routingTasksRepo } from './routing-tasks.repo.ts';
import { cannedResponsesRepo } from './canned-responses.repo.ts';
import { dispositionsRepo } from './dispositions.repo.ts';
import { deskConversationsRepo } from './desk-conversations.repo.ts';
import { kbArticlesRepo } from './kb-articles.repo.ts';
import { kbCategoriesRepo } from './kb-categories.repo.ts';
import { kbImportsRepo } from './kb-imports.repo.ts';
import { kbVersionsRepo } from './kb-versions.repo.ts';
import { wallboardRepo } from './wallboard.repo.ts';
import { analyticsReadRepo, analyticsRepo } from './analytics.repo.ts';
import { intakeBatchRepo } from './intake-batch.repo.ts';
import { kbSearchRepo } from './kb-search.repo.ts';
import { flowsRepo } from './flows.repo.ts';
import { flowsConfigRepo } from './flows-config.repo.ts';
import { flowSessionsRepo } from './flows-sessions.repo.ts';
import { helpCenterRepo } from './help-center.repo.ts';
import { surveysRepo } from './surveys.repo.ts';
import { wallboardAlertsRepo } from './wallboard-alerts.repo.ts';
import { journeysRepo } from './journeys.repo.ts';
import { sentimentRepo } from './sentiment.repo.ts';
import type { Db } from './db.ts';

export function createRepos(db: Executor, appended?: AppendedHook) {
  return {
    tenants: tenantsRepo(db),
    users: usersRepo(db),
    teams: teamsRepo(db),
    sessions: sessionsRepo(db),
    tokens: tokensRepo(db),
    invitations: invitationsRepo(db),
    audit: auditRepo(db),
    events: eventsRepo(db, appended),
    outbox: outboxRepo(db),
    idempotency: idempotencyRepo(db),
    loginAttempts: loginAttemptsRepo(db),
    customers: customersRepo(db),
    inboxes: inboxesRepo(db),
    conversations: conversationsRepo(db),
    messages: messagesRepo(db),
    tickets: ticketsRepo(db),
    ticketComments: ticketCommentsRepo(db),
    ticketFields: ticketFieldsRepo(db),
    ticketHistory: ticketHistoryRepo(db),
    businessCalendars: businessCalendarsRepo(db),
    slaPolicies: slaPoliciesRepo(db),
    slaState: slaStateRepo(db),
    ticketVisibility: ticketVisibilityRepo(db),
    ticketViews: ticketViewsRepo(db),
    ticketMacros: ticketMacrosRepo(db),
    ticketViewQuery: ticketViewQueryRepo(db),
    customerMerges: customerMergesRepo(db),
    health: healthRepo(db),
    segments: segmentsRepo(db),
    reportSchedules: reportSchedulesRepo(db),
    surveyResponses: surveyResponsesRepo(db),
    orders: ordersRepo(db),
    orderImports: orderImportsRepo(db),
    orderSources: orderSourcesRepo(db),
    webhooks: webhooksRepo(db),
    webhookDeliveries: webhookDeliveriesRepo(db),
    customerNotes: customerNotesRepo(db),
    customerPrivacy: customerPrivacyRepo(db),
    timeline: timelineRepo(db),
    attachments: attachmentsRepo(db),
    search: searchRepo(db),
    routingQueues: routingQueuesRepo(db),
    routingAgents: routingAgentsRepo(db),
    routingTasks: routingTasksRepo(db),
    wallboard: wallboardRepo(db),
    analytics: analyticsRepo(db),
    analyticsRead: analyticsReadRepo(db),
    intakeBatch: intakeBatchRepo(db, appended),
    cannedResponses: cannedResponsesRepo(db),
    dispositions: dispositionsRepo(db),
    deskConversations: deskConversationsRepo(db),
    kbArticles: kbArticlesRepo(db),
    kbCategories: kbCategoriesRepo(db),
    kbImports: kbImportsRepo(db),
    kbVersions: kbVersionsRepo(db),
    kbSearch: kbSearchRepo(db),
    flows: flowsRepo(db),
    flowsConfig: flowsConfigRepo(db),
    flowSessions: flowSessionsRepo(db),
    helpCenter: helpCenterRepo(db),
    surveys: surveysRepo(db),
    wallboardAlerts: wallboardAlertsRepo(db),
    journeys: journeysRepo(db),
    sentiment: sentimentRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;

export interface UnitOfWorkOptions {
  /**
   * Run the whole transaction again (up to 3 times) when PostgreSQL aborts it as a deadlock
   * victim or a serialization failure. Only for a `fn` whose effects are all in the database
   * (nothing captured outside it changes), such as an erasure that meets a background writer.
   */
  retryOnDeadlock?: boolean;
  /**
   * `fn` sends exactly one statement, which is its own transaction: no BEGIN and COMMIT round
   * trips (batched chat intake: decision 024). Nothing else may be written in it.
   */
  oneStatement?: boolean;
}
export type UnitOfWork = <T>(fn: (repos: Repos) => Promise<T>, o?: UnitOfWorkOptions) => Promise<T>;

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again. */
export function isRetryableConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** Called after a commit that appended events; `numbered` when the transaction numbered all of them itself. */
export type OnEvents = (o: { numbered: boolean }) => void | Promise<void>;

/**
 * Runs work in one transaction; after a commit that appended events, waits for `onEvents` (the
 * dispatcher numbers them: decision 016, unless the transaction did: decision 024), so a caller that
 * returns has its events readable by seq.
 */
export function createUnitOfWork(db: Db, onEvents: OnEvents): UnitOfWork {
  return async (fn, o) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runUnit(db, onEvents, fn, o?.oneStatement === true);
      } catch (e) {
        if (!o?.retryOnDeadlock || attempt >= 3 || !isRetryableConflict(e)) throw e;
      }
    }
  };
}

async function runUnit<T>(db: Db, onEvents: OnEvents, fn: (repos: Repos) => Promise<T>, oneStatement: boolean): Promise<T> {
  let appended = false;
  let unnumbered = false;
  const hook: AppendedHook = (o) => {
    appended = true;
    if (!o.numbered) unnumbered = true;
  };
  const result = oneStatement ? await fn(createRepos(db, hook)) : await db.transaction().execute((tx) => fn(createRepos(tx, hook)));
  if (appended) await onEvents({ numbered: !unnumbered });
  return result;
}
