import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';
import type { IdentityKind } from './schema.ts';

export interface CustomerRow {
  id: string;
  tenantId: string;
  name: string;
  language: string | null;
  timeZone: string | null;
  company: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  consent: Record<string, unknown>;
  mergedInto: string | null;
  /** When the personal data was erased; the row stays, anonymized. */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityRow {
  id: string;
  customerId: string;
  kind: IdentityKind;
  value: string;
  verified: boolean;
  createdAt: Date;
}

export const customerCols = [
  'customers.id',
  'customers.tenant_id as tenantId',
  'customers.name',
  'customers.language',
  'customers.time_zone as timeZone',
  'customers.company',
  'customers.tags',
  'customers.attributes',
  'customers.consent',
  'customers.merged_into as mergedInto',
  'customers.erased_at as erasedAt',
  'customers.created_at as createdAt',
  'customers.updated_at as updatedAt',
] as const;

const identityCols = ['id', 'customer_id as customerId', 'kind', 'value', 'verified', 'created_at as createdAt'] as const;

export interface CustomerPatch {
  name?: string;
  language?: string | null;
  timeZone?: string | null;
  company?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
  consent?: Record<string, unknown>;
}

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function customersRepo(db: Executor) {
  return {
    async insert(c: { id: string; tenantId: string; name?: string; language?: string | null; timeZone?: string | null; company?: string | null; tags?: string[]; attributes?: Record<string, unknown>; consent?: Record<string, unknown>; at: Date }) {
      await db
        .insertInto('customers')
        .values({
          id: c.id,
          tenant_id: c.tenantId,
          name: c.name ?? '',
          language: c.language ?? null,
          time_zone: c.timeZone ?? null,
          company: c.company ?? null,
          tags: c.tags ?? [],
          attributes: JSON.stringify(c.attributes ?? {}),
          consent: JSON.stringify(c.consent ?? {}),
          merged_into: null,
          created_at: c.at,
          updated_at: c.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<CustomerRow | undefined> {
      return db.selectFrom('customers').select(customerCols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    /**
     * Customers not merged into another, newest first. `q` matches name, company or any identity
     * value (substring, case-insensitive); `phoneDigits` also matches phone and WhatsApp numbers
     * containing those digits (a number typed with spaces, brackets or dashes).
     */
    async list(tenantId: string, args: PageArgs & { q?: string; phoneDigits?: string; tag?: string }): Promise<Page<CustomerRow>> {
      let q = db.selectFrom('customers').select(customerCols).where('customers.tenant_id', '=', tenantId).where('customers.merged_into', 'is', null);
      if (args.tag) q = q.where(sql<boolean>`${args.tag} = any(customers.tags)`);
      if (args.q) {
        const like = likeEscape(args.q);
        q = q.where((eb) => {
          const idents = eb
            .selectFrom('customer_identities as i')
            .select('i.id')
            .whereRef('i.tenant_id', '=', 'customers.tenant_id')
            .whereRef('i.customer_id', '=', 'customers.id');
          return eb.or([
            eb('customers.name', 'ilike', like),
            eb('customers.company', 'ilike', like),
            eb.exists(idents.where('i.value', 'ilike', like)),
            ...(args.phoneDigits ? [eb.exists(idents.where('i.kind', 'in', ['phone', 'whatsapp']).where('i.value', 'like', `%${args.phoneDigits}%`))] : []),
          ]);
        });
      }
      return keysetPage(q, 'customers.id', args, 'desc');
    },
    async update(tenantId: string, id: string, patch: CustomerPatch, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('customers')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.language !== undefined ? { language: patch.language } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(patch.company !== undefined ? { company: patch.company } : {}),
          ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
          ...(patch.attributes !== undefined ? { attributes: JSON.stringify(patch.attributes) } : {}),
          ...(patch.consent !== undefined ? { consent: JSON.stringify(patch.consent) } : {}),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Removes one identity of a customer; returns it, or undefined when the customer has no such identity. */
    async removeIdentity(tenantId: string, customerId: string, identityId: string): Promise<IdentityRow | undefined> {
      return db
        .deleteFrom('customer_identities')
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('id', '=', identityId)
        .returning(identityCols)
        .executeTakeFirst();
    },
    async byIds(tenantId: string, ids: string[]): Promise<CustomerRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('customers').select(customerCols).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    },
    async identities(tenantId: string, customerIds: string[]): Promise<IdentityRow[]> {
      if (customerIds.length === 0) return [];
      return db
        .selectFrom('customer_identities')
        .select(identityCols)
        .where('tenant_id', '=', tenantId)
        .where('customer_id', 'in', customerIds)
        .orderBy('kind')
        .orderBy('value')
        .execute();
    },
    async identityOwner(tenantId: string, kind: IdentityKind, value: string): Promise<string | undefined> {
      const r = await db
        .selectFrom('customer_identities')
        .select('customer_id')
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst();
      return r?.customer_id;
    },
    /** Adds an identity; false when that identity already belongs to someone (this customer or another). */
    async addIdentity(i: { id: string; tenantId: string; customerId: string; kind: IdentityKind; value: string; verified: boolean; at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('customer_identities')
        .values({ id: i.id, tenant_id: i.tenantId, customer_id: i.customerId, kind: i.kind, value: i.value, verified: i.verified, created_at: i.at })
        .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'value']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /**
     * The customer owning an identity, created (with that identity) when none does. Safe when two
     * requests race for the same new identity: one customer results, both get its id. Must run
     * inside a transaction.
     */
    async resolveIdentity(
      tenantId: string,
      identity: { kind: IdentityKind; value: string; verified?: boolean },
      create: { newId: () => string; name?: string; language?: string | null; at: Date },
    ): Promise<{ customerId: string; created: boolean }> {
      const existing = await this.identityOwner(tenantId, identity.kind, identity.value);
      if (existing) return { customerId: existing, created: false };
      const customerId = create.newId();
      await this.insert({ id: customerId, tenantId, name: create.name, language: create.language, at: create.at });
      const added = await this.addIdentity({ id: create.newId(), tenantId, customerId, kind: identity.kind, value: identity.value, verified: identity.verified ?? false, at: create.at });
      if (added) return { customerId, created: true };
      // Another request created it between our look-up and insert: use theirs, drop ours.
      await db.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', customerId).execute();
      const winner = await this.identityOwner(tenantId, identity.kind, identity.value);
      if (!winner) throw new Error('identity vanished while resolving it');
      return { customerId: winner, created: false };
    },
  };
}
export type CustomersRepo = ReturnType<typeof customersRepo>;
