import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { touchpointKinds, type CustomerJourney, type TouchpointKind } from './journeys-api.ts';
import { touchpointText } from './journey-labels.ts';
import { intlLocale } from '../../lib/intl-locale.ts';

const WIDTH = 800;
const LABEL_W = 170;
const PAD_R = 20;
const LANE_H = 38;
const TOP = 10;
const AXIS_H = 30;

/** One colour per kind (self-service greens, bot purple, assisted blues/oranges, outcomes greys). */
export const KIND_COLOURS: Record<TouchpointKind, string> = {
  help_center: '#2e7d32',
  bot: '#6a1b9a',
  handover: '#ad1457',
  chat: '#1565c0',
  email: '#006c75',
  call: '#b23c00',
  sms: '#5d4037',
  whatsapp: '#1b5e20',
  messaging: '#283593',
  ticket: '#6d4c41',
  purchase: '#424242',
  survey: '#616161',
};

/**
 * The touchpoints of a journey on a time axis, one lane per kind. Each point is focusable with
 * a full spoken label; the arrow keys (and Home/End) move between points in time order.
 * Repeat contacts are ringed and tied to the contact they repeat; drops carry a red cross.
 */
export function JourneyChart({ journey }: { journey: CustomerJourney }) {
  const { t, i18n } = useTranslation();
  const points = useRef<(SVGGElement | null)[]>([]);
  const lanes = touchpointKinds.filter((k) => journey.touchpoints.some((p) => p.kind === k));
  const height = TOP + lanes.length * LANE_H + AXIS_H;
  const from = Date.parse(journey.from);
  const to = Date.parse(journey.to);
  const x = (iso: string) => LABEL_W + ((Date.parse(iso) - from) / Math.max(1, to - from)) * (WIDTH - LABEL_W - PAD_R);
  const y = (k: TouchpointKind) => TOP + lanes.indexOf(k) * LANE_H + LANE_H / 2;
  const repeated = new Set(journey.repeats.map((r) => r.index));
  const dropped = new Set(journey.drops.map((d) => d.index));
  const tickFormat = new Intl.DateTimeFormat(intlLocale(i18n.language), { month: 'short', day: 'numeric' });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + f * (to - from));

  const onKey = (e: KeyboardEvent<SVGGElement>, i: number) => {
    const last = journey.touchpoints.length - 1;
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    points.current[Math.min(last, Math.max(0, next))]?.focus();
  };

  return (
    <svg className="jny-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label={t('journeys.chartLabel')}>
      {lanes.map((k, li) => (
        <g key={k} aria-hidden="true">
          <rect x={0} y={TOP + li * LANE_H} width={WIDTH} height={LANE_H} className={li % 2 ? 'jny-lane-odd' : 'jny-lane'} />
          <text x={8} y={y(k) + 4} className="jny-lane-label">
            {t(`journeys.kind.${k}`)}
          </text>
        </g>
      ))}
      <g aria-hidden="true">
        {ticks.map((ms) => {
          const tx = LABEL_W + ((ms - from) / Math.max(1, to - from)) * (WIDTH - LABEL_W - PAD_R);
          return (
            <g key={ms}>
              <line x1={tx} x2={tx} y1={TOP} y2={height - AXIS_H + 4} className="jny-tick" />
              <text x={tx} y={height - 10} textAnchor="middle" className="jny-tick-label">
                {tickFormat.format(new Date(ms))}
              </text>
            </g>
          );
        })}
      </g>
      <g aria-hidden="true">
        {journey.repeats.map((r) => {
          const a = journey.touchpoints[r.previousIndex]!;
          const b = journey.touchpoints[r.index]!;
          const [x1, y1, x2, y2] = [x(a.at), y(a.kind), x(b.at), y(b.kind)];
          const lift = Math.min(30, Math.abs(x2 - x1) / 3 + 10);
          return <path key={`r${r.index}`} d={`M ${x1} ${y1} C ${x1} ${y1 - lift}, ${x2} ${y2 - lift}, ${x2} ${y2}`} className="jny-repeat-link" />;
        })}
      </g>
      {journey.touchpoints.map((p, i) => {
        const label = touchpointText(journey, i, t, i18n.language);
        const [cx, cy] = [x(p.at), y(p.kind)];
        return (
          <g
            key={`${p.at}-${i}`}
            ref={(el) => {
              points.current[i] = el;
            }}
            className="jny-point"
            tabIndex={0}
            role="img"
            aria-label={label}
            data-kind={p.kind}
            data-repeat={repeated.has(i) || undefined}
            data-drop={dropped.has(i) || undefined}
            onKeyDown={(e) => onKey(e, i)}
          >
            <title>{label}</title>
            {repeated.has(i) && <circle cx={cx} cy={cy} r={12} className="jny-repeat-ring" />}
            <circle cx={cx} cy={cy} r={7} fill={KIND_COLOURS[p.kind]} className={p.contact ? 'jny-dot jny-contact' : 'jny-dot'} />
            {dropped.has(i) && <path d={`M ${cx + 6} ${cy - 14} l 8 8 m 0 -8 l -8 8`} className="jny-drop" />}
          </g>
        );
      })}
    </svg>
  );
}
