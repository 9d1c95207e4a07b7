import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface FlowRow {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  channelKinds: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface FlowListRow extends FlowRow {
  /** The latest published version, null before the first publish. */
  publishedVersion: number | null;
  /** The draft's version, null when there is none. */
  draftVersion: number | null;
}
export interface FlowVersionRow {
  tenantId: string;
  flowId: string;
  version: number;
  definition: unknown;
  status: 'draft' | 'published';
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}
export type FlowVersionSummary = Omit<FlowVersionRow, 'definition'>;
export type FlowWrite = Pick<FlowRow, 'name' | 'description' | 'channelKinds'>;

const flowCols = ['f.id', 'f.tenant_id as tenantId', 'f.name', 'f.description', 'f.channel_kinds as channelKinds', 'f.created_by as createdBy', 'f.created_at as createdAt', 'f.updated_at as updatedAt'] as const;
const versionCols = ['tenant_id as tenantId', 'flow_id as flowId', 'version', 'status', 'created_by as createdBy', 'created_at as createdAt', 'updated_at as updatedAt', 'published_at as publishedAt', 'published_by as publishedBy'] as const;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Flows, their versions (one draft at most; published ones are immutable) and inbox assignments. */
export function flowsRepo(db: Executor) {
  const listBase = (tenantId: string) =>
    db
      .selectFrom('flows as f')
      .select(flowCols)
      .select((eb) => [
        eb.selectFrom('flow_versions as v').select((x) => x.fn.max('v.version').as('m')).whereRef('v.tenant_id', '=', 'f.tenant_id').whereRef('v.flow_id', '=', 'f.id').where('v.status', '=', 'published').as('publishedVersion'),
        eb.selectFrom('flow_versions as v').select('v.version').whereRef('v.tenant_id', '=', 'f.tenant_id').whereRef('v.flow_id', '=', 'f.id').where('v.status', '=', 'draft').as('draftVersion'),
      ])
      .where('f.tenant_id', '=', tenantId);

  return {
    async insert(f: FlowWrite & { id: string; tenantId: string; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('flows')
        .values({ id: f.id, tenant_id: f.tenantId, name: f.name, description: f.description, channel_kinds: f.channelKinds, created_by: f.createdBy, created_at: f.at, updated_at: f.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<FlowListRow | undefined> {
      const r = await listBase(tenantId).where('f.id', '=', id).executeTakeFirst();
      return r && { ...r, publishedVersion: r.publishedVersion === null ? null : Number(r.publishedVersion), draftVersion: r.draftVersion ?? null };
    },
    byName: (tenantId: string, name: string) => db.selectFrom('flows as f').select(flowCols).where('f.tenant_id', '=', tenantId).where('f.name', '=', name).executeTakeFirst(),
    /** Oldest first; q matches the name or description. */
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<FlowListRow>> {
      let q = listBase(tenantId);
      if (args.q) {
        const like = `%${likeEscape(args.q)}%`;
        q = q.where((eb) => eb.or([eb('f.name', 'ilike', like), eb('f.description', 'ilike', like)]));
      }
      const page = await keysetPage(q, 'f.id', args, 'asc');
      return { ...page, items: page.items.map((r) => ({ ...r, publishedVersion: r.publishedVersion === null ? null : Number(r.publishedVersion), draftVersion: r.draftVersion ?? null })) };
    },
    async update(tenantId: string, id: string, p: Partial<FlowWrite>, at: Date): Promise<void> {
      await db
        .updateTable('flows')
        .set({ ...(p.name !== undefined && { name: p.name }), ...(p.description !== undefined && { description: p.description }), ...(p.channelKinds !== undefined && { channel_kinds: p.channelKinds }), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('flows').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Locks the flow row (publish and draft saves are serialized per flow). */
    async lock(tenantId: string, id: string): Promise<boolean> {
      const r = await db.selectFrom('flows').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      return !!r;
    },

    // ---- versions ----
    versions: (tenantId: string, flowId: string): Promise<FlowVersionSummary[]> =>
      db.selectFrom('flow_versions').select(versionCols).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).orderBy('version', 'desc').execute(),
    version: (tenantId: string, flowId: string, version: number): Promise<FlowVersionRow | undefined> =>
      db.selectFrom('flow_versions').select([...versionCols, 'definition']).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst(),
    draft: (tenantId: string, flowId: string): Promise<FlowVersionRow | undefined> =>
      db.selectFrom('flow_versions').select([...versionCols, 'definition']).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).where('status', '=', 'draft').executeTakeFirst(),
    latestPublished: (tenantId: string, flowId: string): Promise<FlowVersionRow | undefined> =>
      db.selectFrom('flow_versions').select([...versionCols, 'definition']).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).where('status', '=', 'published').orderBy('version', 'desc').limit(1).executeTakeFirst(),
    async maxVersion(tenantId: string, flowId: string): Promise<number> {
      const r = await db.selectFrom('flow_versions').select((eb) => eb.fn.max('version').as('m')).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).executeTakeFirst();
      return Number(r?.m ?? 0);
    },
    async insertVersion(v: { tenantId: string; flowId: string; version: number; definition: unknown; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('flow_versions')
        .values({ tenant_id: v.tenantId, flow_id: v.flowId, version: v.version, definition: JSON.stringify(v.definition), status: 'draft', created_by: v.createdBy, created_at: v.at, updated_at: v.at })
        .execute();
    },
    /** Rewrites the draft (a published row is refused by the database trigger as well). */
    async updateDraft(tenantId: string, flowId: string, version: number, definition: unknown, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('flow_versions')
        .set({ definition: JSON.stringify(definition), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('flow_id', '=', flowId)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async publishDraft(tenantId: string, flowId: string, version: number, by: string | null, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('flow_versions')
        .set({ status: 'published', published_at: at, published_by: by, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('flow_id', '=', flowId)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    // ---- inbox assignment ----
    async assignments(tenantId: string): Promise<{ inboxId: string; flowId: string; assignedAt: Date }[]> {
      return db.selectFrom('inbox_flows').select(['inbox_id as inboxId', 'flow_id as flowId', 'assigned_at as assignedAt']).where('tenant_id', '=', tenantId).orderBy('inbox_id').execute();
    },
    async flowOfInbox(tenantId: string, inboxId: string): Promise<string | undefined> {
      const r = await db.selectFrom('inbox_flows').select('flow_id').where('tenant_id', '=', tenantId).where('inbox_id', '=', inboxId).executeTakeFirst();
      return r?.flow_id;
    },
    async inboxesOf(tenantId: string, flowId: string): Promise<string[]> {
      return (await db.selectFrom('inbox_flows').select('inbox_id').where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).execute()).map((r) => r.inbox_id);
    },
    async assign(tenantId: string, inboxId: string, flowId: string | null, by: string | null, at: Date): Promise<void> {
      if (flowId === null) {
        await db.deleteFrom('inbox_flows').where('tenant_id', '=', tenantId).where('inbox_id', '=', inboxId).execute();
        return;
      }
      await db
        .insertInto('inbox_flows')
        .values({ tenant_id: tenantId, inbox_id: inboxId, flow_id: flowId, assigned_by: by, assigned_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'inbox_id']).doUpdateSet({ flow_id: flowId, assigned_by: by, assigned_at: at }))
        .execute();
    },
    /** Running sessions per flow (for the list and the delete check). */
    async activeSessions(tenantId: string, flowId: string): Promise<number> {
      const r = await db.selectFrom('flow_sessions').select(sql<string>`count(*)`.as('n')).where('tenant_id', '=', tenantId).where('flow_id', '=', flowId).where('status', '=', 'active').executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
export type FlowsRepo = ReturnType<typeof flowsRepo>;
