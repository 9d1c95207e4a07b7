import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSentimentDto } from '../../../../src/contracts/sentiment.ts';
import { api } from '../../api/client.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import './sentiment-trend.css';

const W = 84;
const H = 22;

/** The polyline of scores (−1 bottom … 1 top), oldest left. */
export function sparkPoints(scores: number[], w = W, h = H): string {
  if (scores.length === 0) return '';
  const step = scores.length > 1 ? (w - 4) / (scores.length - 1) : 0;
  return scores.map((s, i) => `${(2 + i * step).toFixed(1)},${(2 + ((1 - s) / 2) * (h - 4)).toFixed(1)}`).join(' ');
}

/**
 * The customer's sentiment in the conversation view: a sparkline of their messages' scores and
 * the direction with the last third's mean, as text and as the image's accessible name
 * ("Sentiment: falling, last third −0.6"). Refreshes when the customer writes or a drop is raised.
 */
export function SentimentTrend({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<ConversationSentimentDto | null>(null);
  const load = useCallback(() => {
    api.get<ConversationSentimentDto>(`/api/v1/conversations/${conversationId}/sentiment`).then(setData, () => undefined);
  }, [conversationId]);
  useEffect(load, [load]);
  useEvents([`conversation:${conversationId}`], (e) => {
    const p = e.payload as { direction?: string } | undefined;
    if ((e.type === 'message.created' && p?.direction === 'inbound') || e.type === 'conversation.sentiment_dropped') load();
  });
  if (!data) return null;
  if (data.points.length === 0) return <span className="sentiment-trend sentiment-none">{t('sentiment.none')}</span>;
  const value = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })
    .format(data.trend.lastThirdMean)
    .replace('-', '−');
  const vars = { direction: t(`sentiment.direction.${data.direction}`), value };
  const label = t(data.sharpDrop ? 'sentiment.labelDrop' : 'sentiment.label', vars);
  const tone = data.trend.lastThirdMean > 0.1 ? 'positive' : data.trend.lastThirdMean < -0.1 ? 'negative' : 'neutral';
  return (
    <span className={`sentiment-trend sentiment-${tone}`} data-direction={data.direction} title={t('sentiment.hint')}>
      <svg role="img" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="sentiment-spark">
        <line x1="0" x2={W} y1={H / 2} y2={H / 2} className="sentiment-zero" />
        <polyline points={sparkPoints(data.points.map((p) => p.score))} className="sentiment-line" />
      </svg>
      <span aria-hidden="true">{t('sentiment.label', vars)}</span>
      {data.sharpDrop && <strong className="sentiment-drop" aria-hidden="true">{t('sentiment.drop')}</strong>}
    </span>
  );
}
