import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TimelineItem } from '../../../../src/contracts/customer-360.ts';
import { customer360Api, type TimelineKindName } from '../../api/customer-360.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useEvents } from '../../lib/use-realtime.tsx';
import { usePagedList } from '../../lib/use-paged-list.ts';

const KINDS: TimelineKindName[] = ['conversation', 'call', 'message', 'ticket', 'order', 'survey', 'note'];

/** Does a realtime event change this customer's timeline? */
function concerns(customerId: string, e: { aggregateId: string; payload: Record<string, unknown> }): boolean {
  const p = e.payload;
  return e.aggregateId === customerId || p.customerId === customerId || p.requesterId === customerId || p.survivorId === customerId || p.sourceId === customerId;
}

/**
 * Everything about one customer on one timeline, newest first, across channels: conversations,
 * calls, messages, tickets, orders, survey answers and notes; filterable by kind; live.
 */
export function CustomerTimeline({ customerId, readOnly }: { customerId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [kind, setKind] = useState<TimelineKindName | ''>('');
  const list = usePagedList((cursor) => customer360Api.timeline(customerId, { cursor, kinds: kind ? [kind] : undefined }), `${customerId}|${kind}`);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [status, setStatus] = useState('');

  useEvents(can('users.read') ? ['tenant'] : [], (event) => {
    if (!concerns(customerId, event) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      list.reload();
    }, 300);
  });

  return (
    <section className="panel" aria-labelledby="customer-timeline-title">
      <div className="subpanel-head">
        <h2 id="customer-timeline-title">{t('customer360.timeline')}</h2>
        <label className="inline-field">
          <span>{t('customer360.filter')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as TimelineKindName | '')}>
            <option value="">{t('customer360.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`customer360.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!readOnly && can('customers.manage') && (
        <NoteForm
          customerId={customerId}
          onAdded={() => {
            setStatus(t('customer360.noteAdded'));
            list.reload();
          }}
        />
      )}
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={list.error} />
      <ol className="timeline" aria-busy={list.loading} aria-label={t('customer360.timeline')}>
        {list.items.map((item) => (
          <TimelineEntry
            key={`${item.kind}:${item.id}`}
            item={item}
            customerId={customerId}
            onDeleted={() => {
              setStatus(t('customer360.noteDeleted'));
              list.setItems((items) => items.filter((i) => i.id !== item.id));
            }}
          />
        ))}
      </ol>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('customer360.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}

function TimelineEntry({ item, customerId, onDeleted }: { item: TimelineItem; customerId: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formatDate = useFormatDate();
  const [error, setError] = useState<unknown>(null);
  const d = item.data;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : t('customer360.erasedText'));
  let body: React.ReactNode = null;
  switch (item.kind) {
    case 'conversation':
    case 'call':
      body = (
        <>
          <Link to={`/desk/conversations/${item.id}`}>{String(d.inboxName ?? d.channel ?? '')}</Link>
          <span className={`badge status-${String(d.status)}`}>{t(`statuses.${String(d.status)}` as 'statuses.open')}</span>
          {typeof d.subject === 'string' && d.subject && <span>{d.subject}</span>}
        </>
      );
      break;
    case 'message':
      body = (
        <>
          <span className="muted">{t(`customer360.directions.${String(d.direction)}` as 'customer360.directions.inbound')}</span>
          <Link to={`/desk/conversations/${item.conversationId}`}>{text(d.text)}</Link>
        </>
      );
      break;
    case 'ticket':
      body = <Link to={`/tickets/${item.id}`}>{t('customer360.ticketLine', { number: d.number, subject: text(d.subject) })}</Link>;
      break;
    case 'order':
      body = <span>{t('customer360.orderLine', { externalId: d.externalId, total: d.total, currency: d.currency, items: d.items })}</span>;
      break;
    case 'survey':
      body = (
        <>
          <span>{t('customer360.surveyLine', { kind: String(d.surveyKind).toUpperCase(), score: d.score })}</span>
          {typeof d.comment === 'string' && d.comment && <q>{d.comment}</q>}
        </>
      );
      break;
    case 'note':
      body = (
        <>
          <span className="timeline-note">{text(d.text)}</span>
          {can('customers.manage') && (
            <button
              type="button"
              className="link-button"
              aria-label={t('customer360.deleteNote')}
              onClick={() => {
                setError(null);
                customer360Api.deleteNote(customerId, item.id).then(onDeleted, setError);
              }}
            >
              {t('customer360.deleteNote')}
            </button>
          )}
        </>
      );
      break;
  }
  return (
    <li data-kind={item.kind}>
      <time dateTime={item.at}>{formatDate(item.at)}</time>
      <span className="badge badge-muted">{t(`customer360.kinds.${item.kind}`)}</span>
      {body}
      {error ? <ErrorAlert error={error} /> : null}
    </li>
  );
}

function NoteForm({ customerId, onAdded }: { customerId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!text.trim() || pending) return;
    setPending(true);
    setError(null);
    try {
      await customer360Api.addNote(customerId, text);
      setText('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
  };
  return (
    <form ref={formRef} className="note-form" onSubmit={(e) => void submit(e)} aria-label={t('customer360.noteLabel')}>
      <ErrorAlert error={error} />
      <label className="field">
        <span>{t('customer360.noteLabel')}</span>
        <textarea value={text} rows={2} maxLength={10_000} placeholder={t('customer360.notePlaceholder')} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />
      </label>
      <button type="submit" disabled={pending || !text.trim()}>
        {pending ? t('common.saving') : t('customer360.addNote')}
      </button>
    </form>
  );
}
