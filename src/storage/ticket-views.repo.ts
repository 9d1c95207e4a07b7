import type { ShareScope, ViewFilters, ViewSort } from '../contracts/tickets.ts';
import type { Executor } from './executor.ts';

export interface TicketViewRow {
  id: string;
  tenantId: string;
  name: string;
  ownerId: string | null;
  scope: ShareScope;
  teamId: string | null;
  filters: ViewFilters;
  sort: ViewSort;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Who may see a shared item (view or macro): everyone, members of its team, its owner; `all` sees every one. */
export interface ShareAudience {
  userId: string;
  teamIds: readonly string[];
  all: boolean;
}

const cols = ['id', 'tenant_id as tenantId', 'name', 'owner_id as ownerId', 'scope', 'team_id as teamId', 'filters', 'sort', 'position', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
type Raw = Omit<TicketViewRow, 'filters' | 'sort'> & { filters: Record<string, unknown>; sort: Record<string, unknown> };
const toRow = (r: Raw): TicketViewRow => ({ ...r, filters: r.filters as ViewFilters, sort: r.sort as unknown as ViewSort });

export type TicketViewWrite = Pick<TicketViewRow, 'name' | 'scope' | 'teamId' | 'filters' | 'sort' | 'position'>;

/** Saved ticket lists; every query scoped by tenant. */
export function ticketViewsRepo(db: Executor) {
  return {
    async insert(v: TicketViewWrite & { id: string; tenantId: string; ownerId: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('ticket_views')
        .values({
          id: v.id, tenant_id: v.tenantId, name: v.name, owner_id: v.ownerId, scope: v.scope, team_id: v.teamId,
          filters: JSON.stringify(v.filters), sort: JSON.stringify(v.sort), position: v.position, created_at: v.at, updated_at: v.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<TicketViewRow | undefined> {
      const r = await db.selectFrom('ticket_views').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** The views an audience may see, in sidebar order (position, then creation). At most 200. */
    async visible(tenantId: string, a: ShareAudience): Promise<TicketViewRow[]> {
      let q = db.selectFrom('ticket_views').select(cols).where('tenant_id', '=', tenantId);
      q = q.where((eb) =>
        eb.or([
          eb('scope', '=', 'everyone'),
          eb('owner_id', '=', a.userId),
          ...(a.all ? [eb('scope', '=', 'team')] : a.teamIds.length ? [eb.and([eb('scope', '=', 'team'), eb('team_id', 'in', [...a.teamIds])])] : []),
        ]),
      );
      const rows = await q.orderBy('position').orderBy('id').limit(200).execute();
      return rows.map((r) => toRow(r as Raw));
    },
    async update(tenantId: string, id: string, p: Partial<TicketViewWrite>, at: Date): Promise<void> {
      await db
        .updateTable('ticket_views')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.scope !== undefined && { scope: p.scope }),
          ...(p.teamId !== undefined && { team_id: p.teamId }),
          ...(p.filters !== undefined && { filters: JSON.stringify(p.filters) }),
          ...(p.sort !== undefined && { sort: JSON.stringify(p.sort) }),
          ...(p.position !== undefined && { position: p.position }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('ticket_views').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type TicketViewsRepo = ReturnType<typeof ticketViewsRepo>;
