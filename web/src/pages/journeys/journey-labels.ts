import type { TFunction } from 'i18next';
import type { CustomerJourney } from './journeys-api.ts';
import { intlLocale } from '../../lib/intl-locale.ts';

/** "2 days" / "5 hours" / "30 minutes" in the reader's language. */
export function formatGap(ms: number, language: string): string {
  const unit = (u: 'minute' | 'hour' | 'day', v: number) => new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: 0 }).format(v);
  if (ms < 2 * 3_600_000) return unit('minute', Math.max(1, Math.round(ms / 60_000)));
  if (ms < 48 * 3_600_000) return unit('hour', Math.round(ms / 3_600_000));
  return unit('day', Math.round(ms / 86_400_000));
}

export function formatWhen(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Everything a screen reader needs about one touchpoint: kind, time, label, repeat, drops. */
export function touchpointText(j: CustomerJourney, i: number, t: TFunction, language: string): string {
  const p = j.touchpoints[i]!;
  const parts = [t('journeys.pointLabel', { kind: t(`journeys.kind.${p.kind}`), time: formatWhen(p.at, language) })];
  if (p.label) parts.push(p.label);
  const repeat = j.repeats.find((r) => r.index === i);
  if (repeat) parts.push(t('journeys.repeatOf', { gap: formatGap(repeat.gapMs, language) }));
  for (const d of j.drops) if (d.index === i) parts.push(t(`journeys.drop.${d.reason}`));
  return parts.join('; ');
}
