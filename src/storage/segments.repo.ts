import { sql, type RawBuilder } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface SegmentRow {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  definition: Record<string, unknown>;
  createdBy: string | null;
  memberCount: number | null;
  countComputedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberRow {
  id: string;
  name: string;
  company: string | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  healthScore: number | null;
  healthBand: 'healthy' | 'watch' | 'at_risk' | null;
}

export interface ExportRow extends MemberRow {
  email: string | null;
  phone: string | null;
  createdAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'name',
  'description',
  'definition',
  'created_by as createdBy',
  'member_count as memberCount',
  'count_computed_at as countComputedAt',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Segments and their members. `where` is a condition over `customers c` compiled by
 * core/segments/compile.ts (parameters only); every query is scoped by tenant and skips merged customers.
 */
export function segmentsRepo(db: Executor) {
  const members = (tenantId: string, where: RawBuilder<boolean>) =>
    db
      .selectFrom('customers as c')
      .leftJoin('customer_health as h', (j) => j.onRef('h.tenant_id', '=', 'c.tenant_id').onRef('h.customer_id', '=', 'c.id'))
      .where('c.tenant_id', '=', tenantId)
      .where('c.merged_into', 'is', null)
      .where(where);

  return {
    async insert(s: Omit<SegmentRow, 'memberCount' | 'countComputedAt' | 'updatedAt'>): Promise<void> {
      await db
        .insertInto('segments')
        .values({ id: s.id, tenant_id: s.tenantId, name: s.name, description: s.description, definition: JSON.stringify(s.definition), created_by: s.createdBy, created_at: s.createdAt, updated_at: s.createdAt })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<SegmentRow | undefined> {
      return db.selectFrom('segments').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async byName(tenantId: string, name: string): Promise<SegmentRow | undefined> {
      return db.selectFrom('segments').select(cols).where('tenant_id', '=', tenantId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<SegmentRow>> {
      let q = db.selectFrom('segments').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where((eb) => eb.or([eb('name', 'ilike', likeEscape(args.q!)), eb('description', 'ilike', likeEscape(args.q!))]));
      return keysetPage(q, 'id', args, 'desc');
    },
    async update(tenantId: string, id: string, patch: { name?: string; description?: string; definition?: Record<string, unknown> }, at: Date): Promise<void> {
      await db
        .updateTable('segments')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.definition !== undefined ? { definition: JSON.stringify(patch.definition), member_count: null, count_computed_at: null } : {}),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('segments').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** The count cache: the number of members at `at`. */
    async setCount(tenantId: string, id: string, n: number, at: Date): Promise<void> {
      await db.updateTable('segments').set({ member_count: n, count_computed_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },

    async count(tenantId: string, where: RawBuilder<boolean>): Promise<number> {
      const r = await members(tenantId, where).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async members(tenantId: string, where: RawBuilder<boolean>, args: PageArgs): Promise<Page<MemberRow>> {
      const q = members(tenantId, where).select(['c.id', 'c.name', 'c.company', 'c.language', 'c.time_zone as timeZone', 'c.tags', 'h.score as healthScore', 'h.band as healthBand']);
      return keysetPage(q, 'c.id', args, 'asc');
    },
    async hasMember(tenantId: string, customerId: string, where: RawBuilder<boolean>): Promise<boolean> {
      const r = await members(tenantId, where).select('c.id').where('c.id', '=', customerId).executeTakeFirst();
      return r !== undefined;
    },
    /** Members for the CSV export, a batch after `afterId`, with their first email and phone. */
    async exportBatch(tenantId: string, where: RawBuilder<boolean>, afterId: string | null, limit: number): Promise<ExportRow[]> {
      const ident = (kind: string) =>
        sql<string | null>`(SELECT i.value FROM customer_identities i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.kind = ${kind} ORDER BY i.verified DESC, i.id LIMIT 1)`;
      let q = members(tenantId, where).select([
        'c.id', 'c.name', 'c.company', 'c.language', 'c.time_zone as timeZone', 'c.tags', 'c.created_at as createdAt', 'h.score as healthScore', 'h.band as healthBand',
        ident('email').as('email'), ident('phone').as('phone'),
      ]);
      if (afterId) q = q.where('c.id', '>', afterId);
      return q.orderBy('c.id').limit(limit).execute();
    },
  };
}
export type SegmentsRepo = ReturnType<typeof segmentsRepo>;
