/** The message list: text only (links become <a> elements built from linkify parts, never HTML). */
import { useEffect, useRef } from 'preact/hooks';
import type { Translate } from '../i18n/index.ts';
import { linkify } from '../lib/linkify.ts';
import type { TimelineItem } from '../lib/timeline.ts';
import { intlLocale } from '../../src/lib/intl-locale.ts';

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, n) =>
        p.kind === 'link' ? (
          <a key={n} href={p.href} target="_blank" rel="noopener noreferrer nofollow">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

function mark(item: TimelineItem, receipt: { deliveredSeq: number; readSeq: number }, t: Translate): string {
  if (item.status === 'failed') return t('failed');
  if (item.seq === null) return t('sending');
  if (item.seq <= receipt.readSeq) return t('read');
  if (item.seq <= receipt.deliveredSeq) return t('delivered');
  return '';
}

export function MessageList(props: {
  items: readonly TimelineItem[];
  receipt: { deliveredSeq: number; readSeq: number };
  t: Translate;
  lang: string;
  fileUrl(url: string): string;
  onRetry(clientId: string): void;
  /** A quick reply of the bot's latest message was chosen: send its label. */
  onChoose?(label: string): void;
  greeting: string;
  footer?: preact.ComponentChildren;
}) {
  const { t } = props;
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [props.items.length, props.footer]);
  const time = new Intl.DateTimeFormat(intlLocale(props.lang), { hour: '2-digit', minute: '2-digit' });
  return (
    <div class="log" role="log" aria-live="polite" aria-label={t('messagesLabel')} tabIndex={0}>
      <p class="greeting">{props.greeting}</p>
      <ul class="messages">
        {props.items.map((m, n) => {
          const own = m.direction === 'inbound';
          const who = own ? t('you') : m.authorName || (m.bot ? t('bot') : t('agent'));
          // Quick replies only while they are the last word: answered ones are history.
          const choices = !own && m.choices?.length && n === props.items.length - 1 ? m.choices : null;
          const status = own ? mark(m, props.receipt, t) : '';
          return (
            <li key={m.key} class={`msg ${own ? 'own' : 'agent'} ${m.status}`} data-seq={m.seq ?? undefined}>
              <div class="meta">
                <span class="who">{who}</span> <time dateTime={m.at}>{time.format(new Date(m.at))}</time>
              </div>
              {m.text ? (
                <div class="bubble">
                  <MessageText text={m.text} />
                </div>
              ) : null}
              {choices && props.onChoose ? (
                <div class="choices" role="group" aria-label={t('quickReplies')}>
                  {choices.map((c) => (
                    <button key={c.key} type="button" class="choice" onClick={() => props.onChoose!(c.label)}>
                      {c.label}
                    </button>
                  ))}
                </div>
              ) : null}
              {m.attachments.length ? (
                <ul class="files">
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={props.fileUrl(a.url)} target="_blank" rel="noopener noreferrer" download={a.filename}>
                        {t('attachment', { name: a.filename })}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {status ? (
                <div class="status">
                  {status}
                  {m.status === 'failed' && m.clientId ? (
                    <>
                      {' '}
                      <button type="button" class="link" onClick={() => props.onRetry(m.clientId!)}>
                        {t('retry')}
                      </button>
                    </>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {props.footer}
      <div ref={end} />
    </div>
  );
}
