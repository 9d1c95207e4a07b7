import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { MacroActions, ShareScope } from '../contracts/tickets.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';
import type { ShareAudience } from './ticket-views.repo.ts';

export interface TicketMacroRow {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  ownerId: string | null;
  scope: ShareScope;
  teamId: string | null;
  actions: MacroActions;
  usageCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'name', 'description', 'owner_id as ownerId', 'scope', 'team_id as teamId', 'actions', 'usage_count as usageCount', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
type Raw = Omit<TicketMacroRow, 'actions' | 'usageCount'> & { actions: Record<string, unknown>; usageCount: number | string };
const toRow = (r: Raw): TicketMacroRow => ({ ...r, actions: r.actions as MacroActions, usageCount: Number(r.usageCount) });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type TicketMacroWrite = Pick<TicketMacroRow, 'name' | 'description' | 'scope' | 'teamId' | 'actions'>;

/** Ticket macros; every query scoped by tenant. */
export function ticketMacrosRepo(db: Executor) {
  return {
    async insert(m: TicketMacroWrite & { id: string; tenantId: string; ownerId: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('ticket_macros')
        .values({
          id: m.id, tenant_id: m.tenantId, name: m.name, description: m.description, owner_id: m.ownerId, scope: m.scope, team_id: m.teamId,
          actions: JSON.stringify(m.actions), created_at: m.at, updated_at: m.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<TicketMacroRow | undefined> {
      const r = await db.selectFrom('ticket_macros').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** Macros the audience may use, oldest first; q searches the name. */
    async list(tenantId: string, a: ShareAudience, args: PageArgs & { q?: string }): Promise<Page<TicketMacroRow>> {
      let q = db.selectFrom('ticket_macros').select(cols).where('tenant_id', '=', tenantId);
      q = q.where((eb) =>
        eb.or([
          eb('scope', '=', 'everyone'),
          eb('owner_id', '=', a.userId),
          ...(a.all ? [eb('scope', '=', 'team')] : a.teamIds.length ? [eb.and([eb('scope', '=', 'team'), eb('team_id', 'in', [...a.teamIds])])] : []),
        ]),
      );
      if (args.q) q = q.where('name', 'ilike', `%${likeEscape(args.q)}%`);
      const page = await keysetPage(q, 'id', args, 'asc');
      return { items: page.items.map((r) => toRow(r as Raw)), nextCursor: page.nextCursor };
    },
    async update(tenantId: string, id: string, p: Partial<TicketMacroWrite>, at: Date): Promise<void> {
      await db
        .updateTable('ticket_macros')
        .set({
          ...(p.name !== undefined && { name: p.name }),
          ...(p.description !== undefined && { description: p.description }),
          ...(p.scope !== undefined && { scope: p.scope }),
          ...(p.teamId !== undefined && { team_id: p.teamId }),
          ...(p.actions !== undefined && { actions: JSON.stringify(p.actions) }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async countUse(tenantId: string, id: string): Promise<void> {
      await db.updateTable('ticket_macros').set({ usage_count: sql`usage_count + 1` }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('ticket_macros').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type TicketMacrosRepo = ReturnType<typeof ticketMacrosRepo>;
