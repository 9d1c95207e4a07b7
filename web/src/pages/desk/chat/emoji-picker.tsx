import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const EMOJI = ['😀', '😊', '😂', '🙂', '😉', '😍', '🤔', '😅', '😢', '😮', '🙏', '👍', '👎', '👏', '👋', '🎉', '❤️', '✅', '❌', '⭐', '🔥', '📦', '💳', '📞'];

/** A small grid of common emoji; picking one inserts it at the cursor. */
export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="emoji-picker">
      <button type="button" aria-expanded={open} aria-controls={id} disabled={disabled} onClick={() => setOpen((o) => !o)} title={t('agentDesk.emoji')}>
        <span aria-hidden="true">😊</span>
        <span className="visually-hidden">{t('agentDesk.emoji')}</span>
      </button>
      {open && (
        <div id={id} role="group" aria-label={t('agentDesk.emoji')} className="emoji-grid" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {EMOJI.map((e) => (
            <button
              key={e}
              type="button"
              aria-label={e}
              onClick={() => {
                onPick(e);
                setOpen(false);
              }}
            >
              {e}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
