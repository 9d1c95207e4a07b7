import type { Channel } from '../../contracts/conversations.ts';
import { AppError, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';

/** Inboxes: one configured channel endpoint each. Part of the conversations service. */
export function inboxActions(d: CoreDeps) {
  const nameTaken = (name: string) =>
    new AppError('conflict', `An inbox named "${name}" already exists; pick another name`, [{ path: 'name', message: 'already in use' }]);

  /** Only admins see a chat inbox's identity secret (whoever knows it can sign any identity). */
  const redact = <T extends { settings: Record<string, unknown> }>(p: Principal, i: T): T => {
    if (p.role === 'admin' || !('identitySecret' in i.settings)) return i;
    const { identitySecret: _hidden, ...settings } = i.settings;
    return { ...i, settings };
  };

  async function getInbox(p: Principal, id: string) {
    const i = await d.repos.inboxes.byId(p.tenantId, id);
    if (!i) throw notFound('Inbox');
    return redact(p, i);
  }

  return {
    listInboxes: async (p: Principal, args: { limit: number; cursor?: string }) => {
      const page = await d.repos.inboxes.list(p.tenantId, args);
      return { ...page, items: page.items.map((i) => redact(p, i)) };
    },
    getInbox,

    async createInbox(p: Principal, input: { name: string; channel: Channel; reopenWindowMs: number; settings: Record<string, unknown> }) {
      // A chat inbox is on from the start, with the secret host sites sign visitor identities with (014-chat-widget.md).
      if (input.channel === 'chat') input = { ...input, settings: { enabled: true, ...input.settings, identitySecret: typeof input.settings.identitySecret === 'string' && input.settings.identitySecret.length >= 16 ? input.settings.identitySecret : d.secrets.token('') } };
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
        const before = await r.inboxes.byId(p.tenantId, id);
        if (!before) throw notFound('Inbox');
        // New settings keep the chat identity secret unless they set one (rotateIdentitySecret makes a new one).
        if (patch.settings && before.settings.identitySecret && !patch.settings.identitySecret) patch = { ...patch, settings: { ...patch.settings, identitySecret: before.settings.identitySecret } };
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

    /** A new identity secret for a chat inbox: signatures made with the old one (and its visitor tokens) stop working. */
    async rotateIdentitySecret(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const inbox = await r.inboxes.byId(p.tenantId, id);
        if (!inbox) throw notFound('Inbox');
        if (inbox.channel !== 'chat') throw new AppError('invalid', 'Only chat inboxes have an identity secret', [{ path: 'id', message: `a ${inbox.channel} inbox` }]);
        await r.inboxes.update(p.tenantId, id, { settings: { ...inbox.settings, identitySecret: d.secrets.token('') } });
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'inbox.updated', aggregateType: 'inbox', aggregateId: id, actorId: p.userId, payload: { identitySecretRotated: true, settingsChanged: true } })], now);
      });
      return getInbox(p, id);
    },
  };
}
