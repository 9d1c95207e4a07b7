import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type Ticket, type TicketMacro } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** A labelled select of the macros the user may apply, and an Apply button. */
export function MacroMenu({ ticket, macros, onApplied }: { ticket: Ticket; macros: TicketMacro[]; onApplied: (t: Ticket, m: TicketMacro) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [macroId, setMacroId] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function apply() {
    const m = macros.find((x) => x.id === macroId);
    if (!m) return;
    setPending(true);
    setError(null);
    try {
      onApplied(await ticketsApi.applyMacro(ticket.id, m.id), m);
      setMacroId('');
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <div>
      <div className="inline-edit">
        <label htmlFor={`${id}-macro`}>{t('tickets.macroMenu')}</label>
        <select id={`${id}-macro`} value={macroId} onChange={(e) => setMacroId(e.target.value)} disabled={macros.length === 0}>
          <option value="">{macros.length ? t('tickets.choose') : t('tickets.noMacros')}</option>
          {macros.map((m) => (
            <option key={m.id} value={m.id} title={m.description}>{m.name}</option>
          ))}
        </select>
        <button type="button" disabled={!macroId || pending} onClick={() => void apply()}>{t('tickets.apply')}</button>
        <span role="status" className="pending">{pending ? t('tickets.applying') : ''}</span>
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
