import type { Page } from '../contracts/common.ts';
import type { TicketFieldType } from '../contracts/tickets.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface TicketFieldRow {
  id: string;
  tenantId: string;
  key: string;
  label: string;
  type: TicketFieldType;
  options: string[];
  required: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'key', 'label', 'type', 'options', 'required', 'created_at as createdAt', 'updated_at as updatedAt'] as const;

/** Custom ticket field definitions of a tenant. */
export function ticketFieldsRepo(db: Executor) {
  return {
    async insert(f: Omit<TicketFieldRow, 'createdAt' | 'updatedAt'> & { at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('ticket_fields')
        .values({ id: f.id, tenant_id: f.tenantId, key: f.key, label: f.label, type: f.type, options: f.options, required: f.required, created_at: f.at, updated_at: f.at })
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byId(tenantId: string, id: string): Promise<TicketFieldRow | undefined> {
      return db.selectFrom('ticket_fields').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    /** Every definition of the tenant (a tenant has tens, not thousands), by key. */
    async all(tenantId: string): Promise<TicketFieldRow[]> {
      return db.selectFrom('ticket_fields').select(cols).where('tenant_id', '=', tenantId).orderBy('key').execute();
    },
    async list(tenantId: string, args: PageArgs): Promise<Page<TicketFieldRow>> {
      return keysetPage(db.selectFrom('ticket_fields').select(cols).where('tenant_id', '=', tenantId), 'id', args, 'asc');
    },
    async update(tenantId: string, id: string, p: { label?: string; options?: string[]; required?: boolean }, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('ticket_fields')
        .set({ ...(p.label !== undefined && { label: p.label }), ...(p.options !== undefined && { options: p.options }), ...(p.required !== undefined && { required: p.required }), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async remove(tenantId: string, id: string): Promise<TicketFieldRow | undefined> {
      return db.deleteFrom('ticket_fields').where('tenant_id', '=', tenantId).where('id', '=', id).returning(cols).executeTakeFirst();
    },
  };
}
export type TicketFieldsRepo = ReturnType<typeof ticketFieldsRepo>;
