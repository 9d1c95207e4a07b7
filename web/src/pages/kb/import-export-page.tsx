import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_LANGUAGES, kbApi, type KbImport } from '../../api/kb.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { SelectField } from '../../components/fields.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { KbTabs } from './kb-tabs.tsx';

const finished = (s: string) => s === 'done' || s === 'failed';

function Progress({ imp }: { imp: KbImport }) {
  const { t } = useTranslation();
  const percent = imp.totalRows > 0 ? Math.round((imp.processed / imp.totalRows) * 100) : 0;
  const text = t('kb.io.progressText', { processed: imp.processed, total: imp.totalRows, percent });
  return (
    <div className="import-progress">
      <progress max={100} value={percent} aria-label={t('kb.io.progressLabel')} aria-valuetext={text} style={{ width: '100%', maxWidth: '32rem' }} />
      <p className="hint">{t(`kb.io.statuses.${imp.status}`)} · {text}</p>
    </div>
  );
}

/** /kb/import: upload .md or .csv files (a job with a progress bar and a report of refused rows), and download exports. */
export function KbImportExportPage() {
  const { t } = useTranslation();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [imp, setImp] = useState<KbImport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [exportLang, setExportLang] = useState('');
  useDocumentTitle(`${t('kb.tabs.importExport')} · ${t('kb.title')}`);

  // Follows the running import until it is done.
  useEffect(() => {
    if (!imp || finished(imp.status)) return;
    const timer = setTimeout(() => kbApi.importStatus(imp.id).then(setImp, setError), 400);
    return () => clearTimeout(timer);
  }, [imp]);

  async function upload(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const md = files.filter((f) => /\.(md|markdown)$/i.test(f.name));
    const csv = files.filter((f) => /\.csv$/i.test(f.name));
    if (files.length === 0) return setError(new Error(t('kb.io.noFiles')));
    if (md.length !== files.length && !(csv.length === 1 && files.length === 1)) return setError(new Error(t('kb.io.mixed')));
    setBusy(true);
    try {
      const texts = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
      setImp(csv.length ? await kbApi.importCsv(texts[0]!.content) : await kbApi.importMarkdown(texts));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function exportMarkdown() {
    setError(null);
    try {
      const bundle = await kbApi.exportMarkdown(exportLang || undefined);
      const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'knowledge-base-markdown.json';
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('kb.title')}</h1>
      <KbTabs />
      <ErrorAlert error={error} />
      <h2>{t('kb.io.importTitle')}</h2>
      <p className="hint">{t('kb.io.importIntro')}</p>
      <form onSubmit={upload} className="form-row" noValidate>
        <div className="field">
          <label htmlFor={`${id}-files`}>{t('kb.io.files')}</label>
          <input id={`${id}-files`} type="file" multiple accept=".md,.markdown,.csv,text/markdown,text/csv" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </div>
        <div className="actions"><button type="submit" className="primary" disabled={busy || (imp !== null && !finished(imp.status))}>{t('kb.io.upload')}</button></div>
      </form>
      {imp && (
        <section aria-labelledby={`${id}-report`}>
          <Progress imp={imp} />
          {imp.error && <div role="alert" className="alert alert-error"><p>{imp.error}</p></div>}
          {finished(imp.status) && <p role="status">{t('kb.io.summary', { imported: imp.imported, rejected: imp.rejected })}</p>}
          <h3 id={`${id}-report`}>{t('kb.io.rejectedTitle')}</h3>
          {imp.report.length === 0 ? (
            finished(imp.status) && <p className="empty">{t('kb.io.noneRejected')}</p>
          ) : (
            <table className="data-table" aria-labelledby={`${id}-report`}>
              <thead><tr><th scope="col">{t('kb.io.colRow')}</th><th scope="col">{t('kb.colTitle')}</th><th scope="col">{t('kb.io.colReason')}</th></tr></thead>
              <tbody>{imp.report.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.title}</td><td>{r.reason}</td></tr>)}</tbody>
            </table>
          )}
        </section>
      )}
      <h2>{t('kb.io.exportTitle')}</h2>
      <p className="hint">{t('kb.io.exportIntro')}</p>
      <div className="form-row">
        <SelectField label={t('kb.language')} value={exportLang} onChange={(e) => setExportLang(e.target.value)} options={[['', t('kb.anyLanguage')], ...KB_LANGUAGES.map((l) => [l, t(`kb.languages.${l}`)] as const)]} />
        <div className="actions">
          <button type="button" onClick={() => void exportMarkdown()}>{t('kb.io.exportMarkdown')}</button>
          <a href={kbApi.exportCsvUrl(exportLang || undefined)} download>{t('kb.io.exportCsv')}</a>
        </div>
      </div>
    </section>
  );
}
