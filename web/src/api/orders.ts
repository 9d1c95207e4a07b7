import type { Page } from '../../../src/contracts/common.ts';
import type { Order, OrderImport, OrderImportProgress, OrderImportSummary } from '../../../src/contracts/orders.ts';
import { api, ApiError } from './client.ts';

export type { Order, OrderImport, OrderImportProgress, OrderImportSummary };

/** Sends a CSV file as it is (the server checks its encoding), answering like the JSON client. */
async function uploadCsv(file: File): Promise<OrderImport> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/order-imports?filename=${encodeURIComponent(file.name.slice(0, 200))}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
      body: file,
    });
  } catch (cause) {
    throw new ApiError('unavailable', cause instanceof Error ? cause.message : 'Network error', undefined, 0);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(err?.code ?? 'internal', err?.message ?? (res.statusText || `HTTP ${res.status}`), err?.details, res.status);
  }
  return data as OrderImport;
}

export const ordersApi = {
  list: (opts: { customerId?: string; q?: string; cursor?: string | null; limit?: number } = {}) =>
    api.get<Page<Order>>('/api/v1/orders', { customerId: opts.customerId, q: opts.q, cursor: opts.cursor ?? undefined, limit: opts.limit ?? 20 }),
  get: (id: string) => api.get<Order>(`/api/v1/orders/${id}`),
  uploadCsv,
  imports: (cursor?: string | null, q?: string) => api.get<Page<OrderImportSummary>>('/api/v1/order-imports', { cursor: cursor ?? undefined, q, limit: 20 }),
  importById: (id: string) => api.get<OrderImport>(`/api/v1/order-imports/${id}`),
};
