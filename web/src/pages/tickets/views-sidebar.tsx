import { useTranslation } from 'react-i18next';
import type { TicketViewDef } from '../../api/tickets.ts';

interface Props {
  views: TicketViewDef[] | null;
  current: string | null;
  onPick: (id: string | null) => void;
  /** Personal views of this user get a delete button. */
  meId: string;
  onDelete: (v: TicketViewDef) => void;
}

/** The saved views with their live counts; "All tickets" first. */
export function ViewsSidebar({ views, current, onPick, meId, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('tickets.views')} className="subpanel" style={{ minWidth: '13rem' }}>
      <h2>{t('tickets.views')}</h2>
      <ul className="plain-list">
        <li>
          <button type="button" className="link-button" aria-current={current === null ? 'page' : undefined} onClick={() => onPick(null)}>
            {current === null ? <strong>{t('tickets.allTickets')}</strong> : t('tickets.allTickets')}
          </button>
        </li>
        {views === null && <li className="hint">…</li>}
        {views?.map((v) => (
          <li key={v.id}>
            <button type="button" className="link-button" aria-current={current === v.id ? 'page' : undefined} onClick={() => onPick(v.id)}>
              {current === v.id ? <strong>{v.name}</strong> : v.name}{' '}
              <span className="badge badge-muted" aria-label={t('tickets.viewCount', { count: v.count ?? 0 })}>
                {v.count ?? 0}
              </span>
            </button>
            {v.scope === 'me' && v.ownerId === meId && (
              <button type="button" className="link-button" aria-label={t('tickets.deleteView', { name: v.name })} title={t('tickets.deleteView', { name: v.name })} onClick={() => onDelete(v)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
