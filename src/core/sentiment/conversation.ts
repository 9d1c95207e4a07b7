import type { Repos } from '../../storage/repos.ts';
import type { SentimentPointRow } from '../../storage/sentiment.repo.ts';
import type { CoreDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { conversationTopics } from '../conversations/intake.ts';
import { isSharpDrop, sentimentTrend, SHARP_DROP_DEFAULTS, type SentimentTrend, type SharpDropOptions } from './trend.ts';

/** A conversation's sentiment: its scored inbound messages and their trend (GET /conversations/:id/sentiment). */
export interface ConversationSentiment {
  conversationId: string;
  points: SentimentPointRow[];
  trend: SentimentTrend;
  direction: TrendDirection;
}

export type TrendDirection = 'rising' | 'falling' | 'steady';
/** The last third differs from the earlier messages by more than this: the mood is rising or falling. */
export const DIRECTION_MIN_CHANGE = 0.15;

export function trendDirection(t: SentimentTrend): TrendDirection {
  if (t.count < 2 || Math.abs(t.drop) < DIRECTION_MIN_CHANGE) return 'steady';
  return t.drop > 0 ? 'falling' : 'rising';
}

const toPoints = (rows: SentimentPointRow[]) => rows.map((r) => ({ at: r.seq, score: r.score }));

export async function conversationSentiment(repos: Pick<Repos, 'conversations' | 'sentiment'>, tenantId: string, conversationId: string): Promise<ConversationSentiment> {
  const conv = await repos.conversations.byId(tenantId, conversationId);
  if (!conv) throw notFound('Conversation');
  const points = await repos.sentiment.inboundScores(tenantId, conversationId);
  // Ordered by the conversation's sequence, not wall-clock (a provider's timestamps may be late).
  const trend = sentimentTrend(toPoints(points));
  return { conversationId, points, trend, direction: trendDirection(trend) };
}

/**
 * Whether the last point raises a sharp-drop alert: it is a sharp drop now, and either no alert was
 * raised before, or the mood recovered after the last one (some later message left the trend with
 * no sharp drop and a last third above the ceiling). So one drop alerts once.
 */
export function dropAlert(points: { seq: number; score: number }[], lastDropSeq: number | null, o: SharpDropOptions = {}): SentimentTrend | null {
  const pts = points.map((p) => ({ at: p.seq, score: p.score }));
  const now = sentimentTrend(pts);
  if (!isSharpDrop(now, o)) return null;
  if (lastDropSeq === null) return now;
  const ceiling = o.ceiling ?? SHARP_DROP_DEFAULTS.ceiling;
  for (let k = 1; k < pts.length; k++) {
    if (points[k - 1]!.seq <= lastDropSeq) continue;
    const t = sentimentTrend(pts.slice(0, k));
    if (!isSharpDrop(t, o) && t.lastThirdMean > ceiling) return now;
  }
  return null;
}

/** A waiting task's priority rises by this much (0..100 scale; normal 50 → high 75) on a sharp drop. */
export const DROP_PRIORITY_RAISE = 25;

export interface DropCheck { alerted: boolean; taskId?: string; priority?: { from: number; to: number } }

/**
 * Checks an open conversation after its inbound message `seq` was scored: on a sharp drop, appends
 * `conversation.sentiment_dropped` (topics include 'wallboard': the supervisor's alert) and raises
 * the priority of the conversation's waiting routing task (`task.priority_raised`, which the
 * routing runner re-reads). Runs under the conversation's row lock, so nodes that all see the
 * event alert once.
 */
export async function checkSentimentDrop(d: Pick<CoreDeps, 'uow' | 'clock' | 'newId'>, tenantId: string, conversationId: string, seq: number, o: SharpDropOptions = {}): Promise<DropCheck> {
  return d.uow(async (r) => {
    const conv = await r.sentiment.lockConversation(tenantId, conversationId);
    if (!conv || conv.status !== 'open') return { alerted: false };
    const rows = (await r.sentiment.inboundScores(tenantId, conversationId)).filter((p) => p.seq <= seq);
    if (rows.at(-1)?.seq !== seq) return { alerted: false };
    const lastDrop = await r.sentiment.lastDropSeq(tenantId, conversationId);
    if (lastDrop !== null && lastDrop >= seq) return { alerted: false };
    const trend = dropAlert(rows, lastDrop, o);
    if (!trend) return { alerted: false };
    const now = d.clock.now();
    const message = rows.at(-1)!;
    const events = [draftEvent(d.newId, {
      type: 'conversation.sentiment_dropped', aggregateType: 'conversation', aggregateId: conversationId, actorId: null,
      topics: [...conversationTopics(conversationId, conv.assigneeId), 'wallboard'],
      payload: { conversationId, from: trend.earlierMean, to: message.score, lastThirdMean: trend.lastThirdMean, drop: trend.drop, messageId: message.messageId, seq },
    })];
    const waiting = (await r.routingTasks.list(tenantId, { limit: 1, statuses: ['queued', 'offered'], sourceId: conversationId })).items[0];
    let raised: DropCheck['priority'];
    if (waiting && waiting.priority < 100) {
      const to = Math.min(100, waiting.priority + DROP_PRIORITY_RAISE);
      if (await r.routingTasks.transition(tenantId, waiting.id, ['queued', 'offered'], { priority: to }, now)) {
        raised = { from: waiting.priority, to };
        const channel = typeof waiting.attributes.channel === 'string' ? waiting.attributes.channel : null;
        events.push(draftEvent(d.newId, {
          type: 'task.priority_raised', aggregateType: 'task', aggregateId: waiting.id, actorId: null,
          topics: ['tenant', 'wallboard', `conversation:${conversationId}`],
          payload: { taskId: waiting.id, queueId: waiting.queueId, kind: waiting.kind, channel, sourceType: waiting.sourceType, sourceId: waiting.sourceId, from: waiting.priority, to, reason: 'sentiment_drop' },
        }));
      }
    }
    await r.events.append(tenantId, events, now);
    return { alerted: true, ...(waiting && { taskId: waiting.id }), ...(raised && { priority: raised }) };
  });
}
