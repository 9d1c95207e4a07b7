import { DraftButton } from './draft-button.tsx';
import { forwardRef, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/auth.ts';
import type { Message } from '../../../../../src/contracts/conversations.ts';
import { postMessageWithAttachments } from '../../../api/attachments.ts';
import { deskApi, type CannedResponse } from '../../../api/desk.ts';
import { conversationsApi } from '../../../api/endpoints.ts';
import { AttachmentPicker, useAttachmentUploads } from '../../../components/attachment-uploads.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { StatusMessage } from '../../../components/status-message.tsx';
import { EmojiPicker } from './emoji-picker.tsx';
import { Suggestions, type Suggestion } from './suggestions.tsx';
import { ComposerModeSwitch } from '../composer-mode.tsx';

type Mode = 'reply' | 'note';
export interface ComposerHandle {
  focus(mode: Mode): void;
  /** Puts text into the reply at the caret (a knowledge-base article, a draft). */
  insert(text: string): void;
}
interface Trigger {
  kind: 'canned' | 'mention';
  query: string;
  /** Where the "/" or "@" is in the text. */
  start: number;
}

/** What is being typed at the caret: "/query" (a canned response) or, in a note, "@query" (a mention). */
function triggerAt(text: string, caret: number, mode: Mode): Trigger | null {
  const before = text.slice(0, caret);
  const slash = /(?:^|\s)\/([\w-]{0,40})$/.exec(before);
  if (slash) return { kind: 'canned', query: slash[1]!, start: caret - slash[1]!.length - 1 };
  const at = mode === 'note' ? /(?:^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(before) : null;
  if (at) return { kind: 'mention', query: at[1]!, start: caret - at[1]!.length - 1 };
  return null;
}

/** Reply or internal note, with "/" canned responses, "@" mentions, emoji and attachments; Ctrl+Enter sends. */
interface Props {
  conversationId: string;
  users: User[];
  onSent: (m: Message) => void;
  /** A key went into a reply (the customer sees "typing"); notes stay private. */
  onTyping?: () => void;
  /** The reply was sent or left. */
  onIdle?: () => void;
}

export const ChatComposer = forwardRef<ComposerHandle, Props>(function ChatComposer({ conversationId, users, onSent, onTyping, onIdle }, ref) {
  const { t } = useTranslation();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [mentions, setMentions] = useState<{ id: string; name: string }[]>([]);
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const uploads = useAttachmentUploads();
  /** Where the caret goes once an insertion is rendered (before the next key is handled). */
  const pendingCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !area.current) return;
    pendingCaret.current = null;
    area.current.focus();
    area.current.setSelectionRange(at, at);
  }, [text]);

  useImperativeHandle(ref, () => ({
    focus(m: Mode) {
      setMode(m);
      area.current?.focus();
    },
    insert(s: string) {
      insertText(text.trim() ? `\n${s}` : s);
      area.current?.focus();
    },
  }));
  useEffect(() => {
    deskApi.canned().then((p) => setCanned(p.items), () => undefined);
  }, []);

  const trigger = useMemo(() => {
    const tr = triggerAt(text, caret, mode);
    return tr && tr.start !== dismissed ? tr : null;
  }, [text, caret, mode, dismissed]);
  const items: (Suggestion & { pick: () => void | Promise<void> })[] = useMemo(() => {
    if (!trigger) return [];
    const q = trigger.query.toLowerCase();
    if (trigger.kind === 'canned') {
      return canned
        .filter((c) => c.shortcut.includes(q) || c.title.toLowerCase().includes(q))
        .slice(0, 8)
        .map((c) => ({ key: c.id, label: `/${c.shortcut}`, detail: c.title, pick: () => insertCanned(c, trigger) }));
    }
    return users
      .filter((u) => u.active && (u.name.toLowerCase().includes(q) || u.email.toLowerCase().startsWith(q)))
      .slice(0, 8)
      .map((u) => ({ key: u.id, label: u.name, detail: u.email, pick: () => insertMention(u, trigger) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trigger, canned, users]);
  useEffect(() => setActive(0), [trigger?.kind, trigger?.query]);

  function replace(tr: Trigger, insert: string) {
    const next = text.slice(0, tr.start) + insert + text.slice(caret);
    const at = tr.start + insert.length;
    setText(next);
    setCaret(at);
    pendingCaret.current = at;
  }
  async function insertCanned(c: CannedResponse, tr: Trigger) {
    try {
      const r = await deskApi.renderCanned(c.id, conversationId);
      replace(tr, r.text);
      setStatus(r.unknown.length ? t('agentDesk.cannedUnknown', { names: r.unknown.join(', ') }) : t('agentDesk.cannedInserted', { title: c.title }));
    } catch (err) {
      setError(err);
    }
  }
  function insertMention(u: User, tr: Trigger) {
    replace(tr, `@${u.name} `);
    setMentions((m) => (m.some((x) => x.id === u.id) ? m : [...m, { id: u.id, name: u.name }]));
  }
  function insertText(s: string) {
    const at = area.current?.selectionStart ?? text.length;
    const next = text.slice(0, at) + s + text.slice(at);
    setText(next);
    setCaret(at + s.length);
    pendingCaret.current = at + s.length;
  }

  const canSend = !pending && !uploads.busy && (text.trim().length > 0 || (mode === 'reply' && uploads.ids.length > 0));
  async function send() {
    if (!canSend) return;
    setPending(true);
    setError(null);
    setStatus('');
    try {
      const attachmentIds = uploads.ids;
      let message: Message;
      if (mode === 'note') {
        const mentionIds = mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id);
        message = await deskApi.note(conversationId, { text, mentionIds, ...(attachmentIds.length ? { attachmentIds } : {}) });
      } else {
        message = attachmentIds.length ? await postMessageWithAttachments(conversationId, { kind: 'reply', text, attachmentIds }) : await conversationsApi.post(conversationId, { kind: 'reply', text });
      }
      setText('');
      setMentions([]);
      onIdle?.();
      uploads.clear();
      onSent(message);
      setStatus(mode === 'reply' ? t('conversation.sent') : t('conversation.noted'));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (trigger) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = Math.max(items.length, 1);
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey && items[active]) {
        e.preventDefault();
        void items[active]!.pick();
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(trigger.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const listId = `${id}-suggestions`;
  return (
    <form
      className={`composer chat-composer composer-${mode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      aria-label={t('conversation.composer')}
      noValidate
    >
      <ComposerModeSwitch id={id} mode={mode} onChange={setMode} />
      <div className="field">
        <label htmlFor={`${id}-text`}>{mode === 'reply' ? t('conversation.replyText') : t('conversation.note')}</label>
        <textarea
          ref={area}
          id={`${id}-text`}
          name="text"
          rows={3}
          value={text}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={!!trigger}
          aria-controls={trigger ? listId : undefined}
          aria-activedescendant={trigger && items[active] ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          aria-keyshortcuts="Control+Enter"
          onChange={(e) => {
            if (mode === 'reply' && e.target.value) onTyping?.();
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setDismissed(null);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => onIdle?.()}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (e.clipboardData.files.length) {
              e.preventDefault();
              uploads.add(e.clipboardData.files);
            }
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {mode === 'reply' ? t('agentDesk.replyHint') : t('agentDesk.noteHint')}
        </p>
        {trigger && <Suggestions id={listId} kind={trigger.kind} items={items} active={active} onPick={(i) => void items[i]?.pick()} />}
      </div>
      <div className="composer-tools">
        <EmojiPicker onPick={insertText} disabled={pending} />
        <AttachmentPicker uploads={uploads} disabled={pending} />
        {mode === 'reply' && <DraftButton conversationId={conversationId} disabled={pending} onDraft={(d) => insertText(text.trim() ? `\n${d}` : d)} onError={setError} onStatus={setStatus} />}
      </div>
      <ErrorAlert error={error} fields={[]} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!canSend} aria-keyshortcuts="Control+Enter">
          {mode === 'reply' ? t('conversation.send') : t('conversation.addNote')}
        </button>
        <span role="status" className="pending">
          {pending ? t('conversation.sending') : ''}
        </span>
      </div>
      <StatusMessage>{status || null}</StatusMessage>
    </form>
  );
});
