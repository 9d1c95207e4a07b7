import type { SelectQueryBuilder } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Page } from '../contracts/common.ts';

/** Opaque cursor: the id (UUIDv7, so time-ordered) of the last row of the previous page. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [
      { path: 'cursor', message: 'unknown cursor' },
    ]);
  }
  return id;
}

export interface PageArgs {
  limit: number;
  cursor?: string;
}

/** Keyset pagination over an `id` column, newest or oldest first. */
export async function keysetPage<DB, TB extends keyof DB, O extends { id: string }>(
  qb: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  args: PageArgs,
  order: 'asc' | 'desc' = 'asc',
): Promise<Page<O>> {
  const after = decodeCursor(args.cursor);
  let q = qb as SelectQueryBuilder<any, any, O>;
  if (after) q = q.where(idColumn, order === 'asc' ? '>' : '<', after);
  const rows = await q.orderBy(idColumn, order).limit(args.limit + 1).execute();
  const more = rows.length > args.limit;
  const items = more ? rows.slice(0, args.limit) : rows;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
}
