import { AppError, isAppError, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import type { Repos } from '../../storage/repos.ts';
import type { CustomerPatch, CustomerRow, IdentityRow } from '../../storage/customers.repo.ts';
import { normalizeIdentity, type IdentityKind } from './identities.ts';
import { createMergeActions } from './merge.ts';
import { createDuplicateActions } from './duplicates.ts';

export interface CustomerView extends CustomerRow {
  identities: IdentityRow[];
}

export interface IdentityInput {
  kind: IdentityKind;
  value: string;
  verified?: boolean;
}

export interface CreateCustomerInput extends Omit<CustomerPatch, 'language' | 'timeZone' | 'company'> {
  language?: string;
  timeZone?: string;
  company?: string;
  identities?: IdentityInput[];
}

const topics = ['tenant'];

/** Looks like a phone number someone typed ("+44 20 7946 0958", "(020) 7946-0958"). */
const PHONEISH = /^\+?[\d\s().-]{6,}$/;

/**
 * Normalizes every identity; one `invalid` error listing each bad one (by its index), so a
 * request either stores all of them or none. Repeats of one identity collapse into one.
 */
export function normalizeIdentities(
  list: IdentityInput[],
  pathOf: (index: number) => string = (n) => `identities.${n}.value`,
): { kind: IdentityKind; value: string; verified: boolean }[] {
  const out = new Map<string, { kind: IdentityKind; value: string; verified: boolean }>();
  const bad: { path: string; message: string }[] = [];
  list.forEach((i, n) => {
    try {
      const value = normalizeIdentity(i.kind, i.value);
      const key = `${i.kind}\u0000${value}`;
      const seen = out.get(key);
      out.set(key, { kind: i.kind, value, verified: (seen?.verified ?? false) || (i.verified ?? false) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      bad.push({ path: pathOf(n), message: e.message });
    }
  });
  if (bad.length === 1) throw new AppError('invalid', bad[0]!.message, bad);
  if (bad.length > 1) throw new AppError('invalid', `${bad.length} identities are not valid: ${bad.map((b) => b.message).join('; ')}`, bad);
  return [...out.values()];
}

export function createCustomersService(d: CoreDeps) {
  const ownedElsewhere = (kind: IdentityKind, value: string, owner: CustomerRow | undefined, ownerId: string, path: string) =>
    new AppError(
      'conflict',
      `The ${kind} identity ${value} already belongs to ${owner?.name ? `customer "${owner.name}"` : 'another customer'} (${ownerId}); open that customer instead, or remove the identity there first`,
      [{ path, message: 'already belongs to another customer', customerId: ownerId }],
    );

  async function withIdentities(repos: Repos, tenantId: string, rows: CustomerRow[]): Promise<CustomerView[]> {
    const idents = await repos.customers.identities(tenantId, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, identities: idents.filter((i) => i.customerId === r.id) }));
  }

  async function mustGet(repos: Repos, tenantId: string, id: string): Promise<CustomerView> {
    const c = await repos.customers.byId(tenantId, id);
    if (!c) throw notFound('Customer');
    return (await withIdentities(repos, tenantId, [c]))[0]!;
  }

  /** The digits of a search text that looks like a phone number typed any way, to match stored E.164 numbers. */
  const phoneDigits = (q: string) => {
    const digits = PHONEISH.test(q) ? q.replace(/\D/g, '') : '';
    return digits.length >= 4 ? digits : undefined;
  };

  return {
    ...createMergeActions(d),
    ...createDuplicateActions(d),

    /** Name and first identity of each customer, for lists that show who (one query each, any number of ids). */
    async summaries(p: Principal, ids: string[]): Promise<Map<string, { id: string; name: string; identity: string | null }>> {
      const unique = [...new Set(ids)];
      const out = new Map<string, { id: string; name: string; identity: string | null }>();
      if (unique.length === 0) return out;
      const rows = await d.repos.customers.byIds(p.tenantId, unique);
      const identities = await d.repos.customers.identities(p.tenantId, unique);
      for (const c of rows) out.set(c.id, { id: c.id, name: c.name, identity: identities.find((i) => i.customerId === c.id)?.value ?? null });
      return out;
    },

    async list(p: Principal, args: { limit: number; cursor?: string; q?: string; tag?: string }) {
      const page = await d.repos.customers.list(p.tenantId, { ...args, phoneDigits: args.q ? phoneDigits(args.q) : undefined });
      return { items: await withIdentities(d.repos, p.tenantId, page.items), nextCursor: page.nextCursor };
    },

    get: (p: Principal, id: string) => mustGet(d.repos, p.tenantId, id),

    async create(p: Principal, input: CreateCustomerInput): Promise<CustomerView> {
      const identities = normalizeIdentities(input.identities ?? []);
      const id = d.newId();
      const now = d.clock.now();
      return d.uow(async (r) => {
        for (const [n, i] of identities.entries()) {
          const owner = await r.customers.identityOwner(p.tenantId, i.kind, i.value);
          if (owner) throw ownedElsewhere(i.kind, i.value, await r.customers.byId(p.tenantId, owner), owner, `identities.${n}.value`);
        }
        const { identities: _drop, ...fields } = input;
        await r.customers.insert({ id, tenantId: p.tenantId, ...fields, at: now });
        for (const [n, i] of identities.entries()) {
          if (!(await r.customers.addIdentity({ id: d.newId(), tenantId: p.tenantId, customerId: id, ...i, at: now }))) {
            // Taken by a concurrent request since the check above; nothing of ours is kept.
            const owner = (await r.customers.identityOwner(p.tenantId, i.kind, i.value)) ?? 'unknown';
            throw ownedElsewhere(i.kind, i.value, undefined, owner, `identities.${n}.value`);
          }
        }
        const payload = { ...fields, identities: identities.map(({ kind, value }) => ({ kind, value })) };
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'customer.created', aggregateType: 'customer', aggregateId: id, actorId: p.userId, topics, payload })], now);
        return mustGet(r, p.tenantId, id);
      });
    },

    async update(p: Principal, id: string, patch: CustomerPatch): Promise<CustomerView> {
      const now = d.clock.now();
      return d.uow(async (r) => {
        const before = await r.customers.byId(p.tenantId, id);
        if (!before) throw notFound('Customer');
        const changes: CustomerPatch = { ...patch };
        if (patch.consent) changes.consent = { ...before.consent, ...patch.consent };
        if (Object.keys(patch).length > 0) {
          await r.customers.update(p.tenantId, id, changes, now);
          await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'customer.updated', aggregateType: 'customer', aggregateId: id, actorId: p.userId, topics, payload: { ...patch } })], now);
        }
        return mustGet(r, p.tenantId, id);
      });
    },

    /** Adds an identity; `added` is false when the customer already had it (nothing changes). */
    async addIdentity(p: Principal, id: string, input: IdentityInput): Promise<{ customer: CustomerView; added: boolean }> {
      const [i] = normalizeIdentities([input], () => 'value');
      const { kind, value, verified } = i!;
      const now = d.clock.now();
      return d.uow(async (r) => {
        const target = await r.customers.byId(p.tenantId, id);
        if (!target) throw notFound('Customer');
        if (target.mergedInto) throw new AppError('conflict', `Customer ${id} was merged into ${target.mergedInto}; add the identity to that customer instead`);
        const check = async () => {
          const owner = await r.customers.identityOwner(p.tenantId, kind, value);
          if (owner && owner !== id) throw ownedElsewhere(kind, value, await r.customers.byId(p.tenantId, owner), owner, 'value');
          return owner === id;
        };
        if (await check()) return { customer: await mustGet(r, p.tenantId, id), added: false };
        const identityId = d.newId();
        if (!(await r.customers.addIdentity({ id: identityId, tenantId: p.tenantId, customerId: id, kind, value, verified, at: now }))) {
          await check();
          return { customer: await mustGet(r, p.tenantId, id), added: false };
        }
        await r.customers.update(p.tenantId, id, {}, now);
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'customer.identity_added', aggregateType: 'customer', aggregateId: id, actorId: p.userId, topics, payload: { identityId, kind, value, verified } })],
          now,
        );
        return { customer: await mustGet(r, p.tenantId, id), added: true };
      });
    },

    async removeIdentity(p: Principal, id: string, identityId: string): Promise<CustomerView> {
      const now = d.clock.now();
      return d.uow(async (r) => {
        if (!(await r.customers.byId(p.tenantId, id))) throw notFound('Customer');
        const gone = await r.customers.removeIdentity(p.tenantId, id, identityId);
        if (!gone) throw notFound('Identity');
        await r.customers.update(p.tenantId, id, {}, now);
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'customer.identity_removed', aggregateType: 'customer', aggregateId: id, actorId: p.userId, topics, payload: { identityId, kind: gone.kind, value: gone.value } })],
          now,
        );
        return mustGet(r, p.tenantId, id);
      });
    },
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;
