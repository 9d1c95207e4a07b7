import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only value with a Copy button, e.g. an invitation link or a token secret. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setResult('copied');
    } catch {
      inputRef.current?.select();
      setResult('failed');
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input id={id} ref={inputRef} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {result === 'copied' ? t('common.copied') : result === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
