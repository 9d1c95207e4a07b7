import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Priority } from '../contracts/conversations.ts';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';
import type { PageArgs } from './paginate.ts';

export interface PolicyRow {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  position: number;
  active: boolean;
  priorities: Priority[];
  segmentId: string | null;
  customerTags: string[];
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  calendarMode: 'calendar' | 'team';
  calendarId: string | null;
  nearBreachPercent: number;
  nearBreachMinutes: number | null;
  escalateToUserId: string | null;
  escalateToTeamId: string | null;
  notifySupervisors: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export type PolicyFields = Omit<PolicyRow, 'id' | 'tenantId' | 'position' | 'createdAt' | 'updatedAt'>;

const cols = [
  'id', 'tenant_id as tenantId', 'name', 'description', 'position', 'active', 'priorities', 'segment_id as segmentId', 'customer_tags as customerTags',
  'first_response_minutes as firstResponseMinutes', 'next_response_minutes as nextResponseMinutes', 'resolution_minutes as resolutionMinutes',
  'calendar_mode as calendarMode', 'calendar_id as calendarId', 'near_breach_percent as nearBreachPercent', 'near_breach_minutes as nearBreachMinutes',
  'escalate_to_user_id as escalateToUserId', 'escalate_to_team_id as escalateToTeamId', 'notify_supervisors as notifySupervisors',
  'created_at as createdAt', 'updated_at as updatedAt',
] as const;
const toRow = (r: Omit<PolicyRow, 'priorities'> & { priorities: string[] }): PolicyRow => ({ ...r, priorities: r.priorities as Priority[] });

const columns = (p: Partial<PolicyFields>) => ({
  ...(p.name !== undefined && { name: p.name }),
  ...(p.description !== undefined && { description: p.description }),
  ...(p.active !== undefined && { active: p.active }),
  ...(p.priorities !== undefined && { priorities: p.priorities }),
  ...(p.segmentId !== undefined && { segment_id: p.segmentId }),
  ...(p.customerTags !== undefined && { customer_tags: p.customerTags }),
  ...(p.firstResponseMinutes !== undefined && { first_response_minutes: p.firstResponseMinutes }),
  ...(p.nextResponseMinutes !== undefined && { next_response_minutes: p.nextResponseMinutes }),
  ...(p.resolutionMinutes !== undefined && { resolution_minutes: p.resolutionMinutes }),
  ...(p.calendarMode !== undefined && { calendar_mode: p.calendarMode }),
  ...(p.calendarId !== undefined && { calendar_id: p.calendarId }),
  ...(p.nearBreachPercent !== undefined && { near_breach_percent: p.nearBreachPercent }),
  ...(p.nearBreachMinutes !== undefined && { near_breach_minutes: p.nearBreachMinutes }),
  ...(p.escalateToUserId !== undefined && { escalate_to_user_id: p.escalateToUserId }),
  ...(p.escalateToTeamId !== undefined && { escalate_to_team_id: p.escalateToTeamId }),
  ...(p.notifySupervisors !== undefined && { notify_supervisors: p.notifySupervisors }),
});

/** The list is in policy order, so its cursor is (position, id). */
function decodePositionCursor(cursor: string | undefined): [number, string] | undefined {
  if (!cursor) return undefined;
  const m = /^(-?\d{1,9}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  return [Number(m[1]), m[2]!];
}

/** SLA policies of a tenant in order; every query scoped by tenant. */
export function slaPoliciesRepo(db: Executor) {
  return {
    /** Appends the policy last; false when the tenant has one of that name. */
    async insert(id: string, tenantId: string, p: PolicyFields, at: Date): Promise<boolean> {
      const last = await db.selectFrom('sla_policies').select(sql<number | null>`max(position)`.as('p')).where('tenant_id', '=', tenantId).executeTakeFirst();
      const r = await db
        .insertInto('sla_policies')
        .values({ id, tenant_id: tenantId, name: p.name, position: (last?.p ?? -1) + 1, created_at: at, updated_at: at, ...columns(p) })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byId(tenantId: string, id: string): Promise<PolicyRow | undefined> {
      const r = await db.selectFrom('sla_policies').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    async byName(tenantId: string, name: string): Promise<PolicyRow | undefined> {
      const r = await db.selectFrom('sla_policies').select(cols).where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
      return r && toRow(r);
    },
    /** Active policies in order (first match wins); a tenant has tens at most. */
    async active(tenantId: string): Promise<PolicyRow[]> {
      const r = await db.selectFrom('sla_policies').select(cols).where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('position').orderBy('id').execute();
      return r.map(toRow);
    },
    async ids(tenantId: string): Promise<string[]> {
      return (await db.selectFrom('sla_policies').select('id').where('tenant_id', '=', tenantId).orderBy('position').orderBy('id').forUpdate().execute()).map((r) => r.id);
    },
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<PolicyRow>> {
      let q = db.selectFrom('sla_policies').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where('name', 'ilike', `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const after = decodePositionCursor(args.cursor);
      if (after) q = q.where(sql<boolean>`(position, id) > (${after[0]}, ${after[1]}::uuid)`);
      const rows = await q.orderBy('position').orderBy('id').limit(args.limit + 1).execute();
      const more = rows.length > args.limit;
      const items = (more ? rows.slice(0, args.limit) : rows).map(toRow);
      const lastItem = items[items.length - 1];
      return { items, nextCursor: more && lastItem ? Buffer.from(`${lastItem.position}:${lastItem.id}`, 'utf8').toString('base64url') : null };
    },
    async update(tenantId: string, id: string, p: Partial<PolicyFields>, at: Date): Promise<void> {
      await db.updateTable('sla_policies').set({ ...columns(p), updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async setPosition(tenantId: string, id: string, position: number, at: Date): Promise<void> {
      await db.updateTable('sla_policies').set({ position, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('sla_policies').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type SlaPoliciesRepo = ReturnType<typeof slaPoliciesRepo>;
