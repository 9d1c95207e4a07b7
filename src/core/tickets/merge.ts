import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TicketRow } from '../../storage/tickets.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { insertComment } from './change.ts';
import { ticketTopics } from './shared.ts';
import { mustGetVisibleTicket, ticketScope } from './visibility.ts';

const SUMMARY_COMMENTS = 50;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The note the target gets for each source: its number, subject and what was said on it. */
async function summaryOf(r: Repos, tenantId: string, s: TicketRow): Promise<string> {
  const comments = (await r.ticketComments.list(tenantId, s.id, { limit: SUMMARY_COMMENTS })).items;
  const lines = [`Merged from #${s.number}: ${s.subject}`];
  for (const c of comments) lines.push(`- ${c.public ? 'Reply' : 'Note'} ${c.createdAt.toISOString().slice(0, 16).replace('T', ' ')}: ${clip(c.text.replace(/\s+/g, ' ').trim(), 300)}`);
  if (comments.length === SUMMARY_COMMENTS) lines.push(`(more on #${s.number})`);
  return lines.join('\n');
}

/**
 * Merges source tickets into a target, in one transaction, not undoable: each source gets a note
 * "Merged into #N", its linked conversations, followers and tags move onto the target (the
 * source keeps its own), the target gets a summary note of each source, and each source is closed
 * with mergedIntoId. `ticket.merged` is appended on both sides.
 */
export function mergeActions(d: CoreDeps) {
  return {
    async merge(p: Principal, targetId: string, sourceIds: string[]): Promise<void> {
      for (const [i, s] of sourceIds.entries()) {
        if (s === targetId) throw invalid('A ticket cannot be merged into itself; pick other tickets to merge', [{ path: `sourceIds.${i}`, message: 'same as the target' }]);
      }
      const now = d.clock.now();
      await d.uow(async (r) => {
        const scope = await ticketScope(r, p);
        // Lock in id order so two merges touching the same tickets cannot deadlock.
        const locked = new Map<string, TicketRow>();
        for (const id of [targetId, ...sourceIds].sort()) locked.set(id, await mustGetVisibleTicket(r, p, id, { lock: true, scope }));
        const target = locked.get(targetId)!;
        if (target.status === 'closed') throw new AppError('conflict', `Ticket #${target.number} is closed; merge into an open ticket instead`);
        const sources = sourceIds.map((id) => locked.get(id)!);
        for (const [i, s] of sources.entries()) {
          if (s.status === 'closed') throw new AppError('conflict', `Ticket #${s.number} is already closed${s.mergedIntoId ? ' (merged)' : ''} and cannot be merged`, [{ path: `sourceIds.${i}`, message: 'closed' }]);
        }
        const targetFollowers = new Set((await r.tickets.followers(p.tenantId, [targetId])).map((f) => f.userId));
        const targetLinks = new Set((await r.tickets.conversations(p.tenantId, [targetId])).map((l) => l.conversationId));
        const events: EventDraft[] = [];
        const ev = (id: string, type: string, topics: string[], payload: Record<string, unknown>) =>
          events.push(draftEvent(d.newId, { type, aggregateType: 'ticket', aggregateId: id, actorId: p.userId, topics, payload }));
        let tags = [...target.tags];

        for (const s of sources) {
          await insertComment(d, r, p, target, { text: await summaryOf(r, p.tenantId, s), mentions: [] }, now);
          await insertComment(d, r, p, s, { text: `Merged into #${target.number}: ${target.subject}`, mentions: [] }, now);
          for (const f of await r.tickets.followers(p.tenantId, [s.id])) {
            if (targetFollowers.has(f.userId)) continue;
            targetFollowers.add(f.userId);
            await r.tickets.addFollower(p.tenantId, targetId, f.userId, now);
            ev(targetId, 'ticket.follower_added', ticketTopics(targetId, target.assigneeId, f.userId), { userId: f.userId });
          }
          for (const l of await r.tickets.conversations(p.tenantId, [s.id])) {
            if (targetLinks.has(l.conversationId)) continue;
            targetLinks.add(l.conversationId);
            await r.tickets.link(p.tenantId, targetId, l.conversationId, p.userId, now);
            ev(targetId, 'ticket.conversation_linked', [...ticketTopics(targetId, target.assigneeId), `conversation:${l.conversationId}`], { conversationId: l.conversationId, number: target.number });
          }
          tags = [...new Set([...tags, ...s.tags])];
          await r.tickets.update(p.tenantId, s.id, { status: 'closed', closedAt: now, mergedIntoId: targetId }, now);
          ev(s.id, 'ticket.status_changed', ticketTopics(s.id, s.assigneeId), { from: s.status, to: 'closed', number: s.number });
          ev(s.id, 'ticket.merged', ticketTopics(s.id, s.assigneeId), { into: targetId, intoNumber: target.number, number: s.number });
        }
        if (tags.length > 50) throw invalid(`The merged ticket would carry ${tags.length} tags; at most 50 are allowed. Remove some tags first`, [{ path: 'sourceIds', message: 'too many tags' }]);
        if (tags.length !== target.tags.length) {
          await r.tickets.update(p.tenantId, targetId, { tags }, now);
          ev(targetId, 'ticket.tags_changed', ticketTopics(targetId, target.assigneeId), { from: target.tags, to: tags });
        } else await r.tickets.update(p.tenantId, targetId, {}, now);
        ev(targetId, 'ticket.merged', ticketTopics(targetId, target.assigneeId), { sourceIds, sourceNumbers: sources.map((s) => s.number), number: target.number });
        await r.events.append(p.tenantId, events, now);
      });
    },
  };
}
