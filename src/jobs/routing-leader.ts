import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, LockSession } from '../storage/db.ts';

/**
 * Routing leadership per tenant (docs/decisions/013-routing.md): on PostgreSQL the node holding
 * the session advisory lock `routing:<tenant>` on a dedicated connection leads that tenant; the
 * others try again every second, so when a leader dies (its connection closes and the lock goes)
 * another takes over within about two seconds. A leader whose lock connection errors stops
 * leading every tenant at once, then reconnects and tries again. On PGlite the single process
 * always leads. New tenants are picked up at the next refresh.
 */

/** The advisory lock key of a tenant's routing: the first 64 bits of sha256('routing:' + id), signed. */
export function routingLockKey(tenantId: string): string {
  return createHash('sha256').update(`routing:${tenantId}`).digest().readBigInt64BE(0).toString();
}

export interface LeadershipOptions {
  database: Pick<Database, 'kind' | 'openLockSession'>;
  log: Logger;
  /** Every tenant that may need a leader. */
  tenantIds(): Promise<string[]>;
  /** This node now leads the tenant (start its engine). */
  onGain(tenantId: string): void;
  /** This node no longer leads it (drop its engine at once). */
  onLose(tenantId: string): void;
  retryMs?: number;
}

export interface Leadership {
  start(): void;
  /** Look for new tenants and try the locks not held now. */
  refresh(): Promise<void>;
  isLeader(tenantId: string): boolean;
  leading(): string[];
  stop(): Promise<void>;
}

export function createLeadership(o: LeadershipOptions): Leadership {
  const held = new Set<string>();
  const retryMs = o.retryMs ?? 1000;
  let session: LockSession | null = null;
  let connecting: Promise<LockSession> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let refreshing: Promise<void> | null = null;
  const always = o.database.kind !== 'postgres' || !o.database.openLockSession;

  function loseAll(why: string) {
    if (held.size > 0) o.log.warn({ tenants: held.size, why }, 'routing leadership lost');
    for (const t of [...held]) {
      held.delete(t);
      o.onLose(t);
    }
  }

  async function lockSession(): Promise<LockSession> {
    if (session) return session;
    connecting ??= (async () => {
      const s = await o.database.openLockSession!();
      s.onLost((e) => {
        if (session !== s) return;
        session = null;
        loseAll(e.message);
        void s.close();
      });
      session = s;
      return s;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  async function refreshOnce(): Promise<void> {
    if (stopped) return;
    const tenants = await o.tenantIds();
    if (always) {
      for (const t of tenants) {
        if (held.has(t)) continue;
        held.add(t);
        o.onGain(t);
      }
      return;
    }
    let s: LockSession;
    try {
      s = await lockSession();
      await s.ping();
    } catch (e) {
      session = null;
      loseAll((e as Error).message);
      throw e;
    }
    const wanted = tenants.filter((t) => !held.has(t));
    if (wanted.length === 0) return;
    const keys = new Map(wanted.map((t) => [routingLockKey(t), t]));
    let got: Set<string>;
    try {
      got = await s.tryLock([...keys.keys()]);
    } catch (e) {
      session = null;
      loseAll((e as Error).message);
      void s.close();
      throw e;
    }
    if (stopped || session !== s) {
      for (const k of got) await s.unlock(k).catch(() => {});
      return;
    }
    for (const k of got) {
      const t = keys.get(k)!;
      held.add(t);
      o.log.info({ tenantId: t }, 'routing leadership taken');
      o.onGain(t);
    }
  }

  function refresh(): Promise<void> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      refresh()
        .catch((e) => o.log.warn({ err: e }, 'routing leadership check failed; retrying'))
        .finally(schedule);
    }, retryMs);
    timer.unref();
  }

  return {
    start() {
      void refresh()
        .catch((e) => o.log.warn({ err: e }, 'routing leadership check failed; retrying'))
        .finally(schedule);
    },
    refresh,
    isLeader: (t) => held.has(t),
    leading: () => [...held],
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await refreshing?.catch(() => {});
      await connecting?.catch(() => {});
      const s = session;
      session = null;
      for (const t of [...held]) {
        held.delete(t);
        o.onLose(t);
      }
      await s?.close();
    },
  };
}
