import type { BatchItem } from '../../storage/intake-batch.repo.ts';
import type { CoreDeps } from '../deps.ts';
import { normalizeIdentity } from '../customers/identities.ts';
import { inboundSentiment } from '../sentiment/index.ts';
import { messageBody, type IntakeInput, type IntakeResult } from './intake.ts';

type Intake = (tenantId: string, input: IntakeInput) => Promise<IntakeResult>;

interface Item {
  input: IntakeInput;
  /** kind:normalized value of the sender's identity. */
  key: string;
  value: string;
  resolve: (r: IntakeResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Batched intake (decisions 016 and 024): plain-text messages with a provider id (the chat widget's
 * sends) that arrive in the same tick for one inbox share ONE statement, its own transaction
 * (intake-batch.repo.ts), where single intake spends about ten round trips per message. Only the common case is
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
      // single way, which refuses it. Sentiment is scored here, outside the statement.
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
      const rows: BatchItem[] = batch.map((it) => {
        const text = messageBody(it.input.text, undefined).text;
        return {
          providerMessageId: it.input.providerMessageId!, identity: { kind: it.input.from.kind, value: it.value },
          messageId: d.newId(), eventId: d.newId(), text, payloadText: text.slice(0, 1000), sentiment: inboundSentiment(text),
          at: it.input.at && it.input.at < now ? it.input.at : now,
        };
      });
      const done: { it: Item; result: IntakeResult }[] = [];
      try {
        // One statement, its own transaction (decision 024): what it cannot take is left untouched.
        const stored = await d.uow((r) => r.intakeBatch.write(tenantId, inboxId, now, rows), { oneStatement: true });
        for (const x of stored) {
          const row = rows[x.index]!;
          done.push({
            it: batch[x.index]!,
            result: {
              conversation: x.conversation,
              message: {
                id: row.messageId, tenantId, conversationId: x.conversation.id, inboxId, seq: x.seq, direction: 'inbound', authorUserId: null,
                text: row.text, html: null, providerMessageId: row.providerMessageId, deliveryStatus: 'received', createdAt: row.at,
              },
              created: true,
            },
          });
        }
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
