import { useId, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../src/contracts/conversations.ts';
import { conversationsApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { AttachmentPicker, useAttachmentUploads } from '../../components/attachment-uploads.tsx';
import { postMessageWithAttachments } from '../../api/attachments.ts';
import { ComposerModeSwitch } from './composer-mode.tsx';

type Mode = 'reply' | 'note';

/** Reply to the customer or add an internal note; Ctrl+Enter (⌘+Enter on a Mac) sends. */
export function Composer({ conversationId, onSent }: { conversationId: string; onSent: (m: Message) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const uploads = useAttachmentUploads();
  const canSend = !pending && !uploads.busy && (text.trim().length > 0 || uploads.ids.length > 0);

  async function send() {
    if (uploads.busy && !pending) setStatus(t('attachments.waitForUploads'));
    if (!canSend) return;
    setPending(true);
    setError(null);
    setStatus('');
    try {
      const message = uploads.ids.length
        ? await postMessageWithAttachments(conversationId, { kind: mode, text, attachmentIds: uploads.ids })
        : await conversationsApi.post(conversationId, { kind: mode, text });
      setText('');
      uploads.clear();
      onSent(message);
      setStatus(mode === 'reply' ? t('conversation.sent') : t('conversation.noted'));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void send();
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    if (e.clipboardData.files.length) {
      e.preventDefault();
      uploads.add(e.clipboardData.files);
    }
  }

  function onDrop(e: DragEvent<HTMLFormElement>) {
    if (e.dataTransfer.files.length) {
      e.preventDefault();
      uploads.add(e.dataTransfer.files);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const textError = fieldError(error, 'text');
  return (
    <form className={`composer composer-${mode}`} onSubmit={onSubmit} onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={onDrop} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('conversation.composer')}
      </h2>
      <ComposerModeSwitch id={id} mode={mode} onChange={setMode} />
      <div className="field">
        <label htmlFor={`${id}-text`}>{mode === 'reply' ? t('conversation.replyText') : t('conversation.note')}</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-keyshortcuts="Control+Enter"
          aria-invalid={textError ? true : undefined}
          aria-describedby={`${id}-hint${textError ? ` ${id}-error` : ''}`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('conversation.sendHint')}
        </p>
        {textError && (
          <p id={`${id}-error`} className="field-error">
            {textError}
          </p>
        )}
      </div>
      <AttachmentPicker uploads={uploads} disabled={pending} />
      <ErrorAlert error={error} fields={['text']} />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!canSend}
          title={t('conversation.sendHint')}
          aria-keyshortcuts="Control+Enter"
        >
          {mode === 'reply' ? t('conversation.send') : t('conversation.addNote')}
        </button>
        <span role="status" className="pending">
          {pending ? t('conversation.sending') : ''}
        </span>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
    </form>
  );
}
