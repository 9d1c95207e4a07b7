/** The reply box: text, a small emoji picker (the OS keyboard works too), a file button, send. */
import { useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n/index.ts';
import { MAX_TEXT } from '../lib/constants.ts';
import { AttachIcon, SmileIcon } from './icons.tsx';

export const EMOJI = ['😀', '😂', '😊', '😍', '🙂', '😉', '😢', '😮', '😡', '🤔', '🙏', '👍', '👎', '👋', '👏', '🎉', '❤️', '🔥', '✅', '❌', '⭐', '📦', '💡', '☕'];

export function Composer(props: {
  t: Translate;
  disabled?: boolean;
  accept: string;
  onSend(text: string): void;
  onFile(file: File): void;
  onTyping(on: boolean): void;
  inputRef: { current: HTMLTextAreaElement | null };
}) {
  const { t } = props;
  const [text, setText] = useState('');
  const [picker, setPicker] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const typingSent = useRef(0);
  const idle = useRef<number | undefined>(undefined);

  const typing = (value: string): void => {
    setText(value);
    const now = Date.now();
    if (value && now - typingSent.current > 3_000) {
      typingSent.current = now;
      props.onTyping(true);
    }
    window.clearTimeout(idle.current);
    idle.current = window.setTimeout(() => {
      typingSent.current = 0;
      props.onTyping(false);
    }, 2_500);
  };
  const submit = (e?: Event): void => {
    e?.preventDefault();
    const v = text.trim();
    if (!v || props.disabled) return;
    props.onSend(v);
    setText('');
    window.clearTimeout(idle.current);
    if (typingSent.current) props.onTyping(false);
    typingSent.current = 0;
    props.inputRef.current?.focus();
  };
  const insert = (emoji: string): void => {
    const el = props.inputRef.current;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? at;
    const next = text.slice(0, at) + emoji + text.slice(end);
    setText(next);
    setPicker(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  };

  return (
    <form class="composer" onSubmit={submit}>
      {picker ? (
        <div class="emoji-grid" role="group" aria-label={t('emojiList')}>
          {EMOJI.map((e) => (
            <button type="button" key={e} aria-label={e} onClick={() => insert(e)}>
              {e}
            </button>
          ))}
        </div>
      ) : null}
      <div class="row">
        <label class="sr-only" for="sb-input">
          {t('messageLabel')}
        </label>
        <textarea
          id="sb-input"
          ref={props.inputRef}
          rows={1}
          maxLength={MAX_TEXT}
          placeholder={t('messagePlaceholder')}
          value={text}
          onInput={(e) => typing((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
          }}
        />
      </div>
      <div class="row tools">
        <button type="button" class="icon" aria-label={t('emoji')} aria-expanded={picker} onClick={() => setPicker(!picker)}>
          <SmileIcon />
        </button>
        <button type="button" class="icon" aria-label={t('attach')} onClick={() => fileRef.current?.click()}>
          <AttachIcon />
        </button>
        <input
          ref={fileRef}
          type="file"
          class="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          accept={props.accept}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const f = input.files?.[0];
            input.value = '';
            if (f) props.onFile(f);
          }}
        />
        <button type="submit" class="send" disabled={props.disabled || !text.trim()}>
          {props.t('send')}
        </button>
      </div>
    </form>
  );
}
