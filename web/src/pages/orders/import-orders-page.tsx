import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ordersApi, type OrderImport, type OrderImportProgress } from '../../api/orders.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useEvents } from '../../lib/use-realtime.tsx';

const finished = (s: string) => s === 'done' || s === 'failed';

/** The live bar: moves with the `order_import.progress` events of the uploader's own topic. */
function ImportProgress({ imp }: { imp: Pick<OrderImport, 'totalRows' | 'processed' | 'status'> }) {
  const { t } = useTranslation();
  const percent = imp.totalRows > 0 ? Math.round((imp.processed / imp.totalRows) * 100) : imp.status === 'done' ? 100 : 0;
  const text = t('orders.progressText', { processed: imp.processed, total: imp.totalRows, percent });
  return (
    <div className="import-progress">
      <div
        role="progressbar"
        aria-label={t('orders.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        style={{ height: '0.75rem', background: '#eceef1', borderRadius: '0.375rem', overflow: 'hidden', maxWidth: '32rem' }}
      >
        <div style={{ width: `${percent}%`, height: '100%', background: 'var(--success, #2e7d32)', transition: 'width 0.2s' }} />
      </div>
      <p className="hint">{text}</p>
    </div>
  );
}

function ImportDetails({ imp }: { imp: OrderImport }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="import-details-title">
      <h2 id="import-details-title">
        {imp.filename ?? imp.id} <span className={`badge ${imp.status === 'done' ? 'badge-ok' : 'badge-muted'}`}>{t(`orders.statuses.${imp.status}`)}</span>
      </h2>
      <ImportProgress imp={imp} />
      {imp.error && <div role="alert" className="alert alert-error"><p>{imp.error}</p></div>}
      {finished(imp.status) && <p>{t('orders.summary', { imported: imp.imported, rejected: imp.rejected })}</p>}
      {finished(imp.status) && (
        <>
          <h3 id="rejected-title">{t('orders.rejectedTitle')}</h3>
          {imp.report.length === 0 ? (
            <p className="empty">{t('orders.noneRejected')}</p>
          ) : (
            <div className="table-wrap">
              <table aria-labelledby="rejected-title">
                <caption className="visually-hidden">{t('orders.rejectedLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('orders.line')}</th>
                    <th scope="col">{t('orders.externalId')}</th>
                    <th scope="col">{t('orders.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {imp.report.map((r) => (
                    <tr key={`${r.line}-${r.reason}`}>
                      <td>{r.line}</td>
                      <td>{r.externalId ?? ''}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** /customers/import-orders: upload a CSV of orders, watch it import, read the rejected rows, see past imports. */
export function ImportOrdersPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const formatDate = useFormatDate();
  useDocumentTitle(t('orders.importTitle'));
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [current, setCurrent] = useState<OrderImport | null>(null);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const past = usePagedList((cursor) => ordersApi.imports(cursor, q), q);
  const fileInput = useRef<HTMLInputElement>(null);
  /** Progress that arrived before the upload's answer named the import. */
  const early = useRef(new Map<string, OrderImportProgress>());
  const currentId = useRef<string | null>(null);

  const load = async (id: string) => {
    try {
      const full = await ordersApi.importById(id);
      if (currentId.current === id) setCurrent(full);
      if (finished(full.status)) {
        setStatus(t('orders.summary', { imported: full.imported, rejected: full.rejected }));
        past.reload();
      }
    } catch (e) {
      setError(e);
    }
  };

  const apply = (p: OrderImportProgress) => {
    setCurrent((c) => (c && c.id === p.importId ? { ...c, status: p.status, totalRows: p.totalRows, processed: p.processed, imported: p.imported, rejected: p.rejected } : c));
    if (finished(p.status)) void load(p.importId);
  };

  useEvents(me ? [`user:${me.user.id}`] : [], (event) => {
    if (event.type !== 'order_import.progress') return;
    const p = event.payload as unknown as OrderImportProgress;
    if (p.importId === currentId.current) apply(p);
    else early.current.set(p.importId, p);
  });

  useEffect(() => {
    if (current && !finished(current.status)) {
      // A safety net if the socket is down: re-read the import every few seconds until it ends.
      const timer = setInterval(() => void load(current.id), 5000);
      return () => clearInterval(timer);
    }
    return undefined;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id, current?.status]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus('');
    if (!file) {
      setError(new Error(t('orders.chooseFile')));
      fileInput.current?.focus();
      return;
    }
    setUploading(true);
    try {
      const imp = await ordersApi.uploadCsv(file);
      currentId.current = imp.id;
      setCurrent(imp);
      const seen = early.current.get(imp.id);
      if (seen) apply(seen);
      else if (finished(imp.status)) void load(imp.id);
      past.reload();
    } catch (err) {
      setError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="import-title">
        <h1 id="import-title">{t('orders.importTitle')}</h1>
        <p>
          <Link to="/customers">{t('customers.title')}</Link>
        </p>
        <p className="hint" id="import-intro">{t('orders.importIntro')}</p>
        <form onSubmit={submit} aria-describedby="import-intro">
          <div className="field">
            <label htmlFor="orders-csv-file">{t('orders.file')}</label>
            <input
              id="orders-csv-file"
              ref={fileInput}
              type="file"
              name="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="actions">
            <button type="submit" disabled={uploading}>
              {uploading ? t('orders.uploading') : t('orders.upload')}
            </button>
          </div>
        </form>
        <ErrorAlert error={error} />
        <StatusMessage>{status || null}</StatusMessage>
      </section>
      {current && <ImportDetails imp={current} />}
      <section className="panel" aria-labelledby="past-imports-title">
        <h2 id="past-imports-title">{t('orders.pastImports')}</h2>
        <div className="toolbar" role="search">
          <TextField label={t('orders.fileName')} type="search" name="q" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <ErrorAlert error={past.error} />
        <div className="table-wrap">
          <table aria-busy={past.loading}>
            <caption className="visually-hidden">{t('orders.pastImportsLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orders.fileName')}</th>
                <th scope="col">{t('orders.uploaded')}</th>
                <th scope="col">{t('orders.status')}</th>
                <th scope="col">{t('orders.rows')}</th>
                <th scope="col">{t('orders.result')}</th>
                <th scope="col"><span className="visually-hidden">{t('orders.show')}</span></th>
              </tr>
            </thead>
            <tbody>
              {past.items.map((i) => (
                <tr key={i.id}>
                  <td>{i.filename ?? i.id}</td>
                  <td>{formatDate(i.createdAt)}</td>
                  <td>{t(`orders.statuses.${i.status}`)}</td>
                  <td>{i.totalRows}</td>
                  <td>{i.imported} / {i.rejected}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('orders.showImport', { name: i.filename ?? i.id })}
                      onClick={() => {
                        currentId.current = i.id;
                        void load(i.id);
                      }}
                    >
                      {t('orders.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!past.loading && !past.error && past.items.length === 0 && <p className="empty">{t('orders.noImports')}</p>}
        <LoadMore list={past} />
      </section>
    </>
  );
}
