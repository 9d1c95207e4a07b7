import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface OrderSourceRow {
  id: string;
  tenantId: string;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  previousExpiresAt: Date | null;
}

/** What the webhook route needs to check a signature; never leaves the server. */
export interface OrderSourceSecrets {
  id: string;
  tenantId: string;
  secret: string;
  previousSecret: string | null;
  previousExpiresAt: Date | null;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'name',
  'created_by as createdBy',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'last_used_at as lastUsedAt',
  'previous_expires_at as previousExpiresAt',
] as const;

/** Webhook senders of orders. Every query is scoped by tenant except `forWebhook` (addressed by its unguessable id, then checked by signature). */
export function orderSourcesRepo(db: Executor) {
  return {
    async insert(s: { id: string; tenantId: string; name: string; secret: string; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('order_sources')
        .values({ id: s.id, tenant_id: s.tenantId, name: s.name, secret: s.secret, previous_secret: null, previous_expires_at: null, created_by: s.createdBy, created_at: s.at, updated_at: s.at, last_used_at: null })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<OrderSourceRow | undefined> {
      return db.selectFrom('order_sources').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs): Promise<Page<OrderSourceRow>> {
      return keysetPage(db.selectFrom('order_sources').select(cols).where('tenant_id', '=', tenantId), 'id', args, 'desc');
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('order_sources').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** A new secret; the old one stays valid until `previousExpiresAt`. */
    async rotate(tenantId: string, id: string, secret: string, previousExpiresAt: Date, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('order_sources')
        .set((eb) => ({ previous_secret: eb.ref('secret'), previous_expires_at: previousExpiresAt, secret, updated_at: at }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async forWebhook(id: string): Promise<OrderSourceSecrets | undefined> {
      return db
        .selectFrom('order_sources')
        .select(['id', 'tenant_id as tenantId', 'secret', 'previous_secret as previousSecret', 'previous_expires_at as previousExpiresAt'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async touch(tenantId: string, id: string, at: Date): Promise<void> {
      await db.updateTable('order_sources').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
  };
}
export type OrderSourcesRepo = ReturnType<typeof orderSourcesRepo>;
