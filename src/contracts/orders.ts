import { z } from 'zod';
import { listQuery, uuid } from './common.ts';

/** What an order can be; docs/decisions/006-orders.md. */
export const orderStatuses = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderSourceKinds = ['api', 'csv', 'webhook'] as const;
export type OrderSourceKind = (typeof orderSourceKinds)[number];

/** numeric(14,2): at most 12 digits before the point. */
export const MAX_ORDER_TOTAL = 999_999_999_999.99;
export const MAX_ORDER_ITEMS = 500;

const isoCurrencies = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);

/** A money amount: a number or a decimal string, ≥ 0, at most 2 decimals. Normalized to "12.30". */
const amount = (what: string) =>
  z.union([z.number(), z.string().trim()], { error: `${what} must be a number like 12.50` }).transform((v, ctx) => {
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'x') : v;
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a number like 12.50` });
      return z.NEVER;
    }
    const n = Number(s);
    if (n < 0) {
      ctx.addIssue({ code: 'custom', message: `${what} must be 0 or more` });
      return z.NEVER;
    }
    if (!/^\d+(\.\d{1,2})?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `${what} may have at most 2 decimals` });
      return z.NEVER;
    }
    if (n > MAX_ORDER_TOTAL) {
      ctx.addIssue({ code: 'custom', message: `${what} must be at most ${MAX_ORDER_TOTAL}` });
      return z.NEVER;
    }
    return n.toFixed(2);
  });

export const orderItem = z.object({
  sku: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1, 'name is required').max(300),
  quantity: z.number({ error: 'quantity must be a number' }).positive('quantity must be more than 0').max(1_000_000),
  unitPrice: z.number({ error: 'unitPrice must be a number' }).min(0, 'unitPrice must be 0 or more').max(MAX_ORDER_TOTAL),
});
export type OrderItem = z.infer<typeof orderItem>;

/** Who bought: one identity of the customer (found or created), and a name for a new customer. */
export const orderCustomerRef = z
  .object({
    email: z.string().trim().min(1).max(320).optional(),
    phone: z.string().trim().min(1).max(64).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    name: z.string().trim().max(200).optional(),
  })
  .refine((c) => !!(c.email || c.phone || c.externalId), { message: 'give the customer as email, phone or externalId' });
export type OrderCustomerRef = z.infer<typeof orderCustomerRef>;

/** One order as sent by REST, CSV (after mapping the columns) or webhook; upserted on externalId. */
export const orderInput = z
  .object({
    externalId: z.string({ error: 'externalId is required' }).trim().min(1, 'externalId is required').max(200),
    orderedAt: z.string({ error: 'orderedAt is required' }).trim().refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'orderedAt must be a date like 2025-03-01 or 2025-03-01T14:30:00Z',
    }),
    status: z.enum(orderStatuses, { error: `status must be one of ${orderStatuses.join(', ')}` }).default('paid'),
    currency: z.string({ error: 'currency is required' }).refine((c) => /^[A-Z]{3}$/.test(c) && (isoCurrencies.size === 0 || isoCurrencies.has(c)), {
      message: 'currency must be an ISO 4217 code in capitals, like EUR or GBP',
    }),
    total: amount('total'),
    items: z.array(orderItem).max(MAX_ORDER_ITEMS).default([]),
    customerId: uuid.optional(),
    customer: orderCustomerRef.optional(),
  })
  // `when`: checked even when other fields fail, so one answer names every problem.
  .refine((o) => !!(o?.customerId || o?.customer), { message: 'give customerId or customer { email | phone | externalId }', path: ['customer'], when: () => true });
export type OrderInput = z.input<typeof orderInput>;
export type ValidOrder = z.output<typeof orderInput>;

export const order = z.object({
  id: uuid,
  externalId: z.string(),
  customerId: uuid,
  orderedAt: z.iso.datetime(),
  status: z.enum(orderStatuses),
  currency: z.string(),
  /** A decimal string with 2 decimals, e.g. "12.30". */
  total: z.string(),
  items: z.array(orderItem),
  source: z.enum(orderSourceKinds),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Order = z.infer<typeof order>;

export const upsertOutcomes = ['created', 'updated', 'unchanged'] as const;
export type UpsertOutcome = (typeof upsertOutcomes)[number];

export const upsertOrderResponse = order.extend({ outcome: z.enum(upsertOutcomes) });

export const listOrdersQuery = listQuery.extend({ customerId: uuid.optional() });

// CSV imports.
export const orderImportStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type OrderImportStatus = (typeof orderImportStatuses)[number];
export const importReportEntry = z.object({ line: z.number().int(), externalId: z.string().optional(), reason: z.string() });
export type ImportReportEntry = z.infer<typeof importReportEntry>;

export const orderImport = z.object({
  id: uuid,
  status: z.enum(orderImportStatuses),
  filename: z.string().nullable(),
  totalRows: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  rejected: z.number().int(),
  report: z.array(importReportEntry),
  error: z.string().nullable(),
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type OrderImport = z.infer<typeof orderImport>;
/** The list leaves the report out (it can be long). */
export const orderImportSummary = orderImport.omit({ report: true });
export type OrderImportSummary = z.infer<typeof orderImportSummary>;
export const orderImportQuery = z.object({ filename: z.string().trim().max(200).optional() });

/** The websocket event payload on `user:<uploader>` after each chunk. */
export interface OrderImportProgress {
  importId: string;
  status: OrderImportStatus;
  totalRows: number;
  processed: number;
  imported: number;
  rejected: number;
}

// Webhook sources.
export const orderSource = z.object({
  id: uuid,
  name: z.string(),
  webhookPath: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
});
export type OrderSource = z.infer<typeof orderSource>;
/** Only the create and rotate answers carry the secret; it is never shown again. */
export const orderSourceWithSecret = orderSource.extend({ secret: z.string() });
export type OrderSourceWithSecret = z.infer<typeof orderSourceWithSecret>;
export const createOrderSourceBody = z.object({ name: z.string().trim().min(1, 'name is required').max(100) });
export const sourceParams = z.object({ sourceId: uuid });

export const webhookResult = z.object({
  results: z.array(z.object({ externalId: z.string(), id: uuid, outcome: z.enum(upsertOutcomes) })),
});
