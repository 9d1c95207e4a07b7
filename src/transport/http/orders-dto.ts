import type { Order, OrderImport, OrderImportSummary, OrderSource } from '../../contracts/orders.ts';
import type { OrderRow } from '../../storage/orders.repo.ts';
import type { OrderImportRow } from '../../storage/order-imports.repo.ts';
import type { OrderSourceRow } from '../../storage/order-sources.repo.ts';

/** Order, import and source rows to wire shapes (never the file, the runner or a secret). */
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const orderDto = (o: OrderRow): Order => ({
  id: o.id,
  externalId: o.externalId,
  customerId: o.customerId,
  orderedAt: iso(o.orderedAt),
  status: o.status,
  currency: o.currency,
  total: o.total,
  items: o.items,
  source: o.source,
  createdAt: iso(o.createdAt),
  updatedAt: iso(o.updatedAt),
});

export const orderImportSummaryDto = (i: OrderImportRow): OrderImportSummary => ({
  id: i.id,
  status: i.status,
  filename: i.filename,
  totalRows: i.totalRows,
  processed: i.processed,
  imported: i.imported,
  rejected: i.rejected,
  error: i.error,
  createdBy: i.createdBy,
  createdAt: iso(i.createdAt),
  updatedAt: iso(i.updatedAt),
  finishedAt: isoOrNull(i.finishedAt),
});

export const orderImportDto = (i: OrderImportRow): OrderImport => ({ ...orderImportSummaryDto(i), report: i.report });

export const orderSourceDto = (s: OrderSourceRow): OrderSource => ({
  id: s.id,
  name: s.name,
  webhookPath: `/api/v1/hooks/orders/${s.id}`,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
  lastUsedAt: isoOrNull(s.lastUsedAt),
  previousSecretExpiresAt: isoOrNull(s.previousExpiresAt),
});
