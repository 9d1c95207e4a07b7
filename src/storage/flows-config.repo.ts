import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface FlowIntentRow {
  id: string;
  tenantId: string;
  name: string;
  examples: string[];
  createdAt: Date;
  updatedAt: Date;
}
export type FlowIntentWrite = Pick<FlowIntentRow, 'name' | 'examples'>;

const intentCols = ['id', 'tenant_id as tenantId', 'name', 'examples', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The tenant's flow settings: intents (with example phrases) and the hosts HTTP steps may call. */
export function flowsConfigRepo(db: Executor) {
  return {
    async insertIntent(i: FlowIntentWrite & { id: string; tenantId: string; at: Date }): Promise<void> {
      await db.insertInto('flow_intents').values({ id: i.id, tenant_id: i.tenantId, name: i.name, examples: i.examples, created_at: i.at, updated_at: i.at }).execute();
    },
    intentById: (tenantId: string, id: string): Promise<FlowIntentRow | undefined> =>
      db.selectFrom('flow_intents').select(intentCols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    intentByName: (tenantId: string, name: string): Promise<FlowIntentRow | undefined> =>
      db.selectFrom('flow_intents').select(intentCols).where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst(),
    /** Oldest first; q matches the name. */
    async listIntents(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<FlowIntentRow>> {
      let q = db.selectFrom('flow_intents').select(intentCols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where('name', 'ilike', `%${likeEscape(args.q)}%`);
      return keysetPage(q, 'id', args, 'asc');
    },
    /** Every intent (the classifier's training set); a tenant has tens, not thousands. */
    allIntents: (tenantId: string): Promise<FlowIntentRow[]> =>
      db.selectFrom('flow_intents').select(intentCols).where('tenant_id', '=', tenantId).orderBy('name').limit(1000).execute(),
    async updateIntent(tenantId: string, id: string, p: Partial<FlowIntentWrite>, at: Date): Promise<void> {
      await db
        .updateTable('flow_intents')
        .set({ ...(p.name !== undefined && { name: p.name }), ...(p.examples !== undefined && { examples: p.examples }), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async removeIntent(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('flow_intents').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async hosts(tenantId: string): Promise<string[]> {
      return (await db.selectFrom('flow_allowed_hosts').select('host').where('tenant_id', '=', tenantId).orderBy('host').execute()).map((r) => r.host);
    },
    /** Replaces the allow-list. */
    async setHosts(tenantId: string, hosts: string[], by: string | null, at: Date): Promise<void> {
      await db.deleteFrom('flow_allowed_hosts').where('tenant_id', '=', tenantId).execute();
      if (hosts.length === 0) return;
      await db.insertInto('flow_allowed_hosts').values(hosts.map((host) => ({ tenant_id: tenantId, host, created_by: by, created_at: at }))).execute();
    },
  };
}
export type FlowsConfigRepo = ReturnType<typeof flowsConfigRepo>;
