import { sql } from 'kysely';
import {
  conversationBase, fcrWindowMs, finishConversationFact, foldMessages, messagePoint, packSummary, repeatContact, unpackSummary,
  type ConversationBase, type ConversationFact, type LaterContact, type MessagePoint, type MessageSummary,
} from '../core/analytics/conversation-facts.ts';
import {
  conversationContributions, diffContributions, mergeContributions, presenceContributions, slaBreachContribution, taskContributions,
  type Contribution, type ContributionContext,
} from '../core/analytics/contributions.ts';
import { defaultServiceLevelMs, defaultShortAbandonMs } from '../core/analytics/live-today.ts';
import { localDayKey } from '../core/analytics/range.ts';
import { buildTaskFact, partHandleMs, type TaskFact } from '../core/analytics/task-facts.ts';
import { analyticsRepo, type EventRow, type FactRow } from '../storage/analytics.repo.ts';
import type { StoredEvent } from '../storage/events.repo.ts';
import type { Db } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';
import { businessClock, type Calendar } from '../core/sla/business-time.ts';
import type { RecentEvents } from '../bus/recent-events.ts';

/**
 * The rollup processor: folds each tenant's new events (by seq, after its cursor) into facts and
 * rollups, in one transaction per batch with the cursor, so a crash replays a batch from the
 * cursor and changes nothing twice. Facts are recomputed from ALL of their aggregate's events, so a
 * late event (an earlier time, a later seq) and a repeated one leave them exact.
 */

const conversationTypes = new Set(['conversation.created', 'conversation.status_changed', 'conversation.reopened', 'conversation.assigned', 'conversation.tags_changed', 'survey.responded', 'flow.handed_over']);
/** Conversation events that change the tags or intent its tasks are cut by. */
const relabel = new Set(['conversation.tags_changed', 'flow.handed_over']);

/** Events folded in one catch-up before the fact table is first analyzed. */
const ANALYZE_AFTER_EVENTS = 50_000;

export interface RollupOptions {
  batchSize?: number;
  /** Events the bus just delivered, read before the database (src/bus/recent-events.ts). */
  recent?: RecentEvents;
  serviceLevelMs?: number;
  shortAbandonMs?: number;
}

export function createRollupProcessor(db: Db, o: RollupOptions = {}) {
  const batchSize = o.batchSize ?? 5000;

  async function foldBatch(tenantId: string): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const repo = analyticsRepo(tx);
      const after = await repo.lockCursor(tenantId);
      const cached = o.recent?.after(tenantId, after, batchSize);
      const events = cached ? cached.map(eventRow) : await repo.eventsAfter(tenantId, after, batchSize);
      if (events.length === 0) return 0;
      const maxSeq = events[events.length - 1]!.seq;
      const tz = (await sql<{ time_zone: string }>`select time_zone from tenants where id = ${tenantId}`.execute(tx)).rows[0]?.time_zone ?? 'UTC';

      const taskIds = new Set<string>();
      const relabelled = new Set<string>();
      const convIds = new Set<string>();
      const newPoints = new Map<string, MessagePoint[]>();
      const slaEvents: EventRow[] = [];
      const presenceEvents: EventRow[] = [];
      for (const e of events) {
        if (e.aggregateType === 'task') taskIds.add(e.aggregateId);
        else if (e.aggregateType === 'conversation' && conversationTypes.has(e.type)) {
          convIds.add(e.aggregateId);
          if (relabel.has(e.type)) relabelled.add(e.aggregateId);
        }
        else if (e.type === 'message.created' && typeof e.payload.conversationId === 'string') {
          const p = messagePoint(e);
          if (p) {
            const cid = e.payload.conversationId;
            convIds.add(cid);
            newPoints.set(cid, [...(newPoints.get(cid) ?? []), p]);
          }
        } else if (e.type === 'sla.breached') slaEvents.push(e);
        else if (e.type === 'agent.presence_changed') presenceEvents.push(e);
      }

      for (const id of await repo.taskIdsOfConversations(tenantId, [...relabelled])) taskIds.add(id);
      const teams = await repo.teamOfUsers(tenantId);
      const cal = await createRepos(tx).businessCalendars.tenantDefault(tenantId);
      const calendar: Calendar | null = cal ? { timeZone: cal.timeZone, hours: cal.hours, holidays: cal.holidays } : null;
      const businessMs = calendar ? businessClock(calendar) : undefined;
      // A task or conversation seen before has a fact (or a stub): its events before this batch are
      // read back; one not seen before has all of its events in this batch (or later ones).
      const taskStored = await repo.facts(tenantId, [...taskIds].map((t) => `t:${t}`));
      const batchTask = groupBy(events.filter((e) => e.aggregateType === 'task'), (e) => e.aggregateId);
      const byTask = groupBy(await repo.aggregateEvents(tenantId, 'task', [...taskIds].filter((id) => taskStored.has(`t:${id}`)), after), (e) => e.aggregateId);
      const tasks: TaskFact[] = [];
      const stubs: FactRow[] = [];
      for (const id of taskIds) {
        const list = (byTask.get(id) ?? []).concat(batchTask.get(id) ?? []);
        const f = buildTaskFact(id, list);
        if (f) tasks.push(f);
        else if (list.length > 0 && !taskStored.has(`t:${id}`)) stubs.push({ ...emptyRow(`t:${id}`, 'task', new Date(list[0]!.at)), outcome: 'stub' });
      }
      const taskConvs = [...new Set(tasks.map((t) => t.conversationId).filter((c): c is string => c !== null))];
      const convInfo = await repo.conversationsInfo(tenantId, taskConvs);
      const ctx: ContributionContext = {
        serviceLevelMs: () => o.serviceLevelMs ?? defaultServiceLevelMs,
        shortAbandonMs: o.shortAbandonMs ?? defaultShortAbandonMs,
        teamOf: (u) => (u ? teams.get(u) ?? '' : ''),
        inboxOf: (c) => (c ? convInfo.get(c)?.inboxId ?? '' : ''),
      };

      // Conversations: this batch's, plus earlier ones of the same customers whose FCR a new contact
      // may change. One that only got messages, with a fact that keeps its base (what its own events
      // say) and whether a later contact repeats it, is finished from those: its events and its
      // customer's other conversations cannot have changed without events of their own here.
      const stored = await repo.facts(tenantId, [...convIds].map((c) => `c:${c}`));
      const withEvents = new Set(events.filter((e) => e.aggregateType === 'conversation' && conversationTypes.has(e.type)).map((e) => e.aggregateId));
      const keptBase = (cid: string) => {
        const st = stored.get(`c:${cid}`)?.state;
        return st && typeof st.base === 'object' && st.base !== null ? { base: st.base as ConversationBase, repeat: st.repeat === true } : null;
      };
      const messagesOnly = new Set([...convIds].filter((c) => !withEvents.has(c) && keptBase(c)));
      const full = new Set([...convIds].filter((c) => !messagesOnly.has(c)));
      let convEvents = (await repo.aggregateEvents(tenantId, 'conversation', [...full].filter((c) => stored.has(`c:${c}`)), after))
        .concat(events.filter((e) => e.aggregateType === 'conversation' && conversationTypes.has(e.type)));
      const customers = new Set<string>();
      let minOpened = Number.POSITIVE_INFINITY;
      for (const e of convEvents) {
        if (e.type === 'conversation.created' && typeof e.payload.customerId === 'string') {
          customers.add(e.payload.customerId);
          minOpened = Math.min(minOpened, e.at);
        }
      }
      const neighbours = customers.size > 0 ? await repo.customerConversations(tenantId, [...customers], new Date(minOpened - fcrWindowMs)) : [];
      const extra = [...new Set(neighbours.map((n) => n.conversationId))].filter((c) => !full.has(c));
      if (extra.length > 0) {
        for (const c of extra) {
          full.add(c);
          messagesOnly.delete(c);
        }
        convEvents = convEvents.concat(await repo.aggregateEvents(tenantId, 'conversation', extra, after));
        const unread = extra.filter((c) => !convIds.has(c));
        for (const c of extra) convIds.add(c);
        for (const [k, v] of await repo.facts(tenantId, unread.map((c) => `c:${c}`))) stored.set(k, v);
      }
      const byConv = groupBy(convEvents, (e) => e.aggregateId);
      // What each conversation's messages say: its fact's summary with this batch's messages folded in.
      const summaryOf = (cid: string): MessageSummary => foldMessages(keptSummary(stored.get(`c:${cid}`)?.state), newPoints.get(cid) ?? []);
      // The base of each conversation folded from its events: opening times, customers and codes are
      // every conversation's "later contacts" for the others' FCR.
      const bases = new Map<string, ConversationBase>();
      for (const cid of full) {
        const base = conversationBase(cid, byConv.get(cid) ?? []);
        if (base) bases.set(cid, base);
        // Messages of a conversation whose opening is not folded yet are kept on a stub until it is.
        else stubs.push({ ...emptyRow(`c:${cid}`, 'conversation', new Date((byConv.get(cid) ?? [])[0]?.at ?? newPoints.get(cid)?.[0]?.at ?? 0)), outcome: 'stub', state: { msgs: packSummary(summaryOf(cid)) } });
      }
      const contactsOf = new Map<string, LaterContact[]>();
      for (const n of neighbours) if (!bases.has(n.conversationId)) push(contactsOf, n.customerId, { conversationId: n.conversationId, openedAt: n.openedAt, dispositionCode: n.dispositionCode });
      for (const b of bases.values()) if (b.customerId) push(contactsOf, b.customerId, { conversationId: b.conversationId, openedAt: b.openedAt, dispositionCode: b.dispositionCode });
      const convs: { f: ConversationFact; msgs: MessageSummary; base: ConversationBase; repeat: boolean }[] = [];
      for (const [cid, base] of bases) {
        const msgs = summaryOf(cid);
        const repeat = repeatContact(base, contactsOf.get(base.customerId ?? '') ?? []);
        convs.push({ f: finishConversationFact(base, msgs, repeat, businessMs), msgs, base, repeat });
      }
      for (const cid of messagesOnly) {
        const { base, repeat } = keptBase(cid)!;
        const msgs = summaryOf(cid);
        convs.push({ f: finishConversationFact(base, msgs, repeat, businessMs), msgs, base, repeat });
      }

      // New facts and their contributions, against what the stored facts had added.
      const slaStored = await repo.facts(tenantId, slaEvents.map((e) => `e:${e.seq}`));
      const rows: FactRow[] = stubs;
      const deltas: Contribution[] = [];
      const labelOf = new Map(convs.map(({ f }) => [f.conversationId, { tags: f.tags, intent: f.intent ?? '' }]));
      for (const t of tasks) {
        const c = taskContributions(t, ctx);
        deltas.push(...diffContributions(taskStored.get(`t:${t.taskId}`)?.contributions ?? [], c));
        const info = convInfo.get(t.conversationId ?? '');
        rows.push({ ...taskRow(t, c, ctx, info?.customerId ?? null), ...(labelOf.get(t.conversationId ?? '') ?? { tags: info?.tags ?? [], intent: info?.intent ?? '' }) });
      }
      for (const { f, msgs, base, repeat } of convs) {
        const c = conversationContributions(f, ctx);
        deltas.push(...diffContributions(stored.get(`c:${f.conversationId}`)?.contributions ?? [], c));
        rows.push(conversationRow(f, c, ctx, msgs, base, repeat));
      }
      for (const e of slaEvents) {
        const c = slaBreachContribution(e.at, e.payload.metric);
        deltas.push(...diffContributions(slaStored.get(`e:${e.seq}`)?.contributions ?? [], c));
        rows.push({ ...emptyRow(`e:${e.seq}`, 'sla', new Date(e.at)), outcome: String(e.payload.metric ?? ''), contributions: c });
      }
      // Presence: time in each state is added as it closes (the open stretch is added live by reports).
      const presenceStored = await repo.facts(tenantId, [...new Set(presenceEvents.map((e) => `p:${e.aggregateId}`))]);
      const presence = new Map<string, { since: number; presence: string; lastSeq: number }>();
      for (const e of presenceEvents) {
        const userId = e.aggregateId;
        const st = presence.get(userId) ?? (presenceStored.get(`p:${userId}`)?.state as { since: number; presence: string; lastSeq: number } | undefined);
        if (st && e.seq <= st.lastSeq) continue; // seen already
        if (st) deltas.push(...presenceContributions(userId, ctx.teamOf(userId), st.presence, st.since, e.at));
        presence.set(userId, { since: Math.max(e.at, st?.since ?? e.at), presence: String(e.payload.to ?? 'offline'), lastSeq: e.seq });
      }
      for (const [userId, st] of presence) {
        rows.push({ ...emptyRow(`p:${userId}`, 'presence', new Date(st.since)), agentId: userId, teamId: ctx.teamOf(userId), outcome: st.presence, state: st });
      }
      const days = new Map<number, string>();
      const dayOf = (b: number) => {
        let d = days.get(b);
        if (!d) days.set(b, (d = localDayKey(b, tz)));
        return d;
      };
      await repo.applyRollups(tenantId, mergeContributions(deltas), dayOf);
      await repo.upsertFacts(tenantId, rows);
      await repo.setCursor(tenantId, maxSeq);
      return events.length;
    });
  }

  return {
    /** Folds a tenant's events until caught up (or `maxBatches` batches, or `stopped()` between them); returns how many were read. */
    async processTenant(tenantId: string, onBatch?: (n: number) => void | Promise<void>, maxBatches = Number.POSITIVE_INFINITY, stopped: () => boolean = () => false): Promise<number> {
      let total = 0;
      let analyzedAt = 0;
      for (let i = 0; i < maxBatches; i++) {
        const n = await foldBatch(tenantId);
        total += n;
        if (n > 0) await onBatch?.(n);
        if (n < batchSize || stopped()) return total;
        // A long catch-up (a rebuild, a first start on months of history) grows the fact table from
        // nothing, faster than autovacuum analyzes it; on stale statistics the planner's reads of it
        // took 10x longer (bench/reports.ts). Analyze the columns those reads filter on after 50,000
        // events, then each time the folded count doubles (5 times in 1M events, about 1 s in all).
        if (total - analyzedAt >= Math.max(ANALYZE_AFTER_EVENTS, analyzedAt)) {
          analyzedAt = total;
          await sql`analyze analytics_facts (tenant_id, fact_id, kind, at, conversation_id, customer_id, resolved_at)`.execute(db);
        }
      }
      return total;
    },
    /** Every tenant behind its events (the minute job and start-up), until `stopped()` (checked between batches). */
    async processAll(stopped: () => boolean = () => false): Promise<number> {
      let total = 0;
      for (const t of await analyticsRepo(db).tenantsBehind()) {
        if (stopped()) break;
        total += await this.processTenant(t, undefined, Number.POSITIVE_INFINITY, stopped);
      }
      return total;
    },
    /** Recomputes a tenant's facts and rollups from scratch, reporting progress 0..1. */
    async rebuild(tenantId: string, now: () => Date = () => new Date()): Promise<number> {
      const repo = analyticsRepo(db);
      const status = await repo.cursor(tenantId);
      const target = Math.max(1, status?.currentSeq ?? 1);
      await repo.setRebuild(tenantId, { state: 'running', progress: 0, started: now() });
      try {
        await db.transaction().execute(async (tx) => {
          await analyticsRepo(tx).lockCursor(tenantId);
          await analyticsRepo(tx).reset(tenantId);
        });
        let done = 0;
        const n = await this.processTenant(tenantId, async (k) => {
          done += k;
          await repo.setRebuild(tenantId, { state: 'running', progress: Math.min(0.99, done / target) });
        });
        await repo.setRebuild(tenantId, { state: 'idle', progress: 1, finished: now() });
        return n;
      } catch (e) {
        await repo.setRebuild(tenantId, { state: 'failed', progress: 0, finished: now(), error: e instanceof Error ? e.message.slice(0, 500) : 'rebuild failed' });
        throw e;
      }
    },
  };
}
export type RollupProcessor = ReturnType<typeof createRollupProcessor>;

/** A delivered event as the fold reads it (what analyticsRepo.eventsAfter selects). */
function eventRow(e: StoredEvent): EventRow {
  return { seq: e.seq, type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload, at: e.createdAt.getTime() };
}

/**
 * The message summary a conversation fact (or stub) keeps; facts written before summaries kept every
 * message point, as tuples [seq, at, dir, userId, sentiment], and are summarized from those.
 */
function keptSummary(state: Record<string, unknown> | undefined): MessageSummary | null {
  if (!state) return null;
  return unpackSummary(state.msgs) ?? (Array.isArray(state.points) ? foldMessages(null, unpackPoints(state.points)) : null);
}
function unpackPoints(x: unknown): MessagePoint[] {
  if (!Array.isArray(x)) return [];
  return x.map((t) => {
    const [seq, at, dir, userId, sentiment] = t as [number, number, MessagePoint['dir'], string | null, number | null];
    return { seq, at, dir, userId, sentiment };
  });
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) push(m, key(x), x);
  return m;
}
function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function emptyRow(factId: string, kind: FactRow['kind'], at: Date): FactRow {
  return {
    factId, kind, at, conversationId: null, customerId: null, queueId: '', channel: '', inboxId: '', agentId: '', teamId: '', tags: [], intent: '', outcome: null,
    waitMs: null, handleMs: null, firstResponseAt: null, firstResponseMs: null, resolvedAt: null, resolutionMs: null, fcr: null, transfers: 0, contributions: [], state: {},
  };
}

function taskRow(t: TaskFact, c: Contribution[], ctx: ContributionContext, customerId: string | null): FactRow {
  const handle = t.parts.reduce((s, p) => s + (partHandleMs(p) ?? 0), 0);
  const outcome = t.outcome === 'abandoned' && t.waitMs !== null && t.waitMs <= ctx.shortAbandonMs ? 'short_abandoned' : t.outcome ?? (t.waiting ? 'waiting' : 'open');
  return {
    ...emptyRow(`t:${t.taskId}`, 'task', new Date(t.arrivedAt)), conversationId: t.conversationId, customerId, queueId: t.queueId ?? '', channel: t.channel ?? '',
    inboxId: ctx.inboxOf(t.conversationId), agentId: t.firstAgentId ?? '', teamId: ctx.teamOf(t.firstAgentId), outcome, waitMs: t.waitMs,
    handleMs: t.completedAt !== null ? handle : null, resolvedAt: t.completedAt !== null ? new Date(t.completedAt) : null, transfers: t.transfers, contributions: c,
    state: t.outcome === 'answered' && t.waitMs !== null && t.waitMs <= ctx.serviceLevelMs(t.queueId) ? { inServiceLevel: true } : {},
  };
}

function conversationRow(f: ConversationFact, c: Contribution[], ctx: ContributionContext, msgs: MessageSummary, base: ConversationBase, repeat: boolean): FactRow {
  return {
    ...emptyRow(`c:${f.conversationId}`, 'conversation', new Date(f.openedAt)), conversationId: f.conversationId, customerId: f.customerId, channel: f.channel ?? '',
    inboxId: f.inboxId ?? '', agentId: f.agentId ?? '', teamId: ctx.teamOf(f.agentId), tags: f.tags, outcome: f.resolvedAt !== null ? (f.botOnly ? 'bot_resolved' : 'resolved') : 'open', intent: f.intent ?? '',
    firstResponseAt: f.firstResponseAt !== null ? new Date(f.firstResponseAt) : null, firstResponseMs: f.firstResponseMs,
    resolvedAt: f.resolvedAt !== null ? new Date(f.resolvedAt) : null, resolutionMs: f.resolutionMs, fcr: f.fcr, contributions: c,
    state: { msgs: packSummary(msgs), disposition: f.dispositionCode, surveys: f.surveys, base, repeat },
  };
}
