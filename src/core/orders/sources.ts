import { verifySignature } from '../../security/hmac.ts';
import type { OrderSourceRow } from '../../storage/order-sources.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import { writeAudit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';

/** After a rotation the previous secret keeps working this long, so the sender can switch over. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600_000;

/** Webhook senders of orders: each signs with its own secret (shown once, at creation and rotation). */
export function createOrderSourceActions(d: CoreDeps) {
  const newSecret = () => d.secrets.token('whsec_');

  return {
    async createSource(p: Principal, name: string, meta: RequestMeta): Promise<OrderSourceRow & { secret: string }> {
      const id = d.newId();
      const secret = newSecret();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await r.orderSources.insert({ id, tenantId: p.tenantId, name, secret, createdBy: p.userId, at: now });
        await writeAudit(r, d.newId, now, { tenantId: p.tenantId, actorId: p.userId, action: 'order_source.created', targetType: 'order_source', targetId: id, ip: meta.ip, details: { name } });
      });
      return { ...(await d.repos.orderSources.byId(p.tenantId, id))!, secret };
    },

    listSources: (p: Principal, args: { limit: number; cursor?: string }) => d.repos.orderSources.list(p.tenantId, args),

    async deleteSource(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const s = await r.orderSources.byId(p.tenantId, id);
        if (!s || !(await r.orderSources.remove(p.tenantId, id))) throw notFound('Order source');
        await writeAudit(r, d.newId, now, { tenantId: p.tenantId, actorId: p.userId, action: 'order_source.deleted', targetType: 'order_source', targetId: id, ip: meta.ip, details: { name: s.name } });
      });
    },

    /** A new secret; the previous one is accepted for PREVIOUS_SECRET_GRACE_MS more. */
    async rotateSource(p: Principal, id: string, meta: RequestMeta): Promise<OrderSourceRow & { secret: string }> {
      const secret = newSecret();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.orderSources.rotate(p.tenantId, id, secret, new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS), now))) throw notFound('Order source');
        await writeAudit(r, d.newId, now, { tenantId: p.tenantId, actorId: p.userId, action: 'order_source.rotated', targetType: 'order_source', targetId: id, ip: meta.ip });
      });
      return { ...(await d.repos.orderSources.byId(p.tenantId, id))!, secret };
    },

    /**
     * The tenant of a webhook delivery, when its signature over the raw body is right: 404 for an
     * unknown source, 401 with the reason for a missing, malformed, stale or wrong signature.
     */
    async authenticateWebhook(sourceId: string, rawBody: Buffer, header: string | undefined): Promise<{ tenantId: string }> {
      const s = await d.repos.orderSources.forWebhook(sourceId);
      if (!s) throw notFound('Order source');
      const now = d.clock.now();
      const check = verifySignature(s.secret, rawBody, header, now);
      if (check.ok) return { tenantId: s.tenantId };
      if (s.previousSecret && s.previousExpiresAt && s.previousExpiresAt > now && verifySignature(s.previousSecret, rawBody, header, now).ok) return { tenantId: s.tenantId };
      throw new AppError('unauthenticated', `The webhook signature was refused: ${check.reason}; sign "<t>.<raw body>" with HMAC-SHA256 and the source's secret`);
    },
  };
}
