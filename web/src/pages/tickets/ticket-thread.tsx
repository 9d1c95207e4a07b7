import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import { ticketsApi, type TicketComment } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';

type Mode = 'reply' | 'note';

/** The @word being typed at the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; word: string } | null {
  const m = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, word: m[2]!.toLowerCase() } : null;
}

/** Public replies and internal notes, visually distinct, oldest first. */
export function TicketThread({ comments, authorName }: { comments: TicketComment[]; authorName: (id: string | null) => string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (comments.length === 0) return <p className="empty">{t('tickets.noComments')}</p>;
  return (
    <ol className="thread">
      {comments.map((c) => (
        <li key={c.id} className={`message ${c.public ? 'message-outbound' : 'message-note'}`}>
          <div className="message-meta">
            <span className={`message-kind${c.public ? '' : ' note-label'}`}>{c.public ? t('tickets.publicReply') : t('tickets.internalNote')}</span>
            <span className="message-author">{authorName(c.authorId)}</span>
            <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
          </div>
          {c.html ? (
            // Sanitized by the server (src/core/conversations/sanitize.ts); nothing else is rendered as HTML.
            <div className="message-body" dangerouslySetInnerHTML={{ __html: c.html }} />
          ) : (
            <div className="message-body message-text" style={{ whiteSpace: 'pre-wrap' }}>{c.text}</div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** "Reply" or "Internal note"; @ offers colleagues to mention (arrow keys and Enter, or click). Ctrl+Enter sends. */
export function TicketComposer({ ticketId, users, disabledReply, onSent }: { ticketId: string; users: User[]; disabledReply: boolean; onSent: (c: TicketComment) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>(disabledReply ? 'note' : 'reply');
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [mentioned, setMentioned] = useState<User[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const at = mentionAt(text, caret);
  const suggestions = useMemo(
    () => (at ? users.filter((u) => u.active && (u.name.toLowerCase().includes(at.word) || u.email.toLowerCase().startsWith(at.word))).slice(0, 6) : []),
    [at?.word, at !== null, users], // eslint-disable-line react-hooks/exhaustive-deps
  );

  function choose(u: User) {
    if (!at) return;
    const before = text.slice(0, at.start);
    const after = text.slice(caret);
    const inserted = `@${u.email} `;
    setText(before + inserted + after);
    setCaret(before.length + inserted.length);
    setMentioned((m) => (m.some((x) => x.id === u.id) ? m : [...m, u]));
    setActive(0);
  }

  async function send() {
    if (pending || !text.trim()) return;
    setPending(true);
    setError(null);
    setStatus('');
    try {
      const mentions = mentioned.filter((u) => text.includes(`@${u.email}`)).map((u) => u.id);
      const c = await ticketsApi.comment(ticketId, { text, public: mode === 'reply', mentions });
      setText('');
      setMentioned([]);
      onSent(c);
      setStatus(mode === 'reply' ? t('tickets.sent') : t('tickets.noted'));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        choose(suggestions[Math.min(active, suggestions.length - 1)]!);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const textError = fieldError(error, 'text');
  const listId = `${id}-mentions`;
  return (
    <form className={`composer composer-${mode}`} onSubmit={(e: FormEvent) => { e.preventDefault(); void send(); }} noValidate>
      <fieldset className="composer-mode">
        <legend className="visually-hidden">{t('tickets.composerMode')}</legend>
        {(['reply', 'note'] as const).map((m) => (
          <label key={m} className={mode === m ? 'selected' : undefined}>
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} disabled={m === 'reply' && disabledReply} onChange={() => setMode(m)} />
            {m === 'reply' ? t('tickets.publicReply') : t('tickets.internalNote')}
          </label>
        ))}
      </fieldset>
      <div className="field" style={{ position: 'relative' }}>
        <label htmlFor={`${id}-text`}>{mode === 'reply' ? t('tickets.replyText') : t('tickets.noteText')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={suggestions.length ? `${listId}-${Math.min(active, suggestions.length - 1)}` : undefined}
          onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); setActive(0); }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          aria-keyshortcuts="Control+Enter"
          aria-invalid={textError ? true : undefined}
          aria-describedby={`${id}-hint`}
        />
        <ul id={listId} role="listbox" aria-label={t('tickets.mentions')} className="plain-list" hidden={suggestions.length === 0}>
          {suggestions.map((u, i) => (
            <li key={u.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); choose(u); }} style={{ cursor: 'pointer', fontWeight: i === active ? 600 : undefined }}>
              {u.name} &lt;{u.email}&gt;
            </li>
          ))}
        </ul>
        <p id={`${id}-hint`} className="hint">{t('tickets.sendHint')}</p>
        {textError && <p className="field-error">{textError}</p>}
      </div>
      <ErrorAlert error={error} fields={['text']} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending || !text.trim()} aria-keyshortcuts="Control+Enter">
          {mode === 'reply' ? t('tickets.send') : t('tickets.addNote')}
        </button>
        <span role="status" className="pending">{pending ? t('tickets.sending') : ''}</span>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
    </form>
  );
}
