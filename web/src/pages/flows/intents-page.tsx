import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { flowsApi, type Intent } from '../../api/flows.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { FlowsTabs } from './flows-page.tsx';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** /flows/intents: intents with example phrases (one per line, any language) and the HTTP allow-list. */
export function FlowIntentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = useId();
  const manage = can('flows.manage');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const list = usePagedList((cursor) => flowsApi.intents(q, cursor), q);
  const [editing, setEditing] = useState<Intent | null>(null);
  const [name, setName] = useState('');
  const [examples, setExamples] = useState('');
  const [hosts, setHosts] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useDocumentTitle(t('flows.intents.title'));
  useEffect(() => {
    flowsApi.hosts().then((h) => setHosts(h.join('\n')), setError);
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const body = { name, examples: lines(examples) };
      const r = editing ? await flowsApi.updateIntent(editing.id, body) : await flowsApi.createIntent(body);
      setStatus(t('flows.intents.saved', { name: r.name }));
      setEditing(null);
      setName('');
      setExamples('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(i: Intent) {
    if (!window.confirm(t('flows.intents.confirmDelete', { name: i.name }))) return;
    try {
      await flowsApi.removeIntent(i.id);
      setStatus(t('flows.intents.deleted', { name: i.name }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  async function saveHosts(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const h = await flowsApi.setHosts(lines(hosts));
      setHosts(h.join('\n'));
      setStatus(t('flows.hosts.saved', { count: h.length }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('flows.intents.title')}</h1>
      <FlowsTabs />
      <p className="hint">{t('flows.intents.intro')}</p>
      <ErrorAlert error={error} fields={['name', 'examples', 'hosts']} />
      <StatusMessage>{status || null}</StatusMessage>
      <div className="toolbar" role="search">
        <TextField label={t('flows.intents.search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <table className="data-table" aria-busy={list.loading}>
        <caption className="visually-hidden">{t('flows.intents.title')}</caption>
        <thead>
          <tr><th scope="col">{t('flows.intents.name')}</th><th scope="col">{t('flows.intents.examples')}</th>{manage && <th scope="col">{t('flows.actions')}</th>}</tr>
        </thead>
        <tbody>
          {list.items.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>{t('flows.intents.count', { count: i.examples.length })}: {i.examples.slice(0, 3).join(' · ')}</td>
              {manage && (
                <td className="actions">
                  <button type="button" onClick={() => { setEditing(i); setName(i.name); setExamples(i.examples.join('\n')); }}>{t('flows.intents.edit', { name: i.name })}</button>
                  <button type="button" className="danger" onClick={() => void remove(i)}>{t('flows.intents.delete', { name: i.name })}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && list.items.length === 0 && <p className="empty">{t('flows.intents.empty')}</p>}
      <LoadMore list={list} />
      {manage && (
        <form onSubmit={save} aria-labelledby={`${id}-form`} noValidate>
          <h2 id={`${id}-form`}>{editing ? t('flows.intents.editTitle', { name: editing.name }) : t('flows.intents.new')}</h2>
          <TextField label={t('flows.intents.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} required />
          <div className="field">
            <label htmlFor={`${id}-ex`}>{t('flows.intents.examples')}</label>
            <textarea id={`${id}-ex`} rows={8} value={examples} onChange={(e) => setExamples(e.target.value)} aria-describedby={`${id}-ex-hint`} />
            <p id={`${id}-ex-hint`} className="hint">{t('flows.intents.examplesHint')}</p>
          </div>
          <div className="actions">
            <button type="submit" className="primary">{t('flows.intents.save')}</button>
            {editing && <button type="button" onClick={() => { setEditing(null); setName(''); setExamples(''); }}>{t('common.cancel')}</button>}
          </div>
        </form>
      )}
      <form onSubmit={saveHosts} aria-labelledby={`${id}-hosts`} noValidate>
        <h2 id={`${id}-hosts`}>{t('flows.hosts.title')}</h2>
        <div className="field">
          <label htmlFor={`${id}-hosts-in`}>{t('flows.hosts.label')}</label>
          <textarea id={`${id}-hosts-in`} rows={4} value={hosts} onChange={(e) => setHosts(e.target.value)} disabled={!manage} aria-describedby={`${id}-hosts-hint`} />
          <p id={`${id}-hosts-hint`} className="hint">{t('flows.hosts.hint')}</p>
        </div>
        {manage && <button type="submit">{t('flows.hosts.save')}</button>}
      </form>
    </section>
  );
}
