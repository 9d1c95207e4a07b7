import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskApi, type Disposition } from '../../../api/desk.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { fieldError } from '../../../components/errors.ts';
import { TextField } from '../../../components/fields.tsx';
import { StatusMessage } from '../../../components/status-message.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';

/** /admin/dispositions: the codes an agent picks when wrapping up a conversation. */
export function DispositionsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<Disposition[] | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('agentDesk.admin.dispositionsTitle'));

  const load = useCallback(() => deskApi.dispositions(true).then(setItems, setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(fn: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await fn();
      setStatus(message);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function create(e: FormEvent) {
    e.preventDefault();
    void act(async () => {
      await deskApi.createDisposition({ code, label, position: items?.length ?? 0 });
      setCode('');
      setLabel('');
    }, t('agentDesk.admin.saved', { name: label }));
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('agentDesk.admin.dispositionsTitle')}</h1>
      <p className="hint">{t('agentDesk.admin.dispositionsIntro')}</p>
      <ErrorAlert error={error} fields={['code', 'label']} />
      <StatusMessage>{status || null}</StatusMessage>
      <table className="data-table">
        <caption className="visually-hidden">{t('agentDesk.admin.dispositionsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agentDesk.admin.code')}</th>
            <th scope="col">{t('agentDesk.admin.label')}</th>
            <th scope="col">{t('agentDesk.admin.active')}</th>
            <th scope="col">{t('agentDesk.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.code}</th>
              <td>{d.label}</td>
              <td>
                <label className="check">
                  <input type="checkbox" key={`${d.id}-${d.active}`} defaultChecked={d.active} disabled={busy} onChange={(e) => void act(() => deskApi.updateDisposition(d.id, { active: e.target.checked }), t('agentDesk.admin.saved', { name: d.label }))} />
                  <span className="visually-hidden">{t('agentDesk.admin.activeOf', { name: d.label })}</span>
                </label>
              </td>
              <td className="actions">
                <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(t('agentDesk.admin.confirmDelete', { name: d.label })) && void act(() => deskApi.removeDisposition(d.id), t('agentDesk.admin.deleted', { name: d.label }))}>
                  {t('agentDesk.admin.delete', { name: d.label })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items && items.length === 0 && <p className="empty">{t('agentDesk.admin.noDispositions')}</p>}
      <form onSubmit={create} aria-labelledby={`${id}-form`} noValidate>
        <h2 id={`${id}-form`}>{t('agentDesk.admin.newDisposition')}</h2>
        <div className="form-row">
          <TextField label={t('agentDesk.admin.code')} value={code} onChange={(e) => setCode(e.target.value)} error={fieldError(error, 'code')} hint={t('agentDesk.admin.shortcutHint')} required />
          <TextField label={t('agentDesk.admin.label')} value={label} onChange={(e) => setLabel(e.target.value)} error={fieldError(error, 'label')} required />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('agentDesk.admin.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
