import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type TicketField, type TicketFieldType } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

const TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const satisfies readonly TicketFieldType[];
const FIELDS = ['key', 'label', 'type', 'options', 'required'] as const;
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** Create or edit one field definition; key and type only when creating. */
function FieldForm({ field, onSaved, onCancel }: { field: TicketField | null; onSaved: (f: TicketField) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState<TicketFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState(field?.options.join('\n') ?? '');
  const [required, setRequired] = useState(field?.required ?? false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const opts = type === 'dropdown' ? lines(options) : [];
      const saved = field ? await ticketsApi.updateField(field.id, { label, options: opts, required }) : await ticketsApi.createField({ key, label, type, options: opts, required });
      if (!field) {
        setKey('');
        setLabel('');
        setOptions('');
        setRequired(false);
      }
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={field ? t('tickets.edit', { name: field.label }) : t('tickets.addField')}>
      <div className="form-row">
        {!field && <TextField label={t('tickets.key')} hint={t('tickets.keyHint')} value={key} required onChange={(e) => setKey(e.target.value)} error={fieldError(error, 'key')} />}
        <TextField label={t('tickets.label')} value={label} required onChange={(e) => setLabel(e.target.value)} error={fieldError(error, 'label')} />
        {!field && <SelectField label={t('tickets.fieldType')} value={type} onChange={(e) => setType(e.target.value as TicketFieldType)} options={TYPES.map((x) => [x, t(`tickets.fieldTypes.${x}`)] as const)} />}
      </div>
      {type === 'dropdown' && (
        <div className="field">
          <label htmlFor={`${id}-options`}>{t('tickets.options')}</label>
          <textarea id={`${id}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} aria-describedby={`${id}-options-hint`} />
          <p id={`${id}-options-hint`} className="hint">{t('tickets.optionsHint')}</p>
          {fieldError(error, 'options') && <p className="field-error">{fieldError(error, 'options')}</p>}
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        {t('tickets.required')}
      </label>
      <ErrorAlert error={error} fields={FIELDS} />
      <div className="row-actions">
        <SubmitRow label={field ? t('tickets.save') : t('tickets.addField')} pendingLabel={t('tickets.saving')} pending={pending} />
        {onCancel && <button type="button" onClick={onCancel}>{t('tickets.cancel')}</button>}
      </div>
    </form>
  );
}

/** /admin/ticket-fields: custom ticket fields (key, label, type, options, required). */
export function TicketFieldsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canConfigure = can('tickets.configure');
  const list = usePagedList((cursor) => ticketsApi.fields(cursor), 'ticket-fields');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(`${t('tickets.fieldsTitle')} – ${t('admin.title')}`);
  useEvents(can('users.read') ? ['tenant'] : [], (event) => {
    if (event.type.startsWith('ticket_field.')) list.reload();
  });

  async function remove(f: TicketField) {
    setError(null);
    try {
      await ticketsApi.removeField(f.id);
      setConfirming(null);
      setStatus(t('tickets.fieldDeleted', { name: f.label }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="ticket-fields-title">
      <h2 id="ticket-fields-title">{t('tickets.fieldsTitle')}</h2>
      <p className="hint">{t('tickets.fieldsIntro')}</p>
      {canConfigure && (
        <section className="subpanel" aria-labelledby="add-field-title">
          <h3 id="add-field-title">{t('tickets.addField')}</h3>
          <FieldForm field={null} onSaved={(f) => { setStatus(t('tickets.fieldAdded', { name: f.label })); list.reload(); }} />
        </section>
      )}
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('tickets.fieldsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tickets.label')}</th>
              <th scope="col">{t('tickets.key')}</th>
              <th scope="col">{t('tickets.fieldType')}</th>
              <th scope="col">{t('tickets.options')}</th>
              <th scope="col">{t('tickets.required')}</th>
              {canConfigure && <th scope="col"><span className="visually-hidden">{t('tickets.edit', { name: '' })}</span></th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((f) =>
              editing === f.id ? (
                <tr key={f.id}>
                  <td colSpan={canConfigure ? 6 : 5}>
                    <FieldForm field={f} onCancel={() => setEditing(null)} onSaved={(saved) => { setEditing(null); setStatus(t('tickets.fieldSaved', { name: saved.label })); list.reload(); }} />
                  </td>
                </tr>
              ) : (
                <tr key={f.id}>
                  <th scope="row">{f.label}</th>
                  <td><code>{f.key}</code></td>
                  <td>{t(`tickets.fieldTypes.${f.type}`)}</td>
                  <td>{f.options.join(', ')}</td>
                  <td>{f.required ? t('tickets.yes') : ''}</td>
                  {canConfigure && (
                    <td>
                      {confirming === f.id ? (
                        <div className="confirm" role="group" aria-label={t('tickets.confirmRemoveField', { name: f.label })}>
                          <span>{t('tickets.confirmRemoveField', { name: f.label })}</span>
                          <button type="button" className="danger" onClick={() => void remove(f)}>{t('tickets.confirm')}</button>
                          <button type="button" onClick={() => setConfirming(null)}>{t('tickets.cancel')}</button>
                        </div>
                      ) : (
                        <div className="row-actions">
                          <button type="button" onClick={() => setEditing(f.id)} aria-label={t('tickets.edit', { name: f.label })}>{t('tickets.edit', { name: '' }).trim()}</button>
                          <button type="button" className="danger" onClick={() => setConfirming(f.id)} aria-label={t('tickets.remove', { name: f.label })}>{t('tickets.remove', { name: '' }).trim()}</button>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('tickets.noFields')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
