import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ShortcutHelp {
  keys: string[];
  description: string;
  /** Keys pressed together (Ctrl+Enter) rather than one after the other. */
  together?: boolean;
}

interface Props {
  open: boolean;
  onClose: () => void;
  shortcuts: readonly ShortcutHelp[];
}

/** A modal list of keyboard shortcuts; Escape or the Close button dismisses it. */
export function ShortcutsDialog({ open, onClose, shortcuts }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const introId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">
        <h2 id={titleId}>{t('shortcuts.title')}</h2>
        <p id={introId}>{t('shortcuts.intro')}</p>
        <table className="shortcuts-table">
          <caption className="visually-hidden">{t('shortcuts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">{t('shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.description}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && (s.together ? '+' : ` ${t('shortcuts.then')} `)}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={onClose} autoFocus>
            {t('common.close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
