import { orderInput, type ValidOrder } from '../../contracts/orders.ts';
import { AppError, isAppError } from '../errors.ts';
import { normalizeIdentity, type IdentityKind } from '../customers/identities.ts';

export interface Issue {
  path: string;
  message: string;
}

/** Who the order belongs to, normalized: a customer id, or one identity (with a name for a new customer). */
export type CustomerTarget = { customerId: string } | { identity: { kind: IdentityKind; value: string }; name?: string };

export interface PreparedOrder {
  externalId: string;
  orderedAt: Date;
  status: ValidOrder['status'];
  currency: string;
  total: string;
  items: ValidOrder['items'];
  customer: CustomerTarget;
}

const refKinds = [['email', 'email'], ['phone', 'phone'], ['externalId', 'external']] as const;

/**
 * Checks one order from any source (REST, CSV row, webhook) without touching the database:
 * every problem with the path of its field. `prefix` names where the order sits ("orders.3").
 */
export function prepareOrder(raw: unknown, prefix = ''): { ok: true; order: PreparedOrder } | { ok: false; issues: Issue[] } {
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const parsed = orderInput.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: at(i.path.join('.') || 'body'), message: i.message })) };
  }
  const o = parsed.data;
  let customer: CustomerTarget;
  if (o.customerId) customer = { customerId: o.customerId };
  else {
    const ref = o.customer!;
    const [field, kind] = refKinds.find(([f]) => ref[f])!;
    try {
      customer = { identity: { kind, value: normalizeIdentity(kind, ref[field]!) }, name: ref.name || undefined };
    } catch (e) {
      if (!isAppError(e)) throw e;
      return { ok: false, issues: [{ path: at(`customer.${field}`), message: e.message }] };
    }
  }
  return {
    ok: true,
    order: { externalId: o.externalId, orderedAt: new Date(o.orderedAt), status: o.status, currency: o.currency, total: o.total, items: o.items, customer },
  };
}

/** The 400 for failed checks: one message naming every field. */
export function invalidOrder(issues: Issue[]): AppError {
  const text = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`).join('; ');
  return new AppError('invalid', `The order is not valid: ${text}${issues.length > 10 ? ` (and ${issues.length - 10} more)` : ''}`, issues);
}

/** prepareOrder or throw the 400. */
export function mustPrepare(raw: unknown, prefix = ''): PreparedOrder {
  const r = prepareOrder(raw, prefix);
  if (!r.ok) throw invalidOrder(r.issues);
  return r.order;
}
