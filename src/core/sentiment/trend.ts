/**
 * A conversation's sentiment over its inbound messages (METRICS.md: the trend and the last
 * third's mean). Points are ordered by time; the trend is over message order, not wall-clock,
 * since customers write in bursts.
 */
export interface SentimentPoint { at: number; score: number }

export interface SentimentTrend {
  count: number;
  mean: number;
  /** Mean of the last third of the messages (at least one). */
  lastThirdMean: number;
  /** Mean of the messages before the last third; equals lastThirdMean when there are none. */
  earlierMean: number;
  /** Least-squares slope of score per message (positive = improving). */
  slope: number;
  /** earlierMean − lastThirdMean: how far the mood fell (negative when it rose). */
  drop: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function sentimentTrend(points: SentimentPoint[]): SentimentTrend {
  const scores = [...points].sort((a, b) => a.at - b.at).map((p) => p.score);
  const n = scores.length;
  if (n === 0) return { count: 0, mean: 0, lastThirdMean: 0, earlierMean: 0, slope: 0, drop: 0 };
  const tail = Math.max(1, Math.ceil(n / 3));
  const last = mean(scores.slice(n - tail));
  const earlier = n > tail ? mean(scores.slice(0, n - tail)) : last;
  const mx = (n - 1) / 2;
  const my = mean(scores);
  let num = 0;
  let den = 0;
  scores.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return { count: n, mean: r3(my), lastThirdMean: r3(last), earlierMean: r3(earlier), slope: r3(den ? num / den : 0), drop: r3(earlier - last) };
}

export interface SharpDropOptions {
  /** How far the last third must fall below the earlier messages. Default 0.5 (a quarter of the −1..1 range). */
  threshold?: number;
  /** The last third must be at least this negative. Default −0.25 (the mood is bad, not just less good). */
  ceiling?: number;
  /** Fewest inbound messages to judge a trend on. Default 3. */
  minPoints?: number;
}

export const SHARP_DROP_DEFAULTS = { threshold: 0.5, ceiling: -0.25, minPoints: 3 } as const;

/** Has the customer's mood fallen sharply: drop ≥ threshold, last third ≤ ceiling, enough messages. */
export function isSharpDrop(points: SentimentPoint[] | SentimentTrend, o: SharpDropOptions = {}): boolean {
  const t = Array.isArray(points) ? sentimentTrend(points) : points;
  const { threshold, ceiling, minPoints } = { ...SHARP_DROP_DEFAULTS, ...o };
  return t.count >= minPoints && t.drop >= threshold && t.lastThirdMean <= ceiling;
}
