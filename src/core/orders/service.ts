import type { OrderSourceKind } from '../../contracts/orders.ts';
import type { OrderRow } from '../../storage/orders.repo.ts';
import type { OrderImportRow } from '../../storage/order-imports.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { decodeCsv, parseOrdersCsv } from './csv.ts';
import { processOrderImport, sha256 } from './imports.ts';
import { upsertOrder, type UpsertResult } from './upsert.ts';
import { mustPrepare, prepareOrder, invalidOrder, type Issue, type PreparedOrder } from './validate.ts';
import { createOrderSourceActions } from './sources.ts';

export { processOrderImport, resumeOrderImports } from './imports.ts';

export interface OrdersOptions {
  /**
   * Starts processing an import after upload. main.ts sends it to the pg-boss queue when jobs
   * run, else runs it in this process; either way processOrderImport claims the row first.
   */
  kickImport?: (tenantId: string, importId: string) => void;
}

/** At most this many orders in one webhook delivery. */
export const MAX_WEBHOOK_ORDERS = 500;

/** Orders: upsert by external id (REST, CSV, webhook), lists, imports and webhook sources. */
export function createOrdersService(d: CoreDeps, o: OrdersOptions = {}) {
  const kick = o.kickImport ?? ((tenantId: string, importId: string) => {
    void processOrderImport(d, tenantId, importId).catch(() => {});
  });

  async function upsertMany(tenantId: string, actorId: string | null, source: OrderSourceKind, sourceId: string | null, orders: PreparedOrder[]): Promise<UpsertResult[]> {
    const now = d.clock.now();
    return d.uow(async (r) => {
      const out: UpsertResult[] = [];
      for (const [i, order] of orders.entries()) {
        out.push(await upsertOrder(r, { tenantId, actorId, source, sourceId, newId: d.newId, now, path: orders.length > 1 || source === 'webhook' ? `orders.${i}` : undefined }, order));
      }
      await r.events.append(tenantId, out.flatMap((x) => x.events), now);
      if (sourceId) await r.orderSources.touch(tenantId, sourceId, now);
      return out;
    });
  }

  return {
    ...createOrderSourceActions(d),

    /** REST upsert: 400 naming each bad field, nothing stored. */
    async upsert(p: Principal, body: unknown): Promise<UpsertResult> {
      const [res] = await upsertMany(p.tenantId, p.userId, 'api', null, [mustPrepare(body)]);
      return res!;
    },

    /** Webhook body: one order, or { orders: [...] }; every order checked before any is stored. */
    async receiveWebhook(tenantId: string, sourceId: string, body: unknown): Promise<UpsertResult[]> {
      const list = body && typeof body === 'object' && Array.isArray((body as { orders?: unknown }).orders) ? (body as { orders: unknown[] }).orders : [body];
      if (list.length === 0) throw invalid('The body has no orders; send one order or { "orders": [ ... ] }', [{ path: 'orders', message: 'empty' }]);
      if (list.length > MAX_WEBHOOK_ORDERS) throw invalid(`At most ${MAX_WEBHOOK_ORDERS} orders per delivery; split them`, [{ path: 'orders', message: 'too many' }]);
      const issues: Issue[] = [];
      const prepared: PreparedOrder[] = [];
      list.forEach((raw, i) => {
        const r = prepareOrder(raw, `orders.${i}`);
        if (r.ok) prepared.push(r.order);
        else issues.push(...r.issues);
      });
      if (issues.length) throw invalidOrder(issues);
      return upsertMany(tenantId, null, 'webhook', sourceId, prepared);
    },

    async get(p: Principal, id: string): Promise<OrderRow> {
      const row = await d.repos.orders.byId(p.tenantId, id);
      if (!row) throw notFound('Order');
      return row;
    },

    async list(p: Principal, args: { limit: number; cursor?: string; q?: string; customerId?: string }) {
      return d.repos.orders.list(p.tenantId, args);
    },

    /** Checks and stores an uploaded CSV file; refused whole (400 with the reason) when unreadable. Processing starts right after. */
    async createImport(p: Principal, bytes: Uint8Array, filename: string | null): Promise<OrderImportRow> {
      const text = decodeCsv(bytes);
      const { rows } = parseOrdersCsv(text);
      const id = d.newId();
      const now = d.clock.now();
      await d.repos.orderImports.insert({ id, tenantId: p.tenantId, filename, content: text, contentSha256: sha256(text), totalRows: rows.length, createdBy: p.userId, at: now });
      kick(p.tenantId, id);
      return (await d.repos.orderImports.byId(p.tenantId, id))!;
    },

    async getImport(p: Principal, id: string): Promise<OrderImportRow> {
      const row = await d.repos.orderImports.byId(p.tenantId, id);
      if (!row) throw notFound('Import');
      return row;
    },

    listImports: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.orderImports.list(p.tenantId, args),
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
