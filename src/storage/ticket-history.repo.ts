import { AppError } from '../core/errors.ts';
import type { Page } from '../contracts/common.ts';
import type { StoredEvent } from './events.repo.ts';
import type { Executor } from './executor.ts';

const cols = ['id', 'tenant_id as tenantId', 'seq', 'type', 'aggregate_type as aggregateType', 'aggregate_id as aggregateId', 'actor_id as actorId', 'topics', 'payload', 'created_at as createdAt'] as const;

const encode = (seq: number) => Buffer.from(`s${seq}`, 'utf8').toString('base64url');
function decode(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const m = /^s(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  return Number(m[1]);
}

/** A ticket's history: its events (aggregate 'ticket'), newest first by tenant seq (commit order). */
export function ticketHistoryRepo(db: Executor) {
  return {
    async list(tenantId: string, ticketId: string, args: { limit: number; cursor?: string }): Promise<Page<StoredEvent>> {
      const before = decode(args.cursor);
      let q = db.selectFrom('events').select(cols).where('tenant_id', '=', tenantId).where('aggregate_type', '=', 'ticket').where('aggregate_id', '=', ticketId);
      if (before !== undefined) q = q.where('seq', '<', before);
      const rows = (await q.orderBy('seq', 'desc').limit(args.limit + 1).execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
      const more = rows.length > args.limit;
      const items = more ? rows.slice(0, args.limit) : rows;
      return { items, nextCursor: more ? encode(items[items.length - 1]!.seq) : null };
    },
  };
}
