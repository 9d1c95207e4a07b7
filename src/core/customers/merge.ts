import { isDeepStrictEqual } from 'node:util';
import { AppError, invalid, notFound } from '../errors.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { writeAudit } from '../audit.ts';
import type { Repos } from '../../storage/repos.ts';
import type { CustomerPatch, CustomerRow } from '../../storage/customers.repo.ts';
import type { MergeRow, MovedCounts } from '../../storage/customer-merges.repo.ts';
import type { CustomerView } from './service.ts';

/** What a merge gave the survivor from the source: empty fields filled, tags and attribute keys added. */
export interface MergeFilled {
  name?: string;
  company?: string;
  language?: string;
  timeZone?: string;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

export interface MergeView extends Omit<MergeRow, 'filled'> {
  filled: MergeFilled;
  moved: MovedCounts;
}

const scalarFields = ['name', 'company', 'language', 'timeZone'] as const;
type ScalarField = (typeof scalarFields)[number];
const empty = (v: string | null) => v === null || v.trim() === '';
const topics = ['tenant'];

/** The survivor's changes a merge makes, and the record of them (pure). */
export function mergeFields(survivor: CustomerRow, source: CustomerRow): { patch: CustomerPatch; filled: MergeFilled } {
  const patch: CustomerPatch = {};
  const filled: MergeFilled = {};
  for (const f of scalarFields) {
    const v = source[f];
    if (empty(survivor[f]) && v !== null && !empty(v)) {
      patch[f] = v;
      filled[f] = v;
    }
  }
  const newTags = source.tags.filter((t) => !survivor.tags.includes(t));
  if (newTags.length > 0) {
    patch.tags = [...survivor.tags, ...newTags];
    filled.tags = newTags;
  }
  const newAttrs = Object.fromEntries(Object.entries(source.attributes).filter(([k]) => !(k in survivor.attributes)));
  if (Object.keys(newAttrs).length > 0) {
    patch.attributes = { ...survivor.attributes, ...newAttrs };
    filled.attributes = newAttrs;
  }
  return { patch, filled };
}

/**
 * What undoing a merge changes on the survivor (pure): each filled field still holding the value
 * the merge set is emptied again; a field changed since is kept and named in `kept`.
 */
export function unmergeFields(survivor: CustomerRow, filled: MergeFilled): { patch: CustomerPatch; restored: string[]; kept: string[] } {
  const patch: CustomerPatch = {};
  const restored: string[] = [];
  const kept: string[] = [];
  for (const f of scalarFields) {
    if (filled[f] === undefined) continue;
    if (survivor[f] === filled[f]) {
      if (f === 'name') patch.name = '';
      else patch[f as Exclude<ScalarField, 'name'>] = null;
      restored.push(f);
    } else kept.push(f);
  }
  if (filled.tags?.length) {
    const drop = filled.tags.filter((t) => survivor.tags.includes(t));
    if (drop.length) {
      patch.tags = survivor.tags.filter((t) => !drop.includes(t));
      restored.push(...drop.map((t) => `tags.${t}`));
    }
    kept.push(...filled.tags.filter((t) => !drop.includes(t)).map((t) => `tags.${t}`));
  }
  if (filled.attributes) {
    const attrs = { ...survivor.attributes };
    let changed = false;
    for (const [k, v] of Object.entries(filled.attributes)) {
      if (k in attrs && isDeepStrictEqual(attrs[k], v)) {
        delete attrs[k];
        changed = true;
        restored.push(`attributes.${k}`);
      } else kept.push(`attributes.${k}`);
    }
    if (changed) patch.attributes = attrs;
  }
  return { patch, restored, kept };
}

export function createMergeActions(d: CoreDeps) {
  async function view(repos: Repos, tenantId: string, id: string): Promise<CustomerView> {
    const c = await repos.customers.byId(tenantId, id);
    if (!c) throw notFound('Customer');
    return { ...c, identities: await repos.customers.identities(tenantId, [id]) };
  }

  async function mergeViews(repos: Repos, tenantId: string, rows: MergeRow[]): Promise<MergeView[]> {
    const counts = await repos.customerMerges.movedCounts(tenantId, rows.map((m) => m.id));
    return rows.map((m) => ({ ...m, filled: m.filled as MergeFilled, moved: counts.get(m.id)! }));
  }

  const customerNotFound = (role: 'survivor' | 'source', id: string) =>
    new AppError('not_found', `The ${role} customer ${id} was not found; check the id and that it belongs to your workspace`, [{ path: role === 'source' ? 'sourceId' : 'id', message: 'not found' }]);

  return {
    /** Merges `sourceId` into `survivorId` in one transaction; see docs/decisions/003-customer-merge.md. */
    async merge(p: Principal, survivorId: string, sourceId: string, meta: RequestMeta): Promise<{ merge: MergeView; survivor: CustomerView }> {
      if (survivorId === sourceId) throw invalid('A customer cannot be merged into itself; pick the duplicate customer as sourceId', [{ path: 'sourceId', message: 'same as the survivor' }]);
      const now = d.clock.now();
      const mergeId = d.newId();
      return d.uow(async (r) => {
        const locked = await r.customerMerges.lockCustomers(p.tenantId, [survivorId, sourceId]);
        const survivor = locked.find((c) => c.id === survivorId);
        const source = locked.find((c) => c.id === sourceId);
        if (!survivor) throw customerNotFound('survivor', survivorId);
        if (!source) throw customerNotFound('source', sourceId);
        if (survivor.mergedInto) {
          throw new AppError('conflict', `Customer ${survivorId} was itself merged into ${survivor.mergedInto}; merge into that customer instead`, [{ path: 'id', message: 'already merged', customerId: survivor.mergedInto }]);
        }
        if (source.mergedInto) {
          throw new AppError('conflict', `Customer ${sourceId} was already merged into ${source.mergedInto}; undo that merge first to merge it elsewhere`, [{ path: 'sourceId', message: 'already merged', customerId: source.mergedInto }]);
        }
        const { patch, filled } = mergeFields(survivor, source);
        await r.customerMerges.insert({ id: mergeId, tenantId: p.tenantId, survivorId, sourceId, filled: filled as Record<string, unknown>, mergedBy: p.userId, at: now });
        const moved = await r.customerMerges.moveAll(p.tenantId, mergeId, sourceId, survivorId);
        await r.customers.update(p.tenantId, survivorId, patch, now);
        await r.customerMerges.setMergedInto(p.tenantId, sourceId, survivorId, now);
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId, actorId: p.userId, action: 'customer.merged', targetType: 'customer', targetId: survivorId, ip: meta.ip,
          details: { mergeId, sourceId, moved },
        });
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'customer.merged', aggregateType: 'customer', aggregateId: survivorId, actorId: p.userId, topics, payload: { mergeId, survivorId, sourceId, moved, filled } })],
          now,
        );
        const [m] = await mergeViews(r, p.tenantId, [(await r.customerMerges.byId(p.tenantId, mergeId))!]);
        return { merge: m!, survivor: await view(r, p.tenantId, survivorId) };
      });
    },

    /**
     * Undoes a merge: the rows it recorded move back to the source (rows added to the survivor
     * since stay), the source is listed again, and the survivor's filled fields are emptied again
     * unless changed since.
     */
    async undoMerge(p: Principal, mergeId: string, meta: RequestMeta): Promise<{ merge: MergeView; survivor: CustomerView; source: CustomerView; restored: string[]; kept: string[] }> {
      const now = d.clock.now();
      return d.uow(async (r) => {
        const m = await r.customerMerges.byId(p.tenantId, mergeId, true);
        if (!m) throw notFound('Merge');
        if (m.undoneAt) throw new AppError('conflict', `This merge was already undone at ${m.undoneAt.toISOString()}; there is nothing left to undo`);
        const locked = await r.customerMerges.lockCustomers(p.tenantId, [m.survivorId, m.sourceId]);
        const survivor = locked.find((c) => c.id === m.survivorId);
        const source = locked.find((c) => c.id === m.sourceId);
        if (!survivor || !source) throw notFound('Customer of this merge');
        if (survivor.mergedInto) {
          const later = await r.customerMerges.liveBySource(p.tenantId, survivor.id);
          throw new AppError('conflict', `The survivor ${survivor.id} was merged into ${survivor.mergedInto} since; undo that merge${later ? ` (${later.id})` : ''} first`, [{ path: 'mergeId', message: 'survivor merged since', mergeId: later?.id }]);
        }
        const movedBack = await r.customerMerges.moveBack(p.tenantId, mergeId, survivor.id, source.id);
        const { patch, restored, kept } = unmergeFields(survivor, m.filled as MergeFilled);
        await r.customers.update(p.tenantId, survivor.id, patch, now);
        await r.customerMerges.setMergedInto(p.tenantId, source.id, null, now);
        await r.customerMerges.markUndone(p.tenantId, mergeId, p.userId, now);
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId, actorId: p.userId, action: 'customer.unmerged', targetType: 'customer', targetId: survivor.id, ip: meta.ip,
          details: { mergeId, sourceId: source.id, movedBack, restored, kept },
        });
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'customer.unmerged', aggregateType: 'customer', aggregateId: survivor.id, actorId: p.userId, topics, payload: { mergeId, survivorId: survivor.id, sourceId: source.id, movedBack, restored, kept } })],
          now,
        );
        const [mv] = await mergeViews(r, p.tenantId, [(await r.customerMerges.byId(p.tenantId, mergeId))!]);
        return { merge: mv!, survivor: await view(r, p.tenantId, survivor.id), source: await view(r, p.tenantId, source.id), restored, kept };
      });
    },

    /** Merges into a customer, newest first, undone ones included. */
    async merges(p: Principal, id: string, args: { limit: number; cursor?: string }) {
      if (!(await d.repos.customers.byId(p.tenantId, id))) throw notFound('Customer');
      const page = await d.repos.customerMerges.listForSurvivor(p.tenantId, id, args);
      return { items: await mergeViews(d.repos, p.tenantId, page.items), nextCursor: page.nextCursor };
    },
  };
}
