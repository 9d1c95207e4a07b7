import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reportNames, type ReportName } from '../../../../src/contracts/analytics.ts';
import { ApiError } from '../../api/client.ts';
import { analyticsApi, type ScheduleBody } from '../../api/analytics.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';

interface Props {
  id: string | null;
  initial: Partial<ScheduleBody>;
  onSaved: () => void;
  onCancel: () => void;
}

const FIELDS = ['name', 'report', 'frequency', 'hour', 'recipients', 'enabled', 'filters'] as const;

/** Create or edit a scheduled report; the server validates (recipients, hour) and its messages show by the fields. */
export function ScheduleForm({ id, initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name ?? '');
  const [report, setReport] = useState<ReportName>(initial.report ?? 'overview');
  const [frequency, setFrequency] = useState<ScheduleBody['frequency']>(initial.frequency ?? 'weekly');
  const [hour, setHour] = useState(String(initial.hour ?? 7));
  const [recipients, setRecipients] = useState((initial.recipients ?? []).join(', '));
  const [enabled, setEnabled] = useState(initial.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const filters = initial.filters ?? {};
  const filterText = Object.entries(filters).filter(([, v]) => v).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const issue = (path: string) => (error instanceof ApiError ? error.fieldIssues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: ScheduleBody = {
      name: name.trim(),
      report,
      filters,
      frequency,
      hour: Number(hour),
      recipients: recipients.split(/[,;\s]+/).map((r) => r.trim()).filter(Boolean),
      enabled,
    };
    try {
      if (id) await analyticsApi.updateSchedule(id, body);
      else await analyticsApi.createSchedule(body);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="schedule-form" aria-labelledby="schedule-form-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="schedule-form-title">{t('analytics.schedules.formTitle')}</h3>
      <ErrorAlert error={error} fields={FIELDS} />
      <div className="form-row">
        <TextField label={t('analytics.schedules.name')} value={name} required maxLength={120} error={issue('name')} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('analytics.schedules.report')} value={report} error={issue('report')} onChange={(e) => setReport(e.target.value as ReportName)} options={reportNames.map((r) => [r, t(`analytics.reports.${r}`)] as const)} />
        <SelectField
          label={t('analytics.schedules.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as ScheduleBody['frequency'])}
          options={(['daily', 'weekly', 'monthly'] as const).map((f) => [f, t(`analytics.schedules.frequencies.${f}`)] as const)}
        />
        <TextField label={t('analytics.schedules.hour')} type="number" min={0} max={23} step={1} value={hour} error={issue('hour')} onChange={(e) => setHour(e.target.value)} />
      </div>
      <TextField
        label={t('analytics.schedules.recipients')}
        type="text"
        inputMode="email"
        value={recipients}
        hint={t('analytics.schedules.recipientsHint')}
        error={issue('recipients')}
        onChange={(e) => setRecipients(e.target.value)}
      />
      <p className="hint">
        <strong>{t('analytics.schedules.filters')}:</strong> {filterText || t('analytics.schedules.noFilters')} {t('analytics.schedules.filtersFromLink')}
      </p>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('analytics.schedules.enabled')}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('analytics.schedules.save')}</button>
        <button type="button" onClick={onCancel}>{t('analytics.schedules.cancel')}</button>
      </div>
    </form>
  );
}
