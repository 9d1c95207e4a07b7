import { useTranslation } from 'react-i18next';

export type ComposerMode = 'reply' | 'note';

/** Reply to the customer or write an internal note: the choice above every composer. */
export function ComposerModeSwitch({ id, mode, onChange }: { id: string; mode: ComposerMode; onChange: (m: ComposerMode) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="composer-mode">
      <legend className="visually-hidden">{t('conversation.mode')}</legend>
      {(['reply', 'note'] as const).map((m) => (
        <label key={m} className={mode === m ? 'selected' : undefined}>
          <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => onChange(m)} />
          {m === 'reply' ? t('conversation.replyMode') : t('conversation.noteMode')}
        </label>
      ))}
    </fieldset>
  );
}
