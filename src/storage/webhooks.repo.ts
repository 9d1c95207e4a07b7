import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface WebhookEndpointRow {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  startSeq: number;
  consecutiveFailures: number;
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Everything but the secret: the secret is read only by `secretOf`, for signing. */
const cols = [
  'id',
  'tenant_id as tenantId',
  'url',
  'description',
  'events',
  'active',
  'start_seq as startSeq',
  'consecutive_failures as consecutiveFailures',
  'disabled_reason as disabledReason',
  'created_by as createdBy',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

export interface EndpointPatch {
  url?: string;
  description?: string;
  events?: string[];
  active?: boolean;
  disabledReason?: string | null;
}

/** Webhook endpoints of a tenant and the fan-out cursor over its events. */
export function webhooksRepo(db: Executor) {
  return {
    async insert(e: Omit<WebhookEndpointRow, 'consecutiveFailures' | 'disabledReason' | 'createdAt' | 'updatedAt'> & { secret: string; at: Date }): Promise<void> {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: e.id, tenant_id: e.tenantId, url: e.url, description: e.description, events: e.events, active: e.active, secret: e.secret,
          start_seq: e.startSeq, created_by: e.createdBy, created_at: e.at, updated_at: e.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
      return db.selectFrom('webhook_endpoints').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    /** Locks the endpoint row for the rest of the transaction. */
    async lock(tenantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
      return db.selectFrom('webhook_endpoints').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    },
    async secretOf(tenantId: string, id: string): Promise<string | undefined> {
      const r = await db.selectFrom('webhook_endpoints').select('secret').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r?.secret;
    },
    /** Newest first; q matches the URL or the description. */
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<WebhookEndpointRow>> {
      let q = db.selectFrom('webhook_endpoints').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) {
        const like = `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('url', 'ilike', like), eb('description', 'ilike', like)]));
      }
      return keysetPage(q, 'id', args, 'desc');
    },
    async active(tenantId: string): Promise<WebhookEndpointRow[]> {
      return db.selectFrom('webhook_endpoints').select(cols).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('id').execute();
    },
    /** Tenants with at least one active endpoint (the fan-out's work list). */
    async tenantsWithActive(): Promise<string[]> {
      const rows = await db.selectFrom('webhook_endpoints').select('tenant_id').where('active', '=', true).distinct().execute();
      return rows.map((r) => r.tenant_id);
    },
    async update(tenantId: string, id: string, p: EndpointPatch, at: Date): Promise<void> {
      await db
        .updateTable('webhook_endpoints')
        .set({
          ...(p.url !== undefined && { url: p.url }),
          ...(p.description !== undefined && { description: p.description }),
          ...(p.events !== undefined && { events: p.events }),
          ...(p.active !== undefined && { active: p.active }),
          ...(p.active === true && { consecutive_failures: 0 }),
          ...(p.disabledReason !== undefined && { disabled_reason: p.disabledReason }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async setSecret(tenantId: string, id: string, secret: string, at: Date): Promise<void> {
      await db.updateTable('webhook_endpoints').set({ secret, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async remove(tenantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
      return db.deleteFrom('webhook_endpoints').where('tenant_id', '=', tenantId).where('id', '=', id).returning(cols).executeTakeFirst();
    },
    /** A success resets the run of dead deliveries. */
    async resetFailures(tenantId: string, id: string): Promise<void> {
      await db.updateTable('webhook_endpoints').set({ consecutive_failures: 0 }).where('tenant_id', '=', tenantId).where('id', '=', id).where('consecutive_failures', '>', 0).execute();
    },
    /** One more dead delivery in a row; returns the new count. */
    async addFailure(tenantId: string, id: string): Promise<number> {
      const r = await db
        .updateTable('webhook_endpoints')
        .set({ consecutive_failures: sql`consecutive_failures + 1` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning('consecutive_failures')
        .executeTakeFirst();
      return r?.consecutive_failures ?? 0;
    },

    /** Creates the tenant's cursor at `seq` when it has none (the first endpoint's start). */
    async ensureCursor(tenantId: string, seq: number, at: Date): Promise<void> {
      await db.insertInto('webhook_cursors').values({ tenant_id: tenantId, last_seq: seq, updated_at: at }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
    },
    /** Events after `seq` go to the endpoint (set when it is created or switched on). */
    async setStart(tenantId: string, id: string, seq: number): Promise<void> {
      await db.updateTable('webhook_endpoints').set({ start_seq: seq }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    /**
     * An endpoint starts at `seq`: the tenant's cursor is created there, or moved up to it when no
     * other endpoint is active (nothing before `seq` is owed to anyone, so the fan-out need not read it).
     */
    async startCursor(tenantId: string, exceptEndpointId: string, seq: number, at: Date): Promise<void> {
      await sql`
        INSERT INTO webhook_cursors (tenant_id, last_seq, updated_at) VALUES (${tenantId}, ${seq}, ${at})
        ON CONFLICT (tenant_id) DO UPDATE SET last_seq = GREATEST(webhook_cursors.last_seq, excluded.last_seq), updated_at = excluded.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = ${tenantId} AND e.active AND e.id <> ${exceptEndpointId})
      `.execute(db);
    },
    /** The cursor, locked until the transaction ends: one fan-out per tenant at a time. */
    async lockCursor(tenantId: string): Promise<number | undefined> {
      const r = await db.selectFrom('webhook_cursors').select('last_seq').where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
      return r?.last_seq;
    },
    async moveCursor(tenantId: string, seq: number, at: Date): Promise<void> {
      await db.updateTable('webhook_cursors').set({ last_seq: seq, updated_at: at }).where('tenant_id', '=', tenantId).execute();
    },
  };
}
export type WebhooksRepo = ReturnType<typeof webhooksRepo>;
