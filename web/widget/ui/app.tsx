/** The widget: a launcher button and a dialog panel (header, then unavailable / closed / pre-chat / chat). */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WidgetConfig, WidgetIdentity } from '../../../src/contracts/widget.ts';
import { localized, translator } from '../i18n/index.ts';
import { WidgetApiError, type WidgetApi } from '../lib/api.ts';
import { pickLanguage, type Lang } from '../lib/language.ts';
import { Composer } from './composer.tsx';
import { Csat, OfflineForm, PrechatForm } from './forms.tsx';
import { ChatIcon, CloseIcon } from './icons.tsx';
import { MessageList } from './messages.tsx';
import { useChat } from './use-chat.ts';
import { intlLocale } from '../../src/lib/intl-locale.ts';

export interface AppProps {
  api: WidgetApi;
  inboxId: string;
  dataLang: string | null;
  htmlLang: string | null;
  browserLangs: readonly string[];
  identity?: WidgetIdentity;
}

type ConfigState = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'ready'; config: WidgetConfig };

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the badge may come back after a reload
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

export function App(props: AppProps) {
  const [cfg, setCfg] = useState<ConfigState>({ kind: 'loading' });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [offlineSent, setOfflineSent] = useState(false);
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement | null>(null);
  const config = cfg.kind === 'ready' ? cfg.config : null;
  const lang: Lang = pickLanguage({ dataLang: props.dataLang, htmlLang: props.htmlLang, browser: props.browserLangs, offered: config?.languages });
  const t = useMemo(() => translator(lang), [lang]);

  useEffect(() => {
    props.api.config(props.inboxId).then(
      (config) => setCfg({ kind: 'ready', config }),
      () => setCfg({ kind: 'unavailable' }),
    );
  }, [props.inboxId]);

  const [chat, act] = useChat({ api: props.api, config, inboxId: props.inboxId, lang, identity: props.identity, active: !!config });

  // Focus: into the panel when it opens, back to the launcher when it closes.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) {
      const p = panel.current;
      const target = input.current ?? p?.querySelector<HTMLElement>('form input, form textarea') ?? p?.querySelector<HTMLElement>('.close');
      target?.focus();
    } else if (wasOpen.current) launcher.current?.focus();
    wasOpen.current = open;
  }, [open, cfg.kind, chat.session?.prechatDone]);

  useEffect(() => {
    if (open && document.visibilityState === 'visible') act.markRead();
  }, [open, chat.timeline]);

  // Agent messages not seen yet (the panel was closed): a badge, and announced to screen readers.
  const seenKey = `sb-widget:${props.inboxId}:seen`;
  const lastAgent = [...chat.timeline.items].reverse().find((i) => i.direction === 'outbound' && i.seq !== null);
  const [seen, setSeen] = useState(() => Number(safeGet(seenKey) ?? 0));
  useEffect(() => {
    if (open && lastAgent && lastAgent.seq! > seen) {
      setSeen(lastAgent.seq!);
      safeSet(seenKey, String(lastAgent.seq));
    }
  }, [open, lastAgent?.seq]);
  const unread = open ? 0 : chat.timeline.items.filter((i) => i.direction === 'outbound' && i.seq !== null && i.seq > seen).length;

  const name = config?.name ?? '';
  const title = name ? t('chatWith', { name }) : t('openChat');
  const needPrechat = !!config?.prechatFields.length && !chat.session?.prechatDone;
  const closedNow = !!config && !config.businessHours.open && (!chat.conversationId || offlineSent);

  // No pre-chat form: the session starts when the visitor first opens the chat.
  useEffect(() => {
    if (open && config && !needPrechat && !closedNow && !chat.session) act.start().catch(() => act.setNotice({ code: 'internal', message: '' }));
  }, [open, config, needPrechat, closedNow, chat.session]);

  const upload = async (file: File): Promise<void> => {
    const limits = config!.attachments;
    if (file.size > limits.maxBytes) return act.setNotice({ code: 'too_large', message: t('tooLarge', { max: formatBytes(limits.maxBytes) }) });
    if (limits.contentTypes.length && !limits.contentTypes.includes(file.type)) return act.setNotice({ code: 'unsupported_type', message: t('badType') });
    try {
      const s = await act.ensureSession();
      const a = await props.api.upload(s.token, file);
      act.send('', [a.id]);
    } catch (e) {
      const code = e instanceof WidgetApiError ? e.code : 'internal';
      act.setNotice({ code, message: code === 'too_large' ? t('tooLarge', { max: formatBytes(limits.maxBytes) }) : code === 'unsupported_type' ? t('badType') : t('uploadFailed') });
    }
  };

  const noticeText = (n: { code: string; message: string }): string => (n.code === 'rate_limited' ? t('rateLimited') : n.code === 'too_large' || n.code === 'unsupported_type' ? n.message : t('errorGeneric'));

  let body: preact.ComponentChildren;
  if (cfg.kind === 'loading') body = <p class="notice">{t('connecting')}</p>;
  else if (cfg.kind === 'unavailable' || !config)
    body = (
      <p class="notice unavailable" role="status">
        {t('unavailable')}
      </p>
    );
  else if (closedNow) {
    const opens = config.businessHours.nextOpenAt
      ? new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(config.businessHours.nextOpenAt))
      : null;
    body = (
      <OfflineForm
        t={t}
        intro={localized(config.businessHours.closedMessage, lang, config.languages) ?? t('closedDefault')}
        opensAt={opens}
        onSubmit={async (v) => {
          const s = await act.ensureSession();
          await props.api.offline(s.token, v);
          setOfflineSent(true);
        }}
      />
    );
  } else if (needPrechat)
    body = (
      <PrechatForm
        fields={config.prechatFields}
        lang={lang}
        t={t}
        busy={busy}
        onSubmit={async (values) => {
          setBusy(true);
          try {
            await act.start(values);
          } catch {
            act.setNotice({ code: 'internal', message: '' });
          } finally {
            setBusy(false);
          }
        }}
      />
    );
  else {
    const eta = chat.queue?.etaSeconds;
    body = (
      <>
        <MessageList
          items={chat.timeline.items}
          receipt={chat.receipt}
          t={t}
          lang={lang}
          greeting={localized(config.greeting, lang, config.languages) ?? t('greeting')}
          fileUrl={(url) => props.api.fileUrl(url, chat.session?.token ?? '')}
          onRetry={act.retry}
          onChoose={(label) => act.send(label)}
          footer={
            <>
              {chat.queue && chat.queue.position > 0 ? (
                <p class="queue">
                  {t('queuePosition', { position: chat.queue.position })}{' '}
                  {eta ? t('queueWait', { minutes: Math.max(1, Math.round(eta / 60)) }) : t('queueSoon')}
                </p>
              ) : null}
              {chat.resolved && !chat.csatFor ? <p class="notice">{t('resolved')}</p> : null}
              {chat.csatFor ? <Csat t={t} kind={chat.csatKind} onSubmit={act.csat} /> : null}
              {chat.csatDone && !chat.csatFor ? (
                <p class="notice" role="status">
                  {t('csatThanks')}
                </p>
              ) : null}
            </>
          }
        />
        <p class="typing" aria-live="polite">
          {chat.agentTyping ? t('someoneTyping') : ''}
        </p>
        <Composer
          t={t}
          inputRef={input}
          accept={config.attachments.contentTypes.join(',')}
          onSend={(text) => act.send(text)}
          onFile={(f) => void upload(f)}
          onTyping={act.typing}
        />
      </>
    );
  }

  return (
    <div class={`sb ${config?.theme.position === 'left' ? 'left' : 'right'}`} style={config ? { '--sb-color': config.theme.color } : undefined}
      onKeyDown={(e) => {
        // Escape anywhere in the widget (the panel or the launcher) closes it.
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {open ? (
        <div
          ref={panel}
          class="panel"
          role="dialog"
          aria-modal="false"
          aria-labelledby="sb-title"
          lang={lang}
        >
          <header class="head">
            {config?.theme.logoUrl ? <img class="logo" src={config.theme.logoUrl} alt={t('logoAlt', { name })} /> : null}
            <h2 id="sb-title">{title}</h2>
            <button type="button" class="close" aria-label={t('closeChat')} onClick={() => setOpen(false)}>
              ×
            </button>
          </header>
          {chat.status === 'reconnecting' && !needPrechat ? (
            <p class="banner" role="status">
              {t('reconnecting')}
            </p>
          ) : null}
          {chat.notice ? (
            <p class="banner error" role="alert">
              {noticeText(chat.notice)}
            </p>
          ) : null}
          {body}
        </div>
      ) : null}
      <button
        ref={launcher}
        type="button"
        class="launcher"
        aria-label={open ? t('closeChat') : unread ? `${t('openChat')} (${unread})` : t('openChat')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? <CloseIcon /> : <ChatIcon />}
        {unread ? (
          <span class="badge" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
      <p class="sr-only" aria-live="polite">
        {unread && lastAgent ? t('newMessage', { name: lastAgent.authorName || t('agent'), text: lastAgent.text.slice(0, 200) }) : ''}
      </p>
    </div>
  );
}
