import type { EventDraft } from '../../storage/events.repo.ts';
import type { MessageRow } from '../../storage/messages.repo.ts';
import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { normalizeIdentity } from '../customers/identities.ts';
import { inboundSentiment } from '../sentiment/index.ts';
import { conversationTopics, messageBody, type IntakeInput, type IntakeResult } from './intake.ts';

type Intake = (tenantId: string, input: IntakeInput) => Promise<IntakeResult>;

interface Item {
  input: IntakeInput;
  /** kind:normalized value of the sender's identity. */
  key: string;
  value: string;
  resolve: (r: IntakeResult) => void;
  reject: (e: unknown) => void;
}

/** Rolls the batch back when a provider id was stored by a racing request: every item goes the single way. */
class BatchConflict extends Error {}

/**
 * Batched intake (decision 016): plain-text messages with a provider id (the chat widget's sends)
 * that arrive in the same tick for one inbox share one transaction and a handful of set-based
 * statements, where single intake spends about ten round trips per message. Only the common case is
 * batched: a known sender writing to their open conversation. Anything else — a first message, a
 * resolved, snoozed or pending conversation, a merged customer, a provider id seen before or twice
 * in the batch — goes through single intake afterwards, in arrival order per sender, and so does
 * every item of a batch whose transaction fails. The results are what single intake returns.
 */
export function intakeBatcher(d: CoreDeps, single: Intake, o: { maxBatch?: number; maxInFlight?: number } = {}) {
  const maxBatch = o.maxBatch ?? 256;
  const maxInFlight = o.maxInFlight ?? 2;
  const queues = new Map<string, { tenantId: string; inboxId: string; items: Item[] }>();
  let inFlight = 0;
  let scheduled = false;

  function schedule() {
    if (scheduled || inFlight >= maxInFlight || queues.size === 0) return;
    scheduled = true;
    setImmediate(pump);
  }

  /**
   * Senders with an item in a batch being written: their next items wait for the next batch, since
   * they would only queue behind the first one's row locks (customer, conversation) anyway.
   */
  const busy = new Set<string>();

  function pump() {
    scheduled = false;
    for (const [k, q] of queues) {
      if (inFlight >= maxInFlight) break;
      const batch: Item[] = [];
      const rest: Item[] = [];
      const waiting = new Set<string>();
      for (const it of q.items) {
        // A waiting sender's later items wait too, so each sender's order holds.
        if (batch.length < maxBatch && !busy.has(it.key) && !waiting.has(it.key)) batch.push(it);
        else {
          waiting.add(it.key);
          rest.push(it);
        }
      }
      if (batch.length === 0) continue;
      q.items = rest;
      if (rest.length === 0) queues.delete(k);
      const keys = new Set(batch.map((it) => it.key));
      for (const key of keys) busy.add(key);
      inFlight++;
      void run(q.tenantId, q.inboxId, batch).finally(() => {
        for (const key of keys) busy.delete(key);
        inFlight--;
        schedule();
      });
    }
  }

  /** Single intake for these, one at a time per sender (their order kept), senders side by side. */
  async function singly(tenantId: string, items: Item[]) {
    const bySender = new Map<string, Item[]>();
    for (const it of items) {
      const list = bySender.get(it.key);
      if (list) list.push(it);
      else bySender.set(it.key, [it]);
    }
    await Promise.all(
      [...bySender.values()].map(async (list) => {
        for (const it of list) await single(tenantId, it.input).then(it.resolve, it.reject);
      }),
    );
  }

  async function run(tenantId: string, inboxId: string, items: Item[]) {
    const later: Item[] = [];
    try {
      // No inbox check of its own: a missing inbox has no conversations, so every item takes the
      // single way, which refuses it (one statement less per batch on the common path).
      const firstOfPid = new Map<string, Item>();
      const batch: Item[] = [];
      for (const it of items) {
        const pid = it.input.providerMessageId!;
        if (firstOfPid.has(pid)) later.push(it);
        else {
          firstOfPid.set(pid, it);
          batch.push(it);
        }
      }
      const now = d.clock.now();
      // Scored before the transaction, so its locks are not held while the text is read.
      const scores = new Map(batch.map((it) => [it, inboundSentiment(messageBody(it.input.text, undefined).text)]));
      const done: { it: Item; result: IntakeResult }[] = [];
      try {
        await d.uow(async (r) => {
          done.length = 0;
          const { seen, owners, latest } = await r.intakeBatch.prepare(tenantId, inboxId, batch.map((it) => it.input.providerMessageId!), batch.map((it) => ({ kind: it.input.from.kind, value: it.value })));
          const known = batch.filter((it) => {
            const o = owners.get(it.key);
            return !seen.has(it.input.providerMessageId!) && o && !o.mergedInto;
          });
          const counts = new Map<string, number>();
          for (const it of known) {
            const conv = latest.get(owners.get(it.key)!.customerId);
            if (conv?.status === 'open') counts.set(conv.id, (counts.get(conv.id) ?? 0) + 1);
          }
          const convs = new Map((await r.intakeBatch.takeSeqs(tenantId, counts, now)).map((c) => [c.id, c]));
          const next = new Map([...convs.values()].map((c) => [c.id, c.lastSeq - counts.get(c.id)! + 1]));
          const rows: (Omit<MessageRow, 'createdAt'> & { at: Date; sentiment: number | null })[] = [];
          const events: EventDraft[] = [];
          for (const it of known) {
            const customerId = owners.get(it.key)!.customerId;
            const conv = convs.get(latest.get(customerId)?.id ?? '');
            if (!conv) continue;
            const seq = next.get(conv.id)!;
            next.set(conv.id, seq + 1);
            const body = messageBody(it.input.text, undefined);
            const sentiment = scores.get(it) ?? null;
            const at = it.input.at && it.input.at < now ? it.input.at : now;
            const message = {
              id: d.newId(), tenantId, conversationId: conv.id, inboxId, seq, direction: 'inbound' as const, authorUserId: null,
              text: body.text, html: null, providerMessageId: it.input.providerMessageId!, deliveryStatus: 'received' as const,
            };
            rows.push({ ...message, at, sentiment });
            events.push(draftEvent(d.newId, {
              type: 'message.created', aggregateType: 'message', aggregateId: message.id, actorId: null,
              topics: conversationTopics(conv.id, conv.assigneeId),
              payload: { conversationId: conv.id, inboxId, customerId, seq, direction: 'inbound', assigneeId: conv.assigneeId, text: body.text.slice(0, 1000), sentiment },
            }));
            done.push({ it, result: { conversation: conv, message: { ...message, createdAt: at }, created: true } });
          }
          if (!(await r.intakeBatch.insertMessages(rows))) throw new BatchConflict();
          // Numbered here, as the last statement (decision 024): the tenant row is locked only until commit.
          await r.events.append(tenantId, events, now, { numbered: true });
        });
      } catch {
        // Whatever went wrong (a racing duplicate, a lock timeout), single intake decides each item.
        done.length = 0;
      }
      const handled = new Set(done.map((x) => x.it));
      for (const x of done) x.it.resolve(x.result);
      later.unshift(...batch.filter((it) => !handled.has(it)));
    } catch (e) {
      for (const it of items) it.reject(e);
      return;
    }
    await singly(tenantId, later);
  }

  return function submit(tenantId: string, input: IntakeInput): Promise<IntakeResult> {
    const plain = !input.attachments?.length && !input.uploads?.ids.length && !input.html?.trim() && !!input.providerMessageId;
    // Phone identities normalize by the inbox's country: those (and email) take the single way.
    if (!plain || (input.from.kind !== 'visitor' && input.from.kind !== 'external')) return single(tenantId, input);
    let value: string;
    try {
      value = normalizeIdentity(input.from.kind, input.from.value, undefined);
    } catch {
      return single(tenantId, input);
    }
    return new Promise<IntakeResult>((resolve, reject) => {
      const k = `${tenantId}/${input.inboxId}`;
      let q = queues.get(k);
      if (!q) queues.set(k, (q = { tenantId, inboxId: input.inboxId, items: [] }));
      q.items.push({ input, key: `${input.from.kind}:${value}`, value, resolve, reject });
      schedule();
    });
  };
}
