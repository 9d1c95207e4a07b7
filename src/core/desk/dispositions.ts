import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { conversationTopics } from '../conversations/intake.ts';
import type { DispositionWrite } from '../../storage/dispositions.repo.ts';
import type { Repos } from '../../storage/repos.ts';

async function checkCode(r: Repos, tenantId: string, code: string | undefined, self?: string): Promise<void> {
  if (code === undefined) return;
  const other = await r.dispositions.byCode(tenantId, code);
  if (other && other.id !== self) throw new AppError('conflict', `The code ${code} is already used by "${other.label}"; choose another`, [{ path: 'code', message: 'already in use' }]);
}

/** Disposition codes (admins keep the list) and the wrap-up that resolves a conversation with one. */
export function dispositionActions(d: CoreDeps) {
  const event = (p: Principal, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'disposition_code', aggregateId: id, actorId: p.userId, payload });

  return {
    listDispositions: (p: Principal, includeInactive: boolean) => d.repos.dispositions.list(p.tenantId, includeInactive),

    async createDisposition(p: Principal, input: DispositionWrite) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await checkCode(r, p.tenantId, input.code);
        await r.dispositions.insert({ ...input, id, tenantId: p.tenantId, at: now });
        await r.events.append(p.tenantId, [event(p, 'disposition_code.created', id, { code: input.code, label: input.label })], now);
      });
      return (await d.repos.dispositions.byId(p.tenantId, id))!;
    },

    async updateDisposition(p: Principal, id: string, patch: Partial<DispositionWrite>) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.dispositions.byId(p.tenantId, id))) throw notFound('Disposition code');
        await checkCode(r, p.tenantId, patch.code, id);
        await r.dispositions.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, [event(p, 'disposition_code.updated', id, { ...patch })], now);
      });
      return (await d.repos.dispositions.byId(p.tenantId, id))!;
    },

    async removeDisposition(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.dispositions.remove(p.tenantId, id))) throw notFound('Disposition code');
        await r.events.append(p.tenantId, [event(p, 'disposition_code.deleted', id, {})], now);
      });
    },

    wrapUpOf: (p: Principal, conversationId: string) => d.repos.dispositions.wrapUpOf(p.tenantId, conversationId),

    /**
     * Resolves the conversation and records how: a disposition code is required when the workspace
     * has any active one. Status, wrap-up row and events commit together.
     */
    async wrapUp(p: Principal, conversationId: string, input: { dispositionCode?: string; note?: string }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const conv = await r.conversations.byId(p.tenantId, conversationId);
        if (!conv) throw notFound('Conversation');
        const active = await r.dispositions.list(p.tenantId, false);
        const code = input.dispositionCode || undefined;
        const chosen = code ? active.find((x) => x.code === code) : undefined;
        if (code && !chosen) {
          throw invalid(`There is no active disposition code ${code}; choose one of: ${active.map((x) => x.code).join(', ') || 'none (leave it out)'}`, [{ path: 'dispositionCode', message: 'unknown code' }]);
        }
        if (!code && active.length > 0) throw invalid('Choose a disposition code to wrap up this conversation', [{ path: 'dispositionCode', message: 'required' }]);
        const topics = conversationTopics(conversationId, conv.assigneeId, p.userId);
        const events = [];
        if (conv.status !== 'resolved') {
          await r.conversations.update(p.tenantId, conversationId, { status: 'resolved', resolvedAt: now, snoozedUntil: null }, now);
          events.push(draftEvent(d.newId, {
            type: 'conversation.status_changed', aggregateType: 'conversation', aggregateId: conversationId, actorId: p.userId, topics,
            payload: { from: conv.status, to: 'resolved', snoozedUntil: null, dispositionCode: chosen?.code ?? null },
          }));
        }
        const note = input.note?.trim() || null;
        await r.dispositions.putWrapUp(p.tenantId, { conversationId, dispositionCode: chosen?.code ?? null, dispositionLabel: chosen?.label ?? null, note, wrappedUpBy: p.userId, wrappedUpAt: now });
        events.push(draftEvent(d.newId, {
          type: 'conversation.wrapped_up', aggregateType: 'conversation', aggregateId: conversationId, actorId: p.userId, topics,
          payload: { dispositionCode: chosen?.code ?? null, dispositionLabel: chosen?.label ?? null, note },
        }));
        await r.events.append(p.tenantId, events, now);
      });
      const [conversation, wrap] = await Promise.all([d.repos.conversations.byId(p.tenantId, conversationId), d.repos.dispositions.wrapUpOf(p.tenantId, conversationId)]);
      return { conversation: conversation!, wrapUp: wrap! };
    },
  };
}
