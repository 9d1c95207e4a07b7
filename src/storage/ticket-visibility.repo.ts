import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * What tickets a principal may see (docs/decisions/005-tickets.md, "Visibility"): `all` for admins
 * and supervisors; otherwise tickets with no team, of one of `teamIds`, assigned to `userId`, or
 * followed by `userId`.
 */
export interface TicketScope {
  all: boolean;
  userId: string;
  teamIds: readonly string[];
}

/**
 * A Kysely where-expression restricting a query over `tickets` (alias `tickets` or the one given)
 * to the scope. Use it as `.where((eb) => visibleTicketsWhere(eb, scope))`; it adds no condition
 * for `all`. The follower check is a correlated EXISTS on ticket_followers' primary key.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function visibleTicketsWhere(_eb: ExpressionBuilder<any, any>, scope: TicketScope, alias = 'tickets'): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  const t = sql.table(alias);
  const teams = scope.teamIds.length > 0 ? sql`OR ${t}.team_id IN (${sql.join(scope.teamIds.map((id) => sql`${id}::uuid`))})` : sql``;
  return sql<SqlBool>`(${t}.team_id IS NULL ${teams} OR ${t}.assignee_id = ${scope.userId}::uuid
    OR EXISTS (SELECT 1 FROM ticket_followers vf WHERE vf.ticket_id = ${t}.id AND vf.tenant_id = ${t}.tenant_id AND vf.user_id = ${scope.userId}::uuid))`;
}

/** Which of these ticket ids (of the tenant) the scope may see. */
export function ticketVisibilityRepo(db: Executor) {
  return {
    async visibleIds(tenantId: string, ids: readonly string[], scope: TicketScope): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', [...ids])
        .where((eb) => visibleTicketsWhere(eb, scope))
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  };
}
export type TicketVisibilityRepo = ReturnType<typeof ticketVisibilityRepo>;
