import { useTranslation } from 'react-i18next';

export interface Suggestion {
  key: string;
  label: string;
  detail?: string;
}

/** The listbox under the composer for "/" canned responses and "@" mentions. */
export function Suggestions({ id, kind, items, active, onPick }: { id: string; kind: 'canned' | 'mention'; items: Suggestion[]; active: number; onPick: (index: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="suggestions">
      <ul id={id} role="listbox" aria-label={kind === 'canned' ? t('agentDesk.cannedList') : t('agentDesk.mentionList')}>
        {items.map((s, i) => (
          <li
            key={s.key}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(i);
            }}
          >
            <span className="suggestion-label">{s.label}</span>
            {s.detail && <span className="suggestion-detail">{s.detail}</span>}
          </li>
        ))}
        {items.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="empty">
            {kind === 'canned' ? t('agentDesk.noCanned') : t('agentDesk.noUsers')}
          </li>
        )}
      </ul>
    </div>
  );
}
