import type { Executor } from './executor.ts';
import { auditRepo } from './audit.repo.ts';
import { conversationsRepo } from './conversations.repo.ts';
import { customersRepo } from './customers.repo.ts';
import { customerMergesRepo } from './customer-merges.repo.ts';
import { eventsRepo } from './events.repo.ts';
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
import { tenantsRepo } from './tenants.repo.ts';
import { tokensRepo } from './tokens.repo.ts';
import { usersRepo } from './users.repo.ts';
import type { Db } from './db.ts';

export function createRepos(db: Executor) {
  return {
    tenants: tenantsRepo(db),
    users: usersRepo(db),
    teams: teamsRepo(db),
    sessions: sessionsRepo(db),
    tokens: tokensRepo(db),
    invitations: invitationsRepo(db),
    audit: auditRepo(db),
    events: eventsRepo(db),
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
    customerMerges: customerMergesRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;

/** Runs work in one transaction; tells `onEvents` after a commit that appended events. */
export type UnitOfWork = <T>(fn: (repos: Repos) => Promise<T>) => Promise<T>;

export function createUnitOfWork(db: Db, onEvents: () => void): UnitOfWork {
  return async (fn) => {
    let appended = false;
    const result = await db.transaction().execute(async (tx) => {
      const repos = createRepos(tx);
      const append = repos.events.append;
      repos.events.append = async (...args) => {
        const stored = await append(...args);
        if (stored.length > 0) appended = true;
        return stored;
      };
      return fn(repos);
    });
    if (appended) onEvents();
    return result;
  };
}
