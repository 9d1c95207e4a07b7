import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskApi, type CannedResponse } from '../../../api/desk.ts';
import { useAuth } from '../../../auth/auth-context.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { fieldError } from '../../../components/errors.ts';
import { TextField } from '../../../components/fields.tsx';
import { StatusMessage } from '../../../components/status-message.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';

const empty = { shortcut: '', title: '', body: '' };
const FIELDS = ['shortcut', 'title', 'body'];

/** /admin/canned-responses: the replies agents insert with "/" in the composer. */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = useId();
  const [items, setItems] = useState<CannedResponse[] | null>(null);
  const [form, setForm] = useState(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const manage = can('tickets.share');
  useDocumentTitle(t('agentDesk.admin.cannedTitle'));

  const load = useCallback(() => deskApi.canned().then((p) => setItems(p.items), setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      if (editing) await deskApi.updateCanned(editing, form);
      else await deskApi.createCanned(form);
      setStatus(t('agentDesk.admin.saved', { name: form.title }));
      setForm(empty);
      setEditing(null);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function remove(c: CannedResponse) {
    if (!window.confirm(t('agentDesk.admin.confirmDelete', { name: c.title }))) return;
    try {
      await deskApi.removeCanned(c.id);
      setStatus(t('agentDesk.admin.deleted', { name: c.title }));
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('agentDesk.admin.cannedTitle')}</h1>
      <p className="hint">{t('agentDesk.admin.cannedIntro')}</p>
      <ErrorAlert error={error} fields={FIELDS} />
      <StatusMessage>{status || null}</StatusMessage>
      <table className="data-table">
        <caption className="visually-hidden">{t('agentDesk.admin.cannedTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agentDesk.admin.shortcut')}</th>
            <th scope="col">{t('agentDesk.admin.titleField')}</th>
            <th scope="col">{t('agentDesk.admin.body')}</th>
            {manage && <th scope="col">{t('agentDesk.admin.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((c) => (
            <tr key={c.id}>
              <th scope="row">/{c.shortcut}</th>
              <td>{c.title}</td>
              <td className="canned-body">{c.body}</td>
              {manage && (
                <td className="actions">
                  <button type="button" onClick={() => { setEditing(c.id); setForm({ shortcut: c.shortcut, title: c.title, body: c.body }); }}>
                    {t('agentDesk.admin.edit', { name: c.title })}
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(c)}>
                    {t('agentDesk.admin.delete', { name: c.title })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {items && items.length === 0 && <p className="empty">{t('agentDesk.admin.noCanned')}</p>}
      {manage && (
        <form onSubmit={save} aria-labelledby={`${id}-form`} noValidate>
          <h2 id={`${id}-form`}>{editing ? t('agentDesk.admin.editCanned') : t('agentDesk.admin.newCanned')}</h2>
          <div className="form-row">
            <TextField label={t('agentDesk.admin.shortcut')} value={form.shortcut} onChange={(e) => setForm({ ...form, shortcut: e.target.value })} error={fieldError(error, 'shortcut')} hint={t('agentDesk.admin.shortcutHint')} required />
            <TextField label={t('agentDesk.admin.titleField')} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} error={fieldError(error, 'title')} required />
          </div>
          <div className="field">
            <label htmlFor={`${id}-body`}>{t('agentDesk.admin.body')}</label>
            <textarea id={`${id}-body`} rows={4} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} aria-describedby={`${id}-vars${fieldError(error, 'body') ? ` ${id}-body-error` : ''}`} aria-invalid={fieldError(error, 'body') ? true : undefined} />
            <p id={`${id}-vars`} className="hint">
              {t('agentDesk.admin.variables')} <code>{'{{customer.first_name}}'}</code> <code>{'{{customer.name}}'}</code> <code>{'{{agent.first_name}}'}</code> <code>{'{{agent.name}}'}</code> <code>{'{{conversation.id}}'}</code>
            </p>
            {fieldError(error, 'body') && (
              <p id={`${id}-body-error`} className="field-error">
                {fieldError(error, 'body')}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('agentDesk.admin.save')}
            </button>
            {editing && (
              <button type="button" onClick={() => { setEditing(null); setForm(empty); }}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
