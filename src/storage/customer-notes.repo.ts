import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface CustomerNoteRow {
  id: string;
  tenantId: string;
  customerId: string;
  authorId: string | null;
  text: string;
  html: string | null;
  createdAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'customer_id as customerId', 'author_id as authorId', 'text', 'html', 'created_at as createdAt'] as const;

/** Staff notes about a customer, newest first. */
export function customerNotesRepo(db: Executor) {
  return {
    async insert(n: Omit<CustomerNoteRow, 'createdAt'> & { at: Date }): Promise<void> {
      await db
        .insertInto('customer_notes')
        .values({ id: n.id, tenant_id: n.tenantId, customer_id: n.customerId, author_id: n.authorId, text: n.text, html: n.html, created_at: n.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<CustomerNoteRow | undefined> {
      return db.selectFrom('customer_notes').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async list(tenantId: string, customerId: string, args: PageArgs): Promise<Page<CustomerNoteRow>> {
      const q = db.selectFrom('customer_notes').select(cols).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId);
      return keysetPage(q, 'id', args, 'desc');
    },
    async delete(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('customer_notes').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
