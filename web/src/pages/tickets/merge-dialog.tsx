import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketsApi, type Ticket } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';

/** Picks tickets to merge into `target` and merges them after an explicit, not-undoable confirmation. */
export function MergeDialog({ target, open, onClose, onMerged }: { target: Ticket; open: boolean; onClose: () => void; onMerged: (t: Ticket, count: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [found, setFound] = useState<Ticket[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let active = true;
    ticketsApi.list({ q: query }).then(
      (p) => active && setFound(p.items.filter((x) => x.id !== target.id && x.status !== 'closed')),
      (e: unknown) => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [open, query, target.id]);

  async function merge() {
    setPending(true);
    setError(null);
    try {
      const merged = await ticketsApi.merge(target.id, [...picked]);
      const count = picked.size;
      setPicked(new Set());
      onMerged(merged, count);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-intro`} onClose={onClose}>
      <div className="dialog-body">
        <h2 id={`${id}-title`}>{t('tickets.mergeTitle', { number: target.number })}</h2>
        <p id={`${id}-intro`} className="warning">{t('tickets.mergeIntro')}</p>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('tickets.mergeSearch')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('tickets.mergePick')}</legend>
          <ul className="plain-list" style={{ maxHeight: '14rem', overflowY: 'auto' }}>
            {found.map((x) => (
              <li key={x.id}>
                <label className="check">
                  <input type="checkbox" checked={picked.has(x.id)} onChange={() => setPicked((s) => { const n = new Set(s); if (n.has(x.id)) n.delete(x.id); else n.add(x.id); return n; })} />
                  #{x.number} {x.subject}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="button" className="danger" disabled={picked.size === 0 || pending} onClick={() => void merge()}>
            {t('tickets.mergeConfirm', { count: picked.size })}
          </button>
          <button type="button" onClick={onClose}>{t('tickets.cancel')}</button>
          <span role="status" className="pending">{pending ? t('tickets.merging') : ''}</span>
        </div>
      </div>
    </dialog>
  );
}
