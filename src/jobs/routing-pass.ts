import type { Logger } from 'pino';
import type { IdGen } from '../core/context.ts';
import { endOnResolve, intakeAction, needsTask, taskFromConversation, type IntakeAction } from '../core/routing/intake.ts';
import { routingEvents } from '../core/routing/events.ts';
import { draftEvent } from '../core/events/draft.ts';
import { compileWorkflow } from '../core/routing/workflow.ts';
import type { CompiledWorkflow, RoutingEffect, RoutingEngine, RoutingQueue } from '../core/routing/types.ts';
import type { EventDraft, StoredEvent } from '../storage/events.repo.ts';
import type { Repos } from '../storage/repos.ts';
import { routingEffectsRepo } from '../storage/routing-effects.repo.ts';
import { routingRuntimeRepo, type LoadedTask, type RoutingRuntimeRepo } from '../storage/routing-runtime.repo.ts';
import type { Executor } from '../storage/executor.ts';
import type { RecentEvents } from '../bus/recent-events.ts';
import { persistEffects, taskEvent, type PersistCtx, type TaskMeta } from './routing-persist.ts';
import { positionEvents, type PositionState } from './routing-positions.ts';
import { flowRoutingGate, withFlowHandover } from '../core/flows-runtime/routing-hook.ts';

/**
 * One batch of a tenant's routing, in ONE transaction (src/jobs/routing-runner.ts calls it):
 * lock the cursor, read the next events, turn them into engine calls (task intake, ends,
 * re-syncs), then tick + decide, persist every effect conditionally with its events and trace,
 * save the cursor. If anything throws the transaction rolls back and the runner reloads the
 * engine from the database, so memory never runs ahead of what was stored.
 */

export interface TenantRouting extends PositionState {
  tenantId: string;
  engine: RoutingEngine;
  workflowVersion: number | null;
  queues: Map<string, RoutingQueue>;
  meta: Map<string, TaskMeta>;
  /** Tasks in wrap-up (resolved while assigned) and when it ends. */
  wrapUps: Map<string, { at: number; userId: string | null; assignedAt: number }>;
  cursor: number;
  /** The cursor as stored (a quiet pass moves `cursor` in memory only; the next batch saves it). */
  savedCursor: number;
  savedAt: number;
  /** The last batch changed nothing: quiet events need no batch of their own (routing-runner.ts). */
  settled: boolean;
  /** Effects of re-synced tasks, persisted at the start of the next batch. */
  pending: RoutingEffect[];
  /** Ids of events this leader wrote: skipped when read back. */
  own: Set<string>;
}

export interface PassDeps {
  newId: IdGen;
  /** Events the bus just delivered, read before the database (src/bus/recent-events.ts). */
  recent?: RecentEvents;
  log: Logger;
  batch: number;
  maxDecide: number;
}

export class StaleCursor extends Error {}

export interface PassResult {
  events: number;
  effects: number;
  changed: boolean;
  /** Read from memory without a transaction (routing-runner.ts quietPass). */
  quiet?: boolean;
}

export async function runPass(d: PassDeps, st: TenantRouting, tx: Executor, r: Repos, nowDate: Date): Promise<PassResult> {
  const now = nowDate.getTime();
  const rr = routingRuntimeRepo(tx);
  const fx = routingEffectsRepo(tx);
  const cursor = await rr.lockCursor(st.tenantId);
  if (cursor !== st.savedCursor) throw new StaleCursor(`cursor moved from ${st.savedCursor} to ${cursor}: another leader wrote`);
  const events = d.recent?.after(st.tenantId, st.cursor, d.batch) ?? (await r.events.list(st.tenantId, { afterSeq: st.cursor, limit: d.batch }));
  const effects: RoutingEffect[] = st.pending.splice(0);
  const out: EventDraft[] = [];
  const ctx: PersistCtx = { tenantId: st.tenantId, fx, newId: d.newId, now: nowDate, engine: st.engine, meta: st.meta };
  const queues = new Set<string>();
  let changed = false;

  for (const e of events) {
    if (st.own.delete(e.id)) continue;
    const a = await flowRoutingGate(r, st.tenantId, e, intakeAction(e));
    if (!a) continue;
    changed = true;
    await handle(d, st, rr, fx, ctx, a, e, now, effects, out, queues);
  }

  // Wrap-up ends: the task is completed.
  for (const [taskId, w] of st.wrapUps) {
    if (w.at > now) continue;
    st.wrapUps.delete(taskId);
    if (await fx.endTask(st.tenantId, taskId, 'completed', 'resolved', ['wrap_up'], nowDate)) {
      out.push(taskEvent(ctx, routingEvents.taskCompleted, taskId, { userId: w.userId, handleMs: Math.max(0, w.at - w.assignedAt) }, [w.userId]));
      changed = true;
    }
    st.meta.delete(taskId);
  }

  effects.push(...st.engine.tick(now), ...st.engine.decide(now, d.maxDecide));
  const res = await persistEffects(ctx, effects);
  out.push(...res.events);
  for (const q of res.queues) queues.add(q);
  // Rows that did not apply: the database's version wins; what the engine does next waits for the next batch.
  for (const taskId of res.failed) {
    const lt = await rr.task(st.tenantId, taskId);
    st.pending.push(...resync(st, taskId, lt, now));
  }
  out.push(...positionEvents(st, ctx, queues, now));
  if (events.length > 0) st.cursor = events[events.length - 1]!.seq;
  if (st.cursor !== st.savedCursor) {
    // On a rollback the runner drops this state and reloads it from the database.
    await rr.setCursor(st.tenantId, st.cursor);
    st.savedCursor = st.cursor;
    st.savedAt = now;
  }
  if (out.length > 0) {
    // In chunks: a statement holds at most 65,535 parameters.
    for (let i = 0; i < out.length; i += 1000) {
      for (const s of await r.events.append(st.tenantId, out.slice(i, i + 1000), nowDate)) st.own.add(s.id);
    }
  }
  return { events: events.length, effects: effects.length, changed: changed || effects.length > 0 || out.length > 0 || st.pending.length > 0 };
}

/** Mirror the database's view of one task into the engine. */
export function resync(st: TenantRouting, taskId: string, lt: LoadedTask | null, now: number): RoutingEffect[] {
  if (!lt) {
    st.meta.delete(taskId);
    return st.engine.task(taskId) ? st.engine.endTask(taskId, 'cancelled', now) : [];
  }
  const m = st.meta.get(taskId);
  if (m) m.queueId = lt.task.queueId;
  else if (!['completed', 'abandoned', 'overflowed', 'cancelled'].includes(lt.task.status)) st.meta.set(taskId, metaOf(lt));
  if (['completed', 'abandoned', 'overflowed', 'cancelled'].includes(lt.task.status)) st.meta.delete(taskId);
  return st.engine.applyTask(lt.task, lt.offer, now);
}

export function metaOf(lt: LoadedTask): TaskMeta {
  const ch = lt.task.attributes.channel;
  return { ...lt.source, kind: lt.task.kind, channel: typeof ch === 'string' ? ch : null, queueId: lt.task.queueId, enqueuedAt: lt.task.enqueuedAt };
}

/** Compile the stored workflow; a stored workflow that no longer compiles keeps the running one. */
export async function loadWorkflow(rr: RoutingRuntimeRepo, tenantId: string, log: Logger): Promise<{ workflow: CompiledWorkflow | null; version: number | null } | undefined> {
  const stored = await rr.workflow(tenantId);
  if (!stored) return { workflow: null, version: null };
  try {
    return { workflow: compileWorkflow(stored.source, stored.version, await rr.catalog(tenantId)), version: stored.version };
  } catch (e) {
    log.warn({ err: e, tenantId, version: stored.version }, 'the stored routing workflow does not compile; keeping the one running');
    return undefined;
  }
}

async function handle(d: PassDeps, st: TenantRouting, rr: RoutingRuntimeRepo, fx: PersistCtx['fx'], ctx: PersistCtx, a: IntakeAction, e: StoredEvent, now: number, effects: RoutingEffect[], out: EventDraft[], queues: Set<string>): Promise<void> {
  const t = st.tenantId;
  const at = new Date(now);
  switch (a.kind) {
    case 'consider_conversation': {
      const c = await rr.conversation(t, a.conversationId);
      if (!c) return;
      const live = await rr.liveTaskOf(t, 'conversation', c.id);
      if (!needsTask({ status: c.status, assigneeId: c.assignee_id }, !!live)) return;
      const spec = withFlowHandover(a, taskFromConversation({
        conversation: { id: c.id, priority: c.priority, tags: c.tags ?? [], teamId: c.team_id, inboxId: c.inbox_id, customerId: c.customer_id, subject: c.subject },
        customer: { id: c.customer_id, language: c.customer_language ?? null, tags: c.customer_tags ?? [], attributes: (c.customer_attributes as Record<string, unknown> | null) ?? {} },
        inbox: { id: c.inbox_id, channel: c.channel },
        tenantLanguages: await rr.tenantLanguages(t),
      }));
      const id = d.newId();
      if (!(await rr.createTask({ id, tenantId: t, kind: spec.kind, source: { sourceType: 'conversation', sourceId: c.id }, sourceEventId: e.id, attributes: spec.attributes, priority: spec.priority, enqueuedAt: at }))) return;
      st.meta.set(id, { sourceType: 'conversation', sourceId: c.id, kind: spec.kind, channel: c.channel, queueId: null, enqueuedAt: now });
      effects.push(...st.engine.addTask({ id, kind: spec.kind, attributes: spec.attributes, priority: spec.priority, enqueuedAt: now, queueId: spec.queueId }, now));
      const placed = st.engine.task(id);
      if (placed) {
        st.meta.get(id)!.queueId = placed.queueId;
        if (placed.queueId) queues.add(placed.queueId);
        await rr.placeTask(t, id, { ruleId: placed.ruleId, workflowVersion: st.workflowVersion, targetIndex: placed.targetIndex, queueId: placed.queueId, priority: placed.priority, targetStartedAt: new Date(placed.targetStartedAt) });
      }
      out.push(taskEvent(ctx, routingEvents.taskQueued, id, { priority: placed?.priority ?? spec.priority, ruleId: placed?.ruleId ?? null, targetIndex: placed?.targetIndex ?? 0 }));
      return;
    }
    case 'end_conversation': {
      const live = await rr.liveTaskOf(t, 'conversation', a.conversationId);
      if (!live) return;
      const wrapUpMs = (live.queueId && st.queues.get(live.queueId)?.wrapUpMs) || 0;
      const outcome = endOnResolve(live.status, wrapUpMs);
      if (!outcome) return;
      const m = st.meta.get(live.id);
      const lt = await rr.task(t, live.id);
      if (live.queueId) queues.add(live.queueId);
      if (outcome === 'abandoned') {
        if (!(await fx.endTask(t, live.id, 'abandoned', 'resolved', ['queued', 'offered'], at))) return;
        out.push(taskEvent(ctx, routingEvents.taskAbandoned, live.id, { waitMs: Math.max(0, now - (m?.enqueuedAt ?? now)) }, [lt?.offer?.userId]));
        if (st.engine.task(live.id)) effects.push(...st.engine.endTask(live.id, 'abandoned', now));
        st.meta.delete(live.id);
        return;
      }
      const assignedAt = (await fx.assignedAt(t, live.id)) ?? now;
      if (outcome === 'completed') {
        if (!(await fx.endTask(t, live.id, 'completed', 'resolved', ['assigned'], at))) return;
        out.push(taskEvent(ctx, routingEvents.taskCompleted, live.id, { userId: live.assignedUserId, handleMs: Math.max(0, now - assignedAt) }, [live.assignedUserId]));
        st.meta.delete(live.id);
      } else {
        if (!(await fx.endTask(t, live.id, 'wrap_up', 'resolved', ['assigned'], at))) return;
        out.push(taskEvent(ctx, routingEvents.taskWrapUpStarted, live.id, { userId: live.assignedUserId, wrapUpMs }, [live.assignedUserId]));
        st.wrapUps.set(live.id, { at: now + wrapUpMs, userId: live.assignedUserId, assignedAt });
      }
      if (live.queueId) pushHandle(st, live.queueId, now - assignedAt);
      if (st.engine.task(live.id)) effects.push(...st.engine.endTask(live.id, 'completed', now));
      return;
    }
    case 'assigned_by_person': {
      const live = await rr.liveTaskOf(t, 'conversation', a.conversationId);
      if (!live || live.assignedUserId === a.userId || live.status === 'wrap_up') return;
      if (!(await fx.assign(t, live.id, a.userId, at))) return;
      const m = st.meta.get(live.id);
      out.push(taskEvent(ctx, routingEvents.taskAssigned, live.id, { userId: a.userId, by: 'manual', actorId: a.actorId, waitMs: Math.max(0, now - (m?.enqueuedAt ?? now)) }, [a.userId, live.assignedUserId]));
      if (live.queueId) queues.add(live.queueId);
      effects.push(...resync(st, live.id, await rr.task(t, live.id), now));
      return;
    }
    case 'unassigned_by_person': {
      const live = await rr.liveTaskOf(t, 'conversation', a.conversationId);
      if (!live || live.status !== 'assigned') return;
      if (!(await fx.requeue(t, live.id, live.queueId, at))) return;
      const back = await rr.task(t, live.id);
      // Like an engine requeue: task.queued with a reason, so reports do not count it as a new arrival.
      out.push(taskEvent(ctx, routingEvents.taskQueued, live.id, { priority: back?.task.priority ?? null, ruleId: back?.task.ruleId ?? null, targetIndex: back?.task.targetIndex ?? 0, reason: 'unassigned', fromUserId: live.assignedUserId, actorId: a.actorId }, [live.assignedUserId]));
      if (live.queueId) queues.add(live.queueId);
      effects.push(...resync(st, live.id, back, now));
      return;
    }
    case 'task_changed': {
      const lt = await rr.task(t, a.taskId);
      if (lt?.task.queueId) queues.add(lt.task.queueId);
      const before = st.engine.task(a.taskId)?.queueId;
      if (before) queues.add(before);
      effects.push(...resync(st, a.taskId, lt, now));
      return;
    }
    case 'agent_changed': {
      const agent = a.deactivated ? null : await rr.agent(t, a.userId);
      if (!agent || agent.presence === 'offline') {
        // Logged out or gone: their offers (and tasks) go back in line at their original place.
        if (st.engine.agent(a.userId)) effects.push(...st.engine.removeAgent(a.userId, now));
        if (agent) effects.push(...st.engine.upsertAgent(agent, now));
      } else effects.push(...st.engine.upsertAgent(agent, now));
      return;
    }
    case 'signed_out': {
      const from = await fx.setOfflineIfSignedOut(t, a.userId, at);
      if (!from) return;
      out.push(draftEvent(d.newId, {
        type: routingEvents.agentPresenceChanged, aggregateType: 'agent', aggregateId: a.userId, actorId: null,
        topics: ['tenant', 'wallboard', `user:${a.userId}`], payload: { userId: a.userId, from, to: 'offline', reason: 'signed_out' },
      }));
      // Their pending offers go back in line at their original place; assigned work stays theirs.
      if (st.engine.agent(a.userId)) effects.push(...st.engine.removeAgent(a.userId, now));
      const agent = await rr.agent(t, a.userId);
      if (agent) effects.push(...st.engine.upsertAgent(agent, now));
      return;
    }
    case 'config_changed': {
      if (a.what === 'queue' && a.id) {
        const q = await rr.queue(t, a.id);
        if (q) {
          st.queues.set(q.id, q);
          st.engine.upsertQueue(q);
        } else if (st.queues.has(a.id)) {
          st.queues.delete(a.id);
          effects.push(...st.engine.removeQueue(a.id, now));
        }
      }
      if (a.what === 'skill' || a.what === 'team' || a.what === 'agent') {
        for (const agent of await rr.agents(t)) effects.push(...st.engine.upsertAgent(agent, now));
      }
      // A new workflow version: new tasks use it; waiting tasks keep their rule and target.
      const wf = await loadWorkflow(rr, t, d.log);
      if (wf) {
        st.engine.setWorkflow(wf.workflow);
        st.workflowVersion = wf.version;
      }
      return;
    }
  }
}

function pushHandle(st: TenantRouting, queueId: string, handleMs: number) {
  const list = st.recentHandleMs.get(queueId) ?? [];
  list.unshift(Math.max(0, handleMs));
  if (list.length > 50) list.length = 50;
  st.recentHandleMs.set(queueId, list);
}
