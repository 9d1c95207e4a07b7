import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { writeAudit } from '../audit.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { htmlToText, sanitizeMessageHtml } from '../conversations/sanitize.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TimelineKind } from '../../storage/timeline.repo.ts';

/** Keys of an event payload that may carry personal data; an erasure removes them. */
const PERSONAL_KEYS = ['text', 'html', 'name', 'subject', 'value', 'email', 'phone', 'comment', 'identities', 'company', 'tags', 'attributes', 'custom', 'snippet', 'from', 'to', 'filled', 'filename'];

async function mustCustomer(r: Repos, tenantId: string, id: string) {
  const c = await r.customers.byId(tenantId, id);
  if (!c) throw notFound('Customer');
  return c;
}

/** Every row about one person: the customer and those merged into it (and into those, …). */
async function withMergedSources(r: Repos, tenantId: string, id: string): Promise<string[]> {
  const ids = [id];
  for (let i = 0; i < ids.length && ids.length < 1000; i++) {
    const sources = await r.customerPrivacy.sourcesOf(tenantId, ids[i]!);
    for (const s of sources) if (!ids.includes(s)) ids.push(s);
  }
  return ids;
}

/**
 * The customer page beyond the profile: one timeline of everything (conversations, calls,
 * messages, tickets, orders, survey answers, notes), staff notes, and privacy (export, erase).
 */
export function createCustomer360(d: CoreDeps) {
  return {
    async timeline(p: Principal, customerId: string, args: { limit: number; cursor?: string; kinds?: readonly TimelineKind[] }) {
      const c = await mustCustomer(d.repos, p.tenantId, customerId);
      // A merged-away customer's history lives on its survivor; show that one's.
      return d.repos.timeline.page(p.tenantId, c.mergedInto ?? c.id, args);
    },

    async notes(p: Principal, customerId: string, args: { limit: number; cursor?: string }) {
      await mustCustomer(d.repos, p.tenantId, customerId);
      return d.repos.customerNotes.list(p.tenantId, customerId, args);
    },

    async addNote(p: Principal, customerId: string, input: { text: string; html?: string | null }) {
      const id = d.newId();
      const now = d.clock.now();
      const html = input.html?.trim() ? sanitizeMessageHtml(input.html) || null : null;
      const text = input.text.trim() || (html ? htmlToText(html) : '');
      await d.uow(async (r) => {
        const c = await mustCustomer(r, p.tenantId, customerId);
        if (c.mergedInto) throw new AppError('conflict', `This customer was merged into ${c.mergedInto}; add the note there`, [{ path: 'id', message: 'merged', customerId: c.mergedInto }]);
        if (c.erasedAt) throw new AppError('conflict', 'This customer\'s data was erased; notes cannot be added');
        await r.customerNotes.insert({ id, tenantId: p.tenantId, customerId, authorId: p.userId, text, html, at: now });
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'customer.note_added', aggregateType: 'customer', aggregateId: customerId, actorId: p.userId, topics: ['tenant'],
          payload: { noteId: id, text: text.slice(0, 1000) },
        })], now);
      });
      return (await d.repos.customerNotes.byId(p.tenantId, id))!;
    },

    async deleteNote(p: Principal, customerId: string, noteId: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const note = await r.customerNotes.byId(p.tenantId, noteId);
        if (!note || note.customerId !== customerId) throw notFound('Note');
        if (note.authorId !== p.userId && p.role === 'agent') throw new AppError('forbidden', 'Only the note\'s author, a supervisor or an admin may delete it');
        await r.customerNotes.delete(p.tenantId, noteId);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'customer.note_deleted', aggregateType: 'customer', aggregateId: customerId, actorId: p.userId, topics: ['tenant'], payload: { noteId },
        })], now);
      });
    },

    /**
     * Everything stored about a customer (and the customers merged into it), as one JSON document
     * for a subject access request. Audited.
     */
    async exportAll(p: Principal, customerId: string, meta: { ip: string | null }) {
      const now = d.clock.now();
      const c = await mustCustomer(d.repos, p.tenantId, customerId);
      const ids = await withMergedSources(d.repos, p.tenantId, c.id);
      const data = await d.repos.customerPrivacy.collect(p.tenantId, ids);
      await d.uow(async (r) => {
        await writeAudit(r, d.newId, now, { tenantId: p.tenantId, actorId: p.userId, action: 'customer.exported', targetType: 'customer', targetId: c.id, ip: meta.ip, details: { customers: ids.length } });
      });
      return { format: 'switchboard.customer-export/1', exportedAt: now.toISOString(), customerId: c.id, ...data };
    },

    /**
     * Erases a customer's personal data: the profile is anonymized, identities and notes deleted,
     * message and note texts blanked, event payloads scrubbed. Counts, statuses, scores, totals and
     * times stay, so reports still add up; the audit log keeps who erased whom and when.
     */
    async erase(p: Principal, customerId: string, input: { confirm: string; reason?: string }, meta: { ip: string | null }) {
      if (input.confirm !== customerId) throw invalid('To erase, send the customer\'s id again in `confirm`', [{ path: 'confirm', message: 'must equal the customer id' }]);
      const now = d.clock.now();
      const result = await d.uow(async (r) => {
        const [c] = await r.customerMerges.lockCustomers(p.tenantId, [customerId]);
        if (!c) throw notFound('Customer');
        if (c.mergedInto) throw new AppError('conflict', `This customer was merged into ${c.mergedInto}; erase that customer, which holds this one's data`, [{ path: 'id', message: 'merged', customerId: c.mergedInto }]);
        if (c.erasedAt) throw new AppError('conflict', `This customer's data was already erased on ${c.erasedAt.toISOString()}`);
        const ids = await withMergedSources(r, p.tenantId, customerId);
        const { removed, blobKeys } = await r.customerPrivacy.erase(p.tenantId, ids, now, PERSONAL_KEYS);
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId, actorId: p.userId, action: 'customer.erased', targetType: 'customer', targetId: customerId, ip: meta.ip,
          details: { customers: ids, removed, ...(input.reason ? { reason: input.reason } : {}) },
        });
        await r.events.append(p.tenantId, ids.map((id) => draftEvent(d.newId, {
          type: 'customer.erased', aggregateType: 'customer', aggregateId: id, actorId: p.userId, topics: ['tenant'], payload: { survivorId: customerId },
        })), now);
        return { removed, blobKeys };
      }, { retryOnDeadlock: true }); // background writers (search index, surveys) may hold some of these rows
      // Files go after the commit: a rolled-back erasure must not have lost them.
      for (const key of result.blobKeys) await d.blobs.delete(key).catch(() => undefined);
      return { customerId, erasedAt: now.toISOString(), removed: result.removed };
    },
  };
}
export type Customer360 = ReturnType<typeof createCustomer360>;

