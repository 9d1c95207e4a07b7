import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertComparators, alertMetrics, type AlertMetric } from '../../../../src/contracts/wallboard-alerts.ts';
import { metricUnit } from '../../../../src/core/analytics/alerts.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ruleText } from './alert-format.ts';
import { wallboardApi, type AlertRule, type AlertRuleInput } from './api.ts';

interface Props {
  rules: readonly AlertRule[];
  queues: readonly { queueId: string; name: string }[];
  /** May create, change and delete (analytics.configure); otherwise the list is read-only. */
  canEdit: boolean;
  onChanged: (message: string) => void;
  onClose: () => void;
}

interface Draft {
  id: string | null;
  queueId: string;
  metric: AlertMetric;
  comparator: AlertRule['comparator'];
  /** As typed: seconds, percent or a count by the metric. */
  threshold: string;
  enabled: boolean;
}
const blank: Draft = { id: null, queueId: '', metric: 'longest_wait_seconds', comparator: 'above', threshold: '120', enabled: true };

/** The API's threshold from the form's: rates are typed in percent. */
const toThreshold = (metric: AlertMetric, typed: string): number => {
  const n = Number(typed.trim().replace(',', '.'));
  return metricUnit(metric) === 'fraction' ? Math.round(n * 10) / 1000 : n;
};
const fromThreshold = (metric: AlertMetric, v: number): string => String(metricUnit(metric) === 'fraction' ? Math.round(v * 1000) / 10 : v);

/** The alert rules: a filterable list and a form (new or edit), for supervisors who configure analytics. */
export function AlertRulesPanel({ rules, queues, canEdit, onChanged, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<Draft>(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const queueName = (qid: string | null) => (qid === null ? t('wallboardAlerts.everyQueue') : queues.find((q) => q.queueId === qid)?.name ?? qid);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return rules;
    return rules.filter((r) => `${queueName(r.queueId)} ${ruleText(t, r)}`.toLowerCase().includes(f));
  }, [rules, filter, t, queues]);
  const unit = metricUnit(draft.metric);

  async function act(fn: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged(message);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body: AlertRuleInput = { queueId: draft.queueId || null, metric: draft.metric, comparator: draft.comparator, threshold: toThreshold(draft.metric, draft.threshold), enabled: draft.enabled };
    const ok = await act(() => (draft.id ? wallboardApi.updateRule(draft.id, body) : wallboardApi.createRule(body)), t('wallboardAlerts.saved'));
    if (ok) setDraft(blank);
  }
  const edit = (r: AlertRule) => {
    setDraft({ id: r.id, queueId: r.queueId ?? '', metric: r.metric, comparator: r.comparator, threshold: fromThreshold(r.metric, r.threshold), enabled: r.enabled });
    firstField.current?.focus();
  };

  return (
    <section className="panel wallboard-rules" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('wallboardAlerts.rulesTitle')}</h2>
      <p>{t('wallboardAlerts.rulesIntro')}</p>
      <div className="wallboard-actions">
        <button type="button" onClick={onClose}>{t('wallboardAlerts.close')}</button>
      </div>
      <ErrorAlert error={error} fields={['queueId', 'metric', 'comparator', 'threshold']} />
      <div className="field toolbar">
        <label htmlFor={`${id}-filter`}>{t('wallboardAlerts.search')}</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {rules.length === 0 ? <p className="empty">{t('wallboardAlerts.noRules')}</p> : shown.length === 0 ? <p className="empty">{t('wallboardAlerts.noMatch')}</p> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('wallboardAlerts.rulesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wallboardAlerts.colQueue')}</th>
                <th scope="col">{t('wallboardAlerts.colCondition')}</th>
                <th scope="col">{t('wallboardAlerts.colEnabled')}</th>
                {canEdit && <th scope="col">{t('wallboardAlerts.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const label = `${queueName(r.queueId)}: ${ruleText(t, r)}`;
                return (
                  <tr key={r.id} data-rule-id={r.id}>
                    <th scope="row">{queueName(r.queueId)}</th>
                    <td>{ruleText(t, r)}</td>
                    <td>
                      {canEdit ? (
                        <input
                          type="checkbox" checked={r.enabled} disabled={busy} aria-label={t('wallboardAlerts.enabledOf', { rule: label })}
                          onChange={(e) => void act(() => wallboardApi.updateRule(r.id, { enabled: e.target.checked }), t('wallboardAlerts.saved'))}
                        />
                      ) : r.enabled ? t('wallboardAlerts.on') : t('wallboardAlerts.off')}
                    </td>
                    {canEdit && (
                      <td>
                        <button type="button" disabled={busy} onClick={() => edit(r)} aria-label={t('wallboardAlerts.editOf', { rule: label })}>{t('wallboardAlerts.edit')}</button>{' '}
                        <button type="button" disabled={busy} onClick={() => void act(() => wallboardApi.deleteRule(r.id), t('wallboardAlerts.deleted'))} aria-label={t('wallboardAlerts.deleteOf', { rule: label })}>
                          {t('wallboardAlerts.delete')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <form onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${id}-form`}>
          <h3 id={`${id}-form`}>{draft.id ? t('wallboardAlerts.formEdit') : t('wallboardAlerts.formNew')}</h3>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-queue`}>{t('wallboardAlerts.fieldQueue')}</label>
              <select ref={firstField} id={`${id}-queue`} value={draft.queueId} onChange={(e) => setDraft({ ...draft, queueId: e.target.value })}>
                <option value="">{t('wallboardAlerts.everyQueue')}</option>
                {queues.map((q) => <option key={q.queueId} value={q.queueId}>{q.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-metric`}>{t('wallboardAlerts.fieldMetric')}</label>
              <select
                id={`${id}-metric`} value={draft.metric}
                onChange={(e) => {
                  const metric = e.target.value as AlertMetric;
                  setDraft({ ...draft, metric, threshold: metricUnit(metric) === metricUnit(draft.metric) ? draft.threshold : '' });
                }}
              >
                {alertMetrics.map((m) => <option key={m} value={m}>{t(`wallboardAlerts.metric.${m}`)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-cmp`}>{t('wallboardAlerts.fieldComparator')}</label>
              <select id={`${id}-cmp`} value={draft.comparator} onChange={(e) => setDraft({ ...draft, comparator: e.target.value as Draft['comparator'] })}>
                {alertComparators.map((c) => <option key={c} value={c}>{t(`wallboardAlerts.comparator.${c}`)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-threshold`}>{t('wallboardAlerts.fieldThreshold', { unit: t(`wallboardAlerts.unit.${unit}`) })}</label>
              <input
                id={`${id}-threshold`} name="threshold" inputMode="decimal" required value={draft.threshold}
                onChange={(e) => setDraft({ ...draft, threshold: e.target.value })} aria-describedby={`${id}-hint`}
              />
              <p id={`${id}-hint`} className="hint">{t(`wallboardAlerts.hint.${unit}`)}</p>
            </div>
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> {t('wallboardAlerts.fieldEnabled')}
          </label>
          <div className="actions">
            <button type="submit" disabled={busy}>{t('wallboardAlerts.save')}</button>{' '}
            {draft.id && <button type="button" onClick={() => setDraft(blank)}>{t('wallboardAlerts.cancel')}</button>}
          </div>
        </form>
      )}
    </section>
  );
}
