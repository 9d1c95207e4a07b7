import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface CannedResponseRow {
  id: string;
  tenantId: string;
  shortcut: string;
  title: string;
  body: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export type CannedWrite = Pick<CannedResponseRow, 'shortcut' | 'title' | 'body'>;

const cols = ['id', 'tenant_id as tenantId', 'shortcut', 'title', 'body', 'created_by as createdBy', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Canned responses of a workspace; every query scoped by tenant. */
export function cannedResponsesRepo(db: Executor) {
  return {
    async insert(c: CannedWrite & { id: string; tenantId: string; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('canned_responses')
        .values({ id: c.id, tenant_id: c.tenantId, shortcut: c.shortcut, title: c.title, body: c.body, created_by: c.createdBy, created_at: c.at, updated_at: c.at })
        .execute();
    },
    byId: (tenantId: string, id: string): Promise<CannedResponseRow | undefined> =>
      db.selectFrom('canned_responses').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    byShortcut: (tenantId: string, shortcut: string): Promise<CannedResponseRow | undefined> =>
      db.selectFrom('canned_responses').select(cols).where('tenant_id', '=', tenantId).where('shortcut', '=', shortcut).executeTakeFirst(),
    /** Oldest first; q matches the shortcut, title or body. */
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<CannedResponseRow>> {
      let q = db.selectFrom('canned_responses').select(cols).where('tenant_id', '=', tenantId);
      if (args.q) {
        const like = `%${likeEscape(args.q)}%`;
        q = q.where((eb) => eb.or([eb('shortcut', 'ilike', like), eb('title', 'ilike', like), eb('body', 'ilike', like)]));
      }
      return keysetPage(q, 'id', args, 'asc');
    },
    async update(tenantId: string, id: string, p: Partial<CannedWrite>, at: Date): Promise<void> {
      await db
        .updateTable('canned_responses')
        .set({ ...(p.shortcut !== undefined && { shortcut: p.shortcut }), ...(p.title !== undefined && { title: p.title }), ...(p.body !== undefined && { body: p.body }), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('canned_responses').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type CannedResponsesRepo = ReturnType<typeof cannedResponsesRepo>;
