import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Calendar, OpenInterval } from '../core/sla/business-time.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface CalendarRow {
  id: string;
  tenantId: string;
  name: string;
  timeZone: string;
  hours: Record<string, OpenInterval[]>;
  holidays: string[];
  teamId: string | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CalendarPatch {
  name?: string;
  timeZone?: string;
  hours?: Record<string, OpenInterval[]>;
  holidays?: string[];
  teamId?: string | null;
  isDefault?: boolean;
}

const cols = ['id', 'tenant_id as tenantId', 'name', 'time_zone as timeZone', 'hours', 'holidays', 'team_id as teamId', 'is_default as isDefault', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
type Raw = Omit<CalendarRow, 'hours' | 'holidays'> & { hours: unknown; holidays: unknown };
const toRow = (r: Raw): CalendarRow => ({ ...r, hours: r.hours as CalendarRow['hours'], holidays: r.holidays as string[] });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const toCalendar = (c: Pick<CalendarRow, 'timeZone' | 'hours' | 'holidays'>): Calendar => ({ timeZone: c.timeZone, hours: c.hours, holidays: c.holidays });

/** Business calendars of a tenant; every query scoped by tenant. */
export function businessCalendarsRepo(db: Executor) {
  return {
    /** False when the tenant already has a calendar of that name. */
    async insert(c: Omit<CalendarRow, 'createdAt' | 'updatedAt'> & { at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('business_calendars')
        .values({
          id: c.id, tenant_id: c.tenantId, name: c.name, time_zone: c.timeZone, hours: JSON.stringify(c.hours), holidays: JSON.stringify(c.holidays),
          team_id: c.teamId, is_default: c.isDefault, created_at: c.at, updated_at: c.at,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byId(tenantId: string, id: string): Promise<CalendarRow | undefined> {
      const r = await db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    async byIds(tenantId: string, ids: string[]): Promise<CalendarRow[]> {
      if (ids.length === 0) return [];
      const r = await db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      return r.map(toRow);
    },
    async byName(tenantId: string, name: string): Promise<CalendarRow | undefined> {
      const r = await db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
      return r && toRow(r);
    },
    async forTeam(tenantId: string, teamId: string): Promise<CalendarRow | undefined> {
      const r = await db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId).where('team_id', '=', teamId).executeTakeFirst();
      return r && toRow(r);
    },
    async tenantDefault(tenantId: string): Promise<CalendarRow | undefined> {
      const r = await db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId).where('is_default', '=', true).executeTakeFirst();
      return r && toRow(r);
    },
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<CalendarRow>> {
      let q = db.selectFrom('business_calendars').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where('name', 'ilike', `%${likeEscape(args.q)}%`);
      const page = await keysetPage(q, 'id', args, 'asc');
      return { items: page.items.map(toRow), nextCursor: page.nextCursor };
    },
    /** Makes no calendar of the tenant the default (before another becomes it). */
    async clearDefault(tenantId: string, at: Date): Promise<void> {
      await db.updateTable('business_calendars').set({ is_default: false, updated_at: at }).where('tenant_id', '=', tenantId).where('is_default', '=', true).execute();
    },
    async update(tenantId: string, id: string, p: CalendarPatch, at: Date): Promise<void> {
      await db
        .updateTable('business_calendars')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.timeZone !== undefined && { time_zone: p.timeZone }),
          ...(p.hours !== undefined && { hours: JSON.stringify(p.hours) }),
          ...(p.holidays !== undefined && { holidays: JSON.stringify(p.holidays) }),
          ...(p.teamId !== undefined && { team_id: p.teamId }),
          ...(p.isDefault !== undefined && { is_default: p.isDefault }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('business_calendars').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** How many policies use the calendar (it cannot be deleted while any does). */
    async policyCount(tenantId: string, id: string): Promise<number> {
      const r = await db.selectFrom('sla_policies').select(sql<string>`count(*)`.as('n')).where('tenant_id', '=', tenantId).where('calendar_id', '=', id).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type BusinessCalendarsRepo = ReturnType<typeof businessCalendarsRepo>;
