import type { IdGen } from '../core/context.ts';
import { draftEvent } from '../core/events/draft.ts';
import { routingEvents, taskEventTopics } from '../core/routing/events.ts';
import { conversationTopics } from '../core/conversations/intake.ts';
import type { RoutingEffect, RoutingEngine, TaskKind, TraceEntry } from '../core/routing/types.ts';
import type { EventDraft } from '../storage/events.repo.ts';
import type { RoutingEffectsRepo } from '../storage/routing-effects.repo.ts';
import type { TaskSource } from '../storage/routing-runtime.repo.ts';

/**
 * Persists a batch of engine effects inside the batch's transaction (src/jobs/routing-pass.ts):
 * each write is conditional, and only what applied gets its events and trace rows. What did not
 * apply (someone changed the row first) is returned so the leader re-reads those tasks.
 */

/** What the runner remembers of a live task for event payloads. */
export interface TaskMeta extends TaskSource {
  kind: TaskKind;
  channel: string | null;
  queueId: string | null;
  enqueuedAt: number;
}

export interface PersistCtx {
  tenantId: string;
  fx: RoutingEffectsRepo;
  newId: IdGen;
  now: Date;
  engine: RoutingEngine;
  meta: Map<string, TaskMeta>;
}

export interface PersistResult {
  events: EventDraft[];
  /** Tasks whose write found the row changed: re-read them. */
  failed: Set<string>;
  /** Queues whose waiting order may have changed. */
  queues: Set<string>;
  offers: number;
  assigned: number;
}

/** A task event: payload always has taskId, queueId, kind, channel, sourceType, sourceId. */
export function taskEvent(ctx: Pick<PersistCtx, 'newId' | 'engine' | 'meta'>, type: string, taskId: string, extra: Record<string, unknown>, users: (string | null | undefined)[] = []): EventDraft {
  const m = ctx.meta.get(taskId);
  const queueId = ctx.engine.task(taskId)?.queueId ?? m?.queueId ?? null;
  const topics = taskEventTopics({ sourceType: m?.sourceType ?? null, sourceId: m?.sourceId ?? null }, users);
  return draftEvent(ctx.newId, {
    type,
    aggregateType: 'task',
    aggregateId: taskId,
    actorId: null,
    topics,
    payload: { taskId, queueId, kind: m?.kind ?? null, channel: m?.channel ?? null, sourceType: m?.sourceType ?? null, sourceId: m?.sourceId ?? null, ...extra },
  });
}

export async function persistEffects(ctx: PersistCtx, effects: readonly RoutingEffect[]): Promise<PersistResult> {
  const { fx, tenantId, now } = ctx;
  const out: PersistResult = { events: [], failed: new Set(), queues: new Set(), offers: 0, assigned: 0 };
  const trace: { id: string; taskId: string; entry: TraceEntry }[] = [];
  const addTrace = (taskId: string, entries: readonly TraceEntry[]) => {
    for (const entry of entries) trace.push({ id: ctx.newId(), taskId, entry });
  };
  const touch = (taskId: string) => {
    const q = ctx.engine.task(taskId)?.queueId ?? ctx.meta.get(taskId)?.queueId;
    if (q) out.queues.add(q);
  };
  const missed = new Set<string>();
  // Runs of consecutive offers (what decide returns) are written in a few multi-row statements.
  let buffer: Extract<RoutingEffect, { kind: 'offer' }>[] = [];
  const buffered = new Set<string>();
  const flush = async () => {
    if (buffer.length === 0) return;
    const run = buffer;
    buffer = [];
    buffered.clear();
    const auto = run.filter((e) => e.autoAccept);
    const plain = run.filter((e) => !e.autoAccept);
    const okAuto = await fx.autoAcceptMany(tenantId, auto.map((e) => e.offer), now);
    const okPlain = await fx.offerMany(tenantId, plain.map((e) => e.offer), now);
    for (const e of run) {
      const o = e.offer;
      touch(o.taskId);
      if (!(e.autoAccept ? okAuto : okPlain).has(o.taskId)) {
        out.failed.add(o.taskId);
        continue;
      }
      addTrace(o.taskId, e.trace);
      if (!e.autoAccept) {
        out.offers++;
        out.events.push(taskEvent(ctx, routingEvents.taskOffered, o.taskId, { userId: o.userId, offerId: o.id, offeredAt: new Date(o.offeredAt).toISOString(), expiresAt: new Date(o.expiresAt).toISOString() }, [o.userId]));
        continue;
      }
      out.assigned++;
      const m = ctx.meta.get(o.taskId);
      const waitMs = Math.max(0, now.getTime() - (m?.enqueuedAt ?? now.getTime()));
      out.events.push(taskEvent(ctx, routingEvents.taskAssigned, o.taskId, { userId: o.userId, offerId: o.id, by: 'auto', waitMs }, [o.userId]));
      if (m?.sourceType === 'conversation' && m.sourceId && (await fx.assignConversation(tenantId, m.sourceId, o.userId, now))) {
        out.events.push(draftEvent(ctx.newId, { type: 'conversation.assigned', aggregateType: 'conversation', aggregateId: m.sourceId, actorId: null, topics: conversationTopics(m.sourceId, o.userId), payload: { from: null, to: o.userId, by: 'routing' } }));
      }
    }
  };

  for (const e of effects) {
    if (e.kind !== 'offer' && e.kind !== 'trace') await flush();
    switch (e.kind) {
      case 'offer':
        if (buffered.has(e.offer.taskId)) await flush();
        buffered.add(e.offer.taskId);
        buffer.push(e);
        break;
      case 'offer_expired': {
        touch(e.taskId);
        if (!(await fx.expireOffer(tenantId, e.offerId, e.taskId, e.userId, now))) {
          out.failed.add(e.taskId);
          break;
        }
        missed.add(e.userId);
        out.events.push(taskEvent(ctx, routingEvents.taskOfferExpired, e.taskId, { userId: e.userId, offerId: e.offerId }, [e.userId]));
        addTrace(e.taskId, e.trace);
        break;
      }
      case 'agent_away': {
        missed.add(e.userId);
        const from = await fx.setAway(tenantId, e.userId, e.reason, now);
        if (from) {
          out.events.push(draftEvent(ctx.newId, {
            type: routingEvents.agentPresenceChanged, aggregateType: 'agent', aggregateId: e.userId, actorId: null,
            topics: ['tenant', 'wallboard', `user:${e.userId}`],
            payload: { userId: e.userId, from, to: 'away', reason: e.reason },
          }));
        }
        break;
      }
      case 'target_changed': {
        touch(e.taskId);
        if (!(await fx.changeTarget(tenantId, e.taskId, { queueId: e.queueId, targetIndex: e.targetIndex, priority: e.priority }, now))) {
          out.failed.add(e.taskId);
          break;
        }
        if (e.queueId) out.queues.add(e.queueId);
        const m = ctx.meta.get(e.taskId);
        if (m) m.queueId = e.queueId;
        out.events.push(taskEvent(ctx, routingEvents.taskTargetChanged, e.taskId, { queueId: e.queueId, targetIndex: e.targetIndex, priority: e.priority }));
        addTrace(e.taskId, e.trace);
        break;
      }
      case 'overflowed': {
        touch(e.taskId);
        if (!(await fx.endTask(tenantId, e.taskId, 'overflowed', e.action, ['queued', 'offered'], now))) {
          out.failed.add(e.taskId);
          break;
        }
        out.events.push(taskEvent(ctx, routingEvents.taskOverflowed, e.taskId, { action: e.action }));
        addTrace(e.taskId, e.trace);
        ctx.meta.delete(e.taskId);
        break;
      }
      case 'requeued': {
        touch(e.taskId);
        if (!(await fx.requeue(tenantId, e.taskId, e.queueId, now))) {
          out.failed.add(e.taskId);
          break;
        }
        if (e.queueId) out.queues.add(e.queueId);
        const t = ctx.engine.task(e.taskId);
        out.events.push(taskEvent(ctx, routingEvents.taskQueued, e.taskId, { priority: t?.priority ?? null, ruleId: t?.ruleId ?? null, targetIndex: t?.targetIndex ?? 0, reason: 'requeued' }));
        addTrace(e.taskId, e.trace);
        break;
      }
      case 'trace':
        addTrace(e.taskId, e.trace);
        break;
    }
  }
  await flush();
  // Missed offers in a row survive a restart of the leader.
  for (const userId of missed) await fx.setMissedInRow(tenantId, userId, ctx.engine.agent(userId)?.missedInRow ?? 0, now);
  await fx.trace(tenantId, trace);
  return out;
}
