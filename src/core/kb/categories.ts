import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { KbCategoryRow, KbCategoryWrite } from '../../storage/kb-categories.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { KbWriteCtx } from './write.ts';

/** The deepest a section may sit below its top-level category. */
export const MAX_CATEGORY_DEPTH = 8;

/** Refuses a parent that is missing, the category itself, one of its own sections, or too deep. */
async function checkParent(r: Repos, tenantId: string, parentId: string | null, self?: string): Promise<void> {
  if (parentId === null) return;
  let depth = 1;
  let cur: KbCategoryRow | undefined = await r.kbCategories.byId(tenantId, parentId);
  if (!cur) throw invalid('The parent category does not exist; choose another or none', [{ path: 'parentId', message: 'not found' }]);
  while (cur) {
    if (cur.id === self) throw invalid('A category cannot be moved under itself or one of its own sections', [{ path: 'parentId', message: 'would make a loop' }]);
    if (++depth > MAX_CATEGORY_DEPTH) throw invalid(`Categories nest at most ${MAX_CATEGORY_DEPTH} deep`, [{ path: 'parentId', message: 'too deep' }]);
    cur = cur.parentId ? await r.kbCategories.byId(tenantId, cur.parentId) : undefined;
  }
}

/** The knowledge base's category → section tree (any depth, ordered by position). */
export function kbCategoryActions(d: CoreDeps) {
  const event = (p: Principal, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'kb_category', aggregateId: id, actorId: p.userId, payload });
  const get = async (p: Principal, id: string) => {
    const c = await d.repos.kbCategories.byId(p.tenantId, id);
    if (!c) throw notFound('Category');
    return c;
  };

  return {
    listCategories: (p: Principal) => d.repos.kbCategories.all(p.tenantId),
    getCategory: get,

    async createCategory(p: Principal, input: KbCategoryWrite) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await checkParent(r, p.tenantId, input.parentId);
        await r.kbCategories.insert({ ...input, id, tenantId: p.tenantId, at: now });
        await r.events.append(p.tenantId, [event(p, 'kb.category.created', id, { name: input.name, parentId: input.parentId })], now);
      });
      return get(p, id);
    },

    async updateCategory(p: Principal, id: string, patch: Partial<Pick<KbCategoryWrite, 'name' | 'names' | 'description'>>) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.kbCategories.byId(p.tenantId, id))) throw notFound('Category');
        await r.kbCategories.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, [event(p, 'kb.category.updated', id, { fields: Object.keys(patch) })], now);
      });
      return get(p, id);
    },

    /** Moves a category under another parent (or to the top) at a position. */
    async moveCategory(p: Principal, id: string, to: { parentId: string | null; position: number }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.kbCategories.byId(p.tenantId, id))) throw notFound('Category');
        await checkParent(r, p.tenantId, to.parentId, id);
        await r.kbCategories.update(p.tenantId, id, to, now);
        await r.events.append(p.tenantId, [event(p, 'kb.category.moved', id, to)], now);
      });
      return get(p, id);
    },

    /** Deletes an empty category; one with sections or articles is refused (move them first). */
    async removeCategory(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.kbCategories.byId(p.tenantId, id))) throw notFound('Category');
        const n = await r.kbCategories.childCount(p.tenantId, id);
        if (n.sections || n.articles) throw conflict(`The category still has ${n.sections} section(s) and ${n.articles} article(s); move or delete them first`);
        await r.kbCategories.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [event(p, 'kb.category.deleted', id, {})], now);
      });
    },
  };
}

/**
 * Finds a category by a path of names ("Orders / Returns"), creating what is missing; for imports.
 * Names compare case-insensitively among siblings.
 */
export async function ensureCategoryPath(r: Repos, c: KbWriteCtx, path: string): Promise<string | null> {
  const names = path.split('/').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return null;
  if (names.length > MAX_CATEGORY_DEPTH) throw invalid(`category: at most ${MAX_CATEGORY_DEPTH} levels`);
  const all = await r.kbCategories.all(c.tenantId);
  let parent: string | null = null;
  for (const name of names) {
    if (name.length > 120) throw invalid('category: a name has at most 120 characters');
    const found = all.find((x) => x.parentId === parent && x.name.toLowerCase() === name.toLowerCase());
    if (found) {
      parent = found.id;
      continue;
    }
    const id = c.newId();
    await r.kbCategories.insert({ id, tenantId: c.tenantId, parentId: parent, name, names: {}, description: '', position: all.length, at: c.now });
    await r.events.append(c.tenantId, [draftEvent(c.newId, { type: 'kb.category.created', aggregateType: 'kb_category', aggregateId: id, actorId: c.actorId, payload: { name, parentId: parent } })], c.now);
    all.push({ id, tenantId: c.tenantId, parentId: parent, name, names: {}, description: '', position: all.length, createdAt: c.now, updatedAt: c.now });
    parent = id;
  }
  return parent;
}
