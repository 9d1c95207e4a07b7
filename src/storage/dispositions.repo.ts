import type { Executor } from './executor.ts';

export interface DispositionRow {
  id: string;
  tenantId: string;
  code: string;
  label: string;
  active: boolean;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
export type DispositionWrite = Pick<DispositionRow, 'code' | 'label' | 'active' | 'position'>;

export interface WrapUpRow {
  conversationId: string;
  dispositionCode: string | null;
  dispositionLabel: string | null;
  note: string | null;
  wrappedUpBy: string | null;
  wrappedUpAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'code', 'label', 'active', 'position', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const wrapCols = ['conversation_id as conversationId', 'disposition_code as dispositionCode', 'disposition_label as dispositionLabel', 'note', 'wrapped_up_by as wrappedUpBy', 'wrapped_up_at as wrappedUpAt'] as const;

/** Disposition codes and conversations' wrap-ups; every query scoped by tenant. */
export function dispositionsRepo(db: Executor) {
  return {
    async insert(d: DispositionWrite & { id: string; tenantId: string; at: Date }): Promise<void> {
      await db
        .insertInto('disposition_codes')
        .values({ id: d.id, tenant_id: d.tenantId, code: d.code, label: d.label, active: d.active, position: d.position, created_at: d.at, updated_at: d.at })
        .execute();
    },
    byId: (tenantId: string, id: string): Promise<DispositionRow | undefined> =>
      db.selectFrom('disposition_codes').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    byCode: (tenantId: string, code: string): Promise<DispositionRow | undefined> =>
      db.selectFrom('disposition_codes').select(cols).where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst(),
    /** In display order (position, then code). */
    async list(tenantId: string, includeInactive: boolean): Promise<DispositionRow[]> {
      let q = db.selectFrom('disposition_codes').select(cols).where('tenant_id', '=', tenantId);
      if (!includeInactive) q = q.where('active', '=', true);
      return q.orderBy('position').orderBy('code').limit(500).execute();
    },
    async update(tenantId: string, id: string, p: Partial<DispositionWrite>, at: Date): Promise<void> {
      await db
        .updateTable('disposition_codes')
        .set({
          ...(p.code !== undefined && { code: p.code }),
          ...(p.label !== undefined && { label: p.label }),
          ...(p.active !== undefined && { active: p.active }),
          ...(p.position !== undefined && { position: p.position }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('disposition_codes').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Records (or rewrites, when resolved again) how a conversation was wrapped up. */
    async putWrapUp(tenantId: string, w: WrapUpRow): Promise<void> {
      const row = {
        disposition_code: w.dispositionCode, disposition_label: w.dispositionLabel, note: w.note, wrapped_up_by: w.wrappedUpBy, wrapped_up_at: w.wrappedUpAt,
      };
      await db
        .insertInto('conversation_wrap_ups')
        .values({ tenant_id: tenantId, conversation_id: w.conversationId, ...row })
        .onConflict((oc) => oc.columns(['tenant_id', 'conversation_id']).doUpdateSet(row))
        .execute();
    },
    wrapUpOf: (tenantId: string, conversationId: string): Promise<WrapUpRow | undefined> =>
      db.selectFrom('conversation_wrap_ups').select(wrapCols).where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).executeTakeFirst(),
  };
}
export type DispositionsRepo = ReturnType<typeof dispositionsRepo>;
