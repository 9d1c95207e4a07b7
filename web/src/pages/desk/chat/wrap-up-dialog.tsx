import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../../src/contracts/conversations.ts';
import { deskApi, type Disposition } from '../../../api/desk.ts';
import { routingApi } from '../../../api/routing.ts';
import { useMe } from '../../../auth/auth-context.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { fieldError } from '../../../components/errors.ts';

/** Ends the task's wrap-up time when the routing task of this conversation is in wrap-up. */
async function finishWrapUp(conversationId: string, meId: string): Promise<boolean> {
  const tasks = await routingApi.tasks({ sourceId: conversationId, status: 'active', limit: 20 }).catch(() => ({ items: [] }));
  const mine = tasks.items.filter((x) => x.sourceId === conversationId && x.status === 'wrap_up' && x.assignedUserId === meId);
  for (const task of mine) await routingApi.wrapUpDone(task.id);
  return mine.length > 0;
}

/** Resolve: asks for a disposition code when the workspace has any, then ends the routing wrap-up. */
export function WrapUpDialog({ open, conversationId, onClose, onDone }: { open: boolean; conversationId: string; onClose: () => void; onDone: (c: Conversation, message: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [codes, setCodes] = useState<Disposition[] | null>(null);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      setCode('');
      setNote('');
      dialog.showModal();
      deskApi.dispositions().then(setCodes, setError);
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await deskApi.wrapUp(conversationId, { ...(code ? { dispositionCode: code } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      const ended = await finishWrapUp(conversationId, me.user.id);
      onDone(r.conversation, ended ? t('agentDesk.resolvedWrapUpDone') : t('agentDesk.resolved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog wrap-up-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t('agentDesk.wrapUpTitle')}</h2>
        {codes === null && !error && <p className="hint">{t('common.loading')}</p>}
        {codes && codes.length > 0 && (
          <fieldset className="dispositions" aria-describedby={fieldError(error, 'dispositionCode') ? `${id}-code-error` : undefined}>
            <legend>{t('agentDesk.disposition')}</legend>
            {codes.map((d) => (
              <label key={d.id} className="check">
                <input type="radio" name={`${id}-code`} value={d.code} checked={code === d.code} onChange={() => setCode(d.code)} required />
                {d.label}
              </label>
            ))}
            {fieldError(error, 'dispositionCode') && (
              <p id={`${id}-code-error`} className="field-error">
                {fieldError(error, 'dispositionCode')}
              </p>
            )}
          </fieldset>
        )}
        {codes && codes.length === 0 && <p className="hint">{t('agentDesk.noDispositions')}</p>}
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('agentDesk.wrapUpNote')}</label>
          <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ErrorAlert error={error} fields={['dispositionCode']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || codes === null || (codes.length > 0 && !code)}>
            {t('agentDesk.resolveConfirm')}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
