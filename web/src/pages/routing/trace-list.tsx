import { useTranslation } from 'react-i18next';
import type { TraceEntry } from '../../api/routing.ts';
import { intlLocale } from '../../lib/intl-locale.ts';

interface Props {
  entries: readonly TraceEntry[];
  queueName: (id: string) => string;
  userName: (id: string) => string;
  /** Rule names by id, when known (else the id is shown). */
  ruleName?: (id: string) => string;
}

const knownSteps = new Set([
  'rule_matched', 'no_rule', 'target', 'target_skipped', 'target_timeout', 'considered', 'offered', 'offer_expired', 'offer_rejected',
  'accepted', 'auto_accepted', 'assigned', 'transferred', 'escalated', 'requeued', 'overflowed', 'agent_away',
]);
const knownReasons = new Set(['chosen', 'away', 'offline', 'wrap_up', 'at_capacity', 'voice_busy', 'skills', 'declined', 'not_in_queue', 'outranked']);
type Step = 'rule_matched';
type Reason = 'chosen';

/** A task's decision trace as a readable list: each step, where, who, and each agent considered with why. */
export function TraceList({ entries, queueName, userName, ruleName = (id) => id }: Props) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(intlLocale(i18n.language), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const stepLabel = (step: string) => (knownSteps.has(step) ? t(`routing.steps.${step as Step}`) : step);
  const reasonLabel = (reason: string) => (knownReasons.has(reason) ? t(`routing.reasons.${reason as Reason}`) : reason);

  return (
    <ol className="timeline routing-trace">
      {entries.map((e, i) => {
        const facts: string[] = [];
        if (e.ruleId) facts.push(t('routing.traceRule', { rule: ruleName(e.ruleId) }));
        if (e.targetIndex !== undefined) facts.push(t('routing.traceTarget', { n: e.targetIndex + 1 }));
        if (e.queueId) facts.push(t('routing.traceQueue', { queue: queueName(e.queueId) }));
        if (e.userId) facts.push(t('routing.traceAgent', { agent: userName(e.userId) }));
        return (
          <li key={`${e.at}-${i}`} data-step={e.step}>
            <strong>{stepLabel(e.step)}</strong> <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
            {facts.length > 0 && <div>{facts.join(' · ')}</div>}
            {!knownSteps.has(e.step) && <div className="hint">{e.message}</div>}
            {e.candidates && e.candidates.length > 0 && (
              <ul aria-label={t('routing.traceCandidates')}>
                {e.candidates.map((c) => (
                  <li key={c.userId} data-chosen={c.chosen || undefined}>
                    {c.chosen ? <strong>{userName(c.userId)}</strong> : userName(c.userId)}: {c.chosen ? t('routing.reasons.chosen') : reasonLabel(c.reason)}
                    {c.score !== undefined && <span className="hint"> ({t('routing.traceScore', { score: Math.round(c.score * 100) / 100 })})</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
