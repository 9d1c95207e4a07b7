import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { sentimentBandOf } from '../../../../src/contracts/surveys.ts';
import { surveysApi, type VocComment, type VocThemesResponse } from '../../api/surveys.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useFormatDate } from '../../lib/format.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import './voc.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const fmt = (n: number | null) => (n === null ? '–' : n.toFixed(2));

/** /analytics/voc: survey comments by theme and sentiment; search, filters, pagination. */
export function VocPage() {
  const { t } = useTranslation();
  const id = useId();
  const formatDate = useFormatDate();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [kind, setKind] = useState('');
  const [sentiment, setSentiment] = useState('');
  const [theme, setTheme] = useState('');
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const [themes, setThemes] = useState<VocThemesResponse | null>(null);
  const [themesError, setThemesError] = useState<unknown>(null);
  const searchEl = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('surveys.vocTitle'));

  const range = { from: from || undefined, to: to || undefined, kind: kind || undefined };
  const key = JSON.stringify([from, to, kind, sentiment, theme, query]);
  const list = usePagedList(
    (cursor) => surveysApi.comments({ ...range, sentiment: sentiment || undefined, theme: theme || undefined, q: query || undefined, cursor: cursor ?? undefined }),
    key,
  );
  useEffect(() => {
    setThemesError(null);
    surveysApi.themes({ from: from || undefined, to: to || undefined, kind: kind || undefined }).then(setThemes, setThemesError);
  }, [from, to, kind]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (e.key === '/' && tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT') {
        e.preventDefault();
        searchEl.current?.focus();
      }
    };
    // Capture phase: on this page "/" searches the comments rather than opening the global search.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const band = (c: VocComment) => (c.sentimentBand ? t(`surveys.${c.sentimentBand}`) : t('surveys.unknown'));
  return (
    <section className="panel voc" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('surveys.vocTitle')}</h1>
      <p className="hint">{t('surveys.vocIntro')}</p>
      <div className="voc-filters" role="search">
        <TextField label={t('surveys.from')} type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('surveys.to')} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        <SelectField label={t('surveys.kind')} value={kind} onChange={(e) => setKind(e.target.value)} options={[['', t('surveys.anyKind')], ['csat', 'CSAT'], ['nps', 'NPS']] as const} />
        <SelectField
          label={t('surveys.sentiment')}
          value={sentiment}
          onChange={(e) => setSentiment(e.target.value)}
          options={[['', t('surveys.anySentiment')], ['positive', t('surveys.positive')], ['neutral', t('surveys.neutral')], ['negative', t('surveys.negative')]] as const}
        />
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('surveys.search')}</label>
          <input ref={searchEl} id={`${id}-q`} type="search" value={q} maxLength={200} aria-keyshortcuts="/" aria-describedby={`${id}-q-hint`} onChange={(e) => setQ(e.target.value)} />
          <p id={`${id}-q-hint`} className="hint">{t('surveys.searchHint')}</p>
        </div>
      </div>

      <h2 id={`${id}-themes`}>{t('surveys.themesTitle')}</h2>
      <ErrorAlert error={themesError} />
      {themes && <p className="hint">{t('surveys.commentsOf', { count: themes.comments })}</p>}
      {theme && (
        <p>
          <button type="button" onClick={() => setTheme('')}>{t('surveys.clearTheme', { theme })}</button>
        </p>
      )}
      {themes && themes.themes.length === 0 && <p className="empty">{t('surveys.themesEmpty')}</p>}
      <ul className="voc-themes" aria-labelledby={`${id}-themes`}>
        {themes?.themes.map((x) => (
          <li key={x.theme}>
            <button
              type="button"
              aria-pressed={theme === x.theme}
              aria-label={t('surveys.themeButton', { theme: x.theme, count: x.count, sentiment: fmt(x.averageSentiment) })}
              className={`voc-theme ${x.averageSentiment === null ? '' : sentimentBandOf(x.averageSentiment) === 'positive' ? 'pos' : sentimentBandOf(x.averageSentiment) === 'negative' ? 'neg' : 'neu'}`}
              onClick={() => setTheme(theme === x.theme ? '' : x.theme)}
            >
              <span>{x.theme}</span> <span className="voc-count">{x.count}</span>
            </button>
          </li>
        ))}
      </ul>

      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('surveys.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surveys.colWhen')}</th>
              <th scope="col">{t('surveys.colScore')}</th>
              <th scope="col">{t('surveys.colComment')}</th>
              <th scope="col">{t('surveys.colSentiment')}</th>
              <th scope="col">{t('surveys.colThemes')}</th>
              <th scope="col">{t('surveys.colCustomer')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <td><time dateTime={c.respondedAt}>{formatDate(c.respondedAt)}</time></td>
                <td>{t('surveys.score', { kind: c.kind.toUpperCase(), score: c.score })}</td>
                <td lang={c.language ?? undefined} className="voc-comment">{c.comment}</td>
                <td><span className={`voc-band ${c.sentimentBand ?? 'none'}`}>{band(c)}</span>{c.sentiment !== null && <span className="hint"> {fmt(c.sentiment)}</span>}</td>
                <td>{c.themes.slice(0, 4).join(', ')}</td>
                <td>
                  <Link to={`/customers/${c.customerId}`} aria-label={t('surveys.openCustomer', { name: c.customerName })}>{c.customerName}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('surveys.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
