import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { routingApi, type OfferDto } from '../../api/routing.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { useCustomers } from '../../lib/lookups.ts';
import { beep } from './beep.ts';
import { useLiveReload, useNow, useQueues } from './shared.ts';

/** The incoming-offer dialog for agents, on every page of the frame. */
export function OfferPopup() {
  const { can } = useAuth();
  if (!can('routing.work')) return null;
  return <Offers />;
}

const offerEvents = new Set(['task.offered', 'task.offer_expired', 'task.offer_rejected', 'task.accepted', 'task.assigned', 'task.transferred', 'task.completed', 'task.abandoned', 'task.cancelled']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Offers() {
  const me = useMe();
  const [offers, setOffers] = useState<OfferDto[]>([]);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  // Tick fast only while an offer is on screen (its countdown); otherwise just drop stale ones now and then.
  const now = useNow(offers.length ? 250 : 30_000);

  const load = useCallback(async () => {
    try {
      const list = await routingApi.offers();
      setOffers(list.items.filter((o) => o.status === 'pending'));
    } catch {
      // The next event or reconnect tries again.
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload([`user:${me.user.id}`], () => void load(), (type) => offerEvents.has(type));

  const offer = offers.find((o) => !gone.has(o.id) && Date.parse(o.expiresAt) > now);
  const dismiss = useCallback((id: string) => setGone((s) => new Set([...s, id])), []);
  if (!offer) return null;
  return <OfferDialog key={offer.id} offer={offer} now={now} onDone={() => dismiss(offer.id)} onStale={() => void load()} />;
}

interface DialogProps {
  offer: OfferDto;
  now: number;
  onDone: () => void;
  onStale: () => void;
}

function OfferDialog({ offer, now, onDone, onStale }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const titleId = useId();
  const bodyId = useId();
  const acceptRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { byId: queues } = useQueues();
  const task = offer.task;
  const attrs = task.attributes as Record<string, unknown>;
  const customerId = typeof attrs.customerId === 'string' ? attrs.customerId : null;
  const customers = useCustomers(customerId ? [customerId] : []);
  const customer = customerId ? customers[customerId] : undefined;
  const left = Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - now) / 1000));

  // Focus moves to the offer (and back where it was when the offer goes); a short beep announces it.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    acceptRef.current?.focus();
    beep();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  const latest = useRef({ accept: () => {}, reject: () => {} });
  async function act(kind: 'accept' | 'reject') {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      if (kind === 'accept') {
        await routingApi.accept(offer.id);
        onDone();
        if (task.sourceType === 'conversation' && task.sourceId) navigate(`/desk/conversations/${task.sourceId}`);
      } else {
        await routingApi.reject(offer.id);
        onDone();
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common.genericError'));
      setBusy(false);
      onStale();
    }
  }
  latest.current = { accept: () => void act('accept'), reject: () => void act('reject') };

  // A accepts, R rejects (not while typing in a field).
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'a' || key === 'r') {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (key === 'a') latest.current.accept();
        else latest.current.reject();
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const channel = typeof attrs.channel === 'string' ? attrs.channel : task.kind;
  const language = typeof attrs.language === 'string' ? attrs.language : null;
  const queueName = task.queueId ? (queues[task.queueId]?.name ?? '…') : t('routing.noQueue');
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      className="card offer-popup"
      data-offer-id={offer.id}
      style={{ position: 'fixed', insetInlineEnd: '1rem', insetBlockEnd: '1rem', zIndex: 50, maxWidth: '24rem', boxShadow: '0 6px 24px rgba(0,0,0,.25)', background: '#fff' }}
    >
      <h2 id={titleId}>{t('routing.offerTitle', { kind: t(`routing.kinds.${task.kind}`) })}</h2>
      <dl id={bodyId} className="details">
        <dt>{t('routing.offerCustomer')}</dt>
        <dd>{customer ? customer.name || t('customers.unnamed') : customerId ? '…' : t('routing.unknownCustomer')}</dd>
        <dt>{t('routing.offerChannel')}</dt>
        <dd>{t(`routing.channels.${channel as 'chat'}`, { defaultValue: channel })}</dd>
        {language && (
          <>
            <dt>{t('routing.offerLanguage')}</dt>
            <dd>{t(`routing.languages.${language as 'en'}`, { defaultValue: language })}</dd>
          </>
        )}
        <dt>{t('routing.offerQueue')}</dt>
        <dd>{queueName}</dd>
      </dl>
      <p>
        <span role="timer" aria-atomic="true" className="badge priority-high" data-testid="offer-countdown">
          {t('routing.offerLeft', { n: left })}
        </span>
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button ref={acceptRef} type="button" className="primary" disabled={busy} aria-keyshortcuts="a" onClick={() => void act('accept')}>
          {t('routing.accept')} <kbd aria-hidden="true">A</kbd>
        </button>
        <button type="button" disabled={busy} aria-keyshortcuts="r" onClick={() => void act('reject')}>
          {t('routing.reject')} <kbd aria-hidden="true">R</kbd>
        </button>
      </div>
    </div>
  );
}
