import type { Executor } from './executor.ts';

export interface KbCategoryRow {
  id: string;
  tenantId: string;
  parentId: string | null;
  name: string;
  /** The name in other languages, by language code. */
  names: Record<string, string>;
  description: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface KbCategoryWrite {
  parentId: string | null;
  name: string;
  names: Record<string, string>;
  description: string;
  position: number;
}

const cols = ['id', 'tenant_id as tenantId', 'parent_id as parentId', 'name', 'names', 'description', 'position', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const toRow = (r: Omit<KbCategoryRow, 'names' | 'position'> & { names: unknown; position: number | string }): KbCategoryRow => ({ ...r, names: (r.names ?? {}) as Record<string, string>, position: Number(r.position) });

/** The knowledge base's category tree; every query scoped by tenant. */
export function kbCategoriesRepo(db: Executor) {
  return {
    async insert(c: KbCategoryWrite & { id: string; tenantId: string; at: Date }): Promise<void> {
      await db
        .insertInto('kb_categories')
        .values({ id: c.id, tenant_id: c.tenantId, parent_id: c.parentId, name: c.name, names: JSON.stringify(c.names), description: c.description, position: c.position, created_at: c.at, updated_at: c.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<KbCategoryRow | undefined> {
      const r = await db.selectFrom('kb_categories').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    /** The whole tree of a workspace, parents before children is not promised: by position, then name. */
    async all(tenantId: string): Promise<KbCategoryRow[]> {
      const rows = await db.selectFrom('kb_categories').select(cols).where('tenant_id', '=', tenantId).orderBy('position').orderBy('name').orderBy('id').limit(5000).execute();
      return rows.map(toRow);
    },
    async update(tenantId: string, id: string, p: Partial<KbCategoryWrite>, at: Date): Promise<void> {
      await db
        .updateTable('kb_categories')
        .set({
          ...(p.parentId !== undefined && { parent_id: p.parentId }),
          ...(p.name !== undefined && { name: p.name }),
          ...(p.names !== undefined && { names: JSON.stringify(p.names) }),
          ...(p.description !== undefined && { description: p.description }),
          ...(p.position !== undefined && { position: p.position }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async childCount(tenantId: string, id: string): Promise<{ sections: number; articles: number }> {
      const s = await db.selectFrom('kb_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('parent_id', '=', id).executeTakeFirstOrThrow();
      const a = await db.selectFrom('kb_articles').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('category_id', '=', id).executeTakeFirstOrThrow();
      return { sections: Number(s.n), articles: Number(a.n) };
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('kb_categories').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type KbCategoriesRepo = ReturnType<typeof kbCategoriesRepo>;
