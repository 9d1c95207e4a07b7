import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSla } from '../../../../../src/contracts/sla.ts';
import { slaApi } from '../../../api/sla.ts';
import { useEvents } from '../../../lib/use-realtime.tsx';
import { formatSpan } from '../../tickets/sla-panel.tsx';

type Tr = Parameters<typeof formatSpan>[1];

/** The linked ticket's most urgent running SLA target as a small badge; nothing when none runs. */
export function SlaChip({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [sla, setSla] = useState<TicketSla | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    slaApi.ticket(ticketId).then((r) => active && setSla(r), () => undefined);
    return () => {
      active = false;
    };
  }, [ticketId, tick]);
  useEvents([`ticket:${ticketId}`], (e) => e.type.startsWith('sla.') && setTick((n) => n + 1));

  const running = (sla?.targets ?? []).filter((x) => !x.fulfilledAt && x.remainingMs !== null).sort((a, b) => a.remainingMs! - b.remainingMs!);
  const target = running[0];
  if (!target) return null;
  const state = target.breached ? 'breached' : target.nearBreach ? 'near' : 'ok';
  const label = target.breached ? t('sla.breached') : target.nearBreach ? t('sla.nearBreach') : t('sla.onTrack');
  const span = formatSpan(Math.abs(target.remainingMs!), t as unknown as Tr);
  return (
    <span className={`badge sla-chip sla-${state}`} title={t(`sla.metric.${target.metric}`)}>
      {t('agentDesk.slaBadge', { state: label, time: span })}
    </span>
  );
}
