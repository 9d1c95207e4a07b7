import type { Repos, UnitOfWork } from '../../storage/repos.ts';
import type { Clock, IdGen } from '../context.ts';
import { draftEvent } from '../events/draft.ts';

/** The same known reader on the same article within this long is one view. */
export const VIEW_DEDUP_MS = 30 * 60_000;

export interface KnownVisitor {
  tenantId: string;
  /** How the widget knows the visitor: its own visitor id, or the host's verified external id. */
  kind: 'visitor' | 'external';
  value: string;
  /** The widget's visitor id (kept in the event so a journey can show which browser read it). */
  visitorId: string;
}

/**
 * A help center article read by a visitor the chat widget already knows (docs/journeys.md):
 * appends `help_center.article_viewed` {articleId, title, language, visitorId, customerId} only
 * when the visitor belongs to a customer and the article is published in that language. Anonymous
 * readers leave nothing. A reload within 30 minutes is the same view. Returns whether it recorded.
 */
export async function recordArticleView(
  d: { repos: Repos; uow: UnitOfWork; clock: Clock; newId: IdGen },
  v: KnownVisitor,
  article: { articleId: string; language: string },
): Promise<boolean> {
  const customerId = await d.repos.customers.identityOwner(v.tenantId, v.kind, v.value);
  if (!customerId) return false;
  const tr = await d.repos.kbArticles.translation(v.tenantId, article.articleId, article.language);
  if (!tr || tr.state !== 'published') return false;
  const now = d.clock.now();
  if (await d.repos.journeys.viewedSince(v.tenantId, customerId, article.articleId, new Date(now.getTime() - VIEW_DEDUP_MS))) return false;
  const event = draftEvent(d.newId, {
    type: 'help_center.article_viewed', aggregateType: 'kb_article', aggregateId: article.articleId, actorId: null,
    payload: { articleId: article.articleId, title: tr.title, language: article.language, visitorId: v.visitorId, customerId },
  });
  await d.uow((r) => r.events.append(v.tenantId, [event], now));
  return true;
}
