import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookEventPrefixes, type WebhookEndpoint } from '../../../../src/contracts/webhooks.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';

const FIELDS = ['url', 'description', 'events', 'active'] as const;

export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
  active: boolean;
}

/** The event filter as checkboxes: everything, or any of the prefixes (other filters set through the API are kept). */
function EventChoices({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  const errorId = useId();
  const all = value.includes('*');
  const toggle = (f: string, on: boolean) => onChange(on ? [...value.filter((x) => x !== f), f] : value.filter((x) => x !== f));
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend>{t('webhooks.events')}</legend>
      <div className="form-row">
        <label className="check">
          <input type="checkbox" name="events" value="*" checked={all} onChange={(e) => toggle('*', e.target.checked)} />
          {t('webhooks.allEvents')}
        </label>
        {webhookEventPrefixes.map((p) => (
          <label className="check" key={p}>
            <input type="checkbox" name="events" value={p} checked={all || value.includes(p)} disabled={all} onChange={(e) => toggle(p, e.target.checked)} />
            {t(`webhooks.prefixes.${p.slice(0, -2) as 'customer'}`)}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Create or edit an endpoint. */
export function WebhookForm({
  initial,
  submitLabel,
  titleId,
  onSubmit,
  onCancel,
}: {
  initial?: WebhookEndpoint;
  submitLabel: string;
  titleId: string;
  onSubmit: (v: WebhookFormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [events, setEvents] = useState<string[]>(initial?.events ?? ['ticket.*']);
  const [active, setActive] = useState(initial?.active ?? true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({ url: url.trim(), description: description.trim(), events, active });
      if (!initial) {
        setUrl('');
        setDescription('');
      }
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <ErrorAlert error={error} fields={FIELDS} />
      <div className="form-row">
        <TextField
          label={t('webhooks.url')}
          name="url"
          type="url"
          required
          maxLength={2048}
          autoComplete="off"
          placeholder="https://crm.example.com/hooks/switchboard"
          hint={t('webhooks.urlHint')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fieldError(error, 'url')}
        />
        <TextField
          label={t('webhooks.description')}
          name="description"
          maxLength={500}
          autoComplete="off"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fieldError(error, 'description')}
        />
      </div>
      <EventChoices value={events} onChange={setEvents} error={fieldError(error, 'events')} />
      <label className="check">
        <input type="checkbox" name="active" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('webhooks.active')}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={pending}>
            {t('webhooks.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
