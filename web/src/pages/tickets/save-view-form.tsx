import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type ShareScope, type TicketViewDef } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';

/** Saves the current search as a view: personal, or for everyone with tickets.share. */
export function SaveViewForm({ q, onSaved }: { q: string; onSaved: (v: TicketViewDef) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ShareScope>('me');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const v = await ticketsApi.createView({ name, scope, filters: { q } });
      setName('');
      onSaved(v);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const nameError = fieldError(error, 'name');
  return (
    <form className="inline-edit" onSubmit={submit} aria-label={t('tickets.saveView')} noValidate>
      <label htmlFor={`${id}-name`}>{t('tickets.viewName')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} />
      {can('tickets.share') && (
        <>
          <label htmlFor={`${id}-scope`} className="visually-hidden">{t('tickets.scope')}</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as ShareScope)}>
            <option value="me">{t('tickets.scopes.me')}</option>
            <option value="everyone">{t('tickets.scopes.everyone')}</option>
          </select>
        </>
      )}
      <button type="submit" disabled={pending || !name.trim()}>{t('tickets.saveView')}</button>
      <ErrorAlert error={error} />
    </form>
  );
}
