import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { ViewFilters, ViewSort } from '../contracts/tickets.ts';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';
import type { DB } from './schema.ts';
import { visibleTicketsWhere, type TicketScope } from './ticket-visibility.repo.ts';
import { ticketCols, toTicketRow, type TicketRow } from './tickets.repo.ts';

/** View filters with `assignee: 'me'` already resolved to the viewer's id. */
export type ResolvedFilters = Omit<ViewFilters, 'assignee'> & { assignee?: string };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The sort key of each view sort: an expression, the SQL type its cursor value is cast to. */
const sortKeys: Record<ViewSort['field'], { expr: RawBuilder<unknown>; cast: RawBuilder<unknown> }> = {
  created: { expr: sql`tickets.created_at`, cast: sql`timestamptz` },
  updated: { expr: sql`tickets.updated_at`, cast: sql`timestamptz` },
  number: { expr: sql`tickets.number`, cast: sql`bigint` },
  priority: { expr: sql`(CASE tickets.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END)`, cast: sql`int` },
  status: { expr: sql`(CASE tickets.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2 WHEN 'on-hold' THEN 3 WHEN 'solved' THEN 4 ELSE 5 END)`, cast: sql`int` },
};

const encode = (v: unknown, id: string) => Buffer.from(JSON.stringify([v, id]), 'utf8').toString('base64url');
function decode(cursor: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
}

function filtered(db: Executor, tenantId: string, f: ResolvedFilters, scope: TicketScope) {
  let q = db.selectFrom('tickets').where('tickets.tenant_id', '=', tenantId) as SelectQueryBuilder<DB, 'tickets', object>;
  if (!scope.all) q = q.where((eb) => visibleTicketsWhere(eb, scope));
  if (f.status?.length) q = q.where('tickets.status', 'in', f.status);
  if (f.priority?.length) q = q.where('tickets.priority', 'in', f.priority);
  if (f.assignee === 'unassigned') q = q.where('tickets.assignee_id', 'is', null);
  else if (f.assignee) q = q.where('tickets.assignee_id', '=', f.assignee);
  if (f.teamId) q = q.where('tickets.team_id', '=', f.teamId);
  if (f.tags?.length) q = q.where(sql<boolean>`tickets.tags @> ${sql`ARRAY[${sql.join(f.tags)}]::text[]`}`);
  if (f.requesterId) q = q.where('tickets.requester_id', '=', f.requesterId);
  if (f.type) q = q.where('tickets.type', '=', f.type);
  if (f.createdAfter) q = q.where('tickets.created_at', '>=', new Date(f.createdAfter));
  if (f.createdBefore) q = q.where('tickets.created_at', '<', new Date(f.createdBefore));
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    const num = /^#?(\d{1,15})$/.exec(f.q)?.[1];
    q = q.where((eb) => eb.or([eb('tickets.subject', 'ilike', pattern), ...(num ? [eb('tickets.number', '=', Number(num))] : [])]));
  }
  return q;
}

/** The tickets of a saved view: its filters, the viewer's visibility, its sort, keyset pages. */
export function ticketViewQueryRepo(db: Executor) {
  return {
    async count(tenantId: string, f: ResolvedFilters, scope: TicketScope): Promise<number> {
      const r = await filtered(db, tenantId, f, scope).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async page(tenantId: string, f: ResolvedFilters, scope: TicketScope, sort: ViewSort, args: { limit: number; cursor?: string }): Promise<Page<TicketRow>> {
      const key = sortKeys[sort.field];
      const desc = sort.direction === 'desc';
      let q = filtered(db, tenantId, f, scope).select(ticketCols.map((c) => `tickets.${c}` as never)).select(key.expr.as('sort_key'));
      if (args.cursor) {
        const [v, id] = decode(args.cursor);
        q = q.where(sql<boolean>`(${key.expr}, tickets.id) ${sql.raw(desc ? '<' : '>')} (${v}::${key.cast}, ${id}::uuid)`);
      }
      const dir = desc ? 'desc' : 'asc';
      const rows = (await q.orderBy(key.expr as never, dir).orderBy('tickets.id', dir).limit(args.limit + 1).execute()) as unknown as (Parameters<typeof toTicketRow>[0] & { sort_key: unknown })[];
      const more = rows.length > args.limit;
      const items = more ? rows.slice(0, args.limit) : rows;
      const last = items[items.length - 1];
      const lastKey = last && (last.sort_key instanceof Date ? last.sort_key.toISOString() : typeof last.sort_key === 'string' ? last.sort_key : Number(last.sort_key));
      return { items: items.map(({ sort_key: _k, ...r }) => toTicketRow(r)), nextCursor: more && last ? encode(lastKey, last.id) : null };
    },
  };
}
export type TicketViewQueryRepo = ReturnType<typeof ticketViewQueryRepo>;
