import type { PageArgs } from '../../storage/paginate.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { diffVersions, type DiffMode } from './diff.ts';
import { articleEvent, saveTranslation } from './write.ts';

/** Version history of a translation: list, diff two versions, restore one (as a new version). */
export function kbVersionActions(d: CoreDeps) {
  async function version(p: Principal, id: string, language: string, n: number) {
    const v = await d.repos.kbVersions.byNumber(p.tenantId, id, language, n);
    if (!v) throw notFound(`Version ${n} of the ${language} text`);
    return v;
  }
  async function mustExist(p: Principal, id: string, language: string) {
    if (!(await d.repos.kbArticles.byId(p.tenantId, id))) throw notFound('Article');
    if (!(await d.repos.kbArticles.translation(p.tenantId, id, language))) throw notFound(`The ${language} text of this article`);
  }

  return {
    async listVersions(p: Principal, id: string, language: string, args: PageArgs) {
      await mustExist(p, id, language);
      return d.repos.kbVersions.list(p.tenantId, id, language, args);
    },

    async diffVersions(p: Principal, id: string, language: string, fromArg: number | undefined, toArg: number | undefined, mode: DiffMode) {
      await mustExist(p, id, language);
      const to = toArg ?? (await d.repos.kbArticles.translation(p.tenantId, id, language))!.version;
      const from = fromArg ?? to - 1;
      if (from < 1) throw invalid('There is only one version; nothing to compare yet', [{ path: 'from', message: 'no earlier version' }]);
      if (from === to) throw invalid('Choose two different versions to compare', [{ path: 'to', message: 'same as from' }]);
      const [a, b] = await Promise.all([version(p, id, language, from), version(p, id, language, to)]);
      return { from, to, ...diffVersions(a, b, mode) };
    },

    /** Writes the old version's title and body as the newest version; the state stays as it is. */
    async restoreVersion(p: Principal, id: string, language: string, n: number) {
      const now = d.clock.now();
      const c = { tenantId: p.tenantId, actorId: p.userId, now, newId: d.newId };
      return d.uow(async (r) => {
        const a = await r.kbArticles.lock(p.tenantId, id);
        if (!a) throw notFound('Article');
        const v = await r.kbVersions.byNumber(p.tenantId, id, language, n);
        if (!v) throw notFound(`Version ${n} of the ${language} text`);
        const current = await r.kbArticles.translation(p.tenantId, id, language);
        if (current && current.title === v.title && current.body === v.body) throw invalid(`Version ${n} is the same as the current text; nothing to restore`, [{ path: 'version', message: 'unchanged' }]);
        const res = await saveTranslation(r, c, a, { language, title: v.title, body: v.body }, 'restore');
        await r.events.append(p.tenantId, [articleEvent(c, 'kb.article.restored', id, { language, from: n, version: res.translation.version })], now);
        return res.translation;
      });
    },
  };
}
