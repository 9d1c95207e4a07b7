import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { searchKinds, type SearchItem, type SearchKindName, type SearchSnippet } from '../../../../src/contracts/search.ts';
import type { Permission } from '../../../../src/contracts/auth.ts';
import { inboxesApi } from '../../api/endpoints.ts';
import { searchApi } from '../../api/search.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

/** The id of the search box: the global "/" shortcut focuses it. */
export const SEARCH_BOX_ID = 'global-search';

const kindPermission: Record<SearchKindName, Permission> = {
  message: 'conversations.read',
  conversation: 'conversations.read',
  customer: 'customers.read',
  ticket: 'tickets.read',
};
const statuses = ['open', 'pending', 'snoozed', 'resolved', 'new', 'on-hold', 'solved', 'closed'] as const;

/** The snippet with the matched words in <mark>, built from the offsets (never from HTML). */
export function Highlighted({ snippet }: { snippet: SearchSnippet }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const h of snippet.highlights) {
    if (h.start < at || h.end > snippet.text.length || h.end <= h.start) continue;
    if (h.start > at) parts.push(snippet.text.slice(at, h.start));
    parts.push(<mark key={h.start}>{snippet.text.slice(h.start, h.end)}</mark>);
    at = h.end;
  }
  if (at < snippet.text.length) parts.push(snippet.text.slice(at));
  return <>{parts}</>;
}

function linkOf(item: SearchItem): string {
  if (item.kind === 'ticket') return `/tickets/${item.id}`;
  if (item.kind === 'customer') return `/customers/${item.id}`;
  return `/desk/conversations/${item.conversationId ?? item.id}`;
}

/** The day after a YYYY-MM-DD date: "to" includes the whole day it names. */
function dayAfter(date: string): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** /search: full-text search over what the user may read, with filters. */
export function SearchPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const allowedKinds = searchKinds.filter((k) => can(kindPermission[k]));
  const [types, setTypes] = useState<SearchKindName[]>([]);
  const [inboxId, setInboxId] = useState('');
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [inboxes, setInboxes] = useState<{ id: string; name: string }[]>([]);
  const [stale, setStale] = useState(false);
  useDocumentTitle(t('search.title'));

  useEffect(() => {
    if (!can('conversations.read')) return;
    inboxesApi.list().then((p) => setInboxes(p.items.map((i) => ({ id: i.id, name: i.name }))), () => setInboxes([]));
  }, [can]);

  // The query lives in the address, so a search can be shared and survives a reload.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, params, setParams]);

  const key = JSON.stringify([q, types, inboxId, status, from, to]);
  const list = usePagedList(
    (cursor) => (q ? searchApi.search({ q, types, inboxId, status, from: from || undefined, to: dayAfter(to), cursor }) : Promise.resolve({ items: [], nextCursor: null })),
    key,
  );
  useEffect(() => setStale(false), [key]);
  // New messages, tickets and customer changes may change the results: offer a refresh.
  useEvents(['tenant'], () => {
    if (q) setStale(true);
  });

  const toggle = (k: SearchKindName) => setTypes((cur) => (cur.includes(k) ? cur.filter((x) => x !== k) : [...cur, k]));

  return (
    <section className="panel" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setText((v) => v.trim());
        }}
      >
        <TextField
          id={SEARCH_BOX_ID}
          label={t('search.box')}
          hint={t('search.hint')}
          type="search"
          name="q"
          autoComplete="off"
          autoFocus
          maxLength={200}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </form>
      <div className="filter-bar" role="group" aria-label={t('search.filters')}>
        <div role="group" aria-label={t('search.types')} className="segmented">
          {allowedKinds.map((k) => (
            <button key={k} type="button" aria-pressed={types.includes(k)} onClick={() => toggle(k)}>
              {t(`search.kinds.${k}`)}
            </button>
          ))}
        </div>
        {can('conversations.read') && (
          <SelectField
            label={t('search.inbox')}
            value={inboxId}
            onChange={(e) => setInboxId(e.target.value)}
            options={[['', t('search.anyInbox')], ...inboxes.map((i) => [i.id, i.name] as const)]}
          />
        )}
        <SelectField
          label={t('search.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[['', t('search.anyStatus')], ...statuses.map((s) => [s, t(`search.statuses.${s}`)] as const)]}
        />
        <TextField label={t('search.from')} type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('search.to')} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
      </div>
      {stale && (
        <div className="alert" role="status">
          <p>{t('search.stale')}</p>
          <button type="button" onClick={() => list.reload()}>
            {t('search.refresh')}
          </button>
        </div>
      )}
      <ErrorAlert error={list.error} />
      {!q && <p className="empty">{t('search.start')}</p>}
      {q && (
        <>
          <h2 className="visually-hidden" id="search-results">
            {t('search.resultsFor', { q })}
          </h2>
          <ol aria-labelledby="search-results" aria-busy={list.loading} className="member-list search-results">
            {list.items.map((item) => (
              <li key={`${item.kind}:${item.id}`} style={{ display: 'block' }}>
                <div>
                  <span className={`badge badge-muted kind-${item.kind}`}>{t(`search.kind.${item.kind}`)}</span>{' '}
                  <Link to={linkOf(item)}>{item.title || t('search.untitled')}</Link>{' '}
                  {item.status && <span className={`badge status-${item.status}`}>{t(`search.statuses.${item.status as (typeof statuses)[number]}`, { defaultValue: item.status })}</span>}{' '}
                  <span className="hint">{formatDate(item.at)}</span>
                </div>
                <p className="snippet" style={{ margin: '0.25rem 0 0' }}>
                  <Highlighted snippet={item.snippet} />
                </p>
              </li>
            ))}
          </ol>
          {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('search.empty', { q })}</p>}
          <LoadMore list={list} />
        </>
      )}
    </section>
  );
}
