import type { Channel } from '../../contracts/conversations.ts';
import { AppError, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';

/** Inboxes: one configured channel endpoint each. Part of the conversations service. */
export function inboxActions(d: CoreDeps) {
  const nameTaken = (name: string) =>
    new AppError('conflict', `An inbox named "${name}" already exists; pick another name`, [{ path: 'name', message: 'already in use' }]);

  async function getInbox(p: Principal, id: string) {
    const i = await d.repos.inboxes.byId(p.tenantId, id);
    if (!i) throw notFound('Inbox');
    return i;
  }

  return {
    listInboxes: (p: Principal, args: { limit: number; cursor?: string }) => d.repos.inboxes.list(p.tenantId, args),
    getInbox,

    async createInbox(p: Principal, input: { name: string; channel: Channel; reopenWindowMs: number; settings: Record<string, unknown> }) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (await r.inboxes.byName(p.tenantId, input.name)) throw nameTaken(input.name);
        await r.inboxes.insert({ id, tenantId: p.tenantId, ...input, at: now });
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'inbox.created', aggregateType: 'inbox', aggregateId: id, actorId: p.userId, payload: { name: input.name, channel: input.channel, reopenWindowMs: input.reopenWindowMs } })],
          now,
        );
      });
      return getInbox(p, id);
    },

    async updateInbox(p: Principal, id: string, patch: { name?: string; reopenWindowMs?: number; settings?: Record<string, unknown> }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.inboxes.byId(p.tenantId, id))) throw notFound('Inbox');
        if (patch.name) {
          const other = await r.inboxes.byName(p.tenantId, patch.name);
          if (other && other.id !== id) throw nameTaken(patch.name);
        }
        await r.inboxes.update(p.tenantId, id, patch);
        const payload = { ...(patch.name !== undefined && { name: patch.name }), ...(patch.reopenWindowMs !== undefined && { reopenWindowMs: patch.reopenWindowMs }), settingsChanged: patch.settings !== undefined };
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'inbox.updated', aggregateType: 'inbox', aggregateId: id, actorId: p.userId, payload })], now);
      });
      return getInbox(p, id);
    },
  };
}
