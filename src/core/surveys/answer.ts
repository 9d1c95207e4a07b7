import type { CoreDeps } from '../deps.ts';
import type { SurveyInvitationRow, SurveysRepo } from '../../storage/surveys.repo.ts';
import { draftEvent } from '../events/draft.ts';
import { hashSurveyToken, isTokenShaped, tokenMatches } from './token.ts';

export const COMMENT_MAX = 2000;

/** An invitation that can still be answered, or null: unknown, forged, answered and expired look the same. */
export async function openInvitation(repo: Pick<SurveysRepo, 'invitationByTokenHash'>, token: string, now: Date): Promise<SurveyInvitationRow | null> {
  if (!isTokenShaped(token)) return null;
  const inv = await repo.invitationByTokenHash(hashSurveyToken(token));
  if (!inv || !tokenMatches(token, inv.tokenHash)) return null;
  if (inv.answeredAt || inv.expiresAt.getTime() <= now.getTime()) return null;
  return inv;
}

export type ParsedAnswer = { ok: true; score: number; comment: string | null } | { ok: false; problem: 'score' | 'comment' };

/** A form's score and comment, checked against the survey's scale. */
export function parseAnswer(kind: 'csat' | 'nps', raw: { score?: unknown; comment?: unknown }): ParsedAnswer {
  const s = typeof raw.score === 'string' ? raw.score.trim() : typeof raw.score === 'number' ? String(raw.score) : '';
  const [min, max] = kind === 'csat' ? [1, 5] : [0, 10];
  if (!/^\d{1,2}$/.test(s) || Number(s) < min || Number(s) > max) return { ok: false, problem: 'score' };
  const comment = typeof raw.comment === 'string' ? raw.comment.replace(/\r\n/g, '\n').trim() : '';
  if ([...comment].length > COMMENT_MAX) return { ok: false, problem: 'comment' };
  return { ok: true, score: Number(s), comment: comment || null };
}

export type AnswerDeps = Pick<CoreDeps, 'uow' | 'clock' | 'newId'>;

/**
 * Records an answer: the response row, the invitation marked answered and `survey.responded`, in
 * one transaction under the invitation's row lock; a second answer (or an expired link) returns null.
 */
export async function recordAnswer(d: AnswerDeps, inv: SurveyInvitationRow, a: { score: number; comment: string | null }): Promise<{ responseId: string } | null> {
  const at = d.clock.now();
  const responseId = d.newId();
  return d.uow(async (r) => {
    const locked = await r.surveys.lockInvitation(inv.tenantId, inv.id);
    if (!locked || locked.answeredAt || locked.expiresAt.getTime() <= at.getTime()) return null;
    await r.surveys.insertAnswer({
      id: responseId, tenantId: inv.tenantId, customerId: inv.customerId, kind: inv.kind, score: a.score, comment: a.comment,
      conversationId: inv.conversationId, invitationId: inv.id, channel: inv.channel, language: inv.language, respondedAt: at,
    });
    await r.surveys.markAnswered(inv.tenantId, inv.id, responseId, at);
    const aggregate = inv.conversationId ? { aggregateType: 'conversation', aggregateId: inv.conversationId } : { aggregateType: 'customer', aggregateId: inv.customerId };
    await r.events.append(inv.tenantId, [draftEvent(d.newId, {
      type: 'survey.responded', ...aggregate, actorId: null,
      topics: ['tenant', ...(inv.conversationId ? [`conversation:${inv.conversationId}`] : [])],
      payload: { conversationId: inv.conversationId, customerId: inv.customerId, kind: inv.kind, score: a.score, responseId, invitationId: inv.id, channel: inv.channel },
    })], at);
    return { responseId };
  });
}
