import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { DeliveryStatus } from '../contracts/webhooks.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface WebhookDeliveryRow {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  durationMs: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'endpoint_id as endpointId',
  'event_id as eventId',
  'event_type as eventType',
  'payload',
  'status',
  'attempts',
  'next_attempt_at as nextAttemptAt',
  'last_attempt_at as lastAttemptAt',
  'last_status_code as lastStatusCode',
  'last_error as lastError',
  'response_excerpt as responseExcerpt',
  'duration_ms as durationMs',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

export interface NewDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  nextAttemptAt: Date;
}

export interface AttemptResult {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  at: Date;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
  /** Start again from attempt 0 (a redelivery) instead of adding one. */
  attempts?: number;
}

/** Deliveries of webhook endpoints: the fan-out inserts them, the sender claims and records them. */
export function webhookDeliveriesRepo(db: Executor) {
  return {
    /** Inserts what is new; a delivery of the same (endpoint, event) is kept as it is. Returns how many were new. */
    async insertMany(rows: NewDelivery[], at: Date): Promise<number> {
      if (rows.length === 0) return 0;
      const r = await db
        .insertInto('webhook_deliveries')
        .values(rows.map((d) => ({
          id: d.id, tenant_id: d.tenantId, endpoint_id: d.endpointId, event_id: d.eventId, event_type: d.eventType,
          payload: JSON.stringify(d.payload), status: 'pending' as const, next_attempt_at: d.nextAttemptAt, created_at: at, updated_at: at,
        })))
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0);
    },
    async byId(tenantId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
      return db.selectFrom('webhook_deliveries').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst() as Promise<WebhookDeliveryRow | undefined>;
    },
    /** An endpoint's log, newest first. */
    async list(tenantId: string, endpointId: string, args: PageArgs & { status?: DeliveryStatus }): Promise<Page<WebhookDeliveryRow>> {
      let q = db.selectFrom('webhook_deliveries').select(cols).where('tenant_id', '=', tenantId).where('endpoint_id', '=', endpointId);
      if (args.status) q = q.where('status', '=', args.status);
      return keysetPage(q, 'id', args, 'desc') as Promise<Page<WebhookDeliveryRow>>;
    },
    /**
     * Claims due deliveries of active endpoints (all tenants) by moving their next attempt to
     * `leaseUntil`: a second sender re-checks the condition on the updated row and skips it, and a
     * sender that dies leaves them to be tried again when the lease ends. At most `perEndpoint`
     * of one endpoint, so a backlog at one receiver does not crowd out the others.
     */
    async claimDue(now: Date, leaseUntil: Date, o: { limit: number; perEndpoint: number; skipEndpoints?: string[] }): Promise<WebhookDeliveryRow[]> {
      const skip = o.skipEndpoints ?? [];
      const r = await sql<WebhookDeliveryRow>`
        UPDATE webhook_deliveries d SET next_attempt_at = ${leaseUntil}, updated_at = ${now}
        WHERE d.id IN (
          SELECT x.id FROM (
            SELECT w.id, w.next_attempt_at, row_number() OVER (PARTITION BY w.endpoint_id ORDER BY w.next_attempt_at, w.id) AS rn
            FROM webhook_deliveries w
            JOIN webhook_endpoints e ON e.tenant_id = w.tenant_id AND e.id = w.endpoint_id AND e.active
            WHERE w.status IN ('pending', 'retrying') AND w.next_attempt_at <= ${now}
              AND NOT (w.endpoint_id = ANY(${sql.val(skip)}::uuid[]))
          ) x
          WHERE x.rn <= ${o.perEndpoint}
          ORDER BY x.next_attempt_at, x.id
          LIMIT ${o.limit}
        )
        AND d.status IN ('pending', 'retrying') AND d.next_attempt_at <= ${now}
        RETURNING d.id, d.tenant_id AS "tenantId", d.endpoint_id AS "endpointId", d.event_id AS "eventId", d.event_type AS "eventType",
          d.payload, d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_attempt_at AS "lastAttemptAt",
          d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.response_excerpt AS "responseExcerpt",
          d.duration_ms AS "durationMs", d.created_at AS "createdAt", d.updated_at AS "updatedAt"
      `.execute(db);
      return r.rows.sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt) || (a.id < b.id ? -1 : 1));
    },
    /** A manual redelivery: pending again from attempt 0, leased to the caller who sends it now. */
    async restart(tenantId: string, id: string, leaseUntil: Date, at: Date): Promise<WebhookDeliveryRow | undefined> {
      return db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: leaseUntil, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(cols)
        .executeTakeFirst() as Promise<WebhookDeliveryRow | undefined>;
    },
    async recordAttempt(tenantId: string, id: string, a: AttemptResult): Promise<WebhookDeliveryRow | undefined> {
      return db
        .updateTable('webhook_deliveries')
        .set({
          status: a.status,
          attempts: a.attempts ?? sql`attempts + 1`,
          next_attempt_at: a.nextAttemptAt,
          last_attempt_at: a.at,
          last_status_code: a.statusCode,
          last_error: a.error,
          response_excerpt: a.responseExcerpt,
          duration_ms: a.durationMs,
          updated_at: a.at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(cols)
        .executeTakeFirst() as Promise<WebhookDeliveryRow | undefined>;
    },
    /** Housekeeping: deliveries created before `before`, every tenant. */
    async purgeOlderThan(before: Date): Promise<number> {
      const r = await db.deleteFrom('webhook_deliveries').where('created_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type WebhookDeliveriesRepo = ReturnType<typeof webhookDeliveriesRepo>;
