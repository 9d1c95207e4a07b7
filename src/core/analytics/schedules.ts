import type { ReportName, ReportQuery, ReportResponse, Schedule, ScheduleBody, ScheduleUpdateBody } from '../../contracts/analytics.ts';
import { reportNames } from '../../contracts/analytics.ts';
import type { Page } from '../../contracts/common.ts';
import type { ReportScheduleRow } from '../../storage/report-schedules.repo.ts';
import { permissionsFor } from '../auth/permissions.ts';
import { requirePermission, type Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { reportCsvFileName, reportToCsv } from './report-csv.ts';
import { nextRunAt, schedulePeriod } from './report-periods.ts';

/**
 * Scheduled reports: CRUD (a user sees and changes their own; an admin every schedule of the
 * workspace) and the run of due schedules, which the job calls every few minutes. Pure of I/O:
 * repos, clock, the reports service and the mail sender are passed in.
 */

type Deps = Pick<CoreDeps, 'repos' | 'clock' | 'newId'>;

const isAdmin = (p: Principal) => p.role === 'admin';

export function toSchedule(r: ReportScheduleRow): Schedule {
  return {
    id: r.id,
    ownerId: r.ownerId,
    name: r.name,
    report: r.report as ReportName,
    filters: r.filters as Schedule['filters'],
    frequency: r.frequency,
    hour: r.hour,
    recipients: r.recipients,
    enabled: r.enabled,
    lastSentAt: r.lastSentAt ? r.lastSentAt.toISOString() : null,
    nextRunAt: r.nextRunAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

async function tenantZone(d: Deps, tenantId: string): Promise<string> {
  return (await d.repos.tenants.byId(tenantId))?.timeZone ?? 'UTC';
}

export function createReportSchedulesService(d: Deps) {
  const load = async (p: Principal, id: string) => {
    requirePermission(p, 'analytics.read');
    const row = await d.repos.reportSchedules.byId(p.tenantId, id);
    // Another user's schedule is as invisible as one that does not exist.
    if (!row || (!isAdmin(p) && row.ownerId !== p.userId)) throw notFound('The scheduled report');
    return row;
  };

  return {
    async list(p: Principal, q: { limit: number; cursor?: string }): Promise<Page<Schedule>> {
      requirePermission(p, 'analytics.read');
      const r = await d.repos.reportSchedules.list(p.tenantId, { limit: q.limit, cursor: q.cursor, ownerId: isAdmin(p) ? undefined : p.userId });
      return { items: r.items.map(toSchedule), nextCursor: r.nextCursor };
    },

    async get(p: Principal, id: string): Promise<Schedule> {
      return toSchedule(await load(p, id));
    },

    async create(p: Principal, body: ScheduleBody): Promise<Schedule> {
      requirePermission(p, 'analytics.read');
      if (p.via === 'token' && !p.userId) throw forbidden('schedule reports without a user');
      const now = d.clock.now();
      const tz = await tenantZone(d, p.tenantId);
      const row = await d.repos.reportSchedules.insert({
        id: d.newId(),
        tenantId: p.tenantId,
        ownerId: p.userId,
        name: body.name,
        report: body.report,
        filters: body.filters,
        frequency: body.frequency,
        hour: body.hour,
        recipients: [...new Set(body.recipients.map((r) => r.toLowerCase()))],
        enabled: body.enabled,
        nextRunAt: new Date(nextRunAt(body.frequency, body.hour, now.getTime(), tz)),
        at: now,
      });
      return toSchedule(row);
    },

    async update(p: Principal, id: string, patch: ScheduleUpdateBody): Promise<Schedule> {
      const row = await load(p, id);
      const frequency = patch.frequency ?? row.frequency;
      const hour = patch.hour ?? row.hour;
      const timing = patch.frequency !== undefined || patch.hour !== undefined || (patch.enabled === true && !row.enabled);
      const now = d.clock.now();
      const next = timing ? new Date(nextRunAt(frequency, hour, now.getTime(), await tenantZone(d, p.tenantId))) : undefined;
      const updated = await d.repos.reportSchedules.update(
        p.tenantId,
        id,
        { ...patch, ...(patch.recipients && { recipients: [...new Set(patch.recipients.map((r) => r.toLowerCase()))] }), ...(next && { nextRunAt: next }) },
        now,
      );
      if (!updated) throw notFound('The scheduled report');
      return toSchedule(updated);
    },

    async remove(p: Principal, id: string): Promise<void> {
      await load(p, id);
      await d.repos.reportSchedules.remove(p.tenantId, id);
    },
  };
}
export type ReportSchedulesService = ReturnType<typeof createReportSchedulesService>;

/** A scheduled report's mail: one message to every recipient, the CSV attached. */
export interface ReportMail {
  to: string[];
  subject: string;
  text: string;
  attachment: { filename: string; content: string; contentType: 'text/csv; charset=utf-8' };
}

export interface RunDeps extends Deps {
  reports: { run(p: Principal, report: ReportName, q: ReportQuery): Promise<ReportResponse> };
  send: (m: ReportMail) => Promise<void>;
}

export interface RunResult {
  sent: number;
  skipped: number;
  failed: number;
}

const fmt = (ms: number, tz: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: tz }).format(new Date(ms));

function summary(s: ReportScheduleRow, r: ReportResponse, period: { from: number; to: number }, tz: string): string {
  const lines = [
    `${s.name}: the ${s.report} report for ${fmt(period.from, tz)} to ${fmt(period.to - 1, tz)} (${tz}).`,
    '',
    ...Object.entries(r.totals)
      .filter(([, v]) => v !== null && v !== undefined)
      .slice(0, 8)
      .map(([k, v]) => `${k}: ${Math.round((v as number) * 1000) / 1000}`),
    '',
    'The full table is attached as CSV.',
    `This schedule sends ${s.frequency} at ${String(s.hour).padStart(2, '0')}:00; change or pause it under Reports → Scheduled reports.`,
  ];
  return lines.join('\n');
}

/**
 * Sends every due schedule once for its period. The period comes from the scheduled time (a late
 * run still covers the period it was due for); the claim on the period makes reruns and a second
 * node send nothing twice; a failed send gives the claim back so a later tick tries again.
 */
export async function runDueSchedules(d: RunDeps, limit = 20): Promise<RunResult> {
  const now = d.clock.now();
  const result: RunResult = { sent: 0, skipped: 0, failed: 0 };
  for (const s of await d.repos.reportSchedules.due(now, limit)) {
    const tz = await tenantZone(d, s.tenantId);
    const next = new Date(nextRunAt(s.frequency, s.hour, now.getTime(), tz));
    const owner = await d.repos.users.byId(s.tenantId, s.ownerId);
    const permissions = owner?.active ? permissionsFor(owner.role) : new Set<string>();
    if (!owner || !permissions.has('analytics.read') || !(reportNames as readonly string[]).includes(s.report)) {
      const why = !owner?.active ? 'the owner is no longer active' : !permissions.has('analytics.read') ? 'the owner may no longer read analytics' : `unknown report ${s.report}`;
      await d.repos.reportSchedules.finishRun(s.tenantId, s.id, { nextRunAt: next, sentAt: null, error: `Not sent: ${why}` });
      result.skipped++;
      continue;
    }
    const period = schedulePeriod(s.frequency, s.nextRunAt.getTime(), tz);
    const periodStart = new Date(period.from);
    if (!(await d.repos.reportSchedules.claimPeriod(s.tenantId, s.id, periodStart, s.lastPeriodStart))) {
      // Already sent for this period (a rerun) or claimed by another node: only move the clock on.
      if (s.lastPeriodStart && s.lastPeriodStart.getTime() >= period.from) await d.repos.reportSchedules.finishRun(s.tenantId, s.id, { nextRunAt: next, sentAt: null, error: s.lastError });
      result.skipped++;
      continue;
    }
    const principal: Principal = { tenantId: s.tenantId, userId: owner.id, role: owner.role, via: 'session', permissions: permissionsFor(owner.role) };
    try {
      const filters = s.filters as ScheduleBody['filters'];
      const q: ReportQuery = { ...filters, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), resolution: filters.resolution ?? 'auto', compare: 'none', order: 'desc', format: 'csv' };
      const report = await d.reports.run(principal, s.report as ReportName, q);
      await d.send({
        to: s.recipients,
        subject: `${s.name} (${fmt(period.from, tz)} – ${fmt(period.to - 1, tz)})`,
        text: summary(s, report, period, tz),
        attachment: { filename: reportCsvFileName(report), content: reportToCsv(report), contentType: 'text/csv; charset=utf-8' },
      });
      await d.repos.reportSchedules.finishRun(s.tenantId, s.id, { nextRunAt: next, sentAt: d.clock.now(), error: null });
      result.sent++;
    } catch (e) {
      await d.repos.reportSchedules.releasePeriod(s.tenantId, s.id, periodStart, s.lastPeriodStart, `Not sent yet: ${(e as Error).message}`.slice(0, 500));
      result.failed++;
    }
  }
  return result;
}
