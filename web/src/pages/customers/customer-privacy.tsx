import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../src/contracts/customers.ts';
import { customer360Api } from '../../api/customer-360.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';

/** Subject access (export everything as JSON) and erasure, for admins. */
export function CustomerPrivacy({ customer, onErased }: { customer: Customer; onErased: () => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [word, setWord] = useState('');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);

  async function exportAll() {
    setError(null);
    try {
      const doc = await customer360Api.exportAll(customer.id);
      const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `customer-${customer.id}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(t('customer360.exported'));
    } catch (err) {
      setError(err);
    }
  }

  async function erase(e: FormEvent) {
    e.preventDefault();
    if (word.trim() !== t('customer360.eraseWord')) return;
    setPending(true);
    setError(null);
    try {
      await customer360Api.erase(customer.id, reason.trim() || undefined);
      setConfirming(false);
      setStatus(t('customer360.erased'));
      onErased();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="customer-privacy-title">
      <h2 id="customer-privacy-title">{t('customer360.privacy')}</h2>
      <p className="hint">{t('customer360.privacyHint')}</p>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error} />
      {customer.erasedAt ? (
        <p>{t('customer360.erasedOn', { date: formatDate(customer.erasedAt) })}</p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void exportAll()}>
          {t('customer360.exportData')}
        </button>
        {!customer.erasedAt && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('customer360.erase')}
          </button>
        )}
      </div>
      {confirming && (
        <form className="danger-zone" onSubmit={(e) => void erase(e)} aria-labelledby="erase-title">
          <h3 id="erase-title">{t('customer360.eraseTitle')}</h3>
          <p>{t('customer360.eraseWarning')}</p>
          <label className="field">
            <span>{t('customer360.eraseConfirmLabel')}</span>
            <input value={word} onChange={(e) => setWord(e.target.value)} autoComplete="off" autoFocus />
          </label>
          <label className="field">
            <span>{t('customer360.eraseReason')}</span>
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={pending || word.trim() !== t('customer360.eraseWord')}>
              {pending ? t('common.saving') : t('customer360.eraseSubmit')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={pending}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
