import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { OrderItem, OrderSourceKind, OrderStatus } from '../contracts/orders.ts';
import { AppError } from '../core/errors.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface OrderRow {
  id: string;
  tenantId: string;
  customerId: string;
  externalId: string;
  orderedAt: Date;
  status: OrderStatus;
  currency: string;
  /** "12.30" */
  total: string;
  items: OrderItem[];
  source: OrderSourceKind;
  sourceId: string | null;
  importId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields an upsert compares and changes. */
export interface OrderFields {
  customerId: string;
  orderedAt: Date;
  status: OrderStatus;
  currency: string;
  total: string;
  items: OrderItem[];
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'customer_id as customerId',
  'external_id as externalId',
  'ordered_at as orderedAt',
  'status',
  'currency',
  'total',
  'items',
  'source',
  'source_id as sourceId',
  'import_id as importId',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

type Raw = Omit<OrderRow, 'total' | 'items' | 'currency'> & { total: string | number; items: unknown; currency: string };
const toRow = (r: Raw): OrderRow => ({ ...r, currency: r.currency.trim(), total: Number(r.total).toFixed(2), items: (r.items ?? []) as OrderItem[] });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Cursor of the customer's list: ordered_at and id of the last row. */
function encodeOrderCursor(r: OrderRow): string {
  return Buffer.from(`${r.orderedAt.toISOString()}|${r.id}`, 'utf8').toString('base64url');
}
function decodeOrderCursor(c: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  const d = at ? new Date(at) : new Date(NaN);
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(d.getTime())) {
    throw new AppError('invalid', 'The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return { at: d, id };
}

/** Orders of customers; every query scoped by tenant. */
export function ordersRepo(db: Executor) {
  return {
    async byId(tenantId: string, id: string): Promise<OrderRow | undefined> {
      const r = await db.selectFrom('orders').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** The order with this external id, locked until the transaction ends. */
    async lockByExternalId(tenantId: string, externalId: string): Promise<OrderRow | undefined> {
      const r = await db.selectFrom('orders').select(cols).where('tenant_id', '=', tenantId).where('external_id', '=', externalId).forUpdate().executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** Inserts unless the external id exists (a racing request); true when inserted. */
    async insert(o: OrderFields & { id: string; tenantId: string; externalId: string; source: OrderSourceKind; sourceId: string | null; importId: string | null; at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('orders')
        .values({
          id: o.id, tenant_id: o.tenantId, customer_id: o.customerId, external_id: o.externalId, ordered_at: o.orderedAt, status: o.status, currency: o.currency,
          total: o.total, items: JSON.stringify(o.items), source: o.source, source_id: o.sourceId, import_id: o.importId, created_at: o.at, updated_at: o.at,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'external_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return !!r;
    },
    async update(tenantId: string, id: string, f: OrderFields, at: Date): Promise<void> {
      await db
        .updateTable('orders')
        .set({ customer_id: f.customerId, ordered_at: f.orderedAt, status: f.status, currency: f.currency, total: f.total, items: JSON.stringify(f.items), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    /**
     * All orders newest added first (q: external id prefix); a customer's orders newest ordered
     * first (index orders_customer).
     */
    async list(tenantId: string, args: PageArgs & { customerId?: string; q?: string }): Promise<Page<OrderRow>> {
      let q = db.selectFrom('orders').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where('external_id', 'like', `${likeEscape(args.q)}%`);
      if (args.customerId) {
        q = q.where('customer_id', '=', args.customerId);
        if (args.cursor) {
          const c = decodeOrderCursor(args.cursor);
          q = q.where((eb) => eb.or([eb('ordered_at', '<', c.at), eb.and([eb('ordered_at', '=', c.at), eb('id', '<', c.id)])]));
        }
        const rows = (await q.orderBy('ordered_at', 'desc').orderBy('id', 'desc').limit(args.limit + 1).execute()).map((r) => toRow(r as Raw));
        const more = rows.length > args.limit;
        const items = more ? rows.slice(0, args.limit) : rows;
        return { items, nextCursor: more ? encodeOrderCursor(items[items.length - 1]!) : null };
      }
      const page = await keysetPage(q, 'id', args, 'desc');
      return { items: page.items.map((r) => toRow(r as Raw)), nextCursor: page.nextCursor };
    },
    /**
     * The customer's merged_into, share-locked until the transaction ends: a merge (which updates
     * the row) waits for us and we for it, while importers never block one another.
     */
    async lockCustomerShared(tenantId: string, customerId: string): Promise<{ mergedInto: string | null } | undefined> {
      return db.selectFrom('customers').select('merged_into as mergedInto').where('tenant_id', '=', tenantId).where('id', '=', customerId).forShare().executeTakeFirst();
    },
    async countForCustomer(tenantId: string, customerId: string): Promise<number> {
      const r = await db.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type OrdersRepo = ReturnType<typeof ordersRepo>;
