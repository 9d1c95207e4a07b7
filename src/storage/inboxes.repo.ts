import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';
import type { Channel } from './schema.ts';

export interface InboxRow {
  id: string;
  tenantId: string;
  name: string;
  channel: Channel;
  reopenWindowMs: number;
  settings: Record<string, unknown>;
  createdAt: Date;
}

const cols = ['id', 'tenant_id as tenantId', 'name', 'channel', 'reopen_window_ms as reopenWindowMs', 'settings', 'created_at as createdAt'] as const;
// bigint comes back as a string from node-postgres.
const fix = (r: InboxRow): InboxRow => ({ ...r, reopenWindowMs: Number(r.reopenWindowMs) });

export function inboxesRepo(db: Executor) {
  return {
    async insert(i: { id: string; tenantId: string; name: string; channel: Channel; reopenWindowMs: number; settings: Record<string, unknown>; at: Date }): Promise<void> {
      await db
        .insertInto('inboxes')
        .values({ id: i.id, tenant_id: i.tenantId, name: i.name, channel: i.channel, reopen_window_ms: i.reopenWindowMs, settings: JSON.stringify(i.settings), created_at: i.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<InboxRow | undefined> {
      const r = await db.selectFrom('inboxes').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && fix(r);
    },
    async byName(tenantId: string, name: string): Promise<{ id: string } | undefined> {
      return db.selectFrom('inboxes').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs): Promise<Page<InboxRow>> {
      const page = await keysetPage(db.selectFrom('inboxes').select(cols).where('tenant_id', '=', tenantId), 'id', args);
      return { items: page.items.map(fix), nextCursor: page.nextCursor };
    },
    async update(tenantId: string, id: string, patch: { name?: string; reopenWindowMs?: number; settings?: Record<string, unknown> }): Promise<boolean> {
      const set: { name?: string; reopen_window_ms?: number; settings?: string } = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.reopenWindowMs !== undefined) set.reopen_window_ms = patch.reopenWindowMs;
      if (patch.settings !== undefined) set.settings = JSON.stringify(patch.settings);
      if (Object.keys(set).length === 0) return (await this.byId(tenantId, id)) !== undefined;
      const r = await db.updateTable('inboxes').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type InboxesRepo = ReturnType<typeof inboxesRepo>;
