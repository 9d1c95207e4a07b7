import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface TeamView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: Date;
}

export function teamsRepo(db: Executor) {
  const base = (tenantId: string) =>
    db
      .selectFrom('teams')
      .select([
        'teams.id',
        'teams.name',
        'teams.description',
        'teams.created_at as createdAt',
        (eb) =>
          eb
            .selectFrom('team_members as m')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('m.team_id', '=', 'teams.id')
            .whereRef('m.tenant_id', '=', 'teams.tenant_id')
            .as('memberCount'),
      ])
      .where('teams.tenant_id', '=', tenantId);
  const fix = (t: { id: string; name: string; description: string; createdAt: Date; memberCount: number | null }): TeamView => ({
    ...t,
    memberCount: Number(t.memberCount ?? 0),
  });

  return {
    async insert(t: { id: string; tenantId: string; name: string; description: string }): Promise<void> {
      await db.insertInto('teams').values({ id: t.id, tenant_id: t.tenantId, name: t.name, description: t.description }).execute();
    },
    async byId(tenantId: string, id: string): Promise<TeamView | undefined> {
      const r = await base(tenantId).where('teams.id', '=', id).executeTakeFirst();
      return r && fix(r);
    },
    async byName(tenantId: string, name: string): Promise<{ id: string } | undefined> {
      return db.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<TeamView>> {
      let q = base(tenantId);
      if (args.q) q = q.where('teams.name', 'ilike', `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const page = await keysetPage(q, 'teams.id', args);
      return { items: page.items.map(fix), nextCursor: page.nextCursor };
    },
    async update(tenantId: string, id: string, patch: { name?: string; description?: string }): Promise<boolean> {
      if (patch.name === undefined && patch.description === undefined) return (await this.byId(tenantId, id)) !== undefined;
      const r = await db.updateTable('teams').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('teams').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async addMember(tenantId: string, teamId: string, userId: string): Promise<boolean> {
      const r = await db
        .insertInto('team_members')
        .values({ tenant_id: tenantId, team_id: teamId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async removeMember(tenantId: string, teamId: string, userId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('team_members')
        .where('tenant_id', '=', tenantId)
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async teamIdsOf(tenantId: string, userId: string): Promise<string[]> {
      const rows = await db.selectFrom('team_members').select('team_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      return rows.map((r) => r.team_id);
    },
    async exists(tenantId: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      return rows.map((r) => r.id);
    },
  };
}
export type TeamsRepo = ReturnType<typeof teamsRepo>;
