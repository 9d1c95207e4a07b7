import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kbSearchApi, type KbSearchHit } from '../../../api/kb-search.ts';
import { languageNames, isLanguage } from '../../../i18n/languages.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

const PAGE = 5;
const MAX = 50;

interface Loaded {
  results: KbSearchHit[];
  queryLanguage: string;
  basedOn: string | null;
}

/**
 * Knowledge-base articles beside a chat: suggestions for what the customer asked last, or the
 * results of the agent's own search (Alt+K). "Insert" hands the article to the composer.
 * Re-asks when the conversation or its latest customer message (`customerSeq`) changes.
 */
export function KbSuggestions({ conversationId, customerSeq, onInsert }: { conversationId: string; customerSeq?: number; onInsert: (hit: KbSearchHit) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const query = useDebounced(q.trim(), 250);
  const ui = isLanguage(i18n.language) ? i18n.language : undefined;

  useEffect(() => setLimit(PAGE), [query, conversationId]);

  useEffect(() => {
    let live = true;
    setError(null);
    const load = query
      ? kbSearchApi.search(query, { ui, limit }).then((r) => ({ results: r.results, queryLanguage: r.queryLanguage, basedOn: null }))
      : kbSearchApi.suggestions(conversationId, { ui, limit }).then((r) => ({ results: r.results, queryLanguage: r.queryLanguage, basedOn: r.basedOn }));
    load.then(
      (r) => live && setLoaded(r),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [conversationId, customerSeq, query, limit, ui, attempt]);

  // Alt+K: to the knowledge-base search box, from anywhere on the desk.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const langName = useCallback((l: string) => (isLanguage(l) ? languageNames[l] : l), []);
  const basedOn = loaded?.basedOn ?? null;
  const short = basedOn && basedOn.length > 80 ? `${basedOn.slice(0, 79)}…` : basedOn;

  return (
    <section className="panel kb-suggestions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('kbSearch.panelTitle')}</h2>
      <input
        ref={inputRef}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('kbSearch.searchPlaceholder')}
        aria-label={t('kbSearch.searchLabel')}
        aria-keyshortcuts="Alt+K"
        maxLength={10_000}
      />
      {!query && loaded && (short ? <p className="hint">{t('kbSearch.suggestedFor', { text: short })}</p> : <p className="hint">{t('kbSearch.noQuestion')}</p>)}
      {error ? (
        <p role="alert" className="error">
          {t('kbSearch.failed', { message: error })}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('kbSearch.retry')}
          </button>
        </p>
      ) : loaded === null ? (
        <p className="hint">{t('kbSearch.loading')}</p>
      ) : loaded.results.length === 0 ? (
        (query || basedOn) && <p className="empty">{t('kbSearch.none')}</p>
      ) : (
        <>
          <ul aria-label={t('kbSearch.results')} className="kb-results">
            {loaded.results.map((hit) => (
              <li key={`${hit.articleId}/${hit.language}`} lang={hit.language}>
                <strong>{hit.title}</strong>
                {hit.visibility === 'internal' && <span className="badge">{t('kbSearch.internal')}</span>}
                {hit.language !== ui && (
                  <span className="badge" title={t('kbSearch.language', { lang: langName(hit.language) })}>
                    {langName(hit.language)}
                  </span>
                )}
                <p className="hint">{hit.snippet}</p>
                <button type="button" onClick={() => onInsert(hit)} aria-label={t('kbSearch.insertTitle', { title: hit.title })}>
                  {t('kbSearch.insert')}
                </button>
              </li>
            ))}
          </ul>
          {loaded.results.length >= limit && limit < MAX && (
            <button type="button" onClick={() => setLimit((n) => Math.min(MAX, n + PAGE))}>
              {t('kbSearch.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
