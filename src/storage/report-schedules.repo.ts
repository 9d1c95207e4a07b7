import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface ReportScheduleRow {
  id: string;
  tenantId: string;
  ownerId: string;
  name: string;
  report: string;
  filters: Record<string, unknown>;
  frequency: 'daily' | 'weekly' | 'monthly';
  hour: number;
  recipients: string[];
  enabled: boolean;
  nextRunAt: Date;
  lastSentAt: Date | null;
  lastPeriodStart: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ReportScheduleFields = Pick<ReportScheduleRow, 'name' | 'report' | 'filters' | 'frequency' | 'hour' | 'recipients' | 'enabled' | 'nextRunAt'>;

const cols = [
  'id', 'tenant_id as tenantId', 'owner_id as ownerId', 'name', 'report', 'filters', 'frequency', 'hour', 'recipients', 'enabled',
  'next_run_at as nextRunAt', 'last_sent_at as lastSentAt', 'last_period_start as lastPeriodStart', 'last_error as lastError',
  'created_at as createdAt', 'updated_at as updatedAt',
] as const;

const toDb = (f: Partial<ReportScheduleFields>) => ({
  ...(f.name !== undefined && { name: f.name }),
  ...(f.report !== undefined && { report: f.report }),
  ...(f.filters !== undefined && { filters: JSON.stringify(f.filters) }),
  ...(f.frequency !== undefined && { frequency: f.frequency }),
  ...(f.hour !== undefined && { hour: f.hour }),
  ...(f.recipients !== undefined && { recipients: f.recipients }),
  ...(f.enabled !== undefined && { enabled: f.enabled }),
  ...(f.nextRunAt !== undefined && { next_run_at: f.nextRunAt }),
});

/** Scheduled reports. Every query but `due` (the job's, across tenants) is scoped by tenant. */
export function reportSchedulesRepo(db: Executor) {
  return {
    async insert(s: ReportScheduleFields & { id: string; tenantId: string; ownerId: string; at: Date }): Promise<ReportScheduleRow> {
      return (await db
        .insertInto('report_schedules')
        .values({ id: s.id, tenant_id: s.tenantId, owner_id: s.ownerId, ...toDb(s), name: s.name, report: s.report, frequency: s.frequency, hour: s.hour, recipients: s.recipients, next_run_at: s.nextRunAt, created_at: s.at, updated_at: s.at })
        .returning(cols)
        .executeTakeFirstOrThrow()) as ReportScheduleRow;
    },

    async byId(tenantId: string, id: string): Promise<ReportScheduleRow | undefined> {
      return (await db.selectFrom('report_schedules').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()) as ReportScheduleRow | undefined;
    },

    /** A tenant's schedules in id order; only the owner's when ownerId is given. */
    async list(tenantId: string, args: PageArgs & { ownerId?: string }): Promise<Page<ReportScheduleRow>> {
      let q = db.selectFrom('report_schedules').select(cols).where('tenant_id', '=', tenantId);
      if (args.ownerId) q = q.where('owner_id', '=', args.ownerId);
      return (await keysetPage(q, 'id', args)) as Page<ReportScheduleRow>;
    },

    async update(tenantId: string, id: string, f: Partial<ReportScheduleFields>, at: Date): Promise<ReportScheduleRow | undefined> {
      return (await db
        .updateTable('report_schedules')
        .set({ ...toDb(f), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returning(cols)
        .executeTakeFirst()) as ReportScheduleRow | undefined;
    },

    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('report_schedules').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Enabled schedules whose sending time has come, oldest first (the job, across tenants). */
    async due(now: Date, limit: number): Promise<ReportScheduleRow[]> {
      return (await db.selectFrom('report_schedules').select(cols).where('enabled', '=', true).where('next_run_at', '<=', now).orderBy('next_run_at').limit(limit).execute()) as ReportScheduleRow[];
    },

    /**
     * Claims a period for sending: true for exactly one caller, and only while the period is later
     * than the last one claimed (a rerun of the same period claims nothing).
     */
    async claimPeriod(tenantId: string, id: string, periodStart: Date, previous: Date | null): Promise<boolean> {
      let q = db.updateTable('report_schedules').set({ last_period_start: periodStart }).where('tenant_id', '=', tenantId).where('id', '=', id);
      q = previous ? q.where('last_period_start', '=', previous) : q.where('last_period_start', 'is', null);
      const r = await q.where((eb) => eb.or([eb('last_period_start', 'is', null), eb('last_period_start', '<', periodStart)])).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Gives a claimed period back after a failed send, so the next tick tries again. */
    async releasePeriod(tenantId: string, id: string, periodStart: Date, previous: Date | null, error: string): Promise<void> {
      await db.updateTable('report_schedules').set({ last_period_start: previous, last_error: error }).where('tenant_id', '=', tenantId).where('id', '=', id).where('last_period_start', '=', periodStart).execute();
    },

    /** After a run (sent or skipped): the next sending time, and when it was sent or why not. */
    async finishRun(tenantId: string, id: string, r: { nextRunAt: Date; sentAt: Date | null; error: string | null }): Promise<void> {
      await db
        .updateTable('report_schedules')
        .set({ next_run_at: r.nextRunAt, last_error: r.error, ...(r.sentAt && { last_sent_at: r.sentAt }) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ReportSchedulesRepo = ReturnType<typeof reportSchedulesRepo>;
