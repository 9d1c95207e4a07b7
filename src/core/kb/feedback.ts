import type { Repos, UnitOfWork } from '../../storage/repos.ts';
import type { Clock, IdGen } from '../context.ts';
import { notFound } from '../errors.ts';
import { articleEvent, syncIndex } from './write.ts';

export interface KbFeedbackDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
}

/**
 * "Was this helpful?": one vote per visitor key per article and language. The same vote again
 * changes nothing; a changed mind moves one count to the other. Staff and the public help center
 * both call this (the help center passes its visitor cookie as the key).
 */
export async function voteKb(d: KbFeedbackDeps, v: { tenantId: string; articleId: string; language: string; visitorKey: string; helpful: boolean; actorId: string | null; publishedOnly?: boolean }) {
  const now = d.clock.now();
  const c = { tenantId: v.tenantId, actorId: v.actorId, now, newId: d.newId };
  return d.uow(async (r) => {
    const a = await r.kbArticles.byId(v.tenantId, v.articleId);
    const t = a && (await r.kbArticles.translation(v.tenantId, v.articleId, v.language));
    if (!a || !t || (v.publishedOnly && t.state !== 'published')) throw notFound('Article');
    let yes = 0;
    let no = 0;
    if (await r.kbVersions.insertVote({ ...v, at: now })) {
      if (v.helpful) yes = 1;
      else no = 1;
    } else {
      const before = await r.kbVersions.lockVote(v.tenantId, v.articleId, v.language, v.visitorKey);
      if (before !== v.helpful) {
        await r.kbVersions.changeVote(v.tenantId, v.articleId, v.language, v.visitorKey, v.helpful, now);
        yes = v.helpful ? 1 : -1;
        no = v.helpful ? -1 : 1;
      }
    }
    const changed = yes !== 0 || no !== 0;
    if (changed) {
      await r.kbArticles.addHelpful(v.tenantId, v.articleId, v.language, yes, no);
      await r.events.append(v.tenantId, [articleEvent(c, 'kb.article.voted', v.articleId, { language: v.language, helpful: v.helpful })], now);
    }
    const after = (await r.kbArticles.translation(v.tenantId, v.articleId, v.language))!;
    if (changed && after.state === 'published') await syncIndex(r, a, after, v.language);
    return { helpfulYes: after.helpfulYes, helpfulNo: after.helpfulNo, changed };
  });
}

/** One more view of an article in a language: a single UPDATE, no event (views are counted, not audited). */
export async function viewKb(d: Pick<KbFeedbackDeps, 'repos'>, tenantId: string, articleId: string, language: string): Promise<boolean> {
  return d.repos.kbArticles.addView(tenantId, articleId, language);
}
