import type { AlertComparator, AlertMetric } from '../contracts/wallboard-alerts.ts';
import type { Executor } from './executor.ts';

export interface AlertRuleRow {
  id: string;
  tenantId: string;
  queueId: string | null;
  metric: AlertMetric;
  comparator: AlertComparator;
  threshold: number;
  enabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export type AlertRuleFields = Pick<AlertRuleRow, 'queueId' | 'metric' | 'comparator' | 'threshold' | 'enabled'>;

const cols = [
  'id', 'tenant_id as tenantId', 'queue_id as queueId', 'metric', 'comparator', 'threshold', 'enabled', 'created_by as createdBy',
  'created_at as createdAt', 'updated_at as updatedAt',
] as const;
const toRow = (r: Omit<AlertRuleRow, 'metric' | 'threshold'> & { metric: string; threshold: number | string }): AlertRuleRow => ({
  ...r,
  metric: r.metric as AlertMetric,
  threshold: Number(r.threshold),
});

/** Wallboard alert rules of a tenant (0024_wallboard_alerts.sql); every query scoped by tenant_id. */
export function wallboardAlertsRepo(db: Executor) {
  return {
    /** Every rule of the tenant, oldest first (a tenant has at most a few hundred). */
    async list(tenantId: string): Promise<AlertRuleRow[]> {
      const rows = await db.selectFrom('wallboard_alert_rules').select(cols).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRow);
    },

    async count(tenantId: string): Promise<number> {
      const r = await db.selectFrom('wallboard_alert_rules').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async byId(tenantId: string, id: string): Promise<AlertRuleRow | undefined> {
      const r = await db.selectFrom('wallboard_alert_rules').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r ? toRow(r) : undefined;
    },

    async insert(row: AlertRuleFields & { id: string; tenantId: string; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('wallboard_alert_rules')
        .values({
          id: row.id, tenant_id: row.tenantId, queue_id: row.queueId, metric: row.metric, comparator: row.comparator, threshold: row.threshold,
          enabled: row.enabled, created_by: row.createdBy, created_at: row.at, updated_at: row.at,
        })
        .execute();
    },

    /** Changes the given fields; false when no such rule in the tenant. */
    async update(tenantId: string, id: string, f: Partial<AlertRuleFields>, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('wallboard_alert_rules')
        .set({
          ...(f.queueId !== undefined && { queue_id: f.queueId }),
          ...(f.metric !== undefined && { metric: f.metric }),
          ...(f.comparator !== undefined && { comparator: f.comparator }),
          ...(f.threshold !== undefined && { threshold: f.threshold }),
          ...(f.enabled !== undefined && { enabled: f.enabled }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('wallboard_alert_rules').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
